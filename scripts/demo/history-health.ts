import {
  addDays,
  chinaDayStart,
  daysBetween,
  type ClassificationRules,
  type Symptom,
} from '@gridguard/types';
import {
  classifyReturn,
  isAbnormal,
  startObservation,
  transition,
  type HealthReportDoc,
  type PersonDoc,
} from '@gridguard/server/domain';
import { chooseCarePair } from '@gridguard/server/domain/care';
import type { Deployment } from './builder';
import { declarationFrom, originFor, RISK_ROUTES } from './history-origins';
import type { HistoryEvent, Timeline } from './history-timeline';

/**
 * 返乡登记, home observation and 一日一报 over the demo's past weeks, planned as events that apply
 * the same domain rules the functions do (classification, the observation state machine, the
 * release check), so every record ends where the functions would have left it.
 */
export interface HealthPlan {
  /** The first simulated day: early returnees arrive then, to be released within the window. */
  from: string;
  /** The first day of the report window. */
  window: string;
  today: string;
  now: Date;
  rules: ClassificationRules;
  random: () => number;
}

const HOUR = 3_600_000;
/** Who registers and reports for a person without WeChat: their household's contact member. */
const proxyOf = (d: Deployment, p: PersonDoc) =>
  p.openid ?? d.households.find((h) => h._id === p.householdId)?.contact?.openid ?? 'proxy';

/** A time on `day` between `fromHour` and `toHour` China time, never after `now`. */
export function timeOn(day: string, fromHour: number, toHour: number, draw: number, now: Date) {
  const start = chinaDayStart(day).getTime();
  const at = start + (fromHour + draw * (toHour - fromHour)) * HOUR;
  // Today's events keep to the part of the day already past (a minute after midnight at least).
  return new Date(Math.max(start + 60_000, Math.min(at, now.getTime() - 60_000)));
}

