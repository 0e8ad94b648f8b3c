import {
  addDays,
  alertsPagePath,
  chinaDay,
  chinaTime,
  PAGE_SIZE,
  type HealthReportView,
  type Symptom,
} from '@gridguard/types';
import { isAbnormal, transition } from '../domain/observation';
import { whomToCall } from '../domain/contacts';
import type { GridDoc, HealthReportDoc, PersonDoc } from '../domain/records';
import { pathOf } from '../domain/tree';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionHandlers } from '../runtime/router';
import { gridInScope, personFor, short, type Notify } from './common';
import { remindPeople } from './reminders';

/**
 * People one 一键提醒 call reminds at most (two writes and a message each): the client calls again
 * from where it stopped, so a call's work does not grow with the list.
 */
export const REMIND_BATCH = 50;

/** The nearest leader and the node they lead: the person's own node's, else the closest above. */
export function nearestLeader(
  path: readonly string[],
  grids: readonly GridDoc[],
): { leader: NonNullable<GridDoc['leader']>; gridId: string } | null {
  const byId = new Map(grids.map((g) => [g._id, g]));
  for (const id of [...path].reverse()) {
    const leader = byId.get(id)?.leader;
    if (leader) return { leader, gridId: id };
  }
  return null;
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

/**
 * Files a person's report of today once the caller may report for them (themselves, family by
 * proxy, staff in scope, or a 排查 visit that found a fever at the door): saves it, and for an
 * observed person moves the observation on, alerting the nearest leader when it escalates.
 * `alerted` says whether this report raised the alert.
 */
export async function fileReport(
  grids: GridData,
  health: HealthData,
  notify: Notify,
  person: PersonDoc,
  input: { temperature: number; symptoms: Symptom[]; note: string },
  byOpenid: string,
): Promise<{ report: HealthReportDoc; alerted: boolean }> {
  const { temperature, symptoms, note } = input;
  const personId = person._id;
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
    reportedBy: byOpenid,
    proxy: person.openid !== byOpenid,
    at: now,
  };
  // The observation does not depend on the report's write: read it alongside.
  const [, , observation] = await Promise.all([
    health.saveReport(report),
    grids.record({
      actor: byOpenid,
      action: 'report.submit',
      gridId: person.gridId,
      gridPath: person.gridPath,
      target: personId,
      detail: { day, abnormal: report.abnormal },
    }),
    health.observation(personId),
  ]);
  let alerted = false;
  if (observation && observation.status !== 'released') {
    const { next, effects } = transition(observation, {
      type: 'report',
      day,
      temperature,
      symptoms,
    });
    let alert = observation.alert;
    for (const effect of effects) {
      if (effect.type !== 'alertLeader') continue;
      alerted = true;
      // The flag on the leader's pages is always set; a message goes too if they granted one.
      const nearest = nearestLeader(person.gridPath, await grids.grids(person.gridPath));
      // The message opens 异常提醒 for the whole node the leader leads, not just this group.
      const outcome = nearest
        ? await notify({
            touser: nearest.leader.openid,
            template: 'feverAlert',
            page: alertsPagePath(nearest.gridId),
            data: {
              name1: short(person.name, 10),
              thing2: short(`${effect.reason}，请尽快核实`, 20),
              time3: chinaTime(now),
            },
          })
        : 'failed';
      alert = {
        day,
        reason: effect.reason,
        notified: outcome === 'sent',
        temperature,
        symptoms,
        note,
      };
    }
    // Only what the report changes, so a leader's change saved meanwhile is kept.
    await health.recordReport(personId, {
      lastReportDay: day,
      // Only an escalation sets the status: a resolve saved meanwhile must stand.
      escalated: next.status === 'escalated' && observation.status !== 'escalated',
      newHistory: next.history.slice(observation.history.length),
      alert: alert ?? null,
      at: now,
    });
  }
  return { report, alerted };
}

/** 一日一报: one report per person per China day; a retry or a second tap updates it. */
export function reportActions(
  grids: GridData,
  health: HealthData,
  notify: Notify,
): ActionHandlers<'reports'> {
  return {
    async submit({ personId, temperature, symptoms, note }, ctx) {
      const person = await personFor(grids, personId, ctx);
      const { report } = await fileReport(
        grids,
        health,
        notify,
        person,
        { temperature, symptoms, note },
        ctx.caller.openid,
      );
      return toReportView(report);
    },

    async today({ personId }, ctx) {
      await personFor(grids, personId, ctx);
      const day = chinaDay(Date.now());
      const [todayId, yesterdayId] = [`${personId}:${day}`, `${personId}:${addDays(day, -1)}`];
      const found = new Map((await health.reports([todayId, yesterdayId])).map((r) => [r._id, r]));
      const view = (id: string) => {
        const report = found.get(id);
        return report ? toReportView(report) : null;
      };
      return { today: view(todayId), yesterday: view(yesterdayId) };
    },

    async missing({ gridId, page }, ctx) {
      await gridInScope(grids, await ctx.actor(), 'grid.read', gridId);
      const day = chinaDay(Date.now());
      const { items, total } = await health.missing(gridId, day, page);
      // The page's households (whom to call: the person, else who registered them), its
      // reminders, and how the reminders stand for the whole list: three calls, any page size.
      const [household, reminders, reminded] = await Promise.all([
        grids.peopleOf([...new Set(items.map((o) => o.householdId))]),
        health.reminders(items.map((o) => `${o.personId}:${day}`)),
        health.remindedCounts(gridId, day),
      ]);
      const people = new Map(household.map((p) => [p._id, p]));
      const channel = new Map(reminders.map((r) => [r.personId, r.channel]));
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
          reminded: remindedBy(channel.get(o.personId)),
          call: whomToCall(o.personId, household),
        })),
        page,
        pageSize: PAGE_SIZE,
        total,
        reminded,
      };
    },

    async remind({ gridId, after }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'reports.remind', gridId);
      const now = new Date();
      const day = chinaDay(now);
      const batch = await health.missingAfter(gridId, day, after ?? '', REMIND_BATCH);
      const sent = await remindPeople(grids, health, notify, batch, day, now);
      if (sent.messages + sent.calls > 0)
        await grids.record({
          actor: actor.openid,
          action: 'report.remind',
          gridId,
          gridPath: pathOf(grid),
          target: gridId,
          detail: { day, ...sent },
        });
      const last = batch[batch.length - 1];
      return { ...sent, after: batch.length === REMIND_BATCH && last ? last._id : null };
    },
  };
}

const remindedBy = (c: string | undefined): 'message' | 'call' | null =>
  c === 'message' || c === 'call' ? c : null;
