import readline from 'node:readline';
import { chinaDay, COLLECTIONS } from '@gridguard/types';
import { startDemoServer } from '../scripts/demo-server';
import { dayActivity } from '../scripts/demo/day-activity';
import { scaleDeployment, type ScaleSpec } from '../scripts/demo/scale';
import type { GridDoc, HouseholdDoc } from '@gridguard/server/domain';
import { sweepActivity } from '../scripts/demo/sweep-activity';
import { bruteForceCheckpoint, checkpointActivity } from '../scripts/demo/checkpoint-activity';
import { noticeActivity } from '../scripts/demo/notice-activity';
import { exitWithParent } from './child-watchdog';

/**
 * Lijiang at full size for the daily report: 5 levels, 6,000 resident groups, 1.2 million
 * residents, and a day of activity (observations, returns, reports, errands) for today, with
 * notices of the last days and their reach. Answers {url, sdkEnv, rootId, nodes, leaves, people,
 * records, notices, noticeReach, day, seedMs} once listening; then, asked
 * `{mode: 'sweeps'}`, stores 洗楼 campaigns under way and their visits, and answers their size;
 * asked `{mode: 'checkpoints', sites}`, stores that many 卡口 (nine in ten on resident groups,
 * the rest on villages and towns) with their shifts and a day of entries either side, and answers
 * their size and the root's checkpoint figures counted by brute force.
 */
export const LIJIANG_FULL: ScaleSpec = {
  fanouts: [5, 10, 12, 10],
  householdsPerLeaf: 67,
  peoplePerHousehold: 3,
};

/**
 * Share of the doors each campaign has visited per round: 20,000 of 400,000 households a round,
 * some 90,000 visits in all (rounds before the current one, campaigns closed or not begun).
 */
const SWEEP_SHARE = 0.05;

/**
 * Share of a notice's households reached: some 8,000 of the root notice's 400,000 at full size,
 * enough for the reach aggregate to do real work while the seeding stays a matter of seconds.
 */
const NOTICE_REACH_SHARE = 0.02;

/** Entries per site, at most: a busy village entrance logs a few hundred passages a day. */
const ENTRIES_PER_SITE = 300;

/**
 * Builds and seeds everything, and returns only the figures: the 1.2 M documents built in memory
 * become garbage once stored, so the emulator serves with a small heap and short GC pauses.
 */
