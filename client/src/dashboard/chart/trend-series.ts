// Straight from the contract, not through services/: this module stays pure (no platform).
import { FIGURE_LABELS, type FigureKey, type TrendPoint } from '@gridguard/types';

/** The lines drawn, each in a colour readable on white and apart from the others. */
export const TREND_LINES: { key: FigureKey; color: string }[] = [
  { key: 'reportsDue', color: '#1565c0' },
  { key: 'reportsReceived', color: '#2e7d32' },
  { key: 'fevers', color: '#c8161d' },
];

/** Every third day is labelled, counted back from today so that today always is. */
const LABEL_EVERY = 3;
/** Horizontal grid lines; the axis top is a multiple of it, so every tick is a whole number. */
export const Y_SPLITS = 5;

export interface TrendSeries {
  /** `2/10` for labelled days, '' between them: 14 dates do not fit across a phone. */
  categories: string[];
  /** Top of the y axis: counts are whole, so are the ticks. */
  axisMax: number;
  series: { name: string; color: string; data: (number | null)[] }[];
  /** Days in the window with a report. */
  reportedDays: number;
}

const shortDay = (day: string) => {
  const [, month, date] = day.split('-');
  return `${Number(month)}/${Number(date)}`;
};

/** Chart input from the trend, oldest day first; a day without a report stays a gap, not a 0. */
export function trendSeries(points: readonly TrendPoint[]): TrendSeries {
  const last = points.length - 1;
  const series = TREND_LINES.map(({ key, color }) => ({
    name: FIGURE_LABELS[key],
    color,
    data: points.map((point) => (point.figures ? point.figures[key] : null)),
  }));
  const highest = Math.max(0, ...series.flatMap((line) => line.data.map((value) => value ?? 0)));
  return {
    categories: points.map((point, index) =>
      (last - index) % LABEL_EVERY === 0 ? shortDay(point.day) : '',
    ),
    axisMax: Math.max(1, Math.ceil(highest / Y_SPLITS)) * Y_SPLITS,
    series,
    reportedDays: points.filter((point) => point.figures !== null).length,
  };
}
