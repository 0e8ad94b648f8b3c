import { startEmulatorProcess } from '../tests/helpers/process-emulator';
import { emit, progress, ratio, round } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';
import type { AddAnswer, ClientJob } from './sdk-client';

const JOB = {
  mode: 'add',
  warmup: 500,
  sequential: 2_000,
  concurrent: 10_000,
  inFlight: 50,
} as const;
const CONCURRENT_TARGET = 2_000;

/**
 * (b) SDK add() over HTTP: the emulator's CLI in one process, the unmodified SDK in another, as a
 * cloud function or script would use it.
 */
export async function benchSdkAdd(baseline: number, nodeArgs: readonly string[]): Promise<void> {
  const dir = tempDir('sdk');
  const emulator = await startEmulatorProcess({
    dataDir: dir,
    args: ['--no-timers'],
    nodeArgs,
    echoStderr: true,
  });
  const job: ClientJob = { ...JOB, emulatorPid: emulator.child.pid };
  const client = spawnTs('sdk-client.ts', [JSON.stringify(job)], {
    ...cleanEnv(),
    ...emulator.env,
  });
  try {
    progress(
      `sdk add: ${JOB.warmup} warm-up, ${JOB.sequential} one at a time, ` +
        `${JOB.concurrent} with ${JOB.inFlight} in flight`,
    );
    const { sequential, concurrent } = await client.next<AddAnswer>();
    emit({
      figure: 'sdk.add.sequential',
      value: round(sequential.latency.perSecond),
      unit: 'ops/s',
      p50: sequential.latency.p50,
      p99: sequential.latency.p99,
      ops: sequential.latency.count,
      inFlight: 1,
      ratioToBaseline: ratio(sequential.latency.perSecond, baseline),
      cpuPerOp: sequential.cpuPerOp,
    });
    const rate = concurrent.latency.perSecond;
    emit({
      figure: 'sdk.add.concurrent',
      value: round(rate),
      unit: 'ops/s',
      p50: concurrent.latency.p50,
      p99: concurrent.latency.p99,
      ops: concurrent.latency.count,
      inFlight: JOB.inFlight,
      ratioToBaseline: ratio(rate, baseline),
      cpuPerOp: concurrent.cpuPerOp,
      target: `>= ${CONCURRENT_TARGET} ops/s`,
      meetsTarget: rate >= CONCURRENT_TARGET,
    });
  } finally {
    await client.stop();
    await emulator.stop('SIGTERM');
    removeTempDir(dir);
  }
}
