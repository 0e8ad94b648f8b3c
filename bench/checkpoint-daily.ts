import type { Figures } from '@gridguard/types';
import { databaseCalls } from './http';
import { emit, progress, round } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';

const TARGET_MS = 15_000;
/** Sites a Shantou-size town ran (seed 002). */
const SITES = 200;

type CheckpointFigures = Pick<
  Figures,
  | 'checkpointPassages'
  | 'checkpointResidents'
  | 'checkpointOutsiders'
  | 'checkpointVehicles'
  | 'checkpointTurnedBack'
  | 'checkpointUncovered'
>;

/**
 * Issue 17's 日报 figure: the daily report for a Lijiang-size tree, then the same with 200 卡口
 * (on resident groups, villages and towns), their shifts and a day of entries either side of
 * midnight: wall time, database calls and the ratio to the run without; the root's checkpoint
 * figures against a brute-force count of what was stored. BENCH_CHECKPOINT_SCALE (e.g. 0.1)
 * shrinks the households per group for a quick look.
 */
export async function benchCheckpointDaily(nodeArgs: readonly string[]): Promise<void> {
  const scale = process.env['BENCH_CHECKPOINT_SCALE'] ?? '1';
  const dir = tempDir('checkpoint-daily');
  const server = spawnTs('daily-server-child.ts', [dir, scale], cleanEnv(), [
    ...nodeArgs,
    '--max-old-space-size=12288',
  ]);
  try {
    progress(`checkpoint 日报: seeding Lijiang at scale ${scale}`);
    const seeded = await server.next<{
      url: string;
      sdkEnv: Record<string, string>;
      rootId: string;
      nodes: number;
      people: number;
    }>();
    const { url, rootId } = seeded;
    const client = spawnTs('daily-client-child.ts', [], { ...cleanEnv(), ...seeded.sdkEnv }, []);
    try {
      progress('checkpoint 日报: the report without checkpoints');
      let before = await databaseCalls(url);
      client.send({ mode: 'compute' });
      const without = await client.next<{ ms: number }>();
      const withoutCalls = (await databaseCalls(url)) - before;

      progress(`checkpoint 日报: storing ${SITES} sites, their shifts and a day of entries`);
      server.send({ mode: 'checkpoints', sites: SITES });
      const stored = await server.next<{
        sites: number;
        shifts: number;
        entries: number;
        entriesOnDay: number;
        expectedRoot: CheckpointFigures;
      }>();
      before = await databaseCalls(url);
      client.send({ mode: 'compute' });
      const withCheckpoints = await client.next<{ ms: number; run: { runId: string } }>();
      const calls = (await databaseCalls(url)) - before;
      client.send({ mode: 'read', runId: withCheckpoints.run.runId, rootId });
      const root = (await client.next<{ figures: Figures | null }>()).figures;
      const keys = Object.keys(stored.expectedRoot) as (keyof CheckpointFigures)[];
      const agree = keys.every((k) => root?.[k] === stored.expectedRoot[k]);
      emit({
        figure: 'checkpoint.dailyLijiang',
        value: withCheckpoints.ms,
        unit: 'ms',
        scale: Number(scale),
        dbCalls: calls,
        withoutMs: without.ms,
        withoutDbCalls: withoutCalls,
        // Both runs make the two checkpoint aggregates per group of subtrees; the stored records
        // add none. The second run of a day publishes by an update: one call more on its own.
        deltaDbCalls: calls - withoutCalls,
        checkpointCallsPerGroup: 2,
        ratioToWithout: round(withCheckpoints.ms / without.ms, 2),
        nodes: seeded.nodes,
        people: seeded.people,
        sites: stored.sites,
        shifts: stored.shifts,
        entries: stored.entries,
        entriesOnDay: stored.entriesOnDay,
        rootFigures: Object.fromEntries(keys.map((k) => [k, root?.[k] ?? null])),
        sameAsBruteForce: agree,
        target: `<= ${TARGET_MS} ms; 2 extra DB calls per group of subtrees, none per entry`,
        meetsTarget: withCheckpoints.ms <= TARGET_MS && agree,
      });
    } finally {
      await client.stop();
    }
  } finally {
    await server.stop();
    removeTempDir(dir);
  }
}
