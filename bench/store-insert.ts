import { emit, progress, ratio, round } from './report';
import { removeTempDir, spawnTs, tempDir } from './resources';
import type { StoreJob } from './store-child';
import { BATCH_DOCS, BATCH_SIZE, SINGLE_DOCS, type InsertRates } from './store-work';
import { BENCH_COLLECTION, declaredIndexes } from './fixtures';

/**
 * (a) What the store itself can do, with no HTTP: one document per transaction is the store's
 * share of one SDK add(), and is the run's baseline. Returns that rate (docs/s).
 */
export async function benchStoreInsert(): Promise<number> {
  const dir = tempDir('store');
  const job: StoreJob = { kind: 'rates', dir };
  const child = spawnTs('store-child.ts', [JSON.stringify(job)], process.env);
  try {
    progress(
      `store: ${SINGLE_DOCS} inserts one per transaction, ` +
        `then ${BATCH_DOCS} in transactions of ${BATCH_SIZE}`,
    );
    const rates = await child.next<InsertRates>();
    emit({
      figure: 'store.insert.oneDocPerTransaction',
      value: round(rates.oneDocPerTransaction),
      unit: 'docs/s',
      docs: SINGLE_DOCS,
      collection: `${BENCH_COLLECTION} (${declaredIndexes(BENCH_COLLECTION)} declared indexes)`,
      baseline: true,
    });
    emit({
      figure: 'store.insert.batchTransaction',
      value: round(rates.batch),
      unit: 'docs/s',
      docs: BATCH_DOCS,
      docsPerTransaction: BATCH_SIZE,
      ratioToBaseline: ratio(rates.batch, rates.oneDocPerTransaction),
    });
    return rates.oneDocPerTransaction;
  } finally {
    await child.stop();
    removeTempDir(dir);
  }
}
