import {
  addDays,
  completionOf,
  earliestReportDay,
  FIGURE_KEYS,
  FIGURE_LABELS,
  noticeReachOf,
  SUBSCRIBE_TEMPLATES,
  sweepCoverageOf,
  TREND_DAYS,
  type ExportPhase,
  type ExportStatus,
} from '@gridguard/types';
import { platform, type SubscribeDecision } from '../platform';
import { callAction } from './call-action';

export type {
  AlertRow,
  DailyReportRow,
  DashboardNode,
  ExportResult,
  ExportStatus,
  FigureKey,
  Figures,
  TrendPoint,
  UnreadReport,
} from '@gridguard/types';
export {
  addDays,
  completionOf,
  earliestReportDay,
  FIGURE_KEYS,
  FIGURE_LABELS,
  noticeReachOf,
  sweepCoverageOf,
  TREND_DAYS,
};

/** The node's report for `day`, or the latest one computed when no day is given. */
export function getDashboardNode(gridId: string, day?: string) {
  return callAction('dashboard', 'node', day ? { gridId, day } : { gridId });
}

/** The node's children that day, 20 a page, the lowest share of reports received first. */
export function listReportChildren(gridId: string, day: string, page: number) {
  return callAction('dashboard', 'children', { gridId, day, page });
}

/** The last TREND_DAYS China days, oldest first; a day without a report has null figures. */
export function getTrend(gridId: string) {
  return callAction('dashboard', 'trend', { gridId });
}

/** People under the node whose observation is escalated, the latest alert first. */
export function listAlerts(gridId: string, page: number) {
  return callAction('dashboard', 'alerts', { gridId, page });
}

/** Computes today's report for the whole tree now (a report under 5 minutes old is reused). */
export function refreshReport(gridId: string) {
  return callAction('dashboard', 'refresh', { gridId });
}

/** Writes the subtree's report to an Excel file; `exportId` lets exportStatus follow it. */
export function exportReport(gridId: string, day: string, exportId: string) {
  return callAction('dashboard', 'export', { gridId, day, exportId });
}

export function getExportStatus(exportId: string) {
  return callAction('dashboard', 'exportStatus', { exportId });
}

/** Reports the caller received no message for (no subscription credit left). */
export function listUnreadReports() {
  return callAction('dashboard', 'unread', {});
}

/**
 * An id the server accepts (8–40 of A–Z a–z 0–9 -): time plus randomness, so two exports started
 * by the same person in the same millisecond still differ.
 */
export function newExportId(now: number = Date.now(), random: () => number = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `x-${now.toString(36)}-${suffix}`;
}

export const EXPORT_PHASE_LABELS: Record<ExportPhase, string> = {
  queued: '排队中',
  reading: '正在读取数据',
  writing: '正在生成表格',
  uploading: '正在上传文件',
  done: '已完成',
  failed: '导出失败',
};

/** `正在读取数据 120/300` while rows are being read; the phase alone otherwise. */
export function exportProgressText(status: ExportStatus): string {
  const label = EXPORT_PHASE_LABELS[status.phase];
  return status.phase === 'reading' && status.total > 0
    ? `${label} ${Math.min(status.done, status.total)}/${status.total}`
    : label;
}

/**
 * Asks for consent to the next daily report message (a one-time subscription on WeChat: one
 * consent, one message). Must start inside the tap handler.
 */
export async function askForDailyReportConsent(): Promise<SubscribeDecision | 'failed'> {
  const id = SUBSCRIBE_TEMPLATES.dailyReport.id;
  const result = await platform.requestSubscribe([id]);
  if (!result.ok) return 'failed';
  return result.data[id] ?? 'failed';
}
