import {
  addDays,
  chinaDay,
  chinaDayStart,
  COLLECTIONS,
  ERRAND_DEFAULTS,
  ERRAND_STATUSES,
  OBSERVATION_CLASSES,
} from '@gridguard/types';
import type {
  DailyReportDoc,
  ErrandDoc,
  HealthReportDoc,
  ObservationDoc,
  PersonDoc,
  ReportDayDoc,
  ReturnDoc,
} from '@gridguard/server/domain';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { nameFor } from '../../scripts/demo/builder';
import { demoHistory, HISTORY_DAYS } from '../../scripts/demo/history';
import { DEMO_RULES, demoDeployment } from '../../scripts/demo/jiujiang';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

/**
 * `npm start`'s demo: the town with its last two weeks. The history is built by the domain's own
 * rules and each past day's 日报 by the real computation, so the figures must be what the records
 * say, every page must have something to show, and today's timer run must still work.
 */
const ROOT = 'g-jiujiang';
let server: DemoServer;
let today: string;
let started: number;
const docs = <T>(collection: string) => storedDocs<T>(server.emulator, collection);

beforeAll(async () => {
  started = Date.now();
  server = await startDemoServer({
    dataDir: tempDir(),
    history: true,
    startTimers: false,
    // 烟南村's leader, for an alert raised there.
    extraLogins: [{ openid: 'oGenLeader02', name: '黄伟', roleLabel: '网格长' }],
  });
  today = chinaDay(Date.now());
});
afterAll(() => server.close());

const pastDays = () =>
  Array.from({ length: HISTORY_DAYS }, (_, i) => addDays(today, i - HISTORY_DAYS));
const published = (day: string) =>
  docs<ReportDayDoc>(COLLECTIONS.reportDays).find((d) => d._id === day);
const rootReport = (day: string) => {
  const run = published(day);
  return docs<DailyReportDoc>(COLLECTIONS.dailyReports).find(
    (d) => d.runId === run?.runId && d.gridId === ROOT,
  );
};

