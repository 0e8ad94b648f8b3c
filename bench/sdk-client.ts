import cloud from 'wx-server-sdk';
import readline from 'node:readline';
import { BENCH_COLLECTION } from './fixtures';
import { exitWithParent } from './child-watchdog';
import { startCpuMeter, type CpuPerOp } from './cpu';
import { closedLoop } from './load';
import type { LatencySummary } from './stats';

/**
 * The bench's SDK client, a process of its own so it costs the emulator nothing but requests.
 * `add`: the environment already points at the emulator; answers {sequential, concurrent}.
 * `probe`: loads the SDK first, says {ready}, then waits for an env line on stdin and answers once
 * its first request (doc().get() or a whole-collection count()) has: so the start-up figure times
 * the emulator, not the SDK's require.
 */
export type ClientJob =
  | {
      mode: 'add';
      warmup: number;
      sequential: number;
      concurrent: number;
      inFlight: number;
      emulatorPid?: number;
    }
  | { mode: 'probe'; first: 'get' | 'count'; docId: string };

/** What the probe answers once the emulator has served its first request. */
export type ProbeAnswer = { ok: true; total?: number } | { ok: false; error: string };

export interface PhaseResult {
  latency: LatencySummary;
  cpuPerOp: CpuPerOp;
}

export interface AddAnswer {
  sequential: PhaseResult;
  concurrent: PhaseResult;
}

function initSdk(): ReturnType<typeof cloud.database> {
  // The typings declare env as a string; DYNAMIC_CURRENT_ENV (a symbol) is the documented value.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud.database();
}

/** The typings add `void | string` to every promise the SDK returns. */
async function settle<T>(call: Promise<T> | void | string): Promise<T> {
  if (typeof call !== 'object' || call === null) throw new Error(`the SDK returned ${typeof call}`);
  return call;
}

const answer = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function runAdds(job: Extract<ClientJob, { mode: 'add' }>): Promise<void> {
  const users = initSdk().collection(BENCH_COLLECTION);
  const add = async (i: number) => {
    await settle(
      users.add({
        data: {
          name: `居民${i}`,
          roles: ['resident'],
          gridId: `g-bench-${i % 50}`,
          createdAt: new Date(),
        },
      }),
    );
  };
  const phase = async (total: number, inFlight: number): Promise<PhaseResult> => {
    const cpu = startCpuMeter(job.emulatorPid);
    const latency = await closedLoop(total, inFlight, add);
    return { latency, cpuPerOp: cpu(total) };
  };
  await closedLoop(job.warmup, job.inFlight, add);
  const sequential = await phase(job.sequential, 1);
  const concurrent = await phase(job.concurrent, job.inFlight);
  answer({ sequential, concurrent } satisfies AddAnswer);
}

async function probe(job: Extract<ClientJob, { mode: 'probe' }>): Promise<void> {
  answer({ ready: true });
  const lines = readline.createInterface({ input: process.stdin });
  const line = await new Promise<string>((resolve) => lines.once('line', resolve));
  lines.close();
  Object.assign(process.env, JSON.parse(line) as Record<string, string>);
  const users = initSdk().collection(BENCH_COLLECTION);
  let reply: ProbeAnswer;
  try {
    if (job.first === 'count') {
      reply = { ok: true, total: (await settle(users.count())).total };
    } else {
      const { data } = await settle(users.doc(job.docId).get());
      reply =
        data['_id'] === job.docId
          ? { ok: true }
          : { ok: false, error: `got ${JSON.stringify(data)}` };
    }
  } catch (e) {
    // A slow answer can outlast the SDK's 15 s timeout; that is a result, not a crash.
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  answer(reply);
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as ClientJob;
  if (job.mode === 'add') {
    exitWithParent();
    await runAdds(job);
  } else {
    // The probe reads stdin itself; once it closes there is nothing left to wait for.
    await probe(job);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
