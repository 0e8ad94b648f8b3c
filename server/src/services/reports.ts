import {
  addDays,
  alertsPagePath,
  chinaDay,
  chinaTime,
  PAGE_SIZE,
  type HealthReportView,
} from '@gridguard/types';
import { isAbnormal, transition } from '../domain/observation';
import type { GridDoc, HealthReportDoc, PersonDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionHandlers } from '../runtime/router';
import { gridInScope, personFor, short, type Notify } from './common';

/** The nearest leader and the node they lead: the person's own node's, else the closest above. */
function nearestLeader(
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

/** 一日一报: one report per person per China day; a retry or a second tap updates it. */
export function reportActions(
  grids: GridData,
  health: HealthData,
  notify: Notify,
): ActionHandlers<'reports'> {
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
      // The observation does not depend on the report's write: read it alongside.
      const [, , observation] = await Promise.all([
        health.saveReport(report),
        grids.record({
          actor: ctx.caller.openid,
          action: 'report.submit',
          gridId: person.gridId,
          gridPath: person.gridPath,
          target: personId,
          detail: { day, abnormal: report.abnormal },
        }),
        health.observation(personId),
      ]);
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
      const [found, reminders] = await Promise.all([
        Promise.all(items.map((o) => grids.person(o.personId))),
        health.reminders(items.map((o) => `${o.personId}:${day}`)),
      ]);
      const people = new Map(
        found.filter((p): p is PersonDoc => p !== null).map((p) => [p._id, p]),
      );
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
        })),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },
  };
}

const remindedBy = (c: string | undefined): 'message' | 'call' | null =>
  c === 'message' || c === 'call' ? c : null;
