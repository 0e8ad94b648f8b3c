import { CHINA_OFFSET_MINUTES } from '@gridguard/types';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `2020年2月10日 08:00` in China time whatever the phone's zone. The offset is applied to a copy
 * read through its UTC fields, only to print it: some mini-program engines lack time-zone data
 * for Intl, and China has no daylight saving.
 */
export function formatChinaDateTime(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const china = new Date(at + CHINA_OFFSET_MINUTES * 60_000);
  return (
    `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ` +
    `${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`
  );
}

/** `08:00`, the China wall-clock time alone: for what happened today, whose date is said already. */
export function formatChinaClock(iso: string): string {
  return formatChinaDateTime(iso).split(' ')[1] ?? '';
}

/** Field errors of an INVALID_INPUT failure, by the input field they belong to. */
export function fieldErrors(issues: readonly { path: string; message: string }[] | undefined) {
  const errors: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = issue.path.split('.')[0] ?? '';
    errors[field] ??= issue.message;
  }
  return errors;
}
