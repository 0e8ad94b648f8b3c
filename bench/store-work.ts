import { DocumentStore } from '@gridguard/emulator';
import { COLLECTION_DECLARATIONS } from '@gridguard/types';
import { BENCH_COLLECTION, benchUser } from './fixtures';

/**
 * The store measured directly, with no HTTP. Synchronous for seconds at a time, so it runs in
 * store-child.ts: the bench process stays free to clean up on Ctrl-C (tsx SIGKILLs a process that
 * does not answer a signal within 60 ms).
 */
export interface InsertRates {
  oneDocPerTransaction: number;
  batch: number;
}

/** Untimed, so prepared statements and the JIT are warm before the baseline is taken. */
const WARMUP_DOCS = 2_000;
export const SINGLE_DOCS = 20_000;
export const BATCH_DOCS = 200_000;
export const BATCH_SIZE = 10_000;

/** Docs/s for one document per transaction (one SDK add()'s share of the store) and for batches. */
export function measureInsertRates(dir: string): InsertRates {
  const store = openDeclared(dir);
  try {
    const insertOne = (i: number) =>
      store.atomically(() => store.insert(BENCH_COLLECTION, benchUser(i)));
    for (let i = 0; i < WARMUP_DOCS; i++) insertOne(i);
    let started = performance.now();
    for (let i = WARMUP_DOCS; i < WARMUP_DOCS + SINGLE_DOCS; i++) insertOne(i);
    const oneDocPerTransaction = (SINGLE_DOCS * 1000) / (performance.now() - started);

    started = performance.now();
    insertBatches(store, WARMUP_DOCS + SINGLE_DOCS, BATCH_DOCS, BATCH_SIZE);
    const batch = (BATCH_DOCS * 1000) / (performance.now() - started);
    return { oneDocPerTransaction, batch };
  } finally {
    store.close();
  }
}

/** Fills a fresh data folder with `docs` documents; returns the time taken, close included. */
export function generateDocs(dir: string, docs: number, perTransaction: number): number {
  const started = performance.now();
  const store = openDeclared(dir);
  try {
    insertBatches(store, 0, docs, perTransaction);
  } finally {
    store.close();
  }
  return performance.now() - started;
}

/** Declared as the CLI declares it, so an emulator started on the folder rebuilds no index. */
function openDeclared(dir: string): DocumentStore {
  const store = new DocumentStore(dir);
  store.declare(COLLECTION_DECLARATIONS);
  return store;
}

function insertBatches(
  store: DocumentStore,
  first: number,
  docs: number,
  perTransaction: number,
): void {
  for (let offset = first; offset < first + docs; offset += perTransaction) {
    const end = Math.min(offset + perTransaction, first + docs);
    store.atomically(() => {
      for (let i = offset; i < end; i++) store.insert(BENCH_COLLECTION, benchUser(i));
    });
  }
}
