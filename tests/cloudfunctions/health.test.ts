import {
  addDays,
  chinaDay,
  COLLECTIONS,
  SUBSCRIBE_TEMPLATES,
  type ReturnDeclaration,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';
import { gatewayCall, gatewayLogin } from '../helpers/gateway';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir() });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const resident = () => as('oDemoResident');
const SELF = 'h-demo-resident-p1';
const MOTHER = 'h-demo-resident-p3';
const today = () => chinaDay(Date.now());
const docs = (collection: string, where: (d: Record<string, unknown>) => boolean) => {
  const store = server.emulator.store;
  return [...store.candidates(store.db, collection, undefined)].map((c) => c.doc).filter(where);
};

const fromWuhan = (arrivalDay: string): ReturnDeclaration => ({
  origin: { province: '湖北省', city: '武汉市', district: '' },
  via: [],
  transport: 'train',
  transportNumber: 'G1002',
  departureDay: addDays(arrivalDay, -1),
  arrivalDay,
  contactWithCases: false,
  symptoms: [],
});

describe('return registration', () => {
  it('classifies by the command centre rules and starts a 14-day observation', async () => {
    const view = dataOf(
      await resident()('returns', 'declare', {
        personId: SELF,
        declaration: fromWuhan(addDays(today(), -2)),
      }),
    );
    expect(view).toMatchObject({
      class: 'central',
      status: 'observing',
      reasons: ['来自高风险地区（湖北省）'],
      dayNumber: 3,
      totalDays: 14,
      overridden: false,
    });
  });

  it('declaring the same return again updates it, never duplicates', async () => {
    const declaration = { ...fromWuhan(addDays(today(), -2)), transportNumber: 'G1004' };
    await resident()('returns', 'declare', { personId: SELF, declaration });
    expect(docs(COLLECTIONS.returns, (d) => d['personId'] === SELF)).toHaveLength(1);
    expect(docs(COLLECTIONS.observations, (d) => d['personId'] === SELF)).toHaveLength(1);
  });

  it('a family member is registered by proxy; an outsider may not', async () => {
    const view = dataOf(
      await resident()('returns', 'declare', {
        personId: MOTHER,
        declaration: {
          ...fromWuhan(today()),
          origin: { province: '广西', city: '', district: '' },
        },
      }),
    );
    expect(view).toMatchObject({ class: 'routine', dayNumber: 1 });
    expect(docs(COLLECTIONS.returns, (d) => d['personId'] === MOTHER)[0]).toMatchObject({
      proxy: true,
      registeredBy: 'oDemoResident',
    });
    expect(
      await as('oDemoNewcomer')('returns', 'declare', {
        personId: MOTHER,
        declaration: fromWuhan(today()),
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('bad input is refused with the field named, and changes nothing', async () => {
    const before = docs(COLLECTIONS.returns, () => true).length;
    const bad = await resident()('returns', 'declare', {
      personId: SELF,
      declaration: { ...fromWuhan(today()), arrivalDay: '2020/02/01' },
    });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!bad.ok && bad.issues?.[0]?.path).toBe('declaration.arrivalDay');
    expect(docs(COLLECTIONS.returns, () => true)).toHaveLength(before);
  });

  it('a leader overrides the class with a reason (audited); a member may not', async () => {
    expect(
      await as('oDemoVolunteer')('returns', 'override', {
        personId: MOTHER,
        class: 'key',
        reason: '同住人来自湖北',
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const view = dataOf(
      await as('oDemoLeader')('returns', 'override', {
        personId: MOTHER,
        class: 'key',
        reason: '同住人来自湖北',
      }),
    );
    expect(view).toMatchObject({ class: 'key', overridden: true });
    expect(view.reasons).toContain('网格长调整为重点类：同住人来自湖北');
    expect(
      docs(COLLECTIONS.auditLog, (d) => d['action'] === 'observation.override')[0],
    ).toMatchObject({ actor: 'oDemoLeader', target: MOTHER });
    // A later resubmission of the same return keeps the leader's decision.
    await resident()('returns', 'declare', {
      personId: MOTHER,
      declaration: { ...fromWuhan(today()), origin: { province: '广西', city: '', district: '' } },
    });
    expect(
      dataOf(await resident()('returns', 'status', { personId: MOTHER })).observation?.class,
    ).toBe('key');
  });
});

describe('the leader’s classification queue', () => {
  it('lists open observations under a node, escalated first, then by class; outsiders may not', async () => {
    const queue = async (openid: string, gridId: string) =>
      as(openid)('returns', 'list', { gridId, page: 1 });
    const listed = dataOf(await queue('oDemoLeader', 'g-shatou'));
    expect(listed.items.map((o) => [o.personId, o.class])).toEqual([
      [SELF, 'central'],
      [MOTHER, 'key'],
    ]);
    expect(listed.total).toBe(2);
    expect(dataOf(await queue('oDemoCommand', 'g-yannan')).items).toEqual([]);
    expect(await queue('oDemoNewcomer', 'g-shatou')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('daily health report', () => {
  it('appears in the not-reported list until reported, then leaves it', async () => {
    const missing = async () =>
      dataOf(
        await as('oDemoVolunteer')('reports', 'missing', { gridId: 'g-shatou-b1', page: 1 }),
      ).items.map((m) => m.personId);
    expect(await missing()).toEqual(expect.arrayContaining([SELF, MOTHER]));
    dataOf(
      await resident()('reports', 'submit', { personId: MOTHER, temperature: 36.5, symptoms: [] }),
    );
    expect(await missing()).toEqual([SELF]);
    expect(
      await as('oDemoNewcomer')('reports', 'missing', { gridId: 'g-shatou-b1', page: 1 }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a double tap and a retry give one report per person per China day', async () => {
    const submit = (temperature: number) =>
      resident()('reports', 'submit', { personId: SELF, temperature, symptoms: [] });
    const results = await Promise.all([submit(36.6), submit(36.6), submit(36.6)]);
    expect(results.every((r) => r.ok)).toBe(true);
    await submit(36.7);
    const stored = docs(COLLECTIONS.healthReports, (d) => d['personId'] === SELF);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ day: today(), temperature: 36.7, abnormal: false });
    expect(dataOf(await resident()('reports', 'today', { personId: SELF })).today).toMatchObject({
      temperature: 36.7,
    });
    // Every submission is a write, so every one is in the audit log, by whom and for whom.
    const audited = docs(
      COLLECTIONS.auditLog,
      (d) => d['action'] === 'report.submit' && d['target'] === SELF,
    );
    expect(audited.length).toBe(4);
    expect(audited[0]).toMatchObject({
      actor: 'oDemoResident',
      detail: { day: today(), abnormal: false },
    });
  });

  it('a fever escalates the observation at once', async () => {
    const report = dataOf(
      await resident()('reports', 'submit', {
        personId: SELF,
        temperature: 37.8,
        symptoms: ['cough'],
      }),
    );
    expect(report.abnormal).toBe(true);
    expect(
      dataOf(await resident()('returns', 'status', { personId: SELF })).observation?.status,
    ).toBe('escalated');
  });

  it('temperatures outside the human range are refused', async () => {
    expect(
      await resident()('reports', 'submit', { personId: SELF, temperature: 63, symptoms: [] }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('the morning reminder timer', () => {
  it('sends a message where a credit was granted, puts the rest on the call list, once a day', async () => {
    const store = server.emulator.store;
    // 王秀英 has not reported today (her report is removed); her husband has no WeChat at all.
    store.atomically(() => {
      const report = store.getById(store.db, COLLECTIONS.healthReports, `${SELF}:${today()}`);
      if (report) store.remove(report.seq);
      const obs = store.getById(store.db, COLLECTIONS.observations, SELF);
      if (obs)
        store.replace(COLLECTIONS.observations, obs.seq, { ...obs.doc, lastReportDay: null });
    });
    dataOf(
      await resident()('returns', 'declare', {
        personId: 'h-demo-resident-p2',
        declaration: fromWuhan(today()),
      }),
    );
    server.emulator.ledger.grant('oDemoResident', SUBSCRIBE_TEMPLATES.reportReminder.id);
    const fire = () =>
      fetch(`${server.url}/_emulator/timers/fire`, {
        method: 'POST',
        body: JSON.stringify({ functionName: 'reportReminders', triggerName: 'morningReminder' }),
      });
    expect((await fire()).status).toBe(200);
    await fire();
    expect(
      server.emulator.ledger.outbox({
        touser: 'oDemoResident',
        templateId: SUBSCRIBE_TEMPLATES.reportReminder.id,
      }),
    ).toHaveLength(1);
    const list = dataOf(
      await as('oDemoVolunteer')('reports', 'missing', { gridId: 'g-shatou-b1', page: 1 }),
    ).items;
    expect(Object.fromEntries(list.map((m) => [m.personId, m.reminded]))).toEqual({
      [SELF]: 'message',
      'h-demo-resident-p2': 'call',
    });
  });

  it('without a credit left (WeChat answers 43101) the reminder becomes a call', async () => {
    const store = server.emulator.store;
    // Today's reminder slot is freed, as if this were the next morning; the credit was spent.
    store.atomically(() => {
      const slot = store.getById(store.db, COLLECTIONS.reminders, `${SELF}:${today()}`);
      if (slot) store.remove(slot.seq);
    });
    expect(
      server.emulator.ledger.credits('oDemoResident', SUBSCRIBE_TEMPLATES.reportReminder.id),
    ).toBe(0);
    await fetch(`${server.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'reportReminders', triggerName: 'morningReminder' }),
    });
    expect(server.emulator.ledger.outbox({ touser: 'oDemoResident' }).length).toBe(1);
    const list = dataOf(
      await as('oDemoVolunteer')('reports', 'missing', { gridId: 'g-shatou-b1', page: 1 }),
    ).items;
    expect(list.find((m) => m.personId === SELF)?.reminded).toBe('call');
  });
});

describe('the daily release timer', () => {
  it('releases ended observations with two normal last reports, once, and nobody else', async () => {
    const store = server.emulator.store;
    const put = (collection: string, doc: Record<string, unknown>) =>
      store.atomically(() => store.insert(collection, doc));
    const observation = (id: string, endDay: string) => ({
      _id: id,
      personId: id,
      name: id,
      householdId: 'h-x',
      gridId: 'g-shatou-b1-h3',
      gridPath: ['g-jiujiang', 'g-shatou', 'g-shatou-b1', 'g-shatou-b1-h3'],
      status: 'observing',
      class: 'routine',
      startDay: addDays(endDay, -13),
      endDay,
      history: [],
      returnId: `${id}:r`,
      reasons: [],
      overridden: false,
      lastReportDay: endDay,
      updatedAt: new Date(),
    });
    const report = (personId: string, day: string, abnormal: boolean) => ({
      _id: `${personId}:${day}`,
      personId,
      day,
      gridPath: [],
      temperature: abnormal ? 38 : 36.5,
      symptoms: [],
      note: '',
      abnormal,
      reportedBy: personId,
      proxy: false,
      at: new Date(),
    });
    const ended = addDays(today(), -1);
    put(COLLECTIONS.observations, observation('p-normal', ended));
    put(COLLECTIONS.observations, observation('p-feverish', ended));
    put(COLLECTIONS.observations, observation('p-silent', ended));
    for (const day of [addDays(ended, -1), ended]) {
      put(COLLECTIONS.healthReports, report('p-normal', day, false));
      put(COLLECTIONS.healthReports, report('p-feverish', day, day === ended));
    }
    const fire = () =>
      fetch(`${server.url}/_emulator/timers/fire`, {
        method: 'POST',
        body: JSON.stringify({ functionName: 'observationSweep', triggerName: 'dailyRelease' }),
      });
    expect((await fire()).status).toBe(200);
    const status = (id: string) =>
      docs(COLLECTIONS.observations, (d) => d['_id'] === id)[0]?.['status'];
    expect([status('p-normal'), status('p-feverish'), status('p-silent')]).toEqual([
      'released',
      'observing',
      'observing',
    ]);
    await fire();
    expect(docs(COLLECTIONS.observations, (d) => d['status'] === 'released')).toHaveLength(1);
  });

  it('refuses to be run from the mini-program', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoCommand');
    const reply = await gatewayCall(server.emulator, token, 'observationSweep', {});
    expect(reply.body.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
