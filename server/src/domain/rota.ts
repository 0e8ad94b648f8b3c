import { createHash } from 'node:crypto';
import {
  addDays,
  CHANGE_DEADLINE_DAYS_BEFORE,
  CHECK_IN_EARLY_MS,
  CHECK_OUT_LATE_MS,
  chinaDay,
  chinaDayStart,
  clockMinutes,
  daysBetween,
  ROTA_DAYS_AHEAD,
  shiftIdOf,
  shiftMinutes,
  type CrewView,
  type ShiftPlanItem,
  type ShiftView,
  type SiteRow,
  type SiteView,
} from '@gridguard/types';
import type { CrewDoc, ShiftDoc, SiteDoc } from './checkpoint-records';

/**
 * The rota's rules in plain TypeScript: which shifts a site's plan makes on a China day, who may
 * still change a shift, when check-in is open, whether two shifts overlap, the week's bounds.
 */

const MINUTE = 60_000;

export function siteIdFor(openid: string, key: string): string {
  return `cs-${createHash('sha256').update(`site:${openid}:${key}`).digest('hex').slice(0, 20)}`;
}

/** The site a shift id names (`<siteId>:<day>:<index>`). */
export const siteIdOfShift = (shiftId: string): string => shiftId.split(':')[0] ?? '';

/** The China days a site's shifts must exist on, from `today`: ROTA_DAYS_AHEAD of them. */
export const rotaWindow = (today: string): string[] =>
  Array.from({ length: ROTA_DAYS_AHEAD }, (_, i) => addDays(today, i));

/** The shift a plan item makes on a day: empty, uncovered. */
export function shiftOf(site: SiteDoc, day: string, index: number, item: ShiftPlanItem): ShiftDoc {
  const startAt = new Date(chinaDayStart(day).getTime() + clockMinutes(item.start) * MINUTE);
  return {
    _id: shiftIdOf(site._id, day, index),
    siteId: site._id,
    siteName: site.name,
    gridId: site.gridId,
    gridPath: site.gridPath,
    day,
    index,
    start: item.start,
    end: item.end,
    startAt,
    endAt: new Date(startAt.getTime() + shiftMinutes(item.start, item.end) * MINUTE),
    need: item.need,
    crew: [],
    filled: 0,
    uncovered: 1,
    planVersion: site.planVersion,
    rev: 0,
  };
}

/** The shifts the plan makes on these days that are not among `existing` ids. */
export function missingShifts(
  site: SiteDoc,
  days: readonly string[],
  existing: ReadonlySet<string>,
): ShiftDoc[] {
  return days.flatMap((day) =>
    site.plan
      .map((item, index) => shiftOf(site, day, index, item))
      .filter((shift) => !existing.has(shift._id)),
  );
}

/** The first day a plan change applies to: nobody is surprised by a change of today's gate. */
export const planChangeFrom = (today: string): string => addDays(today, 2);

/** The last China day a member may still change their place on a shift of `day`. */
export const changeUntil = (day: string): string => addDays(day, -CHANGE_DEADLINE_DAYS_BEFORE);

export const memberMayChange = (shift: Pick<ShiftDoc, 'day'>, now: Date): boolean =>
  chinaDay(now) <= changeUntil(shift.day);

export const hasEnded = (shift: Pick<ShiftDoc, 'endAt'>, now: Date): boolean =>
  now.getTime() >= shift.endAt.getTime();

export const checkInOpen = (shift: Pick<ShiftDoc, 'startAt' | 'endAt'>, now: Date): boolean =>
  now.getTime() >= shift.startAt.getTime() - CHECK_IN_EARLY_MS &&
  now.getTime() <= shift.endAt.getTime();

export const checkOutOpen = (shift: Pick<ShiftDoc, 'startAt' | 'endAt'>, now: Date): boolean =>
  now.getTime() >= shift.startAt.getTime() - CHECK_IN_EARLY_MS &&
  now.getTime() <= shift.endAt.getTime() + CHECK_OUT_LATE_MS;

/** Two shifts share some minute (back-to-back shifts do not). */
export const overlaps = (
  a: Pick<ShiftDoc, 'startAt' | 'endAt'>,
  b: Pick<ShiftDoc, 'startAt' | 'endAt'>,
): boolean => a.startAt.getTime() < b.endAt.getTime() && b.startAt.getTime() < a.endAt.getTime();

/** The crew with one more person, and the counters that go with it. */
export function withCrew(shift: ShiftDoc, crew: CrewDoc[]) {
  return {
    crew,
    filled: crew.length,
    uncovered: (crew.length < shift.need ? 1 : 0) as 0 | 1,
    rev: shift.rev + 1,
  };
}

/** Monday and Sunday of the China week `day` falls in. */
export function weekOf(day: string): { start: string; end: string } {
  // 1970-01-05 was a Monday.
  const offset = ((daysBetween('1970-01-05', day) % 7) + 7) % 7;
  const start = addDays(day, -offset);
  return { start, end: addDays(start, 6) };
}

const crewView = (c: CrewDoc): CrewView => ({
  openid: c.openid,
  name: c.name,
  source: c.source,
  checkedInAt: c.checkedInAt ? c.checkedInAt.toISOString() : null,
  checkedOutAt: c.checkedOutAt ? c.checkedOutAt.toISOString() : null,
});

export function toShiftView(shift: ShiftDoc, openid: string, now: Date): ShiftView {
  const own = shift.crew.find((c) => c.openid === openid);
  return {
    id: shift._id,
    siteId: shift.siteId,
    siteName: shift.siteName,
    day: shift.day,
    start: shift.start,
    end: shift.end,
    startAt: shift.startAt.toISOString(),
    endAt: shift.endAt.toISOString(),
    need: shift.need,
    filled: shift.filled,
    uncovered: shift.uncovered === 1,
    crew: shift.crew.map(crewView),
    mine: own !== undefined,
    me: own ? crewView(own) : null,
    changeUntil: changeUntil(shift.day),
    open: memberMayChange(shift, now),
    ended: hasEnded(shift, now),
    checkInOpen: checkInOpen(shift, now),
    checkOutOpen: checkOutOpen(shift, now),
  };
}

/**
 * A leader's order: uncovered shifts not yet ended first (soonest first), then the rest by time.
 * Everyone else reads the rota by time.
 */
export function rotaOrder(shifts: ShiftDoc[], leader: boolean, now: Date): ShiftDoc[] {
  const byTime = [...shifts].sort(
    (a, b) => a.startAt.getTime() - b.startAt.getTime() || a.index - b.index,
  );
  if (!leader) return byTime;
  const gap = (s: ShiftDoc) => s.uncovered === 1 && !hasEnded(s, now);
  return [...byTime.filter(gap), ...byTime.filter((s) => !gap(s))];
}

export function toSiteRow(site: SiteDoc, may: { run: boolean; duty: boolean }): SiteRow {
  return {
    id: site._id,
    name: site.name,
    kind: site.kind,
    place: site.place,
    gridId: site.gridId,
    gridName: site.gridName,
    status: site.status,
    plan: site.plan,
    may,
  };
}

export function toSiteView(
  site: SiteDoc,
  may: { run: boolean; duty: boolean },
  qrPath: string,
): SiteView {
  return {
    ...toSiteRow(site, may),
    createdBy: site.createdBy.name,
    qrToken: may.run ? site.qrToken : null,
    qrPath: may.run ? qrPath : null,
  };
}
