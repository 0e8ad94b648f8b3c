import {
  chinaDay,
  chinaTime,
  PAGE_SIZE,
  type ObservationView,
  type ResolvedAlertView,
} from '@gridguard/types';
import { chooseCarePair } from '../domain/care';
import { classifyReturn } from '../domain/classify';
import { AppError } from '../domain/errors';
import { dayOfObservation, startObservation, totalDays, transition } from '../domain/observation';
import { may, personTarget, type Actor } from '../domain/policy';
import { whomToCall } from '../domain/contacts';
import type { ObservationDoc, ResolvedAlertDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionHandlers } from '../runtime/router';
import { authoriseAnywhere, gridInScope, inScope, personFor } from './common';

const alertView = (alert: NonNullable<ObservationDoc['alert']>) => ({
  day: alert.day,
  reason: alert.reason,
  temperature: alert.temperature ?? null,
  symptoms: alert.symptoms ?? [],
  note: alert.note ?? '',
});

const toResolvedAlertView = (doc: ResolvedAlertDoc): ResolvedAlertView => ({
  id: doc._id,
  personId: doc.personId,
  name: doc.name,
  alert: alertView(doc.alert),
  resolution: doc.resolution,
  resolvedBy: doc.resolvedBy.name,
  resolvedAt: chinaTime(doc.resolvedAt),
});

export function toObservationView(o: ObservationDoc, today: string): ObservationView {
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
    lastReportDay: o.lastReportDay,
    alert: o.alert ? alertView(o.alert) : null,
    care: { leader: o.care?.leader?.name ?? null, carer: o.care?.carer?.name ?? null },
  };
}

/** The pair assigned when an observation starts; a leader may change the carer later. */
async function carePairFor(grids: GridData, personId: string, path: readonly string[]) {
  const [nodes, team] = await Promise.all([grids.grids(path), grids.membersOn(path)]);
  return chooseCarePair(personId, path, nodes, team);
}

/**
 * The observation a leader acts on. A person in their scope without one is told so; anyone else,
 * whether the person is missing or out of scope, gets the same FORBIDDEN.
 */
export async function observationInScope(
  grids: GridData,
  health: HealthData,
  actor: Actor,
  personId: string,
): Promise<ObservationDoc> {
  authoriseAnywhere(actor, 'observation.manage');
  const manages = (target: { gridPath: readonly string[] }) =>
    may(actor, 'observation.manage', target);
  const observation = await health.observation(personId);
  if (observation) return inScope(actor, observation, manages, '该居民没有观察记录');
  // Saying "no observation" is only safe about someone the caller may see.
  inScope(actor, await grids.person(personId), (p) => manages(personTarget(p)), '该居民不存在');
  throw new AppError('NOT_FOUND', '该居民没有观察记录');
}

