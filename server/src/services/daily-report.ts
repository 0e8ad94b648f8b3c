import { randomInt } from 'node:crypto';
import {
  addDays,
  chinaDay,
  chinaDayStart,
  completionOf,
  REACH_REPORT_DAYS,
  type Figures,
} from '@gridguard/types';
import {
  isLate,
  lateChildren,
  mergeOwn,
  noticeHouseholdsOwn,
  noticesConcerning,
  planChunks,
  rollUp,
  splitNodes,
  sweepRootsIn,
  sweepTargetsOwn,
  type PathOf,
} from '../domain/rollup';
import type { DailyReportDoc, ReportNode } from '../domain/records';
import { fitThing } from '../runtime/notify';
import type { DailyData } from '../runtime/daily-data';
import type { Notify } from './common';

/** Leaves per group of subtrees: one aggregate row per leaf keeps each answer far under 1 MB. */
export const LEAVES_PER_GROUP = 8000;

export interface ComputeResult {
  runId: string;
  day: string;
  nodes: number;
  computedAt: Date;
  /** False when a later run of the same day finished first; its report stands. */
  published: boolean;
}

/** Sorts runs by start time; the random tail separates two runs of the same millisecond. */
const runOrder = (at: Date) =>
  `${String(at.getTime()).padStart(15, '0')}-${String(randomInt(0, 1e9)).padStart(9, '0')}`;

/**
 * Computes the day's report for every node of the tree and publishes it. The figures are counted
 * from the current records each time, never added to earlier ones, so a second run, or a retry
 * after a crash, gives the same numbers. A run writes its own documents and becomes the day's
 * report in one single-document switch at the end: until then readers see the previous run, and
 * a crashed run's documents are swept away by the next one that publishes.
 */
export async function computeDailyReport(
  data: DailyData,
  now: Date,
  leavesPerGroup = LEAVES_PER_GROUP,
): Promise<ComputeResult> {
  const day = chinaDay(now);
  const order = runOrder(now);
  const runId = `${day}.${order}`;
  const nodes = await data.nodes();
  const totals = await countTree(data, nodes, day, leavesPerGroup);
  const docs = reportDocs(nodes, totals, { runId, order, day });
  await data.writeReports(docs);
  const computedAt = new Date();
  const published = await data.publish({
    _id: day,
    runId,
    order,
    startedAt: now,
    computedAt,
    nodes: docs.length,
  });
  if (published) await data.removeOlderRuns(day, order);
  else await data.removeRun(runId);
  return { runId, day, nodes: docs.length, computedAt, published };
}

/** Every node's subtree totals for the day: counted per leaf by the database, rolled up here. */
async function countTree(
  data: DailyData,
  nodes: readonly ReportNode[],
  day: string,
  leavesPerGroup: number,
): Promise<Map<string, Figures>> {
  const from = chinaDayStart(day);
  const to = chinaDayStart(addDays(day, 1));
  const paths = new Map(nodes.map((n) => [n._id, [...n.ancestors, n._id]]));
  const pathOf: PathOf = (id) => paths.get(id);
  const [underWay, published] = await Promise.all([
    data.sweepsUnderWay(day),
    data.noticesPublished(chinaDayStart(addDays(day, 1 - REACH_REPORT_DAYS)), to),
  ]);
  const sweeps = underWay.filter((s) => paths.has(s.gridId));
  const sweepNodes = sweeps.map((s) => s.gridId);
  const notices = published.filter((n) => paths.has(n.gridId));
  const noticeIds = notices.map((n) => n._id);
  const parts = [sweepTargetsOwn(nodes, sweeps), noticeHouseholdsOwn(nodes, notices)];
  const groups = planChunks(nodes, leavesPerGroup);
  for (const roots of groups) {
    parts.push(
      ...(await Promise.all([
        data.observations(roots, day),
        data.released(roots, day, addDays(day, -31)),
        data.arrivals(roots, day),
        data.fevers(roots, day),
        data.activeErrands(roots),
        data.deliveredBetween(roots, from, to),
        data.checkpointEntries(roots, day),
        data.checkpointUncovered(roots, day),
        // Visits only where a campaign under way reaches into this group.
        ...sweepVisitsIn(data, sweeps, sweepRootsIn(roots, sweepNodes, pathOf), { from, to }),
        // Reach records sit on households, so on leaves: no group misses any.
        ...(noticeIds.length > 0 ? [data.noticeReach(noticeIds, roots)] : []),
      ])),
    );
  }
  // 卡口 sites may sit on inner nodes: those a group split into its children count on their own,
  // two more calls in a tree big enough to be split at all.
  const split = splitNodes(nodes, groups);
  if (split.length > 0)
    parts.push(
      ...(await Promise.all([
        data.checkpointEntries(split, day, split),
        data.checkpointUncovered(split, day, split),
      ])),
    );
  const totals = rollUp(nodes, mergeOwn(parts));
  const concerning = noticesConcerning(nodes, notices);
  // Registered people are kept as subtree counters on every node by the grid features.
  for (const node of nodes) {
    const figures = totals.get(node._id);
    if (!figures) continue;
    figures.registered = node.counts?.people ?? 0;
    figures.noticesActive = concerning.get(node._id) ?? 0;
  }
  return totals;
}

