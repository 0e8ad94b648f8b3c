import { addDays, chinaDay, type HealthReportView, type ObservationView } from '@gridguard/types';
import { classifyReturn } from '../domain/classify';
import { AppError } from '../domain/errors';
import {
  dayOfObservation,
  isAbnormal,
  startObservation,
  totalDays,
  transition,
} from '../domain/observation';
import type { HealthReportDoc, ObservationDoc, PersonDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionContext, ActionHandlers } from '../runtime/router';
import { authorise, requireGrid } from './common';
import { pathOf } from '../domain/tree';

function toObservationView(o: ObservationDoc, today: string): ObservationView {
  return {
    personId: o.personId,
    name: o.name,
    status: o.status,
    class: o.class,
    reasons: o.reasons,
    overridden: o.overridden,
    startDay: o.startDay,
    endDay: o.endDay,
    dayNumber: o.status === 'released' ? null : Math.min(dayOfObservation(o, today), totalDays(o)),
    totalDays: totalDays(o),
  };
}

function toReportView(r: HealthReportDoc): HealthReportView {
  return {
    personId: r.personId,
    day: r.day,
    temperature: r.temperature,
    symptoms: r.symptoms,
    note: r.note,
    abnormal: r.abnormal,
    reportedAt: r.at.toISOString(),
  };
}

/** The person, if the caller may act for them: themselves, family by proxy, or a member in scope. */
async function personFor(
  grids: GridData,
  personId: string,
  ctx: ActionContext,
): Promise<PersonDoc> {
  const [actor, person] = await Promise.all([ctx.actor(), grids.person(personId)]);
  if (!person) throw new AppError('NOT_FOUND', '该居民不存在');
  authorise(actor, 'household.proxy', {
    gridPath: person.gridPath,
    householdId: person.householdId,
  });
  return person;
}

/** 返乡登记: classify by the command centre's rules, start or update the observation. */
export function returnActions(grids: GridData, health: HealthData): ActionHandlers<'returns'> {
  return {
    async declare({ personId, declaration }, ctx) {
      const person = await personFor(grids, personId, ctx);
      if (declaration.arrivalDay < declaration.departureDay) {
        throw new AppError('INVALID_INPUT', '抵达日期不能早于出发日期');
      }
      const today = chinaDay(Date.now());
      const rules = await health.rules();
      const classification = classifyReturn(declaration, rules);
      const returnId = `${personId}:${declaration.arrivalDay}`;
      await health.saveReturn({
        _id: returnId,
        personId,
        householdId: person.householdId,
        gridId: person.gridId,
        gridPath: person.gridPath,
        declaration,
        classification,
        registeredBy: ctx.caller.openid,
        proxy: person.openid !== ctx.caller.openid,
        updatedAt: new Date(),
      });
      const existing = await health.observation(personId);
      // The same return declared again updates it; a leader's override stands.
      let observation: ObservationDoc =
        existing && existing.returnId === returnId
          ? {
              ...existing,
              class: existing.overridden ? existing.class : classification.class,
              reasons: existing.overridden ? existing.reasons : classification.reasons,
            }
          : {
              ...startObservation(
                classification.class,
                declaration.arrivalDay,
                rules.observationDays,
              ),
              _id: personId,
              personId,
              name: person.name,
              householdId: person.householdId,
              gridId: person.gridId,
              gridPath: person.gridPath,
              returnId,
              reasons: classification.reasons,
              overridden: false,
              lastReportDay: null,
              updatedAt: new Date(),
            };
      if (declaration.symptoms.length > 0 && observation.status === 'observing') {
        observation = {
          ...observation,
          ...transition(observation, {
            type: 'report',
            day: today,
            temperature: 0,
            symptoms: declaration.symptoms,
          }).next,
        };
      }
      await health.saveObservation({ ...observation, updatedAt: new Date() });
      await grids.record({
        actor: ctx.caller.openid,
        action: 'return.declare',
        gridId: person.gridId,
        gridPath: person.gridPath,
        target: personId,
        detail: { class: observation.class },
      });
      return toObservationView(observation, today);
    },

    async override({ personId, class: cls, reason }, ctx) {
      const [actor, observation] = await Promise.all([ctx.actor(), health.observation(personId)]);
      if (!observation) throw new AppError('NOT_FOUND', '该居民没有观察记录');
      authorise(actor, 'observation.manage', { gridPath: observation.gridPath });
      const today = chinaDay(Date.now());
      const { next } = transition(observation, {
        type: 'transfer',
        day: today,
        class: cls,
        reason,
      });
      const updated: ObservationDoc = {
        ...observation,
        ...next,
        overridden: true,
        reasons: [
          ...observation.reasons,
          `网格长调整为${cls === 'routine' ? '常规类' : cls === 'key' ? '重点类' : '重点集中观察类'}：${reason}`,
        ],
        updatedAt: new Date(),
      };
      await health.saveObservation(updated);
      await grids.record({
        actor: actor.openid,
        action: 'observation.override',
        gridId: observation.gridId,
        gridPath: observation.gridPath,
        target: personId,
        detail: { from: observation.class, to: cls, reason },
      });
      return toObservationView(updated, today);
    },

    async status({ personId }, ctx) {
      await personFor(grids, personId, ctx);
      const observation = await health.observation(personId);
      return observation ? toObservationView(observation, chinaDay(Date.now())) : null;
    },
  };
}

