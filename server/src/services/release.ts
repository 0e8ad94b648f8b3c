import { addDays, chinaDay } from '@gridguard/types';
import { transition } from '../domain/observation';
import type { HealthReportDoc, ObservationDoc } from '../domain/records';
import type { HealthData } from '../runtime/health-data';

const SWEEP_BATCH = 100;

/**
 * The daily release (timer): every open observation past its end whose last two days were reported
 * normal is released. Run twice, it releases nobody twice: released ones no longer match.
 */
export async function releaseDueObservations(
  health: HealthData,
  now: Date,
): Promise<{ checked: number; released: number }> {
  const today = chinaDay(now);
  let after = '';
  let checked = 0;
  let released = 0;
  for (;;) {
    const due = await health.dueForRelease(today, after, SWEEP_BATCH);
    if (due.length === 0) break;
    // Each one's last two days, for the whole batch in one read.
    const lastTwoDays = (o: ObservationDoc) =>
      [addDays(o.endDay, -1), o.endDay].map((d) => `${o.personId}:${d}`);
    const reports = new Map(
      (await health.reports(due.flatMap(lastTwoDays))).map((r) => [r._id, r]),
    );
    for (const o of due) {
      checked += 1;
      const normalReportDays = lastTwoDays(o)
        .map((id) => reports.get(id))
        .filter((r): r is HealthReportDoc => r !== undefined && !r.abnormal)
        .map((r) => r.day);
      const { next, effects } = transition(o, {
        type: 'releaseCheck',
        day: today,
        normalReportDays,
      });
      // Released only if still observing with the same end: an escalation or an extension saved
      // since the check keeps the person under observation.
      if (
        effects.some((e) => e.type === 'released') &&
        (await health.release(o._id, o.endDay, next.history.slice(o.history.length), now))
      )
        released += 1;
    }
    after = due[due.length - 1]?._id ?? after;
  }
  return { checked, released };
}
