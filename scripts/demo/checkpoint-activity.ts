import {
  addDays,
  chinaDay,
  chinaDayStart,
  DIRECTIONS,
  ENTRY_KINDS,
  entryIdOf,
  FEVER_THRESHOLD_C,
  shiftIdOf,
  type ShiftPlanItem,
} from '@gridguard/types';
import type { GridDoc } from '@gridguard/server/domain';
import type { EntryDoc, ShiftDoc, SiteDoc } from '@gridguard/server/domain/checkpoint-records';
import { entryCounts } from '@gridguard/server/domain/gate-log';
import { seededRandom } from './day-activity';

/**
 * 卡口 activity around a tree, for the 日报's checkpoint figures, the counts and the benches:
 * sites on leaves and on inner nodes (a village's entrance sits on the village), each with its
 * shifts on the day before, the day and the day after, some left short; entries of every kind
 * and direction, fevers turned back, falling on the day, the day before, and within minutes
 * either side of China midnight. Deterministic for a seed, so the same records can be counted by
 * brute force.
 */
export interface CheckpointActivity {
  sites: SiteDoc[];
  shifts: ShiftDoc[];
  entries: EntryDoc[];
}

export interface CheckpointRates {
  /** Share of leaves with a site. */
  leafSites: number;
  /** Share of inner nodes (the root included) with a site. */
  innerSites: number;
  /** Entries per site, at most (each site draws between a half and all of it). */
  entriesPerSite: number;
  /** Sites on each node that has any (a village with several entrances). */
  sitesPerNode?: number;
}

export const DEFAULT_CHECKPOINT_RATES: CheckpointRates = {
  leafSites: 0.5,
  innerSites: 0.4,
  entriesPerSite: 30,
};

const STAFF = { openid: 'oGateStaff', name: '卡口值守' };
const PLAN: ShiftPlanItem[] = [
  { start: '07:00', end: '15:00', need: 2 },
  { start: '15:00', end: '23:00', need: 2 },
  { start: '23:00', end: '07:00', need: 1 },
];

