import { summarize, type LatencySummary } from './stats';

/**
 * A closed loop: `inFlight` callers each start the next operation as soon as their last one ends,
 * as a busy client would. Any failed operation fails the run: a benchmark of errors means nothing.
 */
export async function closedLoop(
  total: number,
  inFlight: number,
  op: (i: number) => Promise<void>,
): Promise<LatencySummary> {
  const latencies = new Array<number>(total);
  let next = 0;
  const started = performance.now();
  const caller = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      await op(i);
      latencies[i] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, caller));
  return summarize(latencies, performance.now() - started);
}
