import cloud from 'wx-server-sdk';
import readline from 'node:readline';
import {
  addDays,
  chinaDayStart,
  COLLECTIONS,
  REACH_REPORT_DAYS,
  SETTLED_OUTCOMES,
  zeroFigures,
  type Figures,
} from '@gridguard/types';
import type { CampaignDoc, VisitDoc } from '@gridguard/server/domain/campaigns';
import type { NoticeDoc, ReachDoc } from '@gridguard/server/domain/notices';
import { rollUp, type ObservationDoc, type ReportNode } from '@gridguard/server/domain';
import { dailyData, fetchDocs, initCloud } from '@gridguard/server/runtime';
import { computeDailyReport } from '@gridguard/server/services';
import { exitWithParent } from './child-watchdog';

/**
 * The daily report bench's SDK client, a process of its own (its environment points the SDK at the
 * emulator). `compute` runs the real computation; `naive` counts the same figures the obvious way,
 * paging through every record in pages of at most 1000. Each answers {ms, root figures}.
 */
type Job =
  | { mode: 'compute' }
  | { mode: 'read'; runId: string; rootId: string }
  | { mode: 'naive'; day: string; rootId: string };

initCloud(cloud);
const db = cloud.database();
const answer = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
/** The most a server-side get() returns. */
const PAGE = 1000;

/**
 * Every document of a collection matching `where`, a page of 1000 at a time by `_id`, handed to
 * `each` page by page (holding 1.2 M documents at once would measure the client's GC instead).
 */
async function everything<T extends { _id: string }>(
  collection: string,
  where: Record<string, unknown>,
  each: (doc: T) => void,
): Promise<void> {
  const _ = db.command;
  const read = (after: string) =>
    fetchDocs<T>(
      db
        .collection(collection)
        .where({ ...where, _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(PAGE),
    );
  for (let after = ''; ;) {
    const page = await readPatiently(() => read(after));
    page.forEach(each);
    if (page.length < PAGE) return;
    after = page[page.length - 1]?._id ?? after;
  }
}

/**
 * A page read again when the SDK gives up waiting: on 2 cores an emulator holding 1.2 M residents
 * can stall one of some 2,000 pages past the SDK's limit. A read is safe to repeat.
 */
async function readPatiently<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (e) {
      if (attempt >= 3 || !String(e).includes('timeout')) throw e;
    }
  }
}

type Located = { _id: string; gridPath: string[] };
const leafOf = (d: Located) => d.gridPath[d.gridPath.length - 1] ?? '';

/**
 * The report the obvious way: page through every record the figures come from (every resident,
 * every report of the day, every observation, the day's returns, every errand, every notice, with
 * campaigns under way or notices of the last days every household, and every visit and reach
 * record) and count them.
 */
async function naive(day: string, rootId: string): Promise<Figures> {
  const nodes: ReportNode[] = [];
  await everything<ReportNode>('grids', {}, (n) => nodes.push(n));
  const own = new Map<string, Figures>();
  const at = (d: Located) => {
    const id = leafOf(d);
    let f = own.get(id);
    if (!f) own.set(id, (f = zeroFigures()));
    return f;
  };
  const from = chinaDayStart(day).getTime();
  const to = chinaDayStart(addDays(day, 1)).getTime();
  await everything<Located>('people', {}, (p) => (at(p).registered += 1));
  await everything<Located & { abnormal: boolean }>('healthReports', { day }, (r) => {
    if (r.abnormal) at(r).fevers += 1;
  });
  await everything<Located>(
    'returns',
    { 'declaration.arrivalDay': day },
    (r) => (at(r).newReturns += 1),
  );
  await everything<ObservationDoc>('observations', {}, (o) => {
    const f = at(o);
    if (o.status === 'released') {
      if (o.history.some((h) => h.event === 'release' && h.day === day)) f.released += 1;
      return;
    }
    if (o.class === 'routine') f.observedRoutine += 1;
    if (o.class === 'key') f.observedKey += 1;
    if (o.class === 'central') f.observedCentral += 1;
    if (o.status === 'escalated') f.escalated += 1;
    if (o.startDay <= day) {
      f.reportsDue += 1;
      if (o.lastReportDay === day) f.reportsReceived += 1;
    }
  });
  await everything<Located & { status: string; deliveredAt: Date | null }>('errands', {}, (e) => {
    const f = at(e);
    if (e.status === 'open') f.errandsOpen += 1;
    if (e.status === 'claimed' || e.status === 'purchased') f.errandsClaimed += 1;
    const time = e.deliveredAt ? new Date(e.deliveredAt).getTime() : NaN;
    if (time >= from && time < to) f.errandsDone += 1;
  });
  const underWay: CampaignDoc[] = [];
  await everything<CampaignDoc>('campaigns', {}, (c) => {
    if (c.status === 'active' && c.startDay <= day) underWay.push(c);
  });
  const recent: NoticeDoc[] = [];
  const windowFrom = chinaDayStart(addDays(day, 1 - REACH_REPORT_DAYS)).getTime();
  await everything<NoticeDoc>(COLLECTIONS.notices, {}, (n) => {
    const time = n.publishedAt ? new Date(n.publishedAt).getTime() : NaN;
    if (n.status === 'published' && n.audience !== 'staff' && time >= windowFrom && time < to)
      recent.push(n);
  });
  if (underWay.length > 0 || recent.length > 0)
    await everything<Located>('households', {}, (h) => {
      for (const c of underWay) if (h.gridPath.includes(c.gridId)) at(h).sweepTargets += 1;
      for (const n of recent) if (h.gridPath.includes(n.gridId)) at(h).noticeHouseholds += 1;
    });
  if (recent.length > 0)
    await everything<ReachDoc>(COLLECTIONS.noticeReach, {}, (r) => {
      if (recent.some((n) => n._id === r.noticeId)) at(r).noticeReached += 1;
    });
  if (underWay.length > 0) {
    await everything<VisitDoc>('visits', {}, (v) => {
      if (!underWay.some((c) => c._id === v.campaignId && c.round === v.round)) return;
      const f = at(v);
      if (SETTLED_OUTCOMES.includes(v.outcome)) f.sweepSettled += 1;
      if (v.outcome === 'finding') f.sweepFindings += 1;
      const time = new Date(v.at).getTime();
      if (time >= from && time < to) f.sweepVisitedToday += 1;
    });
  }
  for (const f of own.values()) f.reportsMissing = f.reportsDue - f.reportsReceived;
  const root = rollUp(nodes, own).get(rootId) ?? zeroFigures();
  // Every notice in the tree concerns its root.
  root.noticesActive = recent.filter((n) => n.gridPath.includes(rootId)).length;
  return root;
}

async function main(): Promise<void> {
  exitWithParent();
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const job = JSON.parse(line) as Job;
    const started = performance.now();
    if (job.mode === 'compute') {
      const run = await computeDailyReport(dailyData(db), new Date());
      answer({ ms: Math.round(performance.now() - started), run });
    } else if (job.mode === 'read') {
      const report = await dailyData(db).report(job.runId, job.rootId);
      answer({ figures: report?.figures ?? null });
    } else {
      const figures = await naive(job.day, job.rootId);
      answer({ ms: Math.round(performance.now() - started), figures });
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
