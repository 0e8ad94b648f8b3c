/**
 * The observation lists give staff what 「请尽快电话或上门核实」 needs, through the real SDK: the
 * reading that raised an alert (temperature, symptoms, note), the address, and whom to call — the
 * person, else the family member who registered them — masked until the audited reveal.
 */
import { addDays, chinaDay, COLLECTIONS, type ReturnDeclaration } from '@gridguard/types';
import { databaseCalls } from '../../bench/http';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const member = () => as('oDemoVolunteer');
const resident = () => as('oDemoResident');
const today = () => chinaDay(Date.now());

/** 王秀英 (phone 138****8018), her husband (a phone of his own), her mother (registered by her). */
const SELF = 'h-demo-resident-p1';
const HUSBAND = 'h-demo-resident-p2';
const MOTHER = 'h-demo-resident-p3';
const BRANCH = 'g-shatou-b1';

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

const listed = async (status?: 'escalated') => {
  const { items } = dataOf(
    await member()('returns', 'list', { gridId: BRANCH, page: 1, ...(status && { status }) }),
  );
  return new Map(items.map((item) => [item.personId, item]));
};

beforeAll(async () => {
  for (const personId of [HUSBAND, MOTHER])
    dataOf(await resident()('returns', 'declare', { personId, declaration: fromWuhan() }));
  dataOf(
    await resident()('reports', 'submit', {
      personId: MOTHER,
      temperature: 38.3,
      symptoms: ['cough', 'fatigue'],
      note: '夜里咳嗽',
    }),
  );
});

describe('what an alert says', () => {
  it('keeps the reading that raised it, even after a later report that day', async () => {
    // A second, normal reading the same day updates the report; the alert still says why.
    dataOf(
      await resident()('reports', 'submit', { personId: MOTHER, temperature: 36.8, symptoms: [] }),
    );
    const mother = (await listed('escalated')).get(MOTHER);
    expect(mother?.alert).toEqual({
      day: today(),
      reason: '体温 38.3℃',
      temperature: 38.3,
      symptoms: ['cough', 'fatigue'],
      note: '夜里咳嗽',
    });
  });
});

describe('where to go and whom to call', () => {
  it('gives the address, and the person’s own masked phone when they have one', async () => {
    const husband = (await listed()).get(HUSBAND);
    expect(husband?.address).toBe('沙头社区新村大街18号');
    expect(husband?.call).toMatchObject({ personId: HUSBAND, name: '冯国庆', self: true });
    expect(husband?.call?.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('falls back to the family member who registered someone without a phone', async () => {
    expect((await listed()).get(MOTHER)?.call).toEqual({
      personId: SELF,
      name: '王秀英',
      phoneMasked: '138****8018',
      self: false,
    });
    // The member calls her: the reveal is allowed in scope and audited, like any other.
    const before = server.emulator.store.countAll(server.emulator.store.db, COLLECTIONS.auditLog);
    expect(
      dataOf(await member()('people', 'reveal', { personId: SELF, field: 'phone' })).value,
    ).toBe('13800138018');
    expect(server.emulator.store.countAll(server.emulator.store.db, COLLECTIONS.auditLog)).toBe(
      before + 1,
    );
  });

  it('reads a page’s addresses and phones in a fixed number of calls', async () => {
    const calls = async (status?: 'escalated') => {
      await listed(status); // the login, outside the count
      const start = await databaseCalls(server.url);
      await listed(status);
      return (await databaseCalls(server.url)) - start;
    };
    // One escalated person or all the observed: the same calls (caller, node, page, count,
    // households, people).
    expect(await calls('escalated')).toBe(await calls());
    expect(await calls()).toBeLessThanOrEqual(7);
  });
});
