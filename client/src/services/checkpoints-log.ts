import { GATE_COUNT_KEYS, GATE_COUNT_LABELS, COUNTS_MAX_DAYS } from '@gridguard/types';
import { callAction } from './call-action';

export type { CountsView, DayCounts, GateCounts, ShiftCounts, SiteCounts } from '@gridguard/types';
export { COUNTS_MAX_DAYS, GATE_COUNT_KEYS, GATE_COUNT_LABELS };
export { LOG_EXPORT_MAX_DAYS, addDays, chinaToday, daysBetween } from '@gridguard/types';

/** What the counts page asks for: one site (from a node's list, maybe), or a node's sites. */
export type CountsScope = { siteId: string; gridId?: string } | { gridId: string };

/** 卡口 counts over China days `from`..`to`: per day and shift for a site, per day and site for a node. */
export function getCheckpointCounts(scope: CountsScope, from: string, to: string, page = 1) {
  return callAction('checkpoints', 'counts', { ...scope, from, to, page });
}

/** 导出 Excel of a site's log over the days: leaders only; masked, watermarked and audited. */
export function exportCheckpointLog(siteId: string, from: string, to: string) {
  return callAction('checkpoints', 'exportLog', { siteId, from, to });
}
