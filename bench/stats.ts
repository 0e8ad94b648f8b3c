export interface LatencySummary {
  count: number;
  elapsedMs: number;
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(latenciesMs: readonly number[], elapsedMs: number): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    count: sorted.length,
    elapsedMs: r2(elapsedMs),
    perSecond: r2((sorted.length * 1000) / elapsedMs),
    p50: r2(percentile(sorted, 50)),
    p99: r2(percentile(sorted, 99)),
    mean: r2(total / sorted.length),
    max: r2(sorted[sorted.length - 1] ?? Number.NaN),
  };
}
