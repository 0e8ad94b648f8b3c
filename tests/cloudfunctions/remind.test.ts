/**
 * 一键提醒 on 今日未报 through the real SDK (reports.remind): the same reminder as the morning
 * timer — a subscribe message where a credit was granted, else the call list — once per person per
 * day, whoever sends it; the list's counts of how the reminders stand; refusals write nothing.
 */
import {
  addDays,
  chinaDay,
  COLLECTIONS,
  SUBSCRIBE_TEMPLATES,
  type ReturnDeclaration,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const member = () => as('oDemoVolunteer');
const resident = () => as('oDemoResident');
const today = () => chinaDay(Date.now());

/** 王秀英 (on WeChat), her husband and her mother (not on WeChat), in 沙头社区's first branch. */
const SELF = 'h-demo-resident-p1';
const HUSBAND = 'h-demo-resident-p2';
const MOTHER = 'h-demo-resident-p3';
const BRANCH = 'g-shatou-b1';
const TEMPLATE = SUBSCRIBE_TEMPLATES.reportReminder.id;

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
const docs = (collection: string) => storedDocs(server.emulator, collection);
const missing = async () =>
  dataOf(await member()('reports', 'missing', { gridId: BRANCH, page: 1 }));

beforeAll(async () => {
  for (const personId of [SELF, HUSBAND, MOTHER])
    dataOf(await resident()('returns', 'declare', { personId, declaration: fromWuhan() }));
  server.emulator.ledger.grant('oDemoResident', TEMPLATE);
});

describe('一键提醒', () => {
  it('messages whoever granted a credit and puts the rest on the call list', async () => {
    const before = await missing();
    expect(before.total).toBe(3);
    expect(before.reminded).toEqual({ message: 0, call: 0 });
    expect(before.items.every((m) => m.reminded === null)).toBe(true);

    const sent = dataOf(await member()('reports', 'remind', { gridId: BRANCH }));
    expect(sent).toEqual({ messages: 1, calls: 2, after: null });
    expect(
      server.emulator.ledger.outbox({ touser: 'oDemoResident', templateId: TEMPLATE }),
    ).toHaveLength(1);

    const after = await missing();
    expect(after.reminded).toEqual({ message: 1, call: 2 });
    expect(Object.fromEntries(after.items.map((m) => [m.personId, m.reminded]))).toEqual({
      [SELF]: 'message',
      [HUSBAND]: 'call',
      [MOTHER]: 'call',
    });
    expect(docs(COLLECTIONS.auditLog).filter((d) => d['action'] === 'report.remind')).toEqual([
      expect.objectContaining({
        actor: 'oDemoVolunteer',
        target: BRANCH,
        detail: { day: today(), messages: 1, calls: 2 },
      }),
    ]);
  });

  it('reminds nobody twice the same day, whether the member or the morning timer asks again', async () => {
    server.emulator.ledger.grant('oDemoResident', TEMPLATE);
    expect(dataOf(await member()('reports', 'remind', { gridId: BRANCH }))).toEqual({
      messages: 0,
      calls: 0,
      after: null,
    });
    await fetch(`${server.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'reportReminders', triggerName: 'morningReminder' }),
    });
    expect(server.emulator.ledger.outbox({ touser: 'oDemoResident' })).toHaveLength(1);
    expect(docs(COLLECTIONS.reminders)).toHaveLength(3);
  });

  it('counts only those still unreported: who reports drops out of the list and its counts', async () => {
    dataOf(
      await resident()('reports', 'submit', { personId: HUSBAND, temperature: 36.5, symptoms: [] }),
    );
    const list = await missing();
    expect(list.total).toBe(2);
    expect(list.reminded).toEqual({ message: 1, call: 1 });
  });

  it('gives each row whom to call: the person, else who registered them', async () => {
    const rows = new Map((await missing()).items.map((m) => [m.personId, m]));
    expect(rows.get(SELF)?.call).toEqual({
      personId: SELF,
      name: '王秀英',
      phoneMasked: '138****8018',
      self: true,
    });
    // 王桂英 has no phone; her daughter registered her.
    expect(rows.get(MOTHER)?.call).toMatchObject({ personId: SELF, self: false });
  });

  it('is refused to a resident and out of scope, writing nothing', async () => {
    const before = JSON.stringify([docs(COLLECTIONS.reminders), docs(COLLECTIONS.auditLog)]);
    expect(await resident()('reports', 'remind', { gridId: BRANCH })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await member()('reports', 'remind', { gridId: 'g-yannan-b1' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(JSON.stringify([docs(COLLECTIONS.reminders), docs(COLLECTIONS.auditLog)])).toBe(before);
  });

  it('goes through a long list a batch at a time, each call bounded', async () => {
    // 52 people under observation in 烟南村, none reported: more than one batch.
    const store = server.emulator.store;
    const path = ['g-jiujiang', 'g-yannan', 'g-yannan-b1', 'g-yannan-b1-h1'];
    store.atomically(() => {
      for (let i = 0; i < 52; i += 1) {
        const personId = `p-batch-${String(i).padStart(2, '0')}`;
        store.insert(COLLECTIONS.observations, {
          _id: personId,
          personId,
          name: `居民${i}`,
          householdId: 'h-g-yannan-b1-h1-1',
          gridId: 'g-yannan-b1-h1',
          gridPath: path,
          returnId: `${personId}:${today()}`,
          reasons: [],
          overridden: false,
          lastReportDay: null,
          status: 'observing',
          class: 'routine',
          startDay: addDays(today(), -1),
          endDay: addDays(today(), 12),
          history: [],
          updatedAt: new Date(),
        });
      }
    });
    const command = as('oDemoCommand');
    const first = dataOf(await command('reports', 'remind', { gridId: 'g-yannan' }));
    expect(first).toEqual({ messages: 0, calls: 50, after: 'p-batch-49' });
    const rest = dataOf(
      await command('reports', 'remind', { gridId: 'g-yannan', after: first.after ?? '' }),
    );
    expect(rest).toEqual({ messages: 0, calls: 2, after: null });
    expect(
      dataOf(await command('reports', 'missing', { gridId: 'g-yannan', page: 1 })).reminded,
    ).toEqual({
      message: 0,
      call: 52,
    });
  });
});
