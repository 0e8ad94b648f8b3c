import readline from 'node:readline';
import { chinaDay, COLLECTIONS } from '@gridguard/types';
import { startDemoServer } from '../scripts/demo-server';
import { dayActivity } from '../scripts/demo/day-activity';
import { scaleDeployment, type ScaleSpec } from '../scripts/demo/scale';
import type { GridDoc, HouseholdDoc } from '@gridguard/server/domain';
import { sweepActivity } from '../scripts/demo/sweep-activity';
import { exitWithParent } from './child-watchdog';

/**
 * Lijiang at full size for the daily report: 5 levels, 6,000 resident groups, 1.2 million
 * residents, and a day of activity (observations, returns, reports, errands) for today. Answers
 * {url, sdkEnv, rootId, nodes, leaves, people, records, day, seedMs} once listening; then, asked
 * `{mode: 'sweeps'}`, stores 洗楼 campaigns under way and their visits, and answers their size.
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
  const { store } = server.emulator;
  store.atomically(() => {
    for (const [name, docs] of [
      [COLLECTIONS.observations, activity.observations],
      [COLLECTIONS.returns, activity.returns],
      [COLLECTIONS.healthReports, activity.healthReports],
      [COLLECTIONS.errands, activity.errands],
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
  lines.on('line', (line) => {
    if ((JSON.parse(line) as { mode?: string }).mode !== 'sweeps' || swept) return;
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

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