function sweepVisitsIn(
  data: DailyData,
  sweeps: Parameters<DailyData['sweepVisits']>[0],
  roots: readonly string[],
  day: { from: Date; to: Date },
) {
  return roots.length === 0 ? [] : [data.sweepVisits(sweeps, roots, day.from, day.to)];
}

function reportDocs(
  nodes: readonly ReportNode[],
  totals: ReadonlyMap<string, Figures>,
  run: { runId: string; order: string; day: string },
): DailyReportDoc[] {
  const childrenOf = new Map<string, string[]>();
  const names = new Map(nodes.map((n) => [n._id, n.name]));
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = childrenOf.get(n.parentId) ?? [];
    list.push(n._id);
    childrenOf.set(n.parentId, list);
  }
  return nodes.map((n) => {
    const figures = totals.get(n._id) as Figures;
    return {
      _id: `${run.runId}:${n._id}`,
      runId: run.runId,
      order: run.order,
      day: run.day,
      gridId: n._id,
      parentId: n.parentId,
      ancestors: n.ancestors,
      name: n.name,
      levelName: n.levelName,
      depth: n.depth,
      childCount: n.childCount,
      figures,
      completion: completionOf(figures),
      late: isLate(figures),
      lateChildren: lateChildren(childrenOf.get(n._id) ?? [], totals).map((id) => ({
        gridId: id,
        name: names.get(id) ?? '',
      })),
      leader: n.leader ? { openid: n.leader.openid, name: n.leader.name } : null,
    };
  });
}

/** The dashboard page a report message opens (the dashboard lives in a subpackage). */
export const dashboardPage = (gridId: string, day: string) =>
  `dashboard/pages/index?gridId=${encodeURIComponent(gridId)}&day=${day}`;

/** The two lines of a report message: each a template `thing`, at most 20 characters. */
export function reportSummary(f: Figures): { reports: string; alerts: string } {
  return {
    reports: fitThing(`应报${f.reportsDue} 已报${f.reportsReceived} 未报${f.reportsMissing}`),
    alerts: fitThing(`发热${f.fevers} 异常${f.escalated} 待领代购${f.errandsOpen}`),
  };
}

const SEND_PAGE = 100;
const SEND_PARALLEL = 10;

/**
 * Sends the day's report to every leader, once: each message first takes its slot, so a second
 * run, or the later trigger that finishes what the first ran out of time for, sends nobody twice.
 * A leader without credit, or whose send failed, finds the report on their next open.
 */
export async function sendDailyReports(
  data: DailyData,
  notify: Notify,
  day: string,
  outOfTime: () => boolean,
): Promise<{ sent: number; unread: number; pending: boolean }> {
  const published = await data.reportDay(day);
  let sent = 0;
  let unread = 0;
  if (!published) return { sent, unread, pending: false };
  let after = '';
  for (;;) {
    const page = await data.ledPage(published.runId, after, SEND_PAGE);
    if (page.length === 0) return { sent, unread, pending: false };
    for (let i = 0; i < page.length; i += SEND_PARALLEL) {
      if (outOfTime()) return { sent, unread, pending: true };
      const outcomes = await Promise.all(
        page.slice(i, i + SEND_PARALLEL).map((doc) => sendOne(data, notify, doc)),
      );
      sent += outcomes.filter((o) => o === 'message').length;
      unread += outcomes.filter((o) => o === 'unread').length;
    }
    after = page[page.length - 1]?._id ?? after;
  }
}

async function sendOne(
  data: DailyData,
  notify: Notify,
  doc: DailyReportDoc,
): Promise<'message' | 'unread' | 'skipped'> {
  if (!doc.leader) return 'skipped';
  const id = `${doc.day}:${doc.gridId}:${doc.leader.openid}`;
  const summary = reportSummary(doc.figures);
  const taken = await data.claimNotice({
    _id: id,
    day: doc.day,
    gridId: doc.gridId,
    openid: doc.leader.openid,
    name: doc.name,
    summary: `${summary.reports}，${summary.alerts}`,
  });
  if (!taken) return 'skipped';
  const outcome = await notify({
    touser: doc.leader.openid,
    template: 'dailyReport',
    page: dashboardPage(doc.gridId, doc.day),
    data: {
      thing1: fitThing(doc.name),
      date2: doc.day,
      thing3: summary.reports,
      thing4: summary.alerts,
    },
  });
  const channel = outcome === 'sent' ? 'message' : 'unread';
  await data.setNoticeChannel(id, channel);
  return channel;
}