export function checkpointActivity(
  grids: readonly GridDoc[],
  day: string,
  seed: number,
  rates: CheckpointRates = DEFAULT_CHECKPOINT_RATES,
): CheckpointActivity {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const sites: SiteDoc[] = [];
  for (const g of grids) {
    const share = g.childCount === 0 ? rates.leafSites : rates.innerSites;
    if (next() >= share) continue;
    const created = chinaDayStart(addDays(day, -7));
    for (let k = 0; k < (rates.sitesPerNode ?? 1); k += 1)
      sites.push({
        _id: k === 0 ? `cs-${g._id}` : `cs-${g._id}-${k}`,
        name: k === 0 ? `${g.name}卡口` : `${g.name}${k + 1}号卡口`,
        kind: g.childCount === 0 ? 'estate' : 'village',
        place: '东门',
        gridId: g._id,
        gridPath: [...g.ancestors, g._id],
        gridName: g.name,
        plan: PLAN,
        planVersion: 1,
        qrToken: `qr-${g._id}`,
        status: 'open',
        createdBy: STAFF,
        createdAt: created,
        updatedAt: created,
      });
  }

  const shifts: ShiftDoc[] = [];
  for (const site of sites) {
    for (const d of [addDays(day, -1), day, addDays(day, 1)]) {
      PLAN.forEach((item, index) => {
        const filled = Math.floor(next() * (item.need + 1));
        const startAt = new Date(chinaDayStart(d).getTime() + clock(item.start));
        const length = (clock(item.end) - clock(item.start) + 24 * 3_600_000) % (24 * 3_600_000);
        shifts.push({
          _id: shiftIdOf(site._id, d, index),
          siteId: site._id,
          siteName: site.name,
          gridId: site.gridId,
          gridPath: site.gridPath,
          day: d,
          index,
          start: item.start,
          end: item.end,
          startAt,
          endAt: new Date(startAt.getTime() + length),
          need: item.need,
          crew: Array.from({ length: filled }, (_, i) => ({
            openid: `${STAFF.openid}${i}`,
            name: `${STAFF.name}${i}`,
            source: 'self' as const,
            by: `${STAFF.openid}${i}`,
            at: created(d),
            checkedInAt: null,
            checkedOutAt: null,
            remindedAt: null,
          })),
          filled,
          uncovered: filled < item.need ? 1 : 0,
          planVersion: 1,
          rev: filled,
        });
      });
    }
  }

  const dayStart = chinaDayStart(day).getTime();
  const minute = 60_000;
  // The day, the day before, or within ten minutes either side of midnight China time.
  const when = (): Date => {
    const r = next();
    if (r < 0.5) return new Date(dayStart + Math.floor(next() * 24 * 60 * minute));
    if (r < 0.7) return new Date(dayStart - 1 - Math.floor(next() * 24 * 60 * minute));
    return new Date(dayStart + (Math.floor(next() * 21) - 10) * minute + (next() < 0.5 ? 0 : -1));
  };
  const entries: EntryDoc[] = [];
  let serial = 0;
  for (const site of sites) {
    const count = Math.ceil(rates.entriesPerSite * (0.5 + next() / 2));
    for (let i = 0; i < count; i += 1) {
      const at = when();
      const entryDay = chinaDay(at);
      const kind = pick(ENTRY_KINDS);
      const fever = next() < 0.08;
      const temperature = fever ? FEVER_THRESHOLD_C + Math.floor(next() * 15) / 10 : 36.2;
      const shiftIndex = Math.floor(next() * (PLAN.length + 1));
      const people = kind === 'vehicle' ? 1 + Math.floor(next() * 5) : 1;
      const clientId = `c${(serial += 1)}`;
      const name = `${site.gridName}居民${i}`;
      entries.push({
        _id: entryIdOf(site._id, clientId),
        siteId: site._id,
        siteName: site.name,
        gridId: site.gridId,
        gridPath: site.gridPath,
        day: entryDay,
        at,
        // Some entries are logged by someone not checked in on any shift.
        shiftId: shiftIndex < PLAN.length ? shiftIdOf(site._id, entryDay, shiftIndex) : null,
        kind,
        direction: pick(DIRECTIONS),
        temperature,
        fever,
        outcome: fever ? 'turnedBack' : 'passed',
        resident:
          kind === 'resident'
            ? {
                personId: `p-${clientId}`,
                householdId: `h-${site.gridId}`,
                name,
                address: `${site.gridName}${i}号`,
                via: pick(['code', 'name', 'pass'] as const),
              }
            : null,
        outsider:
          kind === 'outsider'
            ? {
                formId: next() < 0.5 ? `of-${clientId}` : null,
                formRev: 1,
                name: `外来${name}`,
                phoneMasked: '139****0001',
                fromCode: '420100',
                fromName: '湖北省武汉市',
                fromRisk: next() < 0.3,
                destHouseholdId: null,
                destAddress: `${site.gridName}${i}号`,
                purpose: '探亲',
                staying: next() < 0.5,
              }
            : null,
        vehicle:
          kind === 'vehicle' ? { plate: `粤A${String(10000 + i)}`, passengers: people } : null,
        people,
        by: STAFF,
        annotations: [],
      });
    }
  }
  return { sites, shifts, entries };
}

const clock = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
};
const created = (day: string) => chinaDayStart(addDays(day, -2));

/** A node's 日报 checkpoint figures counted the obvious way: every record filtered by its path. */
export function bruteForceCheckpoint(activity: CheckpointActivity, day: string, nodeId: string) {
  const entries = activity.entries.filter((e) => e.day === day && e.gridPath.includes(nodeId));
  const counts = entries.map(entryCounts);
  const sum = (key: keyof ReturnType<typeof entryCounts>) =>
    counts.reduce((total, c) => total + c[key], 0);
  return {
    checkpointPassages: entries.reduce((total, e) => total + e.people, 0),
    checkpointResidents: sum('residents'),
    checkpointOutsiders: sum('outsiders'),
    checkpointVehicles: sum('vehicles'),
    checkpointTurnedBack: sum('turnedBack'),
    checkpointUncovered: activity.shifts.filter(
      (s) => s.day === day && s.uncovered === 1 && s.gridPath.includes(nodeId),
    ).length,
  };
}
