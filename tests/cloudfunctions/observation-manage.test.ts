/**
 * Observation by hand through the real SDK (returns.extend, returns.endEarly): leaders only, in
 * scope, audited with the state before and after; refusals write nothing; the state machine's
 * transitions and what they do to the daily report's figures.
 */
import { addDays, chinaDay, COLLECTIONS, type ReturnDeclaration } from '@gridguard/types';
import type { DailyReportDoc } from '@gridguard/server/domain';
import { dailyData } from '@gridguard/server/runtime';
import { computeDailyReport } from '@gridguard/server/services';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { connectSdk, storedDocs, tempDir } from '../helpers/emulator';

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
const resident = () => as('oDemoResident');
const command = () => as('oDemoCommand');
const today = () => chinaDay(Date.now());
const SELF = 'h-demo-resident-p1';
const HUSBAND = 'h-demo-resident-p2';
const MOTHER = 'h-demo-resident-p3';
/** 烟南村: out of 陈建华's scope. */
const OUT_PERSON = 'h-g-yannan-b1-h1-1-p1';
const LEAF = 'g-shatou-b1-h3';

const docs = (collection: string) => storedDocs(server.emulator, collection);
const observation = (personId: string) =>
  docs(COLLECTIONS.observations).find((d) => d['_id'] === personId);
const audits = (action: string) => docs(COLLECTIONS.auditLog).filter((d) => d['action'] === action);
const snapshot = () => JSON.stringify([docs(COLLECTIONS.observations), docs(COLLECTIONS.auditLog)]);

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
const arrival = () => addDays(today(), -2);

beforeAll(async () => {
  for (const personId of [SELF, MOTHER])
    dataOf(
      await resident()('returns', 'declare', {
        personId,
        declaration: declaration('湖北省', arrival()),
      }),
    );
  dataOf(
    await command()('returns', 'declare', {
      personId: OUT_PERSON,
      declaration: declaration('湖北省', arrival()),
    }),
  );
  // Her mother reports a fever: escalated until a leader checks and clears it.
  dataOf(
    await resident()('reports', 'submit', { personId: MOTHER, temperature: 38.3, symptoms: [] }),
  );
});

