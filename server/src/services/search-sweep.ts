import { householdSearchIndex, personSearchIndex } from '../domain/search';
import type { HouseholdKeySource, PersonKeySource, SearchData } from '../runtime/search-data';

/** Records read per batch: one read, then one conditional update each. */
export const SWEEP_BATCH = 200;
/** A run starts no batch past this many: 50,000 records, well inside the time budget. */
export const SWEEP_MAX_BATCHES = 250;
/**
 * A run starts no batch after this long. The function may run 60 s; a batch is 200 writes, 20 at a
 * time, a few seconds even on a slow database, so the last one started ends well before the limit.
 */
export const SWEEP_BUDGET_MS = 40_000;
const WRITES_IN_FLIGHT = 20;

export interface SweepLimits {
  batch: number;
  maxBatches: number;
  budgetMs: number;
}

export interface SweepResult {
  /** Records re-indexed by this run. */
  households: number;
  people: number;
  /** True when nothing was left to do; false when the run stopped early and left the rest. */
  finished: boolean;
}

/** Writes each record's keys, a few at a time; answers how many were written. */
async function reindexAll<T>(docs: readonly T[], write: (doc: T) => Promise<boolean>) {
  let written = 0;
  for (let i = 0; i < docs.length; i += WRITES_IN_FLIGHT) {
    const done = await Promise.all(docs.slice(i, i + WRITES_IN_FLIGHT).map(write));
    written += done.filter(Boolean).length;
  }
  return written;
}

/**
 * The searchIndexSweep timer: households, then people, whose search keys are missing (written
 * before search, or by a writer that left them out) or made by an older scheme get the keys of
 * today's scheme, a batch at a time, until none are left, the batch limit or the time budget. The
 * rest waits for the next run. Each write is conditional on the values the keys were made from, so
 * an edit made meanwhile is never overwritten with stale keys: that record is read again, by this
 * run or the next. A second run finds nothing to do.
 */
export async function sweepSearchIndex(
  search: SearchData,
  clock: () => number = Date.now,
  limits: SweepLimits = {
    batch: SWEEP_BATCH,
    maxBatches: SWEEP_MAX_BATCHES,
    budgetMs: SWEEP_BUDGET_MS,
  },
): Promise<SweepResult> {
  const started = clock();
  let batches = 0;
  const mayStart = () => batches < limits.maxBatches && clock() - started < limits.budgetMs;
  const sweep = async <T>(
    read: (n: number) => Promise<T[]>,
    write: (doc: T) => Promise<boolean>,
  ): Promise<{ written: number; finished: boolean }> => {
    let written = 0;
    while (mayStart()) {
      const docs = await read(limits.batch);
      // Finding nothing costs one read and counts against no limit: people still get their turn.
      if (docs.length > 0) batches += 1;
      const now = await reindexAll(docs, write);
      written += now;
      // The last of them; one an edit raced is left for the next run.
      if (docs.length < limits.batch) return { written, finished: now === docs.length };
      // Every write lost to an edit: reading again at once would find the same records.
      if (now === 0) break;
    }
    return { written, finished: false };
  };
  const households = await sweep(search.outdatedHouseholds, (h: HouseholdKeySource) =>
    search.reindexHousehold(h, householdSearchIndex(h)),
  );
  const people = await sweep(search.outdatedPeople, (p: PersonKeySource) =>
    search.reindexPerson(p, personSearchIndex(p)),
  );
  return {
    households: households.written,
    people: people.written,
    finished: households.finished && people.finished,
  };
}
