import { chinaDay, daysBetween } from '@gridguard/types';
import { AppError } from '../domain/errors';
import { transition } from '../domain/observation';
import type { ObservationDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionHandlers } from '../runtime/router';
import { observationInScope, toObservationView } from './returns';

/** What an audit entry keeps of an observation: enough to see what a change did. */
const state = (o: Pick<ObservationDoc, 'status' | 'startDay' | 'endDay'>) => ({
  status: o.status,
  startDay: o.startDay,
  endDay: o.endDay,
});

/**
 * Observation by hand (same `returns` router): a leader extends an open observation, or ends one
 * early with a reason (a negative test). Both are `observation.manage`, checked before anything is
 * read beyond the observation; each writes one conditional update and one audit entry with the
 * state before and after, and a refusal writes nothing.
 */
export function observationManageActions(
  grids: GridData,
  health: HealthData,
): Pick<ActionHandlers<'returns'>, 'extend' | 'endEarly'> {
  return {
    async extend({ personId, days, reason }, ctx) {
      const actor = await ctx.actor();
      const observation = await observationInScope(grids, health, actor, personId);
      const today = chinaDay(Date.now());
      const { next } = transition(observation, {
        type: 'extend',
        day: today,
        days,
        reason: `延长观察 ${days} 天：${reason}`,
      });
      const entry = next.history[next.history.length - 1];
      const at = new Date();
      if (
        !entry ||
        !(await health.extend(personId, {
          fromEnd: observation.endDay,
          toEnd: next.endDay,
          entry,
          at,
        }))
      )
        throw new AppError('CONFLICT', '该居民的观察已变化，请刷新后重试');
      const updated: ObservationDoc = { ...observation, ...next, updatedAt: at };
      await grids.record({
        actor: actor.openid,
        action: 'observation.extend',
        gridId: observation.gridId,
        gridPath: observation.gridPath,
        target: personId,
        detail: { before: state(observation), after: state(updated), days, reason },
      });
      return toObservationView(updated, today);
    },

    async endEarly({ personId, reason }, ctx) {
      const actor = await ctx.actor();
      const observation = await observationInScope(grids, health, actor, personId);
      const today = chinaDay(Date.now());
      // The state machine refuses the released (and the escalated, until 解除异常) before any write.
      const { next } = transition(observation, { type: 'endEarly', day: today, reason });
      const entry = next.history[next.history.length - 1];
      const at = new Date();
      if (!entry || !(await health.endEarly(personId, { endDay: next.endDay, entry, at })))
        throw new AppError('CONFLICT', '该居民的观察已变化，请刷新后重试');
      const updated: ObservationDoc = { ...observation, ...next, updatedAt: at };
      await grids.record({
        actor: actor.openid,
        action: 'observation.endEarly',
        gridId: observation.gridId,
        gridPath: observation.gridPath,
        target: personId,
        detail: {
          before: state(observation),
          after: state(updated),
          plannedEndDay: observation.endDay,
          daysEarly: Math.max(0, daysBetween(today, observation.endDay)),
          reason,
        },
      });
      return toObservationView(updated, today);
    },
  };
}
