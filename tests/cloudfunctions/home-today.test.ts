/**
 * What home shows each role, through the real SDK: a node's 今日待办 for its team (grids.todos),
 * counted by the database with the query each list pages through; a resident's household today
 * (contacts.family) and the grid member they call (contacts.callStaff, audited).
 */
import { addDays, chinaDay, COLLECTIONS, type ReturnDeclaration } from '@gridguard/types';
import { databaseCalls } from '../../bench/http';
import { phoneFor } from '../../scripts/demo/builder';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const leader = () => as('oDemoLeader');
const member = () => as('oDemoVolunteer');
const resident = () => as('oDemoResident');
const newcomer = () => as('oDemoNewcomer');
const today = () => chinaDay(Date.now());

/** 陈建华 leads 沙头社区; 李志强 serves its first branch, home of 王秀英's household. */
const COMMUNITY = 'g-shatou';
const BRANCH = 'g-shatou-b1';
const OUT = 'g-yannan';
const OWN = 'h-demo-resident';
const SELF = 'h-demo-resident-p1';
const HUSBAND = 'h-demo-resident-p2';
const MOTHER = 'h-demo-resident-p3';

const docs = (collection: string) => storedDocs(server.emulator, collection);
const fromWuhan = (): ReturnDeclaration => ({
  origin: { province: '湖北省', city: '武汉市', district: '' },
  via: [],
  transport: 'train',
  transportNumber: 'G1002',
  departureDay: addDays(today(), -2),
  arrivalDay: addDays(today(), -1),
  contactWithCases: false,
  symptoms: [],
});

/** What each to-do's own list says, for the same caller and node. */
async function listed(call: ReturnType<typeof as>, gridId: string) {
  const [missing, alerts, pool, requests] = await Promise.all([
    call('reports', 'missing', { gridId, page: 1 }),
    call('returns', 'list', { gridId, page: 1, status: 'escalated' }),
    call('errands', 'pool', { page: 1 }),
    call('households', 'requests', { gridId, page: 1 }),
  ]);
  return {
    notReported: dataOf(missing).total,
    abnormal: dataOf(alerts).total,
    openErrands: dataOf(pool).total,
    joinRequests: requests.ok ? requests.data.total : null,
  };
}