/** 返乡登记: classify by the command centre's rules, start or update the observation. */
export function returnActions(
  grids: GridData,
  health: HealthData,
): Omit<ActionHandlers<'returns'>, 'extend' | 'endEarly'> {
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
              care: await carePairFor(grids, personId, person.gridPath),
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
      const actor = await ctx.actor();
      const observation = await observationInScope(grids, health, actor, personId);
      const today = chinaDay(Date.now());
      const { next } = transition(observation, {
        type: 'transfer',
        day: today,
        class: cls,
        reason,
      });
      const note = `网格长调整为${cls === 'routine' ? '常规类' : cls === 'key' ? '重点类' : '重点集中观察类'}：${reason}`;
      const updated: ObservationDoc = {
        ...observation,
        ...next,
        overridden: true,
        reasons: [...observation.reasons, note],
        updatedAt: new Date(),
      };
      // Only the class and its record change: an escalation saved meanwhile stands.
      if (
        !(await health.reclassify(personId, {
          class: cls,
          reason: note,
          newHistory: next.history.slice(observation.history.length),
          at: updated.updatedAt,
        }))
      )
        throw new AppError('CONFLICT', '该居民已解除观察');
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

    async assignCarer({ personId, openid }, ctx) {
      const actor = await ctx.actor();
      const observation = await observationInScope(grids, health, actor, personId);
      const member = (await grids.membersOn(observation.gridPath)).find((m) => m.openid === openid);
      if (!member) throw new AppError('NOT_FOUND', '该成员不在这位居民所属网格的队伍中');
      const care = {
        leader: observation.care?.leader ?? null,
        carer: { openid: member.openid, name: member.name },
      };
      await health.setCare(personId, care);
      await grids.record({
        actor: actor.openid,
        action: 'observation.assignCarer',
        gridId: observation.gridId,
        gridPath: observation.gridPath,
        target: personId,
        detail: { from: observation.care?.carer?.openid ?? null, to: member.openid },
      });
      return toObservationView({ ...observation, care }, chinaDay(Date.now()));
    },

    async list({ gridId, page, status, class: cls }, ctx) {
      await gridInScope(grids, await ctx.actor(), 'grid.read', gridId);
      const today = chinaDay(Date.now());
      const { items, total } = await health.openUnder(gridId, page, {
        ...(status && { status }),
        ...(cls && { class: cls }),
      });
      // Where to visit and whom to call, for the whole page in two calls.
      const householdIds = [...new Set(items.map((o) => o.householdId))];
      const [households, people] = await Promise.all([
        grids.householdsByIds(householdIds),
        grids.peopleOf(householdIds),
      ]);
      const addressOf = new Map(households.map((h) => [h._id, h.address]));
      return {
        items: items.map((o) => ({
          ...toObservationView(o, today),
          address: addressOf.get(o.householdId) ?? null,
          call: whomToCall(o.personId, people),
        })),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async resolve({ personId, reason }, ctx) {
      const actor = await ctx.actor();
      const observation = await observationInScope(grids, health, actor, personId);
      const today = chinaDay(Date.now());
      // The state machine refuses anyone not escalated (CONFLICT), before anything is written.
      const { next } = transition(observation, { type: 'deescalate', day: today, reason });
      const updated: ObservationDoc = { ...observation, ...next, updatedAt: new Date() };
      // Only the status and one history entry change, and only if still escalated: a report saved
      // at the same moment keeps its own fields, and a second resolve finds nothing to do.
      const entry = next.history[next.history.length - 1];
      if (!entry || !(await health.deescalate(personId, entry, updated.updatedAt)))
        throw new AppError('CONFLICT', '该居民当前没有异常需要解除');
      // Only the winner of the race above gets here; the id is the entry's place in the history.
      if (observation.alert)
        await health.keepResolvedAlert({
          _id: `${personId}:${next.history.length - 1}`,
          personId,
          name: observation.name,
          householdId: observation.householdId,
          gridId: observation.gridId,
          gridPath: observation.gridPath,
          alert: observation.alert,
          resolution: reason,
          resolvedBy: { openid: actor.openid, name: actor.name || '网格长' },
          resolvedAt: updated.updatedAt,
        });
      await grids.record({
        actor: actor.openid,
        action: 'observation.resolve',
        gridId: observation.gridId,
        gridPath: observation.gridPath,
        target: personId,
        detail: { alert: observation.alert?.reason ?? null, reason },
      });
      return toObservationView(updated, today);
    },

    async resolved({ gridId, page }, ctx) {
      await gridInScope(grids, await ctx.actor(), 'grid.read', gridId);
      const { items, total } = await health.resolvedUnder(gridId, page);
      return { items: items.map(toResolvedAlertView), page, pageSize: PAGE_SIZE, total };
    },

    async status({ personId }, ctx) {
      await personFor(grids, personId, ctx);
      const [observation, latest] = await Promise.all([
        health.observation(personId),
        health.latestReturn(personId),
      ]);
      return {
        observation: observation ? toObservationView(observation, chinaDay(Date.now())) : null,
        declaration: latest?.declaration ?? null,
      };
    },
  };
}
