import { addDays, chinaDay, chinaDayStart, type ClassificationRules } from '@gridguard/types';
import { ACTIVE_CLAIM } from '@gridguard/server/domain';
import type { Deployment } from './builder';
import { seededRandom } from './day-activity';
import { planErrands } from './history-errands';
import { daysFrom, planHealth } from './history-health';
import { Timeline, type RecordBatch } from './history-timeline';

/**
 * The demo town's last two weeks: returns, observations, 一日一报 and errands, day by day up to
 * `now`. Deterministic for a given today: the seed is the day, so two starts on one day tell the
 * same story (up to the events that `now` has not reached yet).
 */
export const HISTORY_DAYS = 14;
/** Early returnees arrive this many days back, to finish their observation within the window. */
const LEAD_DAYS = 20;
const EVENING_HOURS = 20;

export interface HistoryDay {
  day: string;
  /** When the dailyReport timer computed that day's report (20:00 China time). */
  evening: Date;
  /** The records changed since the previous day's evening, up to this evening. */
  changes: RecordBatch;
}

export interface DemoHistory {
  /** Each past day of the report window, oldest first. */
  days: HistoryDay[];
  /** What changed after yesterday's evening, up to now. */
  sinceYesterday: RecordBatch;
  /** Each volunteer's claims still in hand, as the errands router counts them (volunteerLoads). */
  loads: { _id: string; active: number }[];
}

export function demoHistory(
  deployment: Deployment,
  rules: ClassificationRules,
  now: Date,
  photo: (cloudPath: string) => string,
): DemoHistory {
  const today = chinaDay(now);
  const seed = Number(today.replace(/-/g, ''));
  const timeline = new Timeline();
  planHealth(
    deployment,
    {
      from: addDays(today, -LEAD_DAYS),
      window: addDays(today, -HISTORY_DAYS),
      today,
      now,
      rules,
      random: seededRandom(seed),
    },
    timeline,
  );
  planErrands(
    deployment,
    { from: addDays(today, -HISTORY_DAYS), today, now, random: seededRandom(seed + 1), photo },
    timeline,
  );
  const days = daysFrom(addDays(today, -HISTORY_DAYS), addDays(today, -1)).map((day) => {
    const evening = new Date(chinaDayStart(day).getTime() + EVENING_HOURS * 3_600_000);
    return { day, evening, changes: timeline.runUntil(evening) };
  });
  const sinceYesterday = timeline.runUntil(now);
  const active = new Map<string, number>();
  for (const e of timeline.records.errands.values())
    if (e.claimer && ACTIVE_CLAIM.includes(e.status))
      active.set(e.claimer.openid, (active.get(e.claimer.openid) ?? 0) + 1);
  const loads = [...active].map(([openid, count]) => ({ _id: openid, active: count }));
  return { days, sinceYesterday, loads };
}
