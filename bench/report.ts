/** One benchmark result: exactly one JSON line on stdout. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  [extra: string]: unknown;
}

/** stdout carries only figures; everything else goes to stderr. */
export function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A rate relative to the run's own baseline: machines differ too much for absolutes alone. */
export function ratio(rate: number, baseline: number): number {
  return round(rate / baseline, 3);
}
