import fs from 'node:fs';
import path from 'node:path';
import { startEmulatorProcess } from '../tests/helpers/process-emulator';
import { benchUser } from './fixtures';
import { emit, progress, ratio, round } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';
import type { ClientJob, ProbeAnswer } from './sdk-client';
import type { StoreJob } from './store-child';

const DOCS = 1_000_000;
const DOCS_PER_TRANSACTION = 50_000;
const RUNS = 3;
const TARGET_MS = 3_000;

interface StartTiming {
  envLineMs: number;
  firstAnswerMs: number;
  answer: ProbeAnswer;
}

/**
 * (d) Emulator start-up over a data folder that already holds a million documents: from spawning
 * the CLI to its env line, and to the first answer an SDK client gets. A point read shows when the
 * emulator is ready; a whole-collection count() as the first request shows what a client that
 * starts with one waits. Also the generation itself.
 */
export async function benchStartup(baseline: number, nodeArgs: readonly string[]): Promise<void> {
  const dir = tempDir('startup');
  try {
    const generateMs = await generate(dir);
    const docsPerSecond = (DOCS * 1000) / generateMs;
    emit({
      figure: 'startup.generate1M',
      value: Math.round(generateMs),
      unit: 'ms',
      docs: DOCS,
      docsPerTransaction: DOCS_PER_TRANSACTION,
      docsPerSecond: round(docsPerSecond),
      ratioToBaseline: ratio(docsPerSecond, baseline),
      dataBytes: folderBytes(dir),
    });

    const runs: StartTiming[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await timeStart(dir, 'get', nodeArgs));
    const failed = runs.find((r) => !r.answer.ok);
    if (failed) throw new Error(`the start-up probe failed: ${JSON.stringify(failed.answer)}`);
    const answerMs = median(runs.map((r) => r.firstAnswerMs));
    emit({
      figure: 'startup.1M',
      value: Math.round(answerMs),
      unit: 'ms',
      firstRequest: 'doc(id).get()',
      envLineMs: Math.round(median(runs.map((r) => r.envLineMs))),
      runs: runs.map((r) => ({
        envLineMs: Math.round(r.envLineMs),
        firstAnswerMs: Math.round(r.firstAnswerMs),
      })),
      statistic: `median of ${RUNS}`,
      target: `<= ${TARGET_MS} ms`,
      meetsTarget: answerMs <= TARGET_MS,
    });

    const counted = await timeStart(dir, 'count', nodeArgs);
    emit({
      figure: 'startup.1M.countFirst',
      value: Math.round(counted.firstAnswerMs),
      unit: 'ms',
      firstRequest: 'collection.count() over all documents',
      envLineMs: Math.round(counted.envLineMs),
      ...(counted.answer.ok ? { total: counted.answer.total } : { error: counted.answer.error }),
      target: `<= ${TARGET_MS} ms`,
      meetsTarget: counted.answer.ok && counted.firstAnswerMs <= TARGET_MS,
    });
  } finally {
    removeTempDir(dir);
  }
}

/** Straight into the store (DocumentStore, large transactions), timed inside the child. */
async function generate(dir: string): Promise<number> {
  progress(`startup: generating ${DOCS} documents`);
  const job: StoreJob = { kind: 'generate', dir, docs: DOCS, perTransaction: DOCS_PER_TRANSACTION };
  const child = spawnTs('store-child.ts', [JSON.stringify(job)], process.env);
  try {
    return (await child.next<{ ms: number }>()).ms;
  } finally {
    await child.stop();
  }
}

async function timeStart(
  dir: string,
  first: 'get' | 'count',
  nodeArgs: readonly string[],
): Promise<StartTiming> {
  const job: ClientJob = { mode: 'probe', first, docId: benchUser(DOCS - 1)['_id'] as string };
  const probe = spawnTs('sdk-client.ts', [JSON.stringify(job)], cleanEnv());
  try {
    await probe.next<{ ready: true }>();
    const started = performance.now();
    const emulator = await startEmulatorProcess({
      dataDir: dir,
      args: ['--no-timers'],
      nodeArgs,
      echoStderr: true,
    });
    try {
      probe.send(emulator.env);
      const answer = await probe.next<ProbeAnswer>();
      const firstAnswerMs = performance.now() - started;
      progress(
        `startup (${first} first): env line ${Math.round(emulator.readyMs)} ms, ` +
          `answer ${Math.round(firstAnswerMs)} ms`,
      );
      return { envLineMs: emulator.readyMs, firstAnswerMs, answer };
    } finally {
      await emulator.stop('SIGTERM');
    }
  } finally {
    await probe.stop();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function folderBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}
