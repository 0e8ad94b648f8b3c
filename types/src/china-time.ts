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