describe('the demo history', () => {
  it('seeds in a few seconds', () => {
    // Starting the emulator, seeding two weeks and computing fourteen reports.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('publishes the 日报 of each of the last 14 days, for every node, and nothing for today', () => {
    const nodes = docs<{ _id: string }>(COLLECTIONS.grids).length;
    const days = docs<ReportDayDoc>(COLLECTIONS.reportDays)
      .map((d) => d._id)
      .sort();
    expect(days).toEqual(pastDays());
    const reports = docs<DailyReportDoc>(COLLECTIONS.dailyReports);
    for (const day of pastDays()) {
      expect(reports.filter((r) => r.day === day)).toHaveLength(nodes);
      expect(reports.filter((r) => r.runId === published(day)?.runId)).toHaveLength(nodes);
    }
  });

  it("counts each day's figures from the records as they stood that evening", () => {
    const people = docs<PersonDoc>(COLLECTIONS.people);
    const returns = docs<ReturnDoc>(COLLECTIONS.returns);
    const reports = docs<HealthReportDoc>(COLLECTIONS.healthReports);
    const errands = docs<ErrandDoc>(COLLECTIONS.errands);
    const observations = docs<ObservationDoc>(COLLECTIONS.observations);
    const totals = { newReturns: 0, fevers: 0, errandsDone: 0, released: 0, observed: 0 };
    for (const day of pastDays()) {
      const f = rootReport(day)?.figures;
      if (!f) throw new Error(`no report for ${day}`);
      const from = chinaDayStart(day).getTime();
      const to = chinaDayStart(addDays(day, 1)).getTime();
      // Records that never change once written say exactly what the evening counted.
      expect(f.registered).toBe(people.length);
      expect(f.newReturns).toBe(returns.filter((r) => r.declaration.arrivalDay === day).length);
      expect(f.fevers).toBe(reports.filter((r) => r.day === day && r.abnormal).length);
      expect(f.errandsDone).toBe(
        errands.filter(
          (e) => e.deliveredAt && e.deliveredAt.getTime() >= from && e.deliveredAt.getTime() < to,
        ).length,
      );
      expect(f.released).toBe(
        observations.filter((o) => o.history.some((h) => h.event === 'release' && h.day === day))
          .length,
      );
      // Those under observation that evening: arrived by then and not released before.
      const open = observations.filter(
        (o) => o.startDay <= day && !o.history.some((h) => h.event === 'release' && h.day <= day),
      );
      const observed = f.observedRoutine + f.observedKey + f.observedCentral;
      expect(observed).toBe(open.length);
      expect(f.reportsDue).toBe(open.length);
      // Received: those whose report of the day was in before the evening.
      const received = open.filter((o) => {
        const report = reports.find((r) => r._id === `${o.personId}:${day}`);
        return report !== undefined && report.at.getTime() < from + 20 * 3_600_000;
      });
      expect(f.reportsReceived).toBe(received.length);
      expect(f.reportsMissing).toBe(f.reportsDue - f.reportsReceived);
      totals.newReturns += f.newReturns;
      totals.fevers += f.fevers;
      totals.errandsDone += f.errandsDone;
      totals.released += f.released;
      totals.observed += observed;
    }
    // Two weeks of a living town: something of each kind happened.
    expect(Math.min(...Object.values(totals))).toBeGreaterThan(0);
  });

  it('rolls each day up the tree: the villages add up to the town', () => {
    const reports = docs<DailyReportDoc>(COLLECTIONS.dailyReports);
    for (const day of pastDays()) {
      const town = rootReport(day);
      const villages = reports.filter((r) => r.runId === town?.runId && r.parentId === ROOT);
      expect(villages.length).toBeGreaterThan(1);
      for (const key of ['newReturns', 'reportsDue', 'reportsReceived', 'errandsDone'] as const)
        expect(villages.reduce((sum, v) => sum + v.figures[key], 0)).toBe(town?.figures[key]);
    }
  });

  it('leaves observations released and current, in every class, with escalations, some resolved', () => {
    const observations = docs<ObservationDoc>(COLLECTIONS.observations);
    const released = observations.filter((o) => o.status === 'released');
    expect(released.length).toBeGreaterThan(0);
    for (const o of released) expect(o.endDay < today).toBe(true);
    const current = observations.filter((o) => o.status !== 'released');
    expect(new Set(current.map((o) => o.startDay)).size).toBeGreaterThan(3);
    expect(new Set(observations.map((o) => o.class))).toEqual(new Set(OBSERVATION_CLASSES));
    expect(observations.filter((o) => o.status === 'escalated').length).toBeGreaterThan(0);
    const resolved = observations.filter((o) => o.history.some((h) => h.event === 'deescalate'));
    expect(resolved.length).toBeGreaterThan(0);
    for (const o of [...resolved, ...observations.filter((x) => x.status === 'escalated')])
      expect(o.alert?.reason).toMatch(/体温|症状/);
    // Today is partly reported: some of those due have, some have not yet.
    const due = current.filter((o) => o.startDay <= today);
    expect(due.some((o) => o.lastReportDay === today)).toBe(true);
    expect(due.some((o) => o.lastReportDay !== today)).toBe(true);
  });

  it('brings returnees from places with region codes, a few of them risk areas', () => {
    const returns = docs<ReturnDoc>(COLLECTIONS.returns);
    expect(returns.every((r) => /^[1-9]\d{5}$/.test(r.declaration.origin.code ?? ''))).toBe(true);
    const risky = returns.filter((r) => r.classification.class !== 'routine');
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.length).toBeLessThan(returns.length / 2);
    expect(new Set(returns.map((r) => r.declaration.arrivalDay)).size).toBeGreaterThan(6);
  });

  it('has errands in every status, none that a timer would change at once', () => {
    const errands = docs<ErrandDoc>(COLLECTIONS.errands);
    expect(new Set(errands.map((e) => e.status))).toEqual(new Set(ERRAND_STATUSES));
    const now = Date.now();
    for (const e of errands.filter((x) => x.status === 'claimed'))
      expect(now - (e.claimer?.at.getTime() ?? 0)).toBeLessThan(
        ERRAND_DEFAULTS.claimTimeoutMinutes * 60_000,
      );
    for (const e of errands.filter((x) => x.status === 'delivered'))
      expect(now - (e.deliveredAt?.getTime() ?? 0)).toBeLessThan(
        ERRAND_DEFAULTS.autoConfirmHours * 3_600_000,
      );
    // The claim counters agree with the claims in hand.
    const loads = docs<{ _id: string; active: number }>(COLLECTIONS.volunteerLoads);
    const inHand = errands.filter((e) => e.status === 'claimed' || e.status === 'purchased');
    expect(loads.reduce((sum, l) => sum + l.active, 0)).toBe(inHand.length);
  });

  it('gives people distinct names within each community, keeping the named demo people', () => {
    const people = docs<PersonDoc>(COLLECTIONS.people);
    const byCommunity = new Map<string, string[]>();
    for (const p of people) {
      const community = p.gridPath[1] ?? '';
      byCommunity.set(community, [...(byCommunity.get(community) ?? []), p.name]);
    }
    for (const names of byCommunity.values()) expect(new Set(names).size).toBe(names.length);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    expect(people.find((p) => p.openid === 'oDemoResident')?.name).toBe('王秀英');
    const generated = Array.from({ length: 2944 }, (_, i) => nameFor(i));
    expect(new Set(generated).size).toBe(generated.length);
  });

  it('shows the dashboard a trend, and its actions work on the seeded records', async () => {
    const command = actingAs(server.emulator, 'oDemoCommand');
    const trend = dataOf(await command('dashboard', 'trend', { gridId: ROOT }));
    expect(trend.points.filter((p) => p.figures !== null).length).toBeGreaterThanOrEqual(
      HISTORY_DAYS - 1,
    );
    const leader = actingAs(server.emulator, 'oDemoLeader');
    const alerts = dataOf(await leader('dashboard', 'alerts', { gridId: 'g-shatou', page: 1 }));
    const missing = dataOf(await leader('reports', 'missing', { gridId: 'g-shatou', page: 1 }));
    expect(alerts.total + missing.total).toBeGreaterThan(0);
    const escalated = docs<ObservationDoc>(COLLECTIONS.observations).find(
      (o) => o.status === 'escalated',
    );
    const leaderOf = escalated?.gridPath.includes('g-yannan')
      ? actingAs(server.emulator, 'oGenLeader02')
      : leader;
    const resolved = dataOf(
      await leaderOf('returns', 'resolve', {
        personId: escalated?.personId ?? '',
        reason: '已电话核实，体温正常',
      }),
    );
    expect(resolved.status).toBe('observing');
  });

  it("lets the dailyReport timer compute today's report, once, leaving the past alone", async () => {
    const nodes = docs<{ _id: string }>(COLLECTIONS.grids).length;
    const before = pastDays().map((d) => published(d)?.runId);
    const fire = () =>
      fetch(`${server.url}/_emulator/timers/fire`, {
        method: 'POST',
        body: JSON.stringify({ functionName: 'dailyReport', triggerName: 'evening' }),
      });
    expect((await fire()).status).toBe(200);
    expect((await fire()).status).toBe(200);
    const reports = docs<DailyReportDoc>(COLLECTIONS.dailyReports);
    expect(reports.filter((r) => r.day === today)).toHaveLength(nodes);
    expect(reports.filter((r) => r.runId === published(today)?.runId)).toHaveLength(nodes);
    expect(pastDays().map((d) => published(d)?.runId)).toEqual(before);
    const town = rootReport(today)?.figures;
    expect(town?.errandsOpen).toBe(
      docs<ErrandDoc>(COLLECTIONS.errands).filter((e) => e.status === 'open').length,
    );
  });
});

describe('the history plan', () => {
  it('tells the same story for the same today, and another for another day', () => {
    const now = new Date('2026-03-10T06:00:00Z');
    const photo = (path: string) => `cloud://demo/${path}`;
    const plan = (at: Date) => demoHistory(demoDeployment(), DEMO_RULES, at, photo);
    expect(plan(now)).toEqual(plan(now));
    const other = plan(new Date('2026-03-11T06:00:00Z'));
    expect(other.sinceYesterday).not.toEqual(plan(now).sinceYesterday);
  });
});
