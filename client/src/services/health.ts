import {
  FEVER_THRESHOLD_C,
  formatCelsius,
  OBSERVATION_CLASS_LABELS,
  SUBSCRIBE_TEMPLATES,
  SYMPTOM_LABELS,
  SYMPTOMS,
  type Symptom,
  type FunctionResult,
} from '@gridguard/types';
import { platform } from '../platform';
import { callAction } from './call-action';

export type { HealthReportView, MissingReport, ObservationView, Symptom } from '@gridguard/types';
export { FEVER_THRESHOLD_C, OBSERVATION_CLASS_LABELS, SYMPTOM_LABELS, SYMPTOMS };

/** Where a temperature entry starts when there is no earlier report to copy. */
export const NORMAL_TEMPERATURE_C = 36.5;
/** One tap of + or −. */
export const TEMPERATURE_STEP_C = 0.1;

/** Today's report and yesterday's (to pre-fill from) for one person of the caller's family. */
export function todaysReport(personId: string) {
  return callAction('reports', 'today', { personId });
}

/** The person's home observation, or null when they are not (and never were) observed. */
export function observationStatus(personId: string) {
  return callAction('returns', 'status', { personId });
}

export interface ReportDraft {
  temperature: number;
  symptoms: Symptom[];
  note: string;
}

/** Today's report; a second submission the same China day updates it, never duplicates it. */
export function submitReport(personId: string, draft: ReportDraft) {
  return callAction('reports', 'submit', { personId, ...draft });
}

/** Who under observation in the node's subtree has not reported today, 20 a page. */
export function listMissingReports(gridId: string, page: number) {
  return callAction('reports', 'missing', { gridId, page });
}

/** Batches 一键提醒 goes through at most (50 people each): far beyond any node's list. */
const MAX_REMIND_BATCHES = 200;

/**
 * 一键提醒: everyone of the node's 今日未报 not yet reminded today gets the subscribe message
 * where they granted one, else goes on the call list; batch after batch until the list is done.
 */
export async function remindNotReported(
  gridId: string,
): Promise<FunctionResult<{ messages: number; calls: number }>> {
  let messages = 0;
  let calls = 0;
  let after: string | undefined;
  for (let batch = 0; batch < MAX_REMIND_BATCHES; batch += 1) {
    const result = await callAction('reports', 'remind', after ? { gridId, after } : { gridId });
    if (!result.ok) return result;
    messages += result.data.messages;
    calls += result.data.calls;
    if (result.data.after === null) break;
    after = result.data.after;
  }
  return { ok: true, data: { messages, calls } };
}

/**
 * Asks for consent to tomorrow's reminder (a one-time subscription on WeChat). Must start inside
 * the tap handler; a refusal or failure only means the member calls instead.
 */
export async function askForReminderConsent(): Promise<void> {
  await platform.requestSubscribe([SUBSCRIBE_TEMPLATES.reportReminder.id]);
}

/** Why a report would alert the grid leader, in Chinese; empty when all is normal. */
export function reportWarnings(draft: Pick<ReportDraft, 'temperature' | 'symptoms'>): string[] {
  const warnings: string[] = [];
  if (draft.temperature >= FEVER_THRESHOLD_C) {
    warnings.push(`体温偏高（${formatTemperature(draft.temperature)}）`);
  }
  if (draft.symptoms.length > 0) {
    warnings.push(`有症状：${draft.symptoms.map((s) => SYMPTOM_LABELS[s]).join('、')}`);
  }
  return warnings;
}

export const formatTemperature = formatCelsius;

/** One step up or down, kept to one decimal (0.1 is not exact in binary). */
export function stepTemperature(celsius: number, direction: 1 | -1): number {
  return Math.round((celsius + direction * TEMPERATURE_STEP_C) * 10) / 10;
}
