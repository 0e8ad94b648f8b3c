import { addDays, chinaDayStart, COLLECTIONS, LEVEL_TEMPLATES } from '@gridguard/types';
import type { DailyReportDoc, ReportDayDoc } from '@gridguard/server/domain';
import { dailyData, type DailyData } from '@gridguard/server/runtime';
import { computeDailyReport } from '@gridguard/server/services';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import {
  buildDeployment,
  generatedHouseholds,
  type Deployment,
  type NodeSpec,
} from '../../scripts/demo/builder';
import { dayActivity, seededRandom, type DayActivity } from '../../scripts/demo/day-activity';
import {
  bruteForceSweep,
  sweepActivity,
  type SweepActivity,
} from '../../scripts/demo/sweep-activity';
import {
  bruteForceCheckpoint,
  checkpointActivity,
  type CheckpointActivity,
} from '../../scripts/demo/checkpoint-activity';
import {
  bruteForceNotices,
  noticeActivity,
  type NoticeActivity,
} from '../../scripts/demo/notice-activity';
import { connectSdk, storedDocs, tempDir } from '../helpers/emulator';
import { bruteForceFigures, insertActivity } from '../helpers/daily';

const DAY = '2020-02-08';
/** 20:00 China time on DAY, when the timer runs. */
const EVENING = chinaDayStart(DAY).getTime() + 20 * 3_600_000;
/** Runs start in order, a second apart: a later-started run supersedes an earlier one. */
let ticks = 0;
const later = () => new Date(EVENING + (ticks += 1000));

/** A random tree of 1 to 5 levels with households on the leaves only. */
function randomTree(seed: number, rootId: string): NodeSpec {
  const next = seededRandom(seed);
  const levels = LEVEL_TEMPLATES.lijiang.levels;
  let households = 0;
  const make = (depth: number, id: string): NodeSpec => {
    const fanout = depth >= 4 || (depth > 0 && next() < 0.25) ? 0 : 1 + Math.floor(next() * 4);
    const spec: NodeSpec = { id, name: `${levels[depth] ?? '网格'}${id}`, levelName: '' };
    if (fanout === 0) {
      const count = 1 + Math.floor(next() * 4);
      spec.households = generatedHouseholds(id, spec.name, count, seed * 1000 + households, 3);
      households += count;
    } else {
      spec.children = Array.from({ length: fanout }, (_, i) => make(depth + 1, `${id}-${i + 1}`));
    }
    return spec;
  };
  return make(0, rootId);
}

const SEEDS = [1, 7, 2020];
const trees = SEEDS.map((seed, i) =>
  buildDeployment(randomTree(seed, `g-r${i}`), new Date('2020-01-20T00:00:00Z')),
);
const merged: Deployment = {
  grids: trees.flatMap((t) => t.grids),
  memberships: trees.flatMap((t) => t.memberships),
  households: trees.flatMap((t) => t.households),
  people: trees.flatMap((t) => t.people),
  personSecrets: trees.flatMap((t) => t.personSecrets),
  users: trees.flatMap((t) => t.users),
};

let server: DemoServer;
let data: DailyData;
let activity: DayActivity;
let sweeps: SweepActivity;
let checkpoints: CheckpointActivity;
let notices: NoticeActivity;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), deployment: () => merged });
  activity = dayActivity(merged.people, DAY, 42);
  // The campaigns sweep the first random tree; the others have none under way.
  sweeps = sweepActivity(trees[0]?.grids ?? [], trees[0]?.households ?? [], DAY, 5);
  // 卡口 sites on leaves and inner nodes of every tree, with entries either side of midnight.
  checkpoints = checkpointActivity(merged.grids, DAY, 11);
  // Notices on the first tree's root and an inner node of it, one on the second tree, and those
  // that must not count (withdrawn, a millisecond too old, for staff, a draft).
  notices = noticeActivity(merged.grids, merged.households, DAY, 3);
  insertActivity(server.emulator, activity, sweeps, checkpoints, notices);
  data = dailyData(connectSdk(server.emulator).database());
});
afterAll(() => server.close());

const paths = new Map(merged.grids.map((g) => [g._id, [...g.ancestors, g._id]]));

/** Every figure of a node, counted the obvious way. */
const expected = (day: string, nodeId: string) => ({
  ...bruteForceFigures(merged.people, activity, day, nodeId),
  ...bruteForceSweep(sweeps, merged.households, day, nodeId),
  ...bruteForceCheckpoint(checkpoints, day, nodeId),
  ...bruteForceNotices(notices, merged.households, day, paths.get(nodeId) ?? [nodeId]),
});

const reportsOf = (runId: string) =>
  new Map(
    storedDocs<DailyReportDoc>(server.emulator, COLLECTIONS.dailyReports)
      .filter((d) => d.runId === runId)
      .map((d) => [d.gridId, d]),
  );
const published = (day: string) =>
  storedDocs<ReportDayDoc>(server.emulator, COLLECTIONS.reportDays).find((d) => d._id === day);
const storedFor = (day: string) =>
  storedDocs<DailyReportDoc>(server.emulator, COLLECTIONS.dailyReports).filter(
    (d) => d.day === day,
  );

