import {
  killAllEmulators,
  makeTempDir,
  removeDir,
  startEmulatorProcess,
  type EmulatorProcess,
} from '../helpers/process-emulator';
import { loadSdk, presentIds, settle } from '../helpers/process-sdk';

/**
 * An add that resolved is a promise the emulator made: the document is on disk. We hold it to that
 * by SIGKILLing the emulator in the middle of a write storm from the real wx-server-sdk, restarting
 * it on the same data folder, and looking every acknowledged `_id` up again. Twice, so the second
 * kill lands on a database that has already been recovered once.
 */
const ROUNDS = 2;
/** Enough acknowledged writes that the kill lands among many commits, few enough to stay quick. */
const KILL_AFTER_ACKS = 300;
/** Adds in flight at once, so the kill always cuts some of them off mid-request. */
const IN_FLIGHT = 32;
/** A bound on the storm in case the kill never fires; far above what KILL_AFTER_ACKS needs. */
const MAX_ADDS_PER_ROUND = 20_000;
const COLLECTION = 'users';

interface StormResult {
  acknowledged: string[];
  /** Adds that failed before the kill: none should. */
  failedBeforeKill: string[];
  /** Adds cut off by the kill (in flight when it landed, or sent after it). */
  failedAfterKill: number;
  killed: boolean;
}

async function writeStorm(emulator: EmulatorProcess, round: number): Promise<StormResult> {
  const db = loadSdk(emulator.env).database();
  const users = db.collection(COLLECTION);
  const result: StormResult = {
    acknowledged: [],
    failedBeforeKill: [],
    failedAfterKill: 0,
    killed: false,
  };
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < MAX_ADDS_PER_ROUND) {
      const id = `storm-${round}-${next++}`;
      try {
        await settle(
          users.add({ data: { _id: id, round, name: `居民${id}`, gridId: `g-${next % 7}` } }),
        );
      } catch {
        if (!result.killed) result.failedBeforeKill.push(id);
        else result.failedAfterKill += 1;
        // Once the emulator is gone every further add fails too; stop this worker.
        return;
      }
      // A response read after the kill is still an acknowledgement: the commit preceded it.
      result.acknowledged.push(id);
      if (!result.killed && result.acknowledged.length >= KILL_AFTER_ACKS) {
        result.killed = true;
        emulator.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return result;
}

describe('emulator durability (kill -9 during a write storm)', () => {
  let dataDir: string | undefined;

  beforeAll(() => {
    dataDir = makeTempDir('gridguard-durability-');
  });

  afterAll(async () => {
    await killAllEmulators();
    removeDir(dataDir);
  });

  it('keeps every acknowledged add across repeated SIGKILLs and restarts', async () => {
    const dir = dataDir as string;
    const acknowledged: string[] = [];
    let emulator = await startEmulatorProcess({ dataDir: dir, args: ['--no-timers'] });

    for (let round = 0; round < ROUNDS; round++) {
      const storm = await writeStorm(emulator, round);
      expect(storm.failedBeforeKill).toEqual([]);
      expect(storm.killed).toBe(true);
      expect(storm.acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      // The kill cut the storm off mid-flight rather than after it had drained.
      expect(storm.failedAfterKill).toBeGreaterThan(0);
      expect(await emulator.exited).toEqual({ code: null, signal: 'SIGKILL' });
      acknowledged.push(...storm.acknowledged);

      emulator = await startEmulatorProcess({ dataDir: dir, args: ['--no-timers'] });
      const db = loadSdk(emulator.env).database();
      const present = await presentIds(db, COLLECTION, acknowledged);
      expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
      const { total } = await settle(db.collection(COLLECTION).count());
      expect(total).toBeGreaterThanOrEqual(acknowledged.length);
    }

    expect(await emulator.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
