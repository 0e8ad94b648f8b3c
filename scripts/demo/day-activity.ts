import {
  addDays,
  chinaDayStart,
  ERRAND_STATUSES,
  formatCelsius,
  OBSERVATION_CLASSES,
  type ErrandStatus,
} from '@gridguard/types';
import type {
  ErrandDoc,
  HealthReportDoc,
  ObservationDoc,
  PersonDoc,
  ReturnDoc,
} from '@gridguard/server/domain';

/**
 * A day of activity around a population: observations in every state, the returns behind them,
 * health reports, and errands delivered on either side of midnight China time. Deterministic for
 * a seed, so the daily report tests and the benchmark can count the same records by brute force.
 */
export interface ActivityRates {
  /** Share of people under observation now or recently released. */
  observed: number;
  /** Share of people not under observation who report anyway. */
  voluntaryReports: number;
  /** Share of people with an errand. */
  errands: number;
  /** Share of voluntary reporters who also reported the day before (which must not count). */
  yesterday: number;
}

export const DEFAULT_RATES: ActivityRates = {
  observed: 0.2,
  voluntaryReports: 0.3,
  errands: 0.1,
  yesterday: 0.5,
};

export interface DayActivity {
  observations: ObservationDoc[];
  returns: ReturnDoc[];
  healthReports: HealthReportDoc[];
  errands: ErrandDoc[];
}

/** A small deterministic PRNG (an LCG): the same seed gives the same day. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    return x / 2 ** 32;
  };
}

export function dayActivity(
  people: readonly PersonDoc[],
  day: string,
  seed: number,
  rates: ActivityRates = DEFAULT_RATES,
): DayActivity {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const at = chinaDayStart(day);
  const out: DayActivity = { observations: [], returns: [], healthReports: [], errands: [] };

  const report = (p: PersonDoc, reportDay: string, abnormal: boolean): HealthReportDoc => ({
    _id: `${p._id}:${reportDay}`,
    personId: p._id,
    day: reportDay,
    gridPath: p.gridPath,
    temperature: abnormal ? 37.8 : 36.5,
    symptoms: [],
    note: '',
    abnormal,
    reportedBy: p.openid ?? 'proxy',
    proxy: false,
    at,
  });

  for (const p of people) {
    if (next() < rates.observed) {
      const released = next() < 0.25;
      // Started up to 13 days ago (and now and then tomorrow: declared ahead, not yet due).
      const startDay = released
        ? addDays(day, -14 - Math.floor(next() * 40))
        : addDays(day, next() < 0.03 ? 1 : -Math.floor(next() * 14));
      const endDay = released ? addDays(day, -1 - Math.floor(next() * 3)) : addDays(startDay, 13);
      const escalated = !released && next() < 0.1;
      const due = startDay <= day;
      const lastReportDay = !due
        ? null
        : next() < 0.7
          ? day
          : next() < 0.5
            ? addDays(day, -1)
            : null;
      const cls = pick(OBSERVATION_CLASSES);
      const history = [{ day: startDay, event: 'start', reason: '开始居家医学观察（14天）' }];
      if (released) history.push({ day: addDays(endDay, 1), event: 'release', reason: '期满' });
      out.observations.push({
        _id: p._id,
        personId: p._id,
        name: p.name,
        householdId: p.householdId,
        gridId: p.gridId,
        gridPath: p.gridPath,
        returnId: `${p._id}:${startDay}`,
        reasons: [],
        overridden: false,
        lastReportDay: released ? endDay : lastReportDay,
        status: released ? 'released' : escalated ? 'escalated' : 'observing',
        class: cls,
        startDay,
        endDay,
        history,
        ...(escalated && {
          alert: { day, reason: `体温 ${formatCelsius(37.8)}`, notified: false },
        }),
        updatedAt: at,
      });
      out.returns.push({
        _id: `${p._id}:${startDay}`,
        personId: p._id,
        householdId: p.householdId,
        gridId: p.gridId,
        gridPath: p.gridPath,
        declaration: {
          origin: { province: '湖北省', city: '武汉市', district: '' },
          via: [],
          transport: 'train',
          transportNumber: 'G1002',
          departureDay: addDays(startDay, -1),
          arrivalDay: startDay,
          contactWithCases: false,
          symptoms: [],
        },
        classification: { class: cls, reasons: [] },
        registeredBy: p.openid ?? 'proxy',
        proxy: false,
        updatedAt: at,
      });
      if (!released && lastReportDay === day) out.healthReports.push(report(p, day, escalated));
    } else if (next() < rates.voluntaryReports) {
      out.healthReports.push(report(p, day, next() < 0.02));
      // Yesterday's reports must not count today.
      if (next() < rates.yesterday)
        out.healthReports.push(report(p, addDays(day, -1), next() < 0.5));
    }

    if (next() < rates.errands) {
      const status = pick(ERRAND_STATUSES);
      const done = status === 'delivered' || status === 'confirmed';
      // Deliveries land on the day, or a millisecond either side of its midnights.
      const deliveredAt = !done
        ? null
        : pick([
            new Date(at.getTime() + Math.floor(next() * 86_400_000)),
            new Date(at.getTime() - 1),
            new Date(at.getTime()),
            new Date(at.getTime() + 86_400_000 - 1),
            new Date(at.getTime() + 86_400_000),
          ]);
      out.errands.push(sampleErrand(p, status, at, deliveredAt));
    }
  }
  return out;
}

/** A plain errand of one person, as the errands router stores it, for seeding. */
export function sampleErrand(
  p: Pick<PersonDoc, '_id' | 'householdId' | 'openid' | 'name' | 'gridId' | 'gridPath'>,
  status: ErrandStatus,
  at: Date,
  deliveredAt: Date | null,
  claimer: ErrandDoc['claimer'] = null,
): ErrandDoc {
  return {
    _id: `e-${p._id}`,
    status,
    personId: p._id,
    householdId: p.householdId,
    requesterOpenid: p.openid ?? 'proxy',
    requesterName: p.name,
    gridId: p.gridId,
    gridPath: p.gridPath,
    gridName: '',
    items: [{ name: '大米', quantity: '1袋', note: '' }],
    budget: 50,
    urgency: 1,
    deliveryNote: '',
    contactless: true,
    claimer,
    amountSpent: null,
    receiptFileId: null,
    deliveryFileId: null,
    history: [],
    createdAt: at,
    updatedAt: at,
    deliveredAt,
  };
}
