import { addDays, chinaDayStart, COLLECTIONS, zeroFigures, type Figures } from '@gridguard/types';
import type { Emulator } from '@gridguard/emulator';
import type { PersonDoc } from '@gridguard/server/domain';
import type { DayActivity } from '../../scripts/demo/day-activity';
import type { SweepActivity } from '../../scripts/demo/sweep-activity';
import type { CheckpointActivity } from '../../scripts/demo/checkpoint-activity';
import type { NoticeActivity } from '../../scripts/demo/notice-activity';

/** Writes a day's activity straight into the store, as if the functions had recorded it. */
export function insertActivity(
  emulator: Emulator,
  activity: DayActivity,
  sweeps: SweepActivity = { campaigns: [], visits: [] },
  checkpoints: CheckpointActivity = { sites: [], shifts: [], entries: [] },
  notices: NoticeActivity = { notices: [], reach: [] },
): void {
  const { store } = emulator;
  store.atomically(() => {
    for (const doc of notices.notices) store.insert(COLLECTIONS.notices, { ...doc });
    for (const doc of notices.reach) store.insert(COLLECTIONS.noticeReach, { ...doc });
    for (const doc of checkpoints.sites) store.insert(COLLECTIONS.checkpointSites, { ...doc });
    for (const doc of checkpoints.shifts) store.insert(COLLECTIONS.checkpointShifts, { ...doc });
    for (const doc of checkpoints.entries) store.insert(COLLECTIONS.checkpointEntries, { ...doc });
    for (const doc of sweeps.campaigns) store.insert(COLLECTIONS.campaigns, { ...doc });
    for (const doc of sweeps.visits) store.insert(COLLECTIONS.visits, { ...doc });
    for (const doc of activity.observations) store.insert(COLLECTIONS.observations, { ...doc });
    for (const doc of activity.returns) store.insert(COLLECTIONS.returns, { ...doc });
    for (const doc of activity.healthReports) store.insert(COLLECTIONS.healthReports, { ...doc });
    for (const doc of activity.errands) store.insert(COLLECTIONS.errands, { ...doc });
  });
}

/** Every figure of one node counted the slow, obvious way: filter every record by its path. */
export function bruteForceFigures(
  people: readonly PersonDoc[],
  activity: DayActivity,
  day: string,
  nodeId: string,
): Figures {
  const under = <T extends { gridPath: readonly string[] }>(docs: readonly T[]) =>
    docs.filter((d) => d.gridPath.includes(nodeId));
  const observations = under(activity.observations);
  const open = observations.filter((o) => o.status !== 'released');
  const errands = under(activity.errands);
  const from = chinaDayStart(day).getTime();
  const to = chinaDayStart(addDays(day, 1)).getTime();
  const f = zeroFigures();
  f.registered = under(people).length;
  f.newReturns = under(activity.returns).filter((r) => r.declaration.arrivalDay === day).length;
  f.observedRoutine = open.filter((o) => o.class === 'routine').length;
  f.observedKey = open.filter((o) => o.class === 'key').length;
  f.observedCentral = open.filter((o) => o.class === 'central').length;
  f.released = observations.filter(
    (o) => o.status === 'released' && o.history.some((h) => h.event === 'release' && h.day === day),
  ).length;
  f.escalated = open.filter((o) => o.status === 'escalated').length;
  f.reportsDue = open.filter((o) => o.startDay <= day).length;
  f.reportsReceived = open.filter((o) => o.startDay <= day && o.lastReportDay === day).length;
  f.reportsMissing = f.reportsDue - f.reportsReceived;
  f.fevers = under(activity.healthReports).filter((r) => r.day === day && r.abnormal).length;
  f.errandsOpen = errands.filter((e) => e.status === 'open').length;
  f.errandsClaimed = errands.filter(
    (e) => e.status === 'claimed' || e.status === 'purchased',
  ).length;
  f.errandsDone = errands.filter(
    (e) => e.deliveredAt && e.deliveredAt.getTime() >= from && e.deliveredAt.getTime() < to,
  ).length;
  return f;
}
