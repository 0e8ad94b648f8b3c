import * as v from 'valibot';
import type { ObservationClass } from './health';
import { REACH_REPORT_DAYS } from './notices';

/**
 * The daily report (日报): per node and China day, the figures of its whole subtree. Counts of
 * states (observed, escalated, open errands) are taken when the report is computed; counts of
 * events (new returns, released, fevers, errands done) are those of the report's day. The sweep
 * figures are those of the campaigns (洗楼/排查) under way that day, each in its current round:
 * its targets, those settled (入户, 拒绝 or 发现问题), the doors visited that day, the findings.
 * The 卡口 figures are the report's day's passages through the checkpoints of the subtree: people
 * through in either direction (a vehicle counts its passengers), resident, outsider and vehicle
 * entries, fevers turned back, and the day's shifts still short of crew.
 * The 通知公告 figures are those of the notices for households published in the last
 * REACH_REPORT_DAYS China days and not withdrawn: the households under the node each should reach
 * (户次: a household counts once per notice), those reached so far, and how many such notices
 * concern the node (published on it, above it or below it).
 */
export const FIGURE_KEYS = [
  'registered',
  'newReturns',
  'observedRoutine',
  'observedKey',
  'observedCentral',
  'released',
  'escalated',
  'reportsDue',
  'reportsReceived',
  'reportsMissing',
  'fevers',
  'errandsOpen',
  'errandsClaimed',
  'errandsDone',
  'sweepTargets',
  'sweepSettled',
  'sweepVisitedToday',
  'sweepFindings',
  'checkpointPassages',
  'checkpointResidents',
  'checkpointOutsiders',
  'checkpointVehicles',
  'checkpointTurnedBack',
  'checkpointUncovered',
  'noticesActive',
  'noticeHouseholds',
  'noticeReached',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export const FIGURE_LABELS: Record<FigureKey, string> = {
  registered: '登记人数',
  newReturns: '今日返乡',
  observedRoutine: '常规观察',
  observedKey: '重点观察',
  observedCentral: '集中观察',
  released: '今日解除',
  escalated: '异常未解除',
  reportsDue: '应报',
  reportsReceived: '已报',
  reportsMissing: '未报',
  fevers: '发热/症状',
  errandsOpen: '待认领代购',
  errandsClaimed: '进行中代购',
  errandsDone: '今日送达',
  sweepTargets: '排查对象',
  sweepSettled: '本轮已排查',
  sweepVisitedToday: '今日走访',
  sweepFindings: '发现问题',
  checkpointPassages: '卡口进出人次',
  checkpointResidents: '卡口居民',
  checkpointOutsiders: '外来人员',
  checkpointVehicles: '车辆',
  checkpointTurnedBack: '发热劝返',
  checkpointUncovered: '未排满班次',
  noticesActive: `近${REACH_REPORT_DAYS}天通知`,
  noticeHouseholds: '应告知户次',
  noticeReached: '已告知户次',
};

export const zeroFigures = (): Figures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;

/** A stored report's figures with any figure added since it was computed read as 0. */
export const completeFigures = (stored: Partial<Figures>): Figures => ({
  ...zeroFigures(),
  ...stored,
});

/** The share of the sweep's targets settled in the rounds under way, 0 to 1; null: no sweep. */
export function sweepCoverageOf(
  figures: Pick<Figures, 'sweepTargets' | 'sweepSettled'>,
): number | null {
  if (figures.sweepTargets <= 0) return null;
  return Math.min(1, figures.sweepSettled / figures.sweepTargets);
}

/** The share of the households the recent notices should reach that they did, 0 to 1; null: none. */
export function noticeReachOf(
  figures: Pick<Figures, 'noticeHouseholds' | 'noticeReached'>,
): number | null {
  if (figures.noticeHouseholds <= 0) return null;
  return Math.min(1, figures.noticeReached / figures.noticeHouseholds);
}

/**
 * The share of due reports received, 0 to 1. A node with nothing due (零报告) is complete: it is
 * not behind, so it ranks with the nodes that reported in full, never above one that is late.
 */
export function completionOf(figures: Pick<Figures, 'reportsDue' | 'reportsReceived'>): number {
  if (figures.reportsDue <= 0) return 1;
  return Math.min(1, figures.reportsReceived / figures.reportsDue);
}

/** One node's report for one day, as the dashboard and the export show it. */
export interface DailyReportRow {
  gridId: string;
  name: string;
  levelName: string;
  depth: number;
  childCount: number;
  figures: Figures;
  /** Some report due somewhere below is still missing; a node with nothing due (零报告) is on time. */
  late: boolean;
  /** The direct children that are late. */
  lateChildren: { gridId: string; name: string }[];
}

export interface DashboardNode {
  gridId: string;
  name: string;
  /**
   * The ancestors the caller may open, root first: a leader of a community sees none above it, so
   * no crumb leads to a report they would be refused.
   */
  breadcrumbs: { gridId: string; name: string }[];
  /** The China day shown, and when its report was computed; null before the first report. */
  day: string | null;
  /** Today in China by the server's clock: the last day the day picker offers. */
  today: string;
  computedAt: string | null;
  report: DailyReportRow | null;
  /** Leaders and the command centre may recompute now and export. */
  canRefresh: boolean;
  canExport: boolean;
}

export interface TrendPoint {
  day: string;
  /** null for a day without a report. */
  figures: Figures | null;
}

export interface AlertRow {
  personId: string;
  name: string;
  gridId: string;
  gridName: string;
  class: ObservationClass;
  reason: string;
  /** The China day of the latest alert. */
  alertDay: string | null;
  lastReportDay: string | null;
}

export interface RefreshResult {
  day: string;
  computedAt: string;
  nodes: number;
  /** A report computed in the last few minutes is returned instead of computing again. */
  reused: boolean;
}

export type ExportPhase = 'queued' | 'reading' | 'writing' | 'uploading' | 'done' | 'failed';

export interface ExportStatus {
  phase: ExportPhase;
  /** Rows read so far, of `total` expected. */
  done: number;
  total: number;
}

export interface ExportResult {
  fileId: string;
  /** A temporary download link. */
  url: string;
  fileName: string;
  rows: number;
}

export interface UnreadReport {
  gridId: string;
  name: string;
  day: string;
  summary: string;
}

/** Chosen by the client, so it can ask for progress while the export runs. */
export const ExportIdSchema = v.pipe(
  v.string('导出编号格式不正确'),
  v.regex(/^[A-Za-z0-9-]{8,40}$/, '导出编号格式不正确'),
);

export const TREND_DAYS = 14;