describe('refusals write nothing', () => {
  it('refuses members, residents, other leaders, the missing and bad input', async () => {
    const before = snapshot();
    const extend = (openid: string, personId: string, days = 3) =>
      as(openid)('returns', 'extend', { personId, days, reason: '密接者待复核' });
    const endEarly = (openid: string, personId: string) =>
      as(openid)('returns', 'endEarly', { personId, reason: '核酸检测阴性', confirm: true });
    for (const openid of ['oDemoVolunteer', 'oDemoResident', 'oDemoNewcomer', 'oGenLeader02']) {
      expect(await extend(openid, SELF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await endEarly(openid, SELF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    for (const personId of [OUT_PERSON, 'p-nobody']) {
      expect(await extend('oDemoLeader', personId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await endEarly('oDemoLeader', personId)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
    expect(await extend('oDemoCommand', 'p-nobody')).toMatchObject({ code: 'NOT_FOUND' });
    // In scope, never observed: the leader may be told so.
    expect(await extend('oDemoLeader', HUSBAND)).toMatchObject({
      code: 'NOT_FOUND',
      message: '该居民没有观察记录',
    });
    for (const days of [0, 15, 2.5])
      expect(await extend('oDemoLeader', SELF, days)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(
      await leader()('returns', 'extend', { personId: SELF, days: 3, reason: '' }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    // Ending early is confirmed on the phone first, and needs a reason.
    expect(
      await leader()('returns', 'endEarly', {
        personId: SELF,
        reason: '核酸检测阴性',
      } as never),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect(
      await leader()('returns', 'endEarly', { personId: SELF, reason: ' ', confirm: true }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    // An alert is cleared first: ending hides nobody with a fever.
    expect(await endEarly('oDemoLeader', MOTHER)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该居民有未解除的异常，请先核实并解除异常',
    });
    expect(snapshot()).toBe(before);
  });
});

describe('延长观察', () => {
  it('moves the end, records why, and audits the state before and after', async () => {
    const planned = addDays(arrival(), 13);
    expect(observation(SELF)?.['endDay']).toBe(planned);
    const view = dataOf(
      await leader()('returns', 'extend', {
        personId: SELF,
        days: 7,
        reason: '同行人员确诊，延长观察',
      }),
    );
    expect(view).toMatchObject({
      status: 'observing',
      endDay: addDays(planned, 7),
      totalDays: 21,
      dayNumber: 3,
    });
    const stored = observation(SELF);
    expect(stored?.['endDay']).toBe(addDays(planned, 7));
    expect((stored?.['history'] as { event: string; reason: string }[]).at(-1)).toEqual({
      day: today(),
      event: 'extend',
      reason: '延长观察 7 天：同行人员确诊，延长观察',
    });
    expect(audits('observation.extend')).toEqual([
      expect.objectContaining({
        actor: 'oDemoLeader',
        target: SELF,
        gridId: LEAF,
        detail: {
          before: { status: 'observing', startDay: arrival(), endDay: planned },
          after: { status: 'observing', startDay: arrival(), endDay: addDays(planned, 7) },
          days: 7,
          reason: '同行人员确诊，延长观察',
        },
      }),
    ]);
  });

  it('works on an escalated observation too, which stays escalated', async () => {
    const view = dataOf(
      await command()('returns', 'extend', { personId: MOTHER, days: 2, reason: '发热待复查' }),
    );
    expect(view).toMatchObject({ status: 'escalated', totalDays: 16 });
  });
});

describe('提前解除', () => {
  const figures = async () => {
    const { runId } = await computeDailyReport(
      dailyData(connectSdk(server.emulator).database()),
      new Date(),
    );
    const doc = storedDocs<DailyReportDoc>(server.emulator, COLLECTIONS.dailyReports).find(
      (d) => d.runId === runId && d.gridId === LEAF,
    );
    if (!doc) throw new Error('no report for the leaf');
    return doc.figures;
  };

  it('releases today with the reason, audited, and the daily report counts it as 今日解除', async () => {
    const before = await figures();
    const view = dataOf(
      await leader()('returns', 'endEarly', {
        personId: SELF,
        reason: '核酸检测阴性，经卫生院同意',
        confirm: true,
      }),
    );
    expect(view).toMatchObject({ status: 'released', dayNumber: null, endDay: today() });
    const stored = observation(SELF);
    expect(stored).toMatchObject({ status: 'released', endDay: today() });
    expect((stored?.['history'] as { event: string; reason: string }[]).at(-1)).toEqual({
      day: today(),
      event: 'release',
      reason: '提前解除：核酸检测阴性，经卫生院同意',
    });
    const [entry] = audits('observation.endEarly');
    expect(entry).toMatchObject({
      actor: 'oDemoLeader',
      target: SELF,
      gridPath: ['g-jiujiang', 'g-shatou', 'g-shatou-b1', LEAF],
      detail: {
        before: { status: 'observing', endDay: addDays(arrival(), 20) },
        after: { status: 'released', endDay: today() },
        plannedEndDay: addDays(arrival(), 20),
        daysEarly: 18,
        reason: '核酸检测阴性，经卫生院同意',
      },
    });

    const after = await figures();
    expect(after.released).toBe(before.released + 1);
    expect(after.observedCentral).toBe(before.observedCentral - 1);
    expect(after.reportsDue).toBe(before.reportsDue - 1);
    expect(after.reportsMissing).toBe(before.reportsMissing - 1);
    expect(after.escalated).toBe(before.escalated);

    // Off the lists: 观察对象 and 今日未报.
    const listed = dataOf(await leader()('returns', 'list', { gridId: LEAF, page: 1 }));
    expect(listed.items.map((o) => o.personId)).toEqual([MOTHER]);
    const missing = dataOf(await leader()('reports', 'missing', { gridId: LEAF, page: 1 }));
    expect(missing.items.map((m) => m.personId)).not.toContain(SELF);
  });

  it('is done once: a released observation can be neither ended nor extended again', async () => {
    const before = snapshot();
    expect(
      await leader()('returns', 'endEarly', { personId: SELF, reason: '再次解除', confirm: true }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(
      await leader()('returns', 'extend', { personId: SELF, days: 1, reason: '再次延长' }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(snapshot()).toBe(before);
  });

  it('ends an escalated observation once the alert is cleared', async () => {
    dataOf(await leader()('returns', 'resolve', { personId: MOTHER, reason: '复测体温正常' }));
    expect(
      dataOf(
        await leader()('returns', 'endEarly', {
          personId: MOTHER,
          reason: '核酸阴性',
          confirm: true,
        }),
      ),
    ).toMatchObject({ status: 'released' });
  });
});
