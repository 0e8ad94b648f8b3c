import cloud from 'wx-server-sdk';
import readline from 'node:readline';
import { addDays, chinaDayStart, zeroFigures, type Figures } from '@gridguard/types';
import { rollUp, type ObservationDoc, type ReportNode } from '@gridguard/server/domain';
import { dailyData, fetchDocs, initCloud } from '@gridguard/server/runtime';
import { computeDailyReport } from '@gridguard/server/services';
import { exitWithParent } from './child-watchdog';

/**
 * The daily report bench's SDK client, a process of its own (its environment points the SDK at the
 * emulator). `compute` runs the real computation; `naive` counts the same figures the obvious way,
 * reading every record leaf by leaf in pages of at most 1000. Each answers {ms, root figures}.
 */
type Job =
  | { mode: 'compute' }
  | { mode: 'read'; runId: string; rootId: string }
  | { mode: 'naive'; day: string; rootId: string };

initCloud(cloud);
const db = cloud.database();
const answer = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
const PAGE = 1000;
/** Leaves read at once (each reads its five collections in parallel). */
const IN_FLIGHT = 4;

async function allPages<T>(query: () => ReturnType<ReturnType<typeof db.collection>['where']>) {
  const all: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await fetchDocs<T>(query().skip(skip).limit(PAGE));
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

async function naive(day: string, rootId: string): Promise<Figures> {
  const _ = db.command;
  const nodes: ReportNode[] = [];
  for (let after = ''; ;) {
    const page = await fetchDocs<ReportNode>(
      db
        .collection('grids')
        .where({ _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(PAGE),
    );
    nodes.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1]?._id ?? after;
  }
  const from = chinaDayStart(day).getTime();
  const to = chinaDayStart(addDays(day, 1)).getTime();
  const leaves = nodes.filter((n) => n.childCount === 0);
  const own = new Map<string, Figures>();
  let next = 0;
  const worker = async () => {
    while (next < leaves.length) {
      const leaf = leaves[next++] as ReportNode;
      const where = (extra: Record<string, unknown> = {}) => ({ gridPath: leaf._id, ...extra });
      const [people, reports, observations, returns, errands] = await Promise.all([
        allPages<unknown>(() => db.collection('people').where(where())),
        allPages<{ abnormal: boolean }>(() => db.collection('healthReports').where(where({ day }))),
        allPages<ObservationDoc>(() => db.collection('observations').where(where())),
        allPages<unknown>(() =>
          db.collection('returns').where(where({ 'declaration.arrivalDay': day })),
        ),
        allPages<{ status: string; deliveredAt: Date | null }>(() =>
          db.collection('errands').where(where()),
        ),
      ]);
      const f = zeroFigures();
      f.registered = people.length;
      f.fevers = reports.filter((r) => r.abnormal).length;
      f.newReturns = returns.length;
      for (const o of observations) {
        if (o.status === 'released') {
          if (o.history.some((h) => h.event === 'release' && h.day === day)) f.released += 1;
          continue;
        }
        if (o.class === 'routine') f.observedRoutine += 1;
        if (o.class === 'key') f.observedKey += 1;
        if (o.class === 'central') f.observedCentral += 1;
        if (o.status === 'escalated') f.escalated += 1;
        if (o.startDay <= day) {
          f.reportsDue += 1;
          if (o.lastReportDay === day) f.reportsReceived += 1;
        }
      }
      f.reportsMissing = f.reportsDue - f.reportsReceived;
      for (const e of errands) {
        if (e.status === 'open') f.errandsOpen += 1;
        if (e.status === 'claimed' || e.status === 'purchased') f.errandsClaimed += 1;
        const at = e.deliveredAt ? new Date(e.deliveredAt).getTime() : NaN;
        if (at >= from && at < to) f.errandsDone += 1;
      }
      own.set(leaf._id, f);
      if (own.size % 500 === 0) process.stderr.write(`[bench] naive: ${own.size} leaves read\n`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return rollUp(nodes, own).get(rootId) ?? zeroFigures();
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
