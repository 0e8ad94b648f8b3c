import {
  addDays,
  alertsPagePath,
  chinaDay,
  chinaTime,
  PAGE_SIZE,
  type HealthReportView,
  type ObservationView,
  type TemplateName,
} from '@gridguard/types';
import { chooseCarePair } from '../domain/care';
import { classifyReturn } from '../domain/classify';
import { AppError } from '../domain/errors';
import {
  dayOfObservation,
  isAbnormal,
  startObservation,
  totalDays,
  transition,
} from '../domain/observation';
import type { GridDoc, HealthReportDoc, ObservationDoc, PersonDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionContext, ActionHandlers } from '../runtime/router';
import { authorise, requireGrid } from './common';

/** Sends one subscribe message; the runtime implements it on cloud.openapi. */
export type Notify = (message: {
  touser: string;
  template: TemplateName;
  page: string;
  data: Record<string, string>;
}) => Promise<'sent' | 'noCredit' | 'failed'>;

const short = (text: string, max: number) =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;

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
    lastReportDay: o.lastReportDay,
    alert: o.alert ? { day: o.alert.day, reason: o.alert.reason } : null,
    care: { leader: o.care?.leader?.name ?? null, carer: o.care?.carer?.name ?? null },
  };
}

/** The pair assigned when an observation starts; a leader may change the carer later. */
async function carePairFor(grids: GridData, personId: string, path: readonly string[]) {
  const [nodes, team] = await Promise.all([grids.grids(path), grids.membersOn(path)]);
  return chooseCarePair(personId, path, nodes, team);
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
      const [actor, observation] = await Promise.all([ctx.actor(), health.observation(personId)]);
      if (!observation) throw new AppError('NOT_FOUND', '该居民没有观察记录');
      authorise(actor, 'observation.manage', { gridPath: observation.gridPath });
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
      const [actor, grid] = await Promise.all([ctx.actor(), requireGrid(grids, gridId)]);
      authorise(actor, 'grid.read', { gridPath: pathOf(grid) });
      const today = chinaDay(Date.now());
      const { items, total } = await health.openUnder(gridId, page, {
        ...(status && { status }),
        ...(cls && { class: cls }),
      });
      return {
        items: items.map((o) => toObservationView(o, today)),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async resolve({ personId, reason }, ctx) {
      const [actor, observation] = await Promise.all([ctx.actor(), health.observation(personId)]);
      if (!observation) throw new AppError('NOT_FOUND', '该居民没有观察记录');
      authorise(actor, 'observation.manage', { gridPath: observation.gridPath });
      const today = chinaDay(Date.now());
      // The state machine refuses anyone not escalated (CONFLICT), before anything is written.
      const { next } = transition(observation, { type: 'deescalate', day: today, reason });
      const updated: ObservationDoc = { ...observation, ...next, updatedAt: new Date() };
      // Only the status and one history entry change, and only if still escalated: a report saved
      // at the same moment keeps its own fields, and a second resolve finds nothing to do.
      const entry = next.history[next.history.length - 1];
      if (!entry || !(await health.deescalate(personId, entry, updated.updatedAt)))
        throw new AppError('CONFLICT', '该居民当前没有异常需要解除');
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
          alert = { day, reason: effect.reason, notified: outcome === 'sent' };
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
      const [actor, grid] = await Promise.all([ctx.actor(), requireGrid(grids, gridId)]);
      authorise(actor, 'grid.read', { gridPath: pathOf(grid) });
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

const SWEEP_BATCH = 100;

/**
 * The morning reminder (timer): everyone under observation who has not reported today gets one
 * subscribe message if they granted a credit, else goes on their member's call list. One per
 * person per day, however often the timer runs.
 */
export async function remindNotReported(
  grids: GridData,
  health: HealthData,
  notify: Notify,
  now: Date,
): Promise<{ messages: number; calls: number }> {
  const day = chinaDay(now);
  let after = '';
  let messages = 0;
  let calls = 0;
  for (;;) {
    const batch = await health.notReported(day, after, SWEEP_BATCH);
    if (batch.length === 0) break;
    const people = new Map(
      (await grids.peopleByIds(batch.map((o) => o.personId))).map((p) => [p._id, p]),
    );
    for (const o of batch) {
      const id = `${o.personId}:${day}`;
      if (
        !(await health.claimReminder({
          _id: id,
          personId: o.personId,
          day,
          gridPath: o.gridPath,
          channel: 'pending',
          at: now,
        }))
      )
        continue;
      const person = people.get(o.personId);
      const outcome = person?.openid
        ? await notify({
            touser: person.openid,
            template: 'reportReminder',
            page: 'pages/home/index',
            data: {
              thing1: short(`${o.name}，今天还没有健康打卡`, 20),
              date2: day,
              thing3: '请在小程序中填写体温和症状',
            },
          })
        : 'noCredit';
      const channel = outcome === 'sent' ? 'message' : 'call';
      await health.setReminderChannel(id, channel);
      if (channel === 'message') messages += 1;
      else calls += 1;
    }
    after = batch[batch.length - 1]?._id ?? after;
  }
  return { messages, calls };
}

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
