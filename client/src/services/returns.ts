import {
  ARRIVAL_LATE_MARGIN_DAYS,
  CHINA_OFFSET_MINUTES,
  DEFAULT_OBSERVATION_DAYS,
  TRANSPORT_LABELS,
  TRANSPORT_MODES,
  type ActionInput,
} from '@gridguard/types';
import { callAction } from './call-action';

export { TRANSPORT_LABELS, TRANSPORT_MODES };
export type { Place, ReturnDeclaration } from '@gridguard/types';
export type TransportMode = (typeof TRANSPORT_MODES)[number];
/** The declaration as the router takes it (optional fields may be left out). */
export type DeclarationInput = ActionInput<'returns', 'declare'>['declaration'];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Today's China day (YYYY-MM-DD) whatever the phone's zone, without dayjs: the instant is shifted
 * by the fixed UTC+8 offset and read through its UTC fields (China has no daylight saving).
 */
export function chinaToday(now: number = Date.now()): string {
  const china = new Date(now + CHINA_OFFSET_MINUTES * 60_000);
  return `${china.getUTCFullYear()}-${pad(china.getUTCMonth() + 1)}-${pad(china.getUTCDate())}`;
}

const DAY_MS = 86_400_000;

/**
 * The arrival days the router takes (ArrivalDaySchema): tomorrow at the latest, back to an
 * observation plus a margin; the date picker offers only these.
 */
export function arrivalWindow(now: number = Date.now()): { start: string; end: string } {
  const back = DEFAULT_OBSERVATION_DAYS + ARRIVAL_LATE_MARGIN_DAYS;
  return { start: chinaToday(now - back * DAY_MS), end: chinaToday(now + DAY_MS) };
}

/**
 * Registers (or, for the same return, updates) a person's return; answers with their
 * classification and home observation.
 */
export function declareReturn(personId: string, declaration: DeclarationInput) {
  return callAction('returns', 'declare', { personId, declaration });
}

/**
 * INVALID_INPUT issues by field, the `declaration.` prefix dropped: `arrivalDay`,
 * `origin.province`, `via.0.province`. The first message for a field wins.
 */
export function declarationErrors(
  issues: readonly { path: string; message: string }[] | undefined,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = issue.path.replace(/^declaration\.?/, '') || 'declaration';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The first error for `field` or anything inside it (`origin` covers `origin.province`). */
export function errorFor(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const inside = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return inside ? errors[inside] : undefined;
}