async function seed(dataDir: string, scale: number, day: string) {
  const spec = {
    ...LIJIANG_FULL,
    householdsPerLeaf: Math.max(1, Math.round(LIJIANG_FULL.householdsPerLeaf * scale)),
  };
  const built = scaleDeployment(spec);
  const { deployment } = built;
  const server = await startDemoServer({
    dataDir,
    port: 0,
    // The report never reads ID numbers: leaving the secrets out halves the seeding time.
    deployment: () => ({ ...deployment, personSecrets: [] }),
    // A timer firing on its own (the 10-minute errand sweep) would add its calls to the counts.
    startTimers: false,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  const activity = dayActivity(deployment.people, day, 2020, {
    observed: 0.05,
    voluntaryReports: 0.6,
    errands: 0.01,
    yesterday: 0,
  });
  // Notices of the last days on the root and a nested node with their reach, and those the
  // report must leave out (withdrawn, too old, for staff, a draft).
  const notices = noticeActivity(
    deployment.grids,
    deployment.households,
    day,
    2020,
    NOTICE_REACH_SHARE,
  );
  const { store } = server.emulator;
  store.atomically(() => {
    for (const [name, docs] of [
      [COLLECTIONS.observations, activity.observations],
      [COLLECTIONS.returns, activity.returns],
      [COLLECTIONS.healthReports, activity.healthReports],
      [COLLECTIONS.errands, activity.errands],
      [COLLECTIONS.notices, notices.notices],
      [COLLECTIONS.noticeReach, notices.reach],
    ] as const)
      for (const doc of docs) store.insert(name, { ...doc });
  });
  return {
    server,
    summary: {
      rootId: built.rootId,
      nodes: deployment.grids.length,
      leaves: deployment.grids.filter((g) => g.childCount === 0).length,
      people: deployment.people.length,
      records:
        activity.observations.length +
        activity.returns.length +
        activity.healthReports.length +
        activity.errands.length,
      notices: notices.notices.length,
      noticeReach: notices.reach.length,
    },
  };
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const scale = Number(process.argv[3] ?? '1');
  if (!dataDir) throw new Error('usage: daily-server-child.ts <data dir> [scale]');
  exitWithParent();
  const started = performance.now();
  const day = chinaDay(Date.now());
  const { server, summary } = await seed(dataDir, scale, day);
  let swept = false;
  process.stdout.write(
    `${JSON.stringify({
      url: server.url,
      sdkEnv: server.emulator.sdkEnv,
      ...summary,
      day,
      seedMs: Math.round(performance.now() - started),
    })}\n`,
  );
  const lines = readline.createInterface({ input: process.stdin });
  let checkpointsStored = false;
  lines.on('line', (line) => {
    const asked = JSON.parse(line) as { mode?: string; sites?: number };
    if (asked.mode === 'checkpoints' && !checkpointsStored) {
      checkpointsStored = true;
      process.stdout.write(
        `${JSON.stringify(storeCheckpoints(server, day, asked.sites ?? 200))}\n`,
      );
      return;
    }
    if (asked.mode !== 'sweeps' || swept) return;
    swept = true;
    const { store } = server.emulator;
    // Built from the stored register only now, so nothing of it stays on the heap the first
    // report is measured with.
    const stored = <T>(collection: string) =>
      [...store.candidates(store.db, collection, undefined)].map((c) => c.doc as T);
    const { campaigns, visits } = sweepActivity(
      stored<GridDoc>(COLLECTIONS.grids),
      stored<HouseholdDoc>(COLLECTIONS.households),
      day,
      2020,
      SWEEP_SHARE,
    );
    store.atomically(() => {
      for (const doc of campaigns) store.insert(COLLECTIONS.campaigns, { ...doc });
      for (const doc of visits) store.insert(COLLECTIONS.visits, { ...doc });
    });
    process.stdout.write(
      `${JSON.stringify({ campaigns: campaigns.length, visits: visits.length })}\n`,
    );
  });
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

/** `sites` 卡口 spread over the tree, with their shifts and a day of entries, stored directly. */
function storeCheckpoints(
  server: Awaited<ReturnType<typeof startDemoServer>>,
  day: string,
  sites: number,
) {
  const { store } = server.emulator;
  const grids = [...store.candidates(store.db, COLLECTIONS.grids, undefined)].map(
    (c) => c.doc as unknown as GridDoc,
  );
  const leaves = grids.filter((g) => g.childCount === 0);
  const inner = grids.filter((g) => g.childCount > 0);
  const onInner = Math.min(inner.length, Math.round(sites / 10));
  const spread = <T>(from: readonly T[], n: number) =>
    Array.from({ length: n }, (_, i) => from[Math.floor((i * from.length) / n)] as T);
  const chosen = [...spread(leaves, sites - onInner), ...spread(inner, onInner)];
  const activity = checkpointActivity(chosen, day, 2020, {
    leafSites: 1,
    innerSites: 1,
    entriesPerSite: ENTRIES_PER_SITE,
  });
  store.atomically(() => {
    for (const doc of activity.sites) store.insert(COLLECTIONS.checkpointSites, { ...doc });
    for (const doc of activity.shifts) store.insert(COLLECTIONS.checkpointShifts, { ...doc });
    for (const doc of activity.entries) store.insert(COLLECTIONS.checkpointEntries, { ...doc });
  });
  const root = grids.find((g) => g.parentId === null)?._id ?? '';
  return {
    sites: activity.sites.length,
    shifts: activity.shifts.length,
    entries: activity.entries.length,
    entriesOnDay: activity.entries.filter((e) => e.day === day).length,
    expectedRoot: bruteForceCheckpoint(activity, day, root),
  };
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