/** 一日一报: one report per person per China day; a retry or a second tap updates it. */
export function reportActions(grids: GridData, health: HealthData): ActionHandlers<'reports'> {
  return {
    async submit({ personId, temperature, symptoms, note }, ctx) {
      const person = await personFor(grids, personId, ctx);
      const now = new Date();
      const day = chinaDay(now);
      const report: HealthReportDoc = {
        _id: `${personId}:${day}`,
        personId,
        day,
        gridPath: person.gridPath,
        temperature,
        symptoms,
        note,
        abnormal: isAbnormal(temperature, symptoms),
        reportedBy: ctx.caller.openid,
        proxy: person.openid !== ctx.caller.openid,
        at: now,
      };
      await health.saveReport(report);
      const observation = await health.observation(personId);
      if (observation && observation.status !== 'released') {
        const { next } = transition(observation, { type: 'report', day, temperature, symptoms });
        await health.saveObservation({
          ...observation,
          ...next,
          lastReportDay: day,
          updatedAt: now,
        });
      }
      return toReportView(report);
    },

    async today({ personId }, ctx) {
      await personFor(grids, personId, ctx);
      const day = chinaDay(Date.now());
      const [today, yesterday] = await Promise.all([
        health.reports([`${personId}:${day}`]),
        health.reports([`${personId}:${addDays(day, -1)}`]),
      ]);
      return {
        today: today[0] ? toReportView(today[0]) : null,
        yesterday: yesterday[0] ? toReportView(yesterday[0]) : null,
      };
    },

    async missing({ gridId, page }, ctx) {
      const [actor, grid] = await Promise.all([ctx.actor(), requireGrid(grids, gridId)]);
      authorise(actor, 'grid.read', { gridPath: pathOf(grid) });
      const { items, total } = await health.missing(gridId, chinaDay(Date.now()), page);
      const people = new Map(
        (await Promise.all(items.map((o) => grids.person(o.personId))))
          .filter((p): p is PersonDoc => p !== null)
          .map((p) => [p._id, p]),
      );
      return {
        items: items.map((o) => ({
          personId: o.personId,
          name: o.name,
          householdId: o.householdId,
          gridId: o.gridId,
          class: o.class,
          status: o.status === 'escalated' ? 'escalated' : 'observing',
          phoneMasked: people.get(o.personId)?.phoneMasked ?? null,
          lastReportDay: o.lastReportDay,
        })),
        page,
        pageSize: 20,
        total,
      };
    },
  };
}

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
    for (const o of due) {
      checked += 1;
      const days = [addDays(o.endDay, -1), o.endDay];
      const reports = await health.reports(days.map((d) => `${o.personId}:${d}`));
      const normalReportDays = reports.filter((r) => !r.abnormal).map((r) => r.day);
      const { next, effects } = transition(o, {
        type: 'releaseCheck',
        day: today,
        normalReportDays,
      });
      if (effects.some((e) => e.type === 'released')) {
        await health.saveObservation({ ...o, ...next, updatedAt: now });
        released += 1;
      }
    }
    after = due[due.length - 1]?._id ?? after;
  }
  return { checked, released };
}