describe('daily report computation', () => {
  it('the seeded population is big enough to mean something', () => {
    // Sweeps: doors settled and visited today under both the city's and the nested campaign.
    const nested = sweeps.campaigns.find((c) => c._id === 'cmp-nested')?.gridId ?? '';
    const both = bruteForceSweep(sweeps, merged.households, DAY, nested);
    expect(both.sweepTargets).toBeGreaterThan(
      merged.households.filter((h) => h.gridPath.includes(nested)).length,
    );
    expect(both.sweepSettled).toBeGreaterThan(0);
    expect(both.sweepVisitedToday).toBeGreaterThan(0);
    expect(merged.grids.length).toBeGreaterThan(30);
    expect(activity.observations.length).toBeGreaterThan(50);
    expect(activity.errands.filter((e) => e.deliveredAt).length).toBeGreaterThan(5);
    // 卡口: sites on inner nodes as well as leaves, every kind, fevers, entries on both days.
    const innerIds = new Set(merged.grids.filter((g) => g.childCount > 0).map((g) => g._id));
    expect(checkpoints.sites.filter((s) => innerIds.has(s.gridId)).length).toBeGreaterThan(3);
    expect(checkpoints.sites.filter((s) => !innerIds.has(s.gridId)).length).toBeGreaterThan(3);
    const onDay = checkpoints.entries.filter((e) => e.day === DAY);
    expect(onDay.length).toBeGreaterThan(100);
    expect(checkpoints.entries.length - onDay.length).toBeGreaterThan(100);
    const root = bruteForceCheckpoint(checkpoints, DAY, 'g-r0');
    expect(root.checkpointVehicles).toBeGreaterThan(0);
    expect(root.checkpointPassages).toBeGreaterThan(root.checkpointResidents * 2);
    expect(root.checkpointTurnedBack).toBeGreaterThan(0);
    expect(root.checkpointUncovered).toBeGreaterThan(0);
    // 通知公告: households reached every way, by each notice, those that must not count too.
    const reachOf = (id: string) => notices.reach.filter((r) => r.noticeId === id);
    for (const id of ['nt-root', 'nt-nested', 'nt-other', 'nt-withdrawn', 'nt-old'])
      expect(new Set(reachOf(id).map((r) => r.way))).toEqual(new Set(['read', 'visit', 'call']));
    const counted = bruteForceNotices(notices, merged.households, DAY, ['g-r0']);
    expect(counted.noticesActive).toBe(2);
    // The nested notice's households count under both: more 户次 than households.
    expect(counted.noticeHouseholds).toBeGreaterThan(
      merged.households.filter((h) => h.gridPath.includes('g-r0')).length,
    );
    expect(counted.noticeReached).toBe(reachOf('nt-root').length + reachOf('nt-nested').length);
  });

  it('matches a brute-force count for every node of random trees and populations', async () => {
    const run = await computeDailyReport(data, later());
    expect(run).toMatchObject({ day: DAY, nodes: merged.grids.length, published: true });
    const reports = reportsOf(run.runId);
    expect(reports.size).toBe(merged.grids.length);
    for (const grid of merged.grids) {
      const report = reports.get(grid._id);
      expect({ id: grid._id, figures: report?.figures }).toEqual({
        id: grid._id,
        figures: expected(DAY, grid._id),
      });
    }
  });

  it('counts 卡口 on inner nodes where the tree is split into groups too', async () => {
    // Groups of at most 3 leaves split every big node into its children: a site on a split node
    // is counted apart and must land on that node and roll up, never be lost or counted twice.
    const run = await computeDailyReport(data, later(), 3);
    const reports = reportsOf(run.runId);
    for (const grid of merged.grids) {
      expect({ id: grid._id, figures: reports.get(grid._id)?.figures }).toEqual({
        id: grid._id,
        figures: expected(DAY, grid._id),
      });
    }
  });

  it('the 卡口 figures cost two calls per group of subtrees, whatever the entries', async () => {
    const calls = { entries: 0, shifts: 0 };
    const counting: DailyData = {
      ...data,
      checkpointEntries: (...args) => ((calls.entries += 1), data.checkpointEntries(...args)),
      checkpointUncovered: (...args) => ((calls.shifts += 1), data.checkpointUncovered(...args)),
    };
    await computeDailyReport(counting, later());
    expect(calls).toEqual({ entries: 1, shifts: 1 });
  });

  it('the 通知 figures cost one call and one per group of subtrees, whatever the reach', async () => {
    const counted = () => {
      const calls: Record<string, number> = {};
      const wrapped = Object.fromEntries(
        Object.entries(data).map(([name, call]) => [
          name,
          (...args: unknown[]) => {
            calls[name] = (calls[name] ?? 0) + 1;
            return (call as (...a: unknown[]) => unknown)(...args);
          },
        ]),
      ) as DailyData;
      return { calls, wrapped };
    };
    const before = counted();
    await computeDailyReport(before.wrapped, later(), 3);
    const groups = before.calls['observations'] ?? 0;
    expect(groups).toBeGreaterThan(1);
    expect(before.calls).toMatchObject({ noticesPublished: 1, noticeReach: groups });

    // Every household of the first tree reached by the root's notice: not one call more.
    const reached = new Set(notices.reach.map((r) => r._id));
    const more = merged.households
      .filter((h) => h.gridPath.includes('g-r0') && !reached.has(`nt-root:${h._id}`))
      .map((h) => ({
        _id: `nt-root:${h._id}`,
        noticeId: 'nt-root',
        householdId: h._id,
        gridId: h.gridId,
        gridPath: h.gridPath,
        way: 'call' as const,
        by: { openid: 'oNoticeStaff', name: '网格员' },
        at: new Date(EVENING),
      }));
    expect(more.length).toBeGreaterThan(10);
    const { store } = server.emulator;
    store.atomically(() => {
      for (const doc of more) store.insert(COLLECTIONS.noticeReach, { ...doc });
    });
    notices.reach.push(...more);
    const after = counted();
    const run = await computeDailyReport(after.wrapped, later(), 3);
    expect(after.calls).toEqual(before.calls);
    const root = reportsOf(run.runId).get('g-r0');
    expect(root?.figures).toEqual(expected(DAY, 'g-r0'));
    expect(root?.figures.noticeReached).toBeGreaterThan(0);
  });

  it('marks late the nodes with a missing report, and only those; 零报告 is on time', async () => {
    const run = await computeDailyReport(data, later());
    const reports = reportsOf(run.runId);
    let zeroReports = 0;
    for (const grid of merged.grids) {
      const report = reports.get(grid._id) as DailyReportDoc;
      expect(report.late).toBe(report.figures.reportsMissing > 0);
      if (report.figures.reportsDue === 0) zeroReports += 1;
      const children = merged.grids.filter((g) => g.parentId === grid._id);
      expect(report.lateChildren.map((c) => c.gridId)).toEqual(
        children.filter((c) => reports.get(c._id)?.late).map((c) => c._id),
      );
    }
    expect(zeroReports).toBeGreaterThan(0);
  });

  it('running twice gives the same numbers and keeps one report per node', async () => {
    const first = await computeDailyReport(data, later());
    const figures = [...reportsOf(first.runId)].map(([id, r]) => [id, r.figures]);
    const second = await computeDailyReport(data, later());
    expect([...reportsOf(second.runId)].map(([id, r]) => [id, r.figures])).toEqual(figures);
    expect(published(DAY)?.runId).toBe(second.runId);
    expect(storedFor(DAY)).toHaveLength(merged.grids.length);
  });

  it('a run that crashes half-way leaves the published report alone; the retry counts once', async () => {
    const before = published(DAY);
    const crashing: DailyData = {
      ...data,
      async writeReports(docs) {
        await data.writeReports(docs.slice(0, Math.floor(docs.length / 2)));
        throw new Error('simulated crash');
      },
    };
    await expect(computeDailyReport(crashing, later())).rejects.toThrow('simulated crash');
    expect(published(DAY)?.runId).toBe(before?.runId);
    // The half-written run sits beside the published one, unseen by readers.
    expect(storedFor(DAY).length).toBeGreaterThan(merged.grids.length);

    const retry = await computeDailyReport(data, later());
    expect(published(DAY)?.runId).toBe(retry.runId);
    expect(storedFor(DAY)).toHaveLength(merged.grids.length);
    const root = reportsOf(retry.runId).get('g-r0');
    expect(root?.figures).toEqual(expected(DAY, 'g-r0'));
  });

  it('two runs at once: the later-started one is the report, nothing is left twice', async () => {
    const [a, b] = await Promise.all([
      computeDailyReport(data, later()),
      computeDailyReport(data, later()),
    ]);
    // The earlier one may have been the report for a moment; the later one always ends up so.
    expect(a.runId).not.toBe(b.runId);
    expect(b.published).toBe(true);
    expect(published(DAY)?.runId).toBe(b.runId);
    expect(storedFor(DAY)).toHaveLength(merged.grids.length);
  });

  it('China days: a run one millisecond before midnight is that day, one at midnight the next', async () => {
    const midnight = chinaDayStart(addDays(DAY, 1));
    const late = await computeDailyReport(data, new Date(midnight.getTime() - 1));
    expect(late.day).toBe(DAY);
    const next = await computeDailyReport(data, midnight);
    const nextDay = addDays(DAY, 1);
    expect(next.day).toBe(nextDay);
    for (const root of ['g-r0', 'g-r1', 'g-r2']) {
      expect(reportsOf(next.runId).get(root)?.figures).toEqual(expected(nextDay, root));
    }
    // Deliveries at exactly midnight count on the new day, the millisecond before on the old one.
    const atMidnight = activity.errands.filter(
      (e) => e.deliveredAt?.getTime() === midnight.getTime(),
    );
    expect(atMidnight.length).toBeGreaterThan(0);
    // Each day keeps its own report.
    expect(published(DAY)?.runId).toBe(late.runId);
    expect(published(nextDay)?.runId).toBe(next.runId);
  });
});
