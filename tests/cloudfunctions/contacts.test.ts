/**
 * The party grid's own links through the real SDK (router `contacts`): a leader names a party
 * member as the contact of households (bounded, batched, audited), the member's 我联系的住户 with
 * today's status of each person in a fixed number of DB calls, and the 关爱协管员's 我照看的.
 */
import { addDays, chinaDay, COLLECTIONS, type ReturnDeclaration } from '@gridguard/types';
import { databaseCalls } from '../../bench/http';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [{ openid: 'oGenLeader02', name: '黄伟', roleLabel: '烟南村网格长' }],
  });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const leader = () => as('oDemoLeader');
const member = () => as('oDemoVolunteer');
const resident = () => as('oDemoResident');
const command = () => as('oDemoCommand');
const today = () => chinaDay(Date.now());

/** 王秀英's household and its people, in 第三户联系党小组 of 沙头社区's first branch. */
const OWN = 'h-demo-resident';
const SELF = 'h-demo-resident-p1';
const HUSBAND = 'h-demo-resident-p2';
const MOTHER = 'h-demo-resident-p3';
const H3_1 = 'h-g-shatou-b1-h3-1';
const H1 = ['h-g-shatou-b1-h1-1', 'h-g-shatou-b1-h1-2', 'h-g-shatou-b1-h1-3'];
/** 第二经济社's households: under 陈建华 too, but not under 李志强's branch. */
const B2_1 = 'h-g-shatou-b2-h1-1';
const OUT = 'h-g-yannan-b1-h1-1';

const docs = (collection: string) => storedDocs(server.emulator, collection);
const snapshot = () =>
  JSON.stringify([
    docs(COLLECTIONS.households),
    docs(COLLECTIONS.auditLog),
    docs(COLLECTIONS.observations),
  ]);
const household = (id: string) => docs(COLLECTIONS.households).find((d) => d['_id'] === id);
const audits = (action: string) => docs(COLLECTIONS.auditLog).filter((d) => d['action'] === action);

const declaration = (province: string, arrivalDay: string): ReturnDeclaration => ({
  origin: { province, city: '', district: '' },
  via: [],
  transport: 'train',
  transportNumber: 'G1002',
  departureDay: addDays(arrivalDay, -1),
  arrivalDay,
  contactWithCases: false,
  symptoms: [],
});

