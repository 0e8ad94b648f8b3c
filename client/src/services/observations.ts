import {
  OBSERVATION_CLASS_LABELS,
  OBSERVATION_CLASSES,
  type ObservationClass,
  type ObservationView,
  type ObservedPerson,
  type ResolvedAlertView,
} from '@gridguard/types';
import { callAction } from './call-action';

export { OBSERVATION_CLASS_LABELS, OBSERVATION_CLASSES };
export type { ObservationClass, ObservationView, ObservedPerson, ResolvedAlertView };

/** What a list of open observations may be narrowed to. */
export interface ObservationFilter {
  /** Only the escalated (异常提醒). */
  escalatedOnly?: boolean;
  class?: ObservationClass;
}

/** Open observations in the node's subtree, escalated first, 20 a page. */
export function listObservations(gridId: string, page: number, filter: ObservationFilter = {}) {
  return callAction('returns', 'list', {
    gridId,
    page,
    ...(filter.escalatedOnly && { status: 'escalated' as const }),
    ...(filter.class && { class: filter.class }),
  });
}

/** 已处理: alerts resolved under the node, newest first, 20 a page. */
export function listResolvedAlerts(gridId: string, page: number) {
  return callAction('returns', 'resolved', { gridId, page });
}

/** A leader changes the class; only call after the user confirmed. */
export function changeClass(personId: string, cls: ObservationClass, reason: string) {
  return callAction('returns', 'override', { personId, class: cls, reason });
}

/** A leader clears a fever or symptom alert after checking; only call after the user confirmed. */
export function resolveAlert(personId: string, reason: string) {
  return callAction('returns', 'resolve', { personId, reason });
}

/** A leader extends an open observation by 1–14 days; only call after the user confirmed. */
export function extendObservation(personId: string, days: number, reason: string) {
  return callAction('returns', 'extend', { personId, days, reason });
}

/** A leader ends an observation early (a negative test); only call after the user confirmed. */
export function endObservationEarly(personId: string, reason: string) {
  return callAction('returns', 'endEarly', { personId, reason, confirm: true });
}

/** The short class names of the filter chips (常规/重点/集中), beside the full ones. */
export const CLASS_SHORT_LABELS: Record<ObservationClass, string> = {
  routine: '常规',
  key: '重点',
  central: '集中',
};

/** `第 3/14 天`, or that it has ended. */
export function dayCounter(o: Pick<ObservationView, 'dayNumber' | 'totalDays'>): string {
  return o.dayNumber === null ? '观察已解除' : `第 ${o.dayNumber}/${o.totalDays} 天`;
}

export function lastReportText(o: Pick<ObservationView, 'lastReportDay'>, today: string): string {
  if (!o.lastReportDay) return '尚未打过卡';
  return o.lastReportDay === today ? '今日已打卡' : `上次打卡：${o.lastReportDay}`;
}