export function planHealth(d: Deployment, plan: HealthPlan, timeline: Timeline): void {
  const { random, today } = plan;
  // The demo resident's household is left to try 返乡登记 and 今日打卡 by hand.
  const residents = d.people.filter((p) => p.householdId !== 'h-demo-resident');
  const shuffled = residents
    .map((p) => ({ p, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ p }) => p);
  const windowDays = daysFrom(plan.from, today);
  // Nearly half come back: the first four before the report window (released within it), the
  // next two early in it (old enough for a fever and its resolution), the rest anywhere in it, the
  // last one today.
  const returnees = shuffled.slice(0, Math.max(6, Math.round(residents.length * 0.45)));
  const arrivals = new Map<string, string>();
  const inWindowFrom = daysBetween(plan.from, plan.window);
  returnees.forEach((p, i) => {
    const anyDay = inWindowFrom + Math.floor(random() * (windowDays.length - inWindowFrom));
    const index = i < 4 ? i : i < 6 ? inWindowFrom + 2 * (i - 4) : anyDay;
    arrivals.set(p._id, i === returnees.length - 1 ? today : (windowDays[index] as string));
  });
  returnees.forEach((p, i) => {
    // Within the window, every third returnee takes one of the risk routes in turn.
    const route =
      i >= 4 && i % 3 === 1 ? RISK_ROUTES[((i - 4) / 3) % RISK_ROUTES.length] : undefined;
    planReturn(d, plan, timeline, p, arrivals.get(p._id) as string, route);
  });

  // Fevers within the window: two resolved by the leader the next morning (on people back for a
  // few days already, early in their observation), one raised yesterday and still open.
  const inWindow = returnees.slice(4);
  const arrivalOf = (p: PersonDoc) => arrivals.get(p._id) as string;
  const fevers = new Map<string, { day: string; resolve: boolean }>();
  inWindow
    .filter((p) => arrivalOf(p) <= addDays(today, -4))
    .slice(0, 2)
    .forEach((p) => {
      const span = Math.min(9, daysFrom(arrivalOf(p), addDays(today, -3)).length - 1);
      const day = addDays(arrivalOf(p), 1 + Math.floor(random() * span));
      fevers.set(p._id, { day, resolve: true });
    });
  const open = inWindow.find((p) => !fevers.has(p._id) && arrivalOf(p) < today);
  if (open) fevers.set(open._id, { day: addDays(today, -1), resolve: false });

  // Others report of their own accord, with gaps; the observed nearly every day, and always on
  // their last two days, which the release check reads.
  const lastTwo = (arrival: string) =>
    [2, 1].map((back) => addDays(arrival, plan.rules.observationDays - back));
  const volunteered = shuffled.slice(returnees.length).filter(() => random() < 0.45);
  const voluntary = new Set(volunteered.map((p) => p._id));
  for (const p of d.people) {
    const arrival = arrivals.get(p._id);
    const reporter = arrival !== undefined || voluntary.has(p._id) || p.openid !== null;
    if (!reporter) continue;
    for (const day of windowDays) {
      if (arrival !== undefined && day < arrival) continue;
      const observed = arrival !== undefined && day <= addDays(arrival, plan.rules.observationDays);
      const feverDay = fevers.get(p._id)?.day === day;
      const forced = feverDay || (observed && lastTwo(arrival).includes(day));
      const rate = day === today ? 0.45 : observed ? 0.9 : 0.7;
      if (!forced && random() >= rate) continue;
      // The demo resident's household has not reported yet today: she can try it.
      if (day === today && p.householdId === 'h-demo-resident') continue;
      const temperature = feverDay ? 37.6 + Math.round(random() * 6) / 10 : normal(random);
      const symptoms: Symptom[] = feverDay ? ['cough'] : [];
      // On the arrival day the report follows the registration (12:00 to 19:00).
      const at =
        day === arrival
          ? timeOn(day, 19.2, 19.8, random(), plan.now)
          : timeOn(day, 7, 11, random(), plan.now);
      timeline.add(reportEvent(d, p, day, temperature, symptoms, at));
      if (feverDay && fevers.get(p._id)?.resolve) {
        const resolveAt = timeOn(addDays(day, 1), 9, 11, random(), plan.now);
        timeline.add(resolveEvent(p._id, addDays(day, 1), resolveAt));
      }
    }
  }
  // One voluntary reporter had a fever a week ago: a fever figure, but no observation to escalate.
  const [someone] = volunteered;
  if (someone)
    timeline.add(
      reportEvent(
        d,
        someone,
        addDays(today, -7),
        37.9,
        [],
        timeOn(addDays(today, -7), 18, 19, 0, plan.now),
      ),
    );

  // observationSweep at 00:30 every day releases who is due.
  for (const day of windowDays)
    timeline.add(sweepEvent(day, chinaDayStart(day).getTime() + HOUR / 2));
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

const normal = (random: () => number) => Math.round((36.1 + random() * 0.8) * 10) / 10;

function planReturn(
  d: Deployment,
  plan: HealthPlan,
  timeline: Timeline,
  p: PersonDoc,
  arrivalDay: string,
  route: ReturnType<typeof originFor> | undefined,
): void {
  const draw = plan.random();
  const origin = route ?? originFor(draw);
  const number = origin.numbers[Math.floor(plan.random() * origin.numbers.length)] as string;
  const travel = origin.transport === 'car' || origin.transport === 'bus' ? 0 : 1;
  const declaration = declarationFrom(origin, arrivalDay, addDays(arrivalDay, -travel), number);
  const at = timeOn(arrivalDay, 12, 19, plan.random(), plan.now);
  const registeredBy = proxyOf(d, p);
  const returnId = `${p._id}:${arrivalDay}`;
  timeline.add({
    at,
    run(records, touch) {
      const classification = classifyReturn(declaration, plan.rules);
      records.returns.set(returnId, {
        _id: returnId,
        personId: p._id,
        householdId: p.householdId,
        gridId: p.gridId,
        gridPath: p.gridPath,
        declaration,
        classification,
        registeredBy,
        proxy: registeredBy !== p.openid,
        updatedAt: at,
      });
      touch('returns', returnId);
      const nodes = d.grids.filter((g) => p.gridPath.includes(g._id));
      records.observations.set(p._id, {
        ...startObservation(classification.class, arrivalDay, plan.rules.observationDays),
        _id: p._id,
        personId: p._id,
        name: p.name,
        householdId: p.householdId,
        gridId: p.gridId,
        gridPath: p.gridPath,
        returnId,
        reasons: classification.reasons,
        overridden: false,
        lastReportDay: null,
        care: chooseCarePair(p._id, p.gridPath, nodes, d.memberships),
        updatedAt: at,
      });
      touch('observations', p._id);
    },
  });
}

/** 一日一报 as reports.submit records it: the report, then the observation it may escalate. */
function reportEvent(
  d: Deployment,
  p: PersonDoc,
  day: string,
  temperature: number,
  symptoms: Symptom[],
  at: Date,
): HistoryEvent {
  const reportedBy = proxyOf(d, p);
  return {
    at,
    run(records, touch) {
      const report: HealthReportDoc = {
        _id: `${p._id}:${day}`,
        personId: p._id,
        day,
        gridPath: p.gridPath,
        temperature,
        symptoms,
        note: symptoms.length > 0 ? '早上起来有点咳嗽' : '',
        abnormal: isAbnormal(temperature, symptoms),
        reportedBy,
        proxy: reportedBy !== p.openid,
        at,
      };
      records.healthReports.set(report._id, report);
      touch('healthReports', report._id);
      const o = records.observations.get(p._id);
      if (!o || o.status === 'released') return;
      const { next, effects } = transition(o, { type: 'report', day, temperature, symptoms });
      const alert = effects.find((e) => e.type === 'alertLeader');
      records.observations.set(p._id, {
        ...o,
        ...next,
        lastReportDay: day,
        // The leader had granted messages: the alert reached them.
        ...(alert?.type === 'alertLeader' && {
          alert: { day, reason: alert.reason, notified: true },
        }),
        updatedAt: at,
      });
      touch('observations', p._id);
    },
  };
}

/** 解除异常 by the leader after a phone call, as returns.resolve records it. */
function resolveEvent(personId: string, day: string, at: Date): HistoryEvent {
  return {
    at,
    run(records, touch) {
      const o = records.observations.get(personId);
      if (!o || o.status !== 'escalated') return;
      const reason = '已电话核实，复测体温正常';
      const { next } = transition(o, { type: 'deescalate', day, reason });
      records.observations.set(personId, { ...o, ...next, updatedAt: at });
      touch('observations', personId);
    },
  };
}

/** observationSweep: releases whoever is past the end with the last two days reported normal. */
function sweepEvent(day: string, at: number): HistoryEvent {
  return {
    at: new Date(at),
    run(records, touch) {
      for (const o of records.observations.values()) {
        if (o.status !== 'observing' || o.endDay >= day) continue;
        const normalReportDays = [addDays(o.endDay, -1), o.endDay].filter((reportDay) => {
          const report = records.healthReports.get(`${o.personId}:${reportDay}`);
          return report !== undefined && !report.abnormal;
        });
        const { next, effects } = transition(o, { type: 'releaseCheck', day, normalReportDays });
        if (effects.length === 0) continue;
        records.observations.set(o._id, { ...o, ...next, updatedAt: new Date(at) });
        touch('observations', o._id);
      }
    },
  };
}