describe('户联系 candidates', () => {
  it('lists the confirmed party members of the node and the nodes above, nearest first', async () => {
    const { items } = dataOf(
      await leader()('contacts', 'candidates', { gridId: 'g-shatou-b1-h3' }),
    );
    const names = items.map((c) => c.name);
    expect(names[0]).toBe('梁志明');
    expect(names).toEqual(expect.arrayContaining(['李志强', '黄德明', '陈建华', '何丽娟']));
    // 郭海燕 volunteers but is not a party member; 宋艳 contacts another branch.
    expect(names).not.toContain('郭海燕');
    expect(names).not.toContain('宋艳');
    expect(items.find((c) => c.name === '李志强')).toMatchObject({
      openid: 'oDemoVolunteer',
      gridId: 'g-shatou-b1',
      gridName: '第一经济社党支部',
      party: true,
    });
  });

  it('is a leader’s: members, residents and other leaders are refused; the command centre is told of a missing node', async () => {
    for (const call of [member(), resident(), as('oGenLeader02')])
      expect(await call('contacts', 'candidates', { gridId: 'g-shatou-b1-h3' })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    expect(await leader()('contacts', 'candidates', { gridId: 'g-nowhere' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await command()('contacts', 'candidates', { gridId: 'g-nowhere' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
});

describe('户联系 assignment', () => {
  beforeAll(async () => {
    // 赵敏 joins 第一经济社 as a party member by an invite code: pending until confirmed.
    const { code } = dataOf(
      await leader()('members', 'invite', { gridId: 'g-shatou-b1', kind: 'member', party: true }),
    );
    dataOf(await as('oDemoNewcomer')('members', 'join', { code, name: '赵敏' }));
  });

  it('refuses anyone not over every household, and anyone who may not contact them; a refusal writes nothing', async () => {
    const before = snapshot();
    const refused = async (call: ReturnType<typeof as>, householdIds: string[], openid: string) =>
      (await call('contacts', 'assign', { householdIds, openid })) as {
        ok: boolean;
        code?: string;
      };
    expect(await refused(member(), [OWN], 'oDemoVolunteer')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(resident(), [OWN], 'oDemoVolunteer')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refused(leader(), [OUT], 'oDemoVolunteer')).toMatchObject({ code: 'FORBIDDEN' });
    // One household out of scope spoils the batch: nothing of it is written.
    expect(await refused(leader(), [OWN, OUT], 'oDemoVolunteer')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refused(leader(), [OWN, 'h-nowhere'], 'oDemoVolunteer')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refused(command(), ['h-nowhere'], 'oDemoVolunteer')).toMatchObject({
      code: 'NOT_FOUND',
    });
    // Not a party member; a party member of another branch; a party member not yet confirmed.
    for (const openid of ['oGenVolunteer01', 'oGenContact02', 'oDemoNewcomer'])
      expect(await refused(leader(), [OWN, H3_1], openid)).toMatchObject({ code: 'NOT_FOUND' });
    // 李志强 serves 第一经济社: a household of the second is not his to contact.
    expect(await refused(leader(), [OWN, B2_1], 'oDemoVolunteer')).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await leader()('contacts', 'assign', {
        householdIds: Array.from({ length: 101 }, (_, i) => `h-${i}`),
        openid: 'oDemoVolunteer',
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(snapshot()).toBe(before);
  });

  it('names the contact of several households at once, audited with before and after; a retry changes nothing', async () => {
    const result = dataOf(
      await leader()('contacts', 'assign', {
        householdIds: [OWN, H3_1, H1[0] ?? '', OWN],
        openid: 'oDemoVolunteer',
      }),
    );
    expect(result).toEqual({ updated: 3, contact: { name: '李志强', party: true } });
    expect(household(OWN)?.['contact']).toEqual({
      openid: 'oDemoVolunteer',
      name: '李志强',
      party: true,
    });
    const entries = audits('household.contact');
    expect(entries.map((e) => e['target']).sort()).toEqual([H1[0], H3_1, OWN].sort());
    expect(entries.find((e) => e['target'] === OWN)).toMatchObject({
      actor: 'oDemoLeader',
      gridId: 'g-shatou-b1-h3',
      gridPath: ['g-jiujiang', 'g-shatou', 'g-shatou-b1', 'g-shatou-b1-h3'],
      detail: {
        before: { openid: 'oGenContact03', name: '梁志明' },
        after: { openid: 'oDemoVolunteer', name: '李志强' },
      },
    });
    const before = snapshot();
    expect(
      dataOf(
        await leader()('contacts', 'assign', {
          householdIds: [OWN, H3_1],
          openid: 'oDemoVolunteer',
        }),
      ).updated,
    ).toBe(0);
    expect(snapshot()).toBe(before);
    // The household card a leader sees names the new contact.
    const page = dataOf(
      await leader()('grids', 'households', { gridId: 'g-shatou-b1-h3', page: 1 }),
    );
    expect(page.items.find((h) => h.id === OWN)?.contact).toEqual({ name: '李志强', party: true });
  });

  it('clears a contact, audited', async () => {
    expect(
      dataOf(await leader()('contacts', 'assign', { householdIds: [H1[0] ?? ''], openid: null })),
    ).toEqual({ updated: 1, contact: null });
    expect(household(H1[0] ?? '')?.['contact']).toBeNull();
    expect(audits('household.contactClear')[0]).toMatchObject({
      target: H1[0],
      detail: { before: { openid: 'oDemoVolunteer', name: '李志强' }, after: null },
    });
  });
});

describe('我联系的住户', () => {
  beforeAll(async () => {
    // 王秀英 under observation, not reported today; her husband reported, normal; her mother a fever.
    const arrival = addDays(today(), -1);
    for (const personId of [SELF, HUSBAND, MOTHER])
      dataOf(
        await resident()('returns', 'declare', {
          personId,
          declaration: declaration('湖北省', arrival),
        }),
      );
    dataOf(
      await resident()('reports', 'submit', { personId: HUSBAND, temperature: 36.5, symptoms: [] }),
    );
    dataOf(
      await resident()('reports', 'submit', { personId: MOTHER, temperature: 38.1, symptoms: [] }),
    );
  });

  it('lists the member’s households with each person’s status today and the household’s tags', async () => {
    const page = dataOf(await member()('contacts', 'mine', { page: 1 }));
    expect(page.total).toBe(2);
    expect(page.items.map((h) => h.id).sort()).toEqual([H3_1, OWN].sort());
    const own = page.items.find((h) => h.id === OWN);
    expect(own).toMatchObject({
      address: '沙头社区新村大街18号',
      gridName: '第三户联系党小组',
      tags: { observing: 3, notReported: 1, abnormal: 1 },
    });
    const status = Object.fromEntries((own?.people ?? []).map((p) => [p.id, p.status]));
    expect(status).toEqual({ [SELF]: 'notReported', [HUSBAND]: 'reported', [MOTHER]: 'abnormal' });
    expect(own?.people.find((p) => p.id === SELF)).toMatchObject({
      phoneMasked: '138****8018',
      mayRevealPhone: true,
      observation: { class: 'central', dayNumber: 2, totalDays: 14 },
    });
    // Her mother has no phone registered: nothing to reveal.
    expect(own?.people.find((p) => p.id === MOTHER)?.mayRevealPhone).toBe(false);
    const other = page.items.find((h) => h.id === H3_1);
    expect(other?.tags).toEqual({ observing: 0, notReported: 0, abnormal: 0 });
    expect(other?.people.every((p) => p.status === 'none' && p.observation === null)).toBe(true);
  });

  it('follows the day: a report moves 今日未报 to 今日已报', async () => {
    dataOf(
      await resident()('reports', 'submit', { personId: SELF, temperature: 36.4, symptoms: [] }),
    );
    const own = dataOf(await member()('contacts', 'mine', { page: 1 })).items.find(
      (h) => h.id === OWN,
    );
    expect(own?.people.find((p) => p.id === SELF)?.status).toBe('reported');
    expect(own?.tags).toEqual({ observing: 3, notReported: 0, abnormal: 1 });
  });

  it('lets the member call: the phone is revealed through people.reveal, audited', async () => {
    expect(
      dataOf(await member()('people', 'reveal', { personId: SELF, field: 'phone' })).value,
    ).toBe('13800138018');
    expect(
      audits('person.reveal').some((e) => e['actor'] === 'oDemoVolunteer' && e['target'] === SELF),
    ).toBe(true);
  });

  it('is for grid staff: a resident or a newcomer not yet confirmed is refused', async () => {
    for (const openid of ['oDemoResident', 'oDemoNewcomer'])
      expect(await as(openid)('contacts', 'mine', { page: 1 })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    // A leader who contacts nobody gets an empty page.
    expect(dataOf(await leader()('contacts', 'mine', { page: 1 }))).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('costs the same number of DB calls for one household as for a full page', async () => {
    const caller = member();
    dataOf(await caller('contacts', 'mine', { page: 1 }));
    const calls = async () => {
      const before = await databaseCalls(server.url);
      dataOf(await caller('contacts', 'mine', { page: 1 }));
      return (await databaseCalls(server.url)) - before;
    };
    dataOf(await leader()('contacts', 'assign', { householdIds: [H3_1], openid: null }));
    const one = await calls();
    expect(dataOf(await member()('contacts', 'mine', { page: 1 })).total).toBe(1);
    const all = [...H1, OWN, H3_1, 'h-g-shatou-b1-h3-2'];
    dataOf(await leader()('contacts', 'assign', { householdIds: all, openid: 'oDemoVolunteer' }));
    const six = await calls();
    expect(dataOf(await member()('contacts', 'mine', { page: 1 })).total).toBe(6);
    expect(six).toBe(one);
    // The caller (2), the page and its count (2), people, node names, observations, reports.
    expect(one).toBeLessThanOrEqual(8);
  });
});

describe('关爱协管员', () => {
  it('offers a leader the confirmed team on the person’s path, with the current carer', async () => {
    const { items, current } = dataOf(await leader()('contacts', 'carers', { personId: SELF }));
    expect(current).toBe('oGenContact03');
    const names = items.map((c) => c.name);
    expect(names[0]).toBe('梁志明');
    expect(names).toEqual(expect.arrayContaining(['李志强', '郭海燕', '何丽娟']));
    expect(names).not.toContain('赵敏');
    for (const call of [member(), resident(), as('oGenLeader02')])
      expect(await call('contacts', 'carers', { personId: SELF })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    expect(await command()('contacts', 'carers', { personId: 'p-nobody' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('lists a carer’s observed people with the day counter and today’s status', async () => {
    expect(dataOf(await member()('contacts', 'cared', { page: 1 })).total).toBe(0);
    for (const personId of [SELF, MOTHER])
      dataOf(await leader()('returns', 'assignCarer', { personId, openid: 'oDemoVolunteer' }));
    const page = dataOf(await member()('contacts', 'cared', { page: 1 }));
    expect(page.total).toBe(2);
    // The escalated first.
    expect(page.items.map((p) => [p.personId, p.status])).toEqual([
      [MOTHER, 'abnormal'],
      [SELF, 'reported'],
    ]);
    expect(page.items[1]).toMatchObject({
      name: '王秀英',
      address: '沙头社区新村大街18号',
      gridName: '第三户联系党小组',
      class: 'central',
      dayNumber: 2,
      totalDays: 14,
      lastReportDay: today(),
      phoneMasked: '138****8018',
      mayRevealPhone: true,
    });
    expect(await resident()('contacts', 'cared', { page: 1 })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});
