import {
  addDays,
  daysBetween,
  FEVER_THRESHOLD_C,
  formatCelsius,
  type ObservationClass,
  type Symptom,
} from '@gridguard/types';
import { AppError } from './errors';

/**
 * Home medical observation (居家医学观察) as a state machine. Days are China days (YYYY-MM-DD).
 * Day 1 is the arrival day; the observation ends after `endDay` if the last reports were normal.
 */
export type ObservationStatus = 'observing' | 'escalated' | 'released';

export interface Observation {
  status: ObservationStatus;
  class: ObservationClass;
  startDay: string;
  endDay: string;
  /** Each change with its reason, oldest first: the record a leader reads. */
  history: { day: string; event: string; reason: string }[];
}

export type ObservationEvent =
  | { type: 'report'; day: string; temperature: number; symptoms: readonly Symptom[] }
  | { type: 'extend'; day: string; days: number; reason: string }
  | { type: 'transfer'; day: string; class: ObservationClass; reason: string }
  | { type: 'deescalate'; day: string; reason: string }
  /** A leader ends it before its end (a negative test): released that day, with the reason. */
  | { type: 'endEarly'; day: string; reason: string }
  | { type: 'releaseCheck'; day: string; normalReportDays: readonly string[] };

/** What the caller must do after a transition, besides saving the new state. */
export type Effect = { type: 'alertLeader'; reason: string } | { type: 'released' };

export function startObservation(
  cls: ObservationClass,
  arrivalDay: string,
  days: number,
): Observation {
  return {
    status: 'observing',
    class: cls,
    startDay: arrivalDay,
    endDay: addDays(arrivalDay, days - 1),
    history: [{ day: arrivalDay, event: 'start', reason: `开始居家医学观察（${days}天）` }],
  };
}

/** Day N of the observation on `day` (1 on the arrival day). */
export const dayOfObservation = (o: Observation, day: string): number =>
  daysBetween(o.startDay, day) + 1;
export const totalDays = (o: Observation): number => daysBetween(o.startDay, o.endDay) + 1;

/** A reading needs attention at once: a fever or any symptom. */
export function isAbnormal(temperature: number, symptoms: readonly Symptom[]): boolean {
  return temperature >= FEVER_THRESHOLD_C || symptoms.length > 0;
}

export function transition(
  o: Observation,
  event: ObservationEvent,
): { next: Observation; effects: Effect[] } {
  if (o.status === 'released') throw new AppError('CONFLICT', '该居民已解除观察');
  const eventDay = event.day;
  const log = (name: string, reason: string) => [
    ...o.history,
    { day: eventDay, event: name, reason },
  ];
  switch (event.type) {
    case 'report': {
      if (!isAbnormal(event.temperature, event.symptoms)) return { next: o, effects: [] };
      const reason =
        event.temperature >= FEVER_THRESHOLD_C
          ? `体温 ${formatCelsius(event.temperature)}`
          : '申报有症状';
      if (o.status === 'escalated')
        return {
          next: { ...o, history: log('report', reason) },
          effects: [{ type: 'alertLeader', reason }],
        };
      return {
        next: { ...o, status: 'escalated', history: log('escalate', reason) },
        effects: [{ type: 'alertLeader', reason }],
      };
    }
    case 'extend':
      return {
        next: { ...o, endDay: addDays(o.endDay, event.days), history: log('extend', event.reason) },
        effects: [],
      };
    case 'transfer':
      if (event.class === o.class) return { next: o, effects: [] };
      return {
        next: { ...o, class: event.class, history: log('transfer', event.reason) },
        effects: [],
      };
    case 'deescalate':
      if (o.status !== 'escalated') throw new AppError('CONFLICT', '该居民当前没有异常需要解除');
      return {
        next: { ...o, status: 'observing', history: log('deescalate', event.reason) },
        effects: [],
      };
    case 'endEarly': {
      // An alert is checked and cleared (解除异常) first: ending hides nobody with a fever.
      if (o.status === 'escalated')
        throw new AppError('CONFLICT', '该居民有未解除的异常，请先核实并解除异常');
      // Ends today, or on its end if that has passed; never before it began. The day counter
      // and the daily report's 今日解除 both read the day from here and from the history.
      const ended = o.endDay < event.day ? o.endDay : event.day;
      return {
        next: {
          ...o,
          status: 'released',
          endDay: ended < o.startDay ? o.startDay : ended,
          history: log('release', `提前解除：${event.reason}`),
        },
        effects: [{ type: 'released' }],
      };
    }
    case 'releaseCheck': {
      // Released only after the last day, with the last two days both reported and normal.
      if (o.status !== 'observing' || daysBetween(o.endDay, event.day) < 1)
        return { next: o, effects: [] };
      const needed = [o.endDay, addDays(o.endDay, -1)];
      if (!needed.every((d) => event.normalReportDays.includes(d))) return { next: o, effects: [] };
      return {
        next: {
          ...o,
          status: 'released',
          history: log('release', '观察期满且最后两日健康报告正常'),
        },
        effects: [{ type: 'released' }],
      };
    }
  }
}
