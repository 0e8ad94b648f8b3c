import {
  COLLECTIONS,
  OPEN_OBSERVATION_STATUSES,
  PAGE_SIZE,
  type ClassificationRules,
  type ObservationClass,
} from '@gridguard/types';
import type { CarePair } from '../domain/care';
import type {
  HealthReportDoc,
  ObservationDoc,
  ReminderDoc,
  ResolvedAlertDoc,
  ReturnDoc,
} from '../domain/records';
import { countDocs, fetchDocs, type CloudDatabase } from './cloud';

/** What the observation lists may be narrowed to. */
export interface OpenFilter {
  status?: (typeof OPEN_OBSERVATION_STATUSES)[number];
  class?: ObservationClass;
}

type Sum = { sum(value: unknown): unknown };

export const DEFAULT_RULES: ClassificationRules = { riskAreas: [], observationDays: 14 };

/** The database calls of returns, observations and daily reports. */
export function healthData(db: CloudDatabase) {
  const _ = db.command;
  const returns = () => db.collection(COLLECTIONS.returns);
  const observations = () => db.collection(COLLECTIONS.observations);
  const reports = () => db.collection(COLLECTIONS.healthReports);
  const settings = () => db.collection(COLLECTIONS.settings);
  const reminders = () => db.collection(COLLECTIONS.reminders);
  const first = async <T>(query: { limit(n: number): { get(): unknown } }) =>
    (await fetchDocs<T>(query.limit(1)))[0] ?? null;
  /** 今日未报: its list, its count on home and 一键提醒 read the same people. */
  const missingWhere = (gridId: string, day: string) => ({
    gridPath: gridId,
    status: _.in(['observing', 'escalated']),
    lastReportDay: _.neq(day),
  });
  const missingUnder = (gridId: string, day: string) =>
    observations().where(missingWhere(gridId, day));
  const put = <T extends { _id: string }>(coll: () => ReturnType<typeof returns>, doc: T) => {
    const { _id, ...rest } = doc;
    // set() replaces or creates the document: a retried write lands on the same one.
    return coll().doc(_id).set({ data: rest });
  };

  return {
    async rules(): Promise<ClassificationRules> {
      return (
        (await first<ClassificationRules>(settings().where({ _id: 'classification' }))) ??
        DEFAULT_RULES
      );
    },
    saveReturn: (doc: ReturnDoc) => put(returns, doc),
    observation: (personId: string) =>
      first<ObservationDoc>(observations().where({ _id: personId })),
    saveObservation: (doc: ObservationDoc) => put(observations, doc),
    /** A day's report on an open observation: the report day, and an escalation if it raised one. */
    recordReport: (
      personId: string,
      change: {
        lastReportDay: string;
        escalated: boolean;
        newHistory: ObservationDoc['history'];
        alert: ObservationDoc['alert'] | null;
        at: Date;
      },
    ) =>
      observations()
        .where({ _id: personId, status: _.neq('released') })
        .update({
          data: {
            lastReportDay: change.lastReportDay,
            updatedAt: change.at,
            ...(change.escalated && { status: 'escalated' }),
            ...(change.newHistory.length > 0 && { history: _.push(change.newHistory) }),
            ...(change.alert && { alert: _.set(change.alert) }),
          },
        }),
    /** A leader's change of class on an open observation, with its reason and history entry. */
    async reclassify(
      personId: string,
      change: {
        class: ObservationDoc['class'];
        reason: string;
        newHistory: ObservationDoc['history'];
        at: Date;
      },
    ): Promise<boolean> {
      const result = (await observations()
        .where({ _id: personId, status: _.neq('released') })
        .update({
          data: {
            class: change.class,
            overridden: true,
            reasons: _.push([change.reason]),
            updatedAt: change.at,
            ...(change.newHistory.length > 0 && { history: _.push(change.newHistory) }),
          },
        })) as { stats: { updated: number } };
      return result.stats.updated === 1;
    },
    /** Observing → released, only if nothing changed the observation since it was checked. */
    async release(
      personId: string,
      endDay: string,
      newHistory: ObservationDoc['history'],
      at: Date,
    ): Promise<boolean> {
      const result = (await observations()
        .where({ _id: personId, status: 'observing', endDay })
        .update({ data: { status: 'released', history: _.push(newHistory), updatedAt: at } })) as {
        stats: { updated: number };
      };
      return result.stats.updated === 1;
    },
    /** Escalated → observing with one more history entry, only if still escalated. */
    async deescalate(
      personId: string,
      entry: ObservationDoc['history'][number],
      at: Date,
    ): Promise<boolean> {
      const result = (await observations()
        .where({ _id: personId, status: 'escalated' })
        .update({ data: { status: 'observing', history: _.push(entry), updatedAt: at } })) as {
        stats: { updated: number };
      };
      return result.stats.updated === 1;
    },
    /**
     * A leader's extension: the new end and one history entry, only if the observation is still
     * open with the end the leader saw (a release or another extension meanwhile wins).
     */
    async extend(
      personId: string,
      change: {
        fromEnd: string;
        toEnd: string;
        entry: ObservationDoc['history'][number];
        at: Date;
      },
    ): Promise<boolean> {
      const result = await observations()
        .where({
          _id: personId,
          status: _.in([...OPEN_OBSERVATION_STATUSES]),
          endDay: change.fromEnd,
        })
        .update({
          data: { endDay: change.toEnd, history: _.push([change.entry]), updatedAt: change.at },
        });
      return (result as { stats: { updated: number } }).stats.updated === 1;
    },
    /** A leader's early end: observing → released that day, only if still observing. */
    async endEarly(
      personId: string,
      change: { endDay: string; entry: ObservationDoc['history'][number]; at: Date },
    ): Promise<boolean> {
      const result = await observations()
        .where({ _id: personId, status: 'observing' })
        .update({
          data: {
            status: 'released',
            endDay: change.endDay,
            history: _.push([change.entry]),
            updatedAt: change.at,
          },
        });
      return (result as { stats: { updated: number } }).stats.updated === 1;
    },
    /** Replaces only the care pair: a report saved at the same moment keeps its own fields. */
    setCare: (personId: string, care: CarePair) =>
      observations()
        .doc(personId)
        .update({ data: { care: _.set(care), updatedAt: new Date() } }),
    markReported: (personId: string, day: string) =>
      observations()
        .doc(personId)
        .update({ data: { lastReportDay: day } }),
    saveReport: (doc: HealthReportDoc) => put(reports, doc),
    reports: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<HealthReportDoc>(
            reports()
              .where({ _id: _.in([...ids]) })
              .limit(ids.length),
          ),
    /** People under observation in a subtree who have not reported on `day`. */
    async missing(gridId: string, day: string, page: number) {
      const query = missingUnder(gridId, day);
      const [items, total] = await Promise.all([
        fetchDocs<ObservationDoc>(
          query
            .orderBy('name', 'asc')
            .skip((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE),
        ),
        query.count() as Promise<{ total: number }>,
      ]);
      return { items, total: total.total };
    },
    /** How many people under observation in a subtree have not reported on `day`. */
    missingCount: (gridId: string, day: string) => countDocs(missingUnder(gridId, day)),
    /** The next `limit` of a subtree's 今日未报 after `afterId` (a cursor), for 一键提醒. */
    missingAfter: (gridId: string, day: string, afterId: string, limit: number) =>
      fetchDocs<ObservationDoc>(
        observations()
          .where({ ...missingWhere(gridId, day), _id: _.gt(afterId) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    /**
     * Of a subtree's 今日未报, how many were reminded today by message and how many are on the
     * call list: one aggregate over the day's reminders, joined to the observations still
     * unreported (those who reported since drop out).
     */
    async remindedCounts(gridId: string, day: string): Promise<{ message: number; call: number }> {
      const result = (await reminders()
        .aggregate()
        .match({ gridPath: gridId, day })
        .lookup({
          from: COLLECTIONS.observations,
          localField: 'personId',
          foreignField: '_id',
          as: 'o',
        })
        .match({ 'o.status': _.in(['observing', 'escalated']), 'o.lastReportDay': _.neq(day) })
        .group({ _id: '$channel', n: (_.aggregate as unknown as Sum).sum(1) })
        .limit(10)
        .end()) as { list: { _id: string; n: number }[] };
      const count = (channel: string) => result.list.find((r) => r._id === channel)?.n ?? 0;
      return { message: count('message'), call: count('call') };
    },
    /** How many observations in a subtree are escalated (the 异常提醒 list). */
    escalatedCount: (gridId: string) =>
      countDocs(observations().where({ gridPath: gridId, status: 'escalated' })),
    /** How many returns in a subtree were registered or changed at or after `since`. */
    returnsSince: (gridId: string, since: Date) =>
      countDocs(returns().where({ gridPath: gridId, updatedAt: _.gte(since) })),
    /** Open observations not reported on `day`, after `afterId` (a cursor). */
    notReported: (day: string, afterId: string, limit: number) =>
      fetchDocs<ObservationDoc>(
        observations()
          .where({
            status: _.in(['observing', 'escalated']),
            lastReportDay: _.neq(day),
            _id: _.gt(afterId),
          })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    /** Takes today's reminder slot for a person; false when a run already took it. */
    async claimReminder(doc: ReminderDoc): Promise<boolean> {
      try {
        await reminders().add({ data: doc });
        return true;
      } catch (e) {
        if (e instanceof Error && e.message.includes('E11000')) return false;
        throw e;
      }
    },
    setReminderChannel: (id: string, channel: ReminderDoc['channel']) =>
      reminders().doc(id).update({ data: { channel } }),
    reminders: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<ReminderDoc>(
            reminders()
              .where({ _id: _.in([...ids]) })
              .limit(ids.length),
          ),
    /**
     * Open observations under a node, narrowed by status and class when asked: escalated before
     * observing, then central, key, routine. Escalated alone: the newest alert first.
     */
    async openUnder(gridId: string, page: number, filter: OpenFilter = {}) {
      const query = observations().where({
        gridPath: gridId,
        status: filter.status ?? _.in([...OPEN_OBSERVATION_STATUSES]),
        ...(filter.class && { class: filter.class }),
      });
      const ordered =
        filter.status === 'escalated'
          ? query.orderBy('alert.day', 'desc').orderBy('updatedAt', 'desc')
          : query.orderBy('status', 'asc').orderBy('class', 'asc').orderBy('startDay', 'asc');
      const [items, total] = await Promise.all([
        fetchDocs<ObservationDoc>(
          ordered
            .orderBy('_id', 'asc')
            .skip((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE),
        ),
        query.count() as Promise<{ total: number }>,
      ]);
      return { items, total: total.total };
    },
    /** Set, not added, under an id fixed by the resolution: a retried write keeps one record. */
    keepResolvedAlert: (doc: ResolvedAlertDoc) => {
      const { _id, ...rest } = doc;
      return db.collection(COLLECTIONS.resolvedAlerts).doc(_id).set({ data: rest });
    },
    async resolvedUnder(gridId: string, page: number) {
      const query = db.collection(COLLECTIONS.resolvedAlerts).where({ gridPath: gridId });
      const [items, total] = await Promise.all([
        fetchDocs<ResolvedAlertDoc>(
          query
            .orderBy('resolvedAt', 'desc')
            .orderBy('_id', 'asc')
            .skip((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE),
        ),
        query.count() as Promise<{ total: number }>,
      ]);
      return { items, total: total.total };
    },
    /** The person's most recently saved return declaration, or null before the first. */
    latestReturn: (personId: string) =>
      first<ReturnDoc>(returns().where({ personId }).orderBy('updatedAt', 'desc')),
    /** Observations past their end, still open, after `afterId` (a cursor: released ones drop out). */
    dueForRelease: (today: string, afterId: string, limit: number) =>
      fetchDocs<ObservationDoc>(
        observations()
          .where({ status: 'observing', endDay: _.lt(today), _id: _.gt(afterId) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
  };
}

export type HealthData = ReturnType<typeof healthData>;