describe('今日待办: a node’s to-dos for its team', () => {
  it('counts what each list holds, and follows the day’s changes', async () => {
    const before = dataOf(await leader()('grids', 'todos', { gridId: COMMUNITY }));
    expect(before).toMatchObject({ gridId: COMMUNITY, gridName: '沙头社区' });
    expect(before).toMatchObject(await listed(leader(), COMMUNITY));

    // 王秀英's husband is back from 武汉 and has not reported; she asks for groceries; 赵敏 asks
    // to join the household by its door code.
    dataOf(await resident()('returns', 'declare', { personId: HUSBAND, declaration: fromWuhan() }));
    dataOf(
      await resident()('errands', 'request', {
        personId: SELF,
        request: {
          items: [{ name: '大米', quantity: '10斤', note: '' }],
          budget: 80,
          urgency: 2,
          deliveryNote: '',
          contactless: true,
        },
      }),
    );
    dataOf(
      await newcomer()('households', 'join', { code: 'WXY2H8', name: '赵敏', relation: '子女' }),
    );

    const after = dataOf(await leader()('grids', 'todos', { gridId: COMMUNITY }));
    expect(after).toEqual({
      ...before,
      notReported: before.notReported + 1,
      openErrands: (before.openErrands ?? 0) + 1,
      joinRequests: (before.joinRequests ?? 0) + 1,
      newReturns: (before.newReturns ?? 0) + 1,
    });

    // His fever moves him from 今日未报 to 异常.
    dataOf(
      await resident()('reports', 'submit', { personId: HUSBAND, temperature: 38.2, symptoms: [] }),
    );
    const fever = dataOf(await leader()('grids', 'todos', { gridId: COMMUNITY }));
    expect(fever.notReported).toBe(after.notReported - 1);
    expect(fever.abnormal).toBe(after.abnormal + 1);
    expect(fever).toMatchObject(await listed(leader(), COMMUNITY));
  });

  it('gives a member only what they act on: no join requests or class review', async () => {
    const todos = dataOf(await member()('grids', 'todos', { gridId: BRANCH }));
    expect(todos.joinRequests).toBeNull();
    expect(todos.newReturns).toBeNull();
    const lists = await listed(member(), BRANCH);
    expect(todos).toMatchObject({
      notReported: lists.notReported,
      abnormal: lists.abnormal,
      openErrands: lists.openErrands,
    });
  });

  it('refuses a node out of scope and a resident, like any node read', async () => {
    expect(await member()('grids', 'todos', { gridId: OUT })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await resident()('grids', 'todos', { gridId: BRANCH })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('takes the same fixed number of database calls for a branch and the whole town', async () => {
    const calls = async (openid: string, gridId: string) => {
      const call = as(openid);
      dataOf(await call('grids', 'todos', { gridId })); // the login, outside the count
      const start = await databaseCalls(server.url);
      dataOf(await call('grids', 'todos', { gridId }));
      return (await databaseCalls(server.url)) - start;
    };
    const branch = await calls('oDemoLeader', BRANCH);
    const town = await calls('oDemoCommand', 'g-jiujiang');
    // The caller (2), the node, five counts.
    expect(branch).toBeLessThanOrEqual(8);
    expect(town).toBeLessThanOrEqual(branch);
  });
});

describe('我家今日: a resident’s household and whom to call', () => {
  it('lists the caller first, each with today’s report and observation day, and the 户联系', async () => {
    const family = dataOf(await resident()('contacts', 'family', {}));
    expect(family).not.toBeNull();
    if (!family) return;
    expect(family.day).toBe(today());
    expect(family.address).toBe('沙头社区新村大街18号');
    expect(family.people.map((p) => [p.name, p.self])).toEqual([
      ['王秀英', true],
      ['冯国庆', false],
      ['王桂英', false],
    ]);
    // 冯国庆 came back yesterday and reported a fever above.
    expect(family.people.find((p) => p.personId === HUSBAND)).toMatchObject({
      status: 'abnormal',
      report: { temperature: 38.2, abnormal: true },
      observation: { dayNumber: 2, totalDays: 14 },
    });
    expect(family.people.find((p) => p.personId === MOTHER)).toMatchObject({
      status: 'none',
      report: null,
      observation: null,
    });
    expect(family.staff).toEqual({ name: '梁志明', role: '户联系', callable: true });
  });

  it('reveals the 户联系’s phone to call, and audits it', async () => {
    const { name, phone } = dataOf(await resident()('contacts', 'callStaff', {}));
    expect(name).toBe('梁志明');
    expect(phone).toBe(phoneFor(403));
    expect(
      docs(COLLECTIONS.auditLog).filter(
        (d) => d['action'] === 'staff.reveal' && d['actor'] === 'oDemoResident',
      ),
    ).toEqual([
      expect.objectContaining({
        target: 'oGenContact03',
        gridPath: expect.arrayContaining([BRANCH]),
      }),
    ]);
  });

  it('falls back to the nearest leader above when the household has no 户联系', async () => {
    dataOf(await leader()('contacts', 'assign', { householdIds: [OWN], openid: null }));
    const family = dataOf(await resident()('contacts', 'family', {}));
    expect(family?.staff).toEqual({ name: '黄德明', role: '网格长', callable: true });
    expect(dataOf(await resident()('contacts', 'callStaff', {}))).toEqual({
      name: '黄德明',
      phone: phoneFor(303),
    });
  });

  it('calls a member on the number they gave when they joined, kept only beside the full numbers', async () => {
    const { code } = dataOf(
      await leader()('members', 'invite', { gridId: BRANCH, kind: 'member', party: true }),
    );
    const joiner = 'oDemoNewcomer';
    dataOf(await as(joiner)('members', 'join', { code, name: '周海燕', phone: '13955556666' }));
    dataOf(await leader()('members', 'confirm', { gridId: BRANCH, openid: joiner, confirm: true }));
    dataOf(await leader()('contacts', 'assign', { householdIds: [OWN], openid: joiner }));
    expect(dataOf(await resident()('contacts', 'callStaff', {}))).toEqual({
      name: '周海燕',
      phone: '13955556666',
    });
    expect(JSON.stringify(docs(COLLECTIONS.memberships))).not.toContain('13955556666');
    expect(docs(COLLECTIONS.personSecrets).find((d) => d._id === `member:${joiner}`)).toMatchObject(
      { phone: '13955556666' },
    );
  });

  it('has nothing for someone in no household, and refuses them a call without a write', async () => {
    expect(dataOf(await newcomer()('contacts', 'family', {}))).toBeNull();
    const audit = docs(COLLECTIONS.auditLog).length;
    expect(await newcomer()('contacts', 'callStaff', {})).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(docs(COLLECTIONS.auditLog).length).toBe(audit);
  });
});
