import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { CHINA_OFFSET_MINUTES } from './time-zone';

dayjs.extend(utc);

/**
 * China keeps UTC+8 all year (no daylight saving), while cloud functions run in UTC. A "day" in
 * GridGuard is always a China day, written YYYY-MM-DD. A fixed offset needs no time-zone database
 * (which some mini-program engines lack), and it never fakes a Date by adding hours.
 */

export const ChinaDayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** The China calendar day an instant falls on. */
export function chinaDay(at: Date | number): string {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD');
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** The instant a China day starts (00:00 UTC+8), e.g. for "reported today" queries. */
export function chinaDayStart(day: string): Date {
  return dayjs.utc(day).subtract(CHINA_OFFSET_MINUTES, 'minute').toDate();
}

/** China wall-clock time, e.g. for subscribe message time fields (YYYY-MM-DD HH:mm). */
export function chinaTime(at: Date | number): string {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD HH:mm');
}

/** Days outside these years are typing mistakes or probes, whatever the field. */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2099-12-31';

/** True for a YYYY-MM-DD that is a day of the calendar (29 February only in leap years). */
export function isRealDay(day: string): boolean {
  if (!ChinaDayPattern.test(day)) return false;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, date));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === date;
}

/**
 * Today in China, by the clock the functions read (`Date.now()`). Date windows in the schemas use
 * it when an event is validated, so they move with the same "now" the services stamp records with.
 */
export function chinaToday(): string {
  return chinaDay(Date.now());
}
