import {
  COLLECTIONS,
  HOUSEHOLD_AUDIENCES,
  PAGE_SIZE,
  SETTLED_OUTCOMES,
  type FigureKey,
  type Figures,
} from '@gridguard/types';
import type {
  DailyReportDoc,
  ExportDoc,
  NoticeDoc,
  ObservationDoc,
  ReportDayDoc,
  ReportNode,
} from '../domain/records';
import type { NoticeInWindow, SweepUnderWay } from '../domain/rollup';
import { fetchDocs, type CloudDatabase } from './cloud';

/** get() returns at most 1000 documents per call on the server. */
const GET_MAX = 1000;
/** An explicit $limit: without one, aggregate() returns 20 rows. One row per leaf. */
export const AGGREGATE_ROWS = 10_000;
/** JSON per batch add of reports, well under the ~5 MB a single write may carry. */
const WRITE_BATCH_BYTES = 3 * 1024 * 1024;

export type LeafRows = { gridId: string; figures: Partial<Figures> }[];

type AggregateCommand = Record<string, (...args: unknown[]) => unknown>;

/**
 * The database calls of the daily report. Counting is done by the database, one aggregate per
 * source collection per group of subtrees, each answering one row per leaf: the function never
 * reads the records themselves, so its calls do not grow with the population.
 */
export function dailyData(db: CloudDatabase) {
  const _ = db.command;
  const aggregate = db.command.aggregate as unknown as AggregateCommand;
  /** An aggregate operator by its SDK name; a misspelt one fails loudly instead of counting 0. */
  const $ = (name: string) => {
    const operator = aggregate[name];
    if (typeof operator !== 'function') throw new Error(`no aggregate operator ${name}`);
    return operator.bind(aggregate);
  };
  const reports = () => db.collection(COLLECTIONS.dailyReports);
  const days = () => db.collection(COLLECTIONS.reportDays);
  const notices = () => db.collection(COLLECTIONS.reportNotices);
  const exports = () => db.collection(COLLECTIONS.exports);

  const leafOf = () => $('arrayElemAt')(['$gridPath', -1]);
  const when = (condition: unknown) => $('sum')($('cond')({ if: condition, then: 1, else: 0 }));
  const eq = (field: string, value: unknown) => $('eq')([field, value]);

  /**
   * One aggregate answering per-leaf counts for the records under `roots` that match `match` (and
   * one of `anyOf`, when given). The sums travel under one-letter names: the answer for thousands
   * of leaves stays small.
   */
  async function perLeaf(
    collection: string,
    roots: readonly string[],
    match: Record<string, unknown>,
    sums: Partial<Record<FigureKey, unknown>>,
    anyOf?: readonly Record<string, unknown>[],
  ): Promise<LeafRows> {
    const keys = Object.keys(sums) as FigureKey[];
    const short = Object.fromEntries(keys.map((k, i) => [String.fromCharCode(97 + i), sums[k]]));
    const result = (await db
      .collection(collection)
      .aggregate()
      .match(
        anyOf
          ? _.and([{ gridPath: _.in([...roots]), ...match }, _.or([...anyOf])])
          : { gridPath: _.in([...roots]), ...match },
      )
      .group({ _id: leafOf(), ...short })
      .limit(AGGREGATE_ROWS)
      .end()) as { list: ({ _id: string } & Record<string, number>)[] };
    if (result.list.length >= AGGREGATE_ROWS)
      throw new Error(`per-leaf aggregate on ${collection} reached ${AGGREGATE_ROWS} rows`);
    return result.list.map((row) => ({
      gridId: row._id,
      figures: Object.fromEntries(keys.map((k, i) => [k, row[String.fromCharCode(97 + i)] ?? 0])),
    }));
  }

  const reportDay = async (day: string) =>
    (await fetchDocs<ReportDayDoc>(days().where({ _id: day }).limit(1)))[0] ?? null;
  const observationPage = (where: Record<string, unknown>, afterId: string, limit: number) =>
    fetchDocs<ObservationDoc>(
      db
        .collection(COLLECTIONS.observations)
        .where({ ...where, _id: _.gt(afterId) })
        .orderBy('_id', 'asc')
        .limit(limit),
    );

  return {
    /** Every node, in pages of 1000 by id, with only the fields the report needs. */
    async nodes(): Promise<ReportNode[]> {
      const all: ReportNode[] = [];
      let after = '';
      for (;;) {
        const page = await fetchDocs<ReportNode>(
          db
            .collection(COLLECTIONS.grids)
            .where({ _id: _.gt(after) })
            .orderBy('_id', 'asc')
            .field({
              name: true,
              levelName: true,
              depth: true,
              parentId: true,
              ancestors: true,
              childCount: true,
              'counts.people': true,
              'counts.households': true,
              'counts.rentals': true,
              'counts.enterprises': true,
              leader: true,
            })
            .limit(GET_MAX),
        );
        all.push(...page);
        if (page.length < GET_MAX) return all;
        after = page[page.length - 1]?._id ?? after;
      }
    },

    /** Open observations: by class, escalated, and today's due and received reports. */
    observations: (roots: readonly string[], day: string) =>
      perLeaf(
        COLLECTIONS.observations,
        roots,
        { status: _.in(['observing', 'escalated']) },
        {
          observedRoutine: when(eq('$class', 'routine')),
          observedKey: when(eq('$class', 'key')),
          observedCentral: when(eq('$class', 'central')),
          escalated: when(eq('$status', 'escalated')),
          reportsDue: when($('lte')(['$startDay', day])),
          reportsReceived: when(
            $('and')([$('lte')(['$startDay', day]), eq('$lastReportDay', day)]),
          ),
        },
      ),

    /**
     * Released on `day`. Release comes the day after the end at the earliest (on the day itself
     * when a leader ends one early, `endEarly`), so only observations that ended in the last month
     * are candidates; the history says on which day it happened.
     */
    released: (roots: readonly string[], day: string, monthBefore: string) =>
      perLeaf(
        COLLECTIONS.observations,
        roots,
        {
          status: 'released',
          endDay: _.gte(monthBefore).and(_.lte(day)),
          history: _.elemMatch({ event: 'release', day }),
        },
        { released: $('sum')(1) },
      ),

    arrivals: (roots: readonly string[], day: string) =>
      perLeaf(
        COLLECTIONS.returns,
        roots,
        { 'declaration.arrivalDay': day },
        { newReturns: $('sum')(1) },
      ),

    fevers: (roots: readonly string[], day: string) =>
      perLeaf(COLLECTIONS.healthReports, roots, { day, abnormal: true }, { fevers: $('sum')(1) }),

    activeErrands: (roots: readonly string[]) =>
      perLeaf(
        COLLECTIONS.errands,
        roots,
        { status: _.in(['open', 'claimed', 'purchased']) },
        {
          errandsOpen: when(eq('$status', 'open')),
          errandsClaimed: when($('in')(['$status', ['claimed', 'purchased']])),
        },
      ),

    deliveredBetween: (roots: readonly string[], from: Date, to: Date) =>
      perLeaf(
        COLLECTIONS.errands,
        roots,
        { deliveredAt: _.gte(from).and(_.lt(to)) },
        { errandsDone: $('sum')(1) },
      ),

    /**
     * Campaigns under way on `day`: started and not closed (one past its planned end is still
     * being finished). A town runs a handful at a time; a thousand is far beyond any.
     */
    sweepsUnderWay: (day: string) =>
      fetchDocs<SweepUnderWay>(
        db
          .collection(COLLECTIONS.campaigns)
          .where({ status: 'active', startDay: _.lte(day) })
          .field({ kind: true, gridId: true, round: true })
          .limit(GET_MAX),
      ),

    /**
     * The sweeps' visits per leaf, each campaign in its own current round: settled targets, doors
     * visited on the day (a visit's time is its latest knock), and findings.
     */
    sweepVisits: (
      sweeps: readonly SweepUnderWay[],
      roots: readonly string[],
      from: Date,
      to: Date,
    ) =>
      // Only each campaign's current round is read: earlier rounds and other campaigns' visits
      // never reach the counting stage.
      perLeaf(
        COLLECTIONS.visits,
        roots,
        // The campaigns alone narrow the read to their visits by index; the pairs make it exact.
        { campaignId: _.in(sweeps.map((s) => s._id)) },
        {
          sweepSettled: when($('in')(['$outcome', [...SETTLED_OUTCOMES]])),
          sweepVisitedToday: when($('and')([$('gte')(['$at', from]), $('lt')(['$at', to])])),
          sweepFindings: when(eq('$outcome', 'finding')),
        },
        sweeps.map((s) => ({ campaignId: s._id, round: s.round })),
      ),

    /**
     * The day's 卡口 entries per leaf (the site's node: a village's entrance counts on the
     * village), by the gridPath + day index: people through, entries by kind, fevers turned back.
     */
    checkpointEntries: (roots: readonly string[], day: string, onlyOwn?: readonly string[]) =>
      perLeaf(
        COLLECTIONS.checkpointEntries,
        roots,
        onlyOwn ? { day, gridId: _.in([...onlyOwn]) } : { day },
        {
          checkpointPassages: $('sum')('$people'),
          checkpointResidents: when(eq('$kind', 'resident')),
          checkpointOutsiders: when(eq('$kind', 'outsider')),
          checkpointVehicles: when(eq('$kind', 'vehicle')),
          checkpointTurnedBack: when(eq('$outcome', 'turnedBack')),
        },
      ),

    /** The day's shifts per leaf still short of crew (`uncovered` is kept 0 or 1 on each). */
    checkpointUncovered: (roots: readonly string[], day: string, onlyOwn?: readonly string[]) =>
      perLeaf(
        COLLECTIONS.checkpointShifts,
        roots,
        onlyOwn ? { day, uncovered: 1, gridId: _.in([...onlyOwn]) } : { day, uncovered: 1 },
        { checkpointUncovered: $('sum')(1) },
      ),

    /**
     * Notices for households published in [from, to) and still published (a withdrawn one no
     * longer counts). A town publishes a few a day; a thousand in the window is far beyond any.
     */
    noticesPublished: (from: Date, to: Date) =>
      fetchDocs<NoticeInWindow>(
        db
          .collection(COLLECTIONS.notices)
          .where({
            status: 'published',
            audience: _.in([...HOUSEHOLD_AUDIENCES]),
            publishedAt: _.gte(from).and(_.lt(to)),
          })
          .field({ gridId: true })
          .limit(GET_MAX),
      ),

    /**
     * Households reached by any of the notices, per leaf (a household's leaf), in one aggregate
     * for them all: the reach records of the notices, never the households themselves.
     */
    noticeReach: (noticeIds: readonly string[], roots: readonly string[]) =>
      perLeaf(
        COLLECTIONS.noticeReach,
        roots,
        { noticeId: _.in([...noticeIds]) },
        { noticeReached: $('sum')(1) },
      ),

    /**
     * Adds a run's reports in as few calls as the write limit allows: batches of at most 3 MB of
     * JSON (the platform takes about 5 MB per add). A run's documents are new, so none collides.
     */
    async writeReports(docs: readonly DailyReportDoc[]): Promise<number> {
      let calls = 0;
      let batch: DailyReportDoc[] = [];
      let bytes = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await reports().add({ data: batch });
        calls += 1;
        batch = [];
        bytes = 0;
      };
      for (const doc of docs) {
        const size = Buffer.byteLength(JSON.stringify(doc));
        if (bytes + size > WRITE_BATCH_BYTES) await flush();
        batch.push(doc);
        bytes += size;
      }
      await flush();
      return calls;
    },

    reportDay,
    /** The latest computed day up to `day`. */
    latestDay: async (day: string) =>
      (
        await fetchDocs<ReportDayDoc>(
          days()
            .where({ _id: _.lte(day) })
            .orderBy('_id', 'desc')
            .limit(1),
        )
      )[0] ?? null,
    reportDays: (ids: readonly string[]) =>
      fetchDocs<ReportDayDoc>(
        days()
          .where({ _id: _.in([...ids]) })
          .limit(ids.length),
      ),

    /**
     * Makes this run the day's report unless a later-started run already is: the day's first run
     * creates the document (one call); a later one replaces it only if it started later.
     */
    async publish(doc: ReportDayDoc): Promise<boolean> {
      const { _id, ...rest } = doc;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        try {
          await days().add({ data: doc });
          return true;
        } catch (e) {
          if (!(e instanceof Error && e.message.includes('E11000'))) throw e;
        }
        const updated = (await days()
          .where({ _id, order: _.lt(doc.order) })
          .update({ data: rest })) as { stats: { updated: number } };
        if (updated.stats.updated === 1) return true;
        // Not updated: a later run holds the day, or the day's document has just been removed.
        if (await reportDay(_id)) return false;
      }
      return false;
    },

    /** Removes the day's reports of runs that started before `order` (superseded or crashed). */
    removeOlderRuns: (day: string, order: string) =>
      reports()
        .where({ day, order: _.lt(order) })
        .remove(),
    removeRun: (runId: string) => reports().where({ runId }).remove(),

    report: async (runId: string, gridId: string) =>
      (
        await fetchDocs<DailyReportDoc>(
          reports()
            .where({ _id: `${runId}:${gridId}` })
            .limit(1),
        )
      )[0] ?? null,
    reportsByIds: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<DailyReportDoc>(
            reports()
              .where({ _id: _.in([...ids]) })
              .limit(ids.length),
          ),
    /** A node's children in a run, the lowest share of reports received first. */
    async children(runId: string, parentId: string, page: number) {
      const query = reports().where({ runId, parentId });
      const [items, total] = await Promise.all([
        fetchDocs<DailyReportDoc>(
          query
            .orderBy('completion', 'asc')
            .orderBy('name', 'asc')
            .skip((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE),
        ),
        query.count() as Promise<{ total: number }>,
      ]);
      return { items, total: total.total };
    },
    /** A run's reports in a subtree, in pages by id (for the export). */
    subtreePage: (runId: string, gridId: string, afterId: string) =>
      fetchDocs<DailyReportDoc>(
        reports()
          .where({ runId, ancestors: gridId, _id: _.gt(afterId) })
          .orderBy('_id', 'asc')
          .limit(GET_MAX),
      ),
    /** Leader nodes of a run after a cursor, for sending the day's messages. */
    ledPage: (runId: string, afterId: string, limit: number) =>
      fetchDocs<DailyReportDoc>(
        reports()
          .where({ runId, 'leader.openid': _.exists(true), _id: _.gt(afterId) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),

    /** Takes the slot of one message; false when an earlier run already took it. */
    async claimNotice(doc: Omit<NoticeDoc, 'channel' | 'seen'>): Promise<boolean> {
      try {
        await notices().add({
          data: { ...doc, channel: 'pending', seen: false } satisfies NoticeDoc,
        });
        return true;
      } catch (e) {
        if (e instanceof Error && e.message.includes('E11000')) return false;
        throw e;
      }
    },
    setNoticeChannel: (id: string, channel: NoticeDoc['channel']) =>
      notices().doc(id).update({ data: { channel } }),
    /** Reports not delivered as a message (no credit, a failed send, a run cut short), not seen. */
    unread: (openid: string) =>
      fetchDocs<NoticeDoc>(
        notices()
          .where({ openid, seen: false, channel: _.neq('message') })
          .orderBy('day', 'desc')
          .limit(20),
      ),
    markSeen: (id: string) =>
      notices()
        .where({ _id: id, seen: false })
        .update({ data: { seen: true } }),

    /** Escalated observations under a node, the latest alert first. */
    async escalatedUnder(gridId: string, page: number) {
      const query = db
        .collection(COLLECTIONS.observations)
        .where({ gridPath: gridId, status: 'escalated' });
      const [items, total] = await Promise.all([
        fetchDocs<ObservationDoc>(
          query
            .orderBy('alert.day', 'desc')
            .orderBy('name', 'asc')
            .skip((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE),
        ),
        query.count() as Promise<{ total: number }>,
      ]);
      return { items, total: total.total };
    },
    /** For the export: escalated, and not reported on `day`, under a node, in pages by id. */
    escalatedPage: (gridId: string, afterId: string) =>
      observationPage({ gridPath: gridId, status: 'escalated' }, afterId, GET_MAX),
    missingPage: (gridId: string, day: string, afterId: string) =>
      observationPage(
        {
          gridPath: gridId,
          status: _.in(['observing', 'escalated']),
          startDay: _.lte(day),
          lastReportDay: _.neq(day),
        },
        afterId,
        GET_MAX,
      ),

    saveExport: (doc: ExportDoc) => {
      const { _id, ...rest } = doc;
      return exports().doc(_id).set({ data: rest });
    },
    exportProgress: async (id: string, change: Partial<ExportDoc>) => {
      await exports().doc(id).update({ data: change });
    },
    export: async (id: string) =>
      (await fetchDocs<ExportDoc>(exports().where({ _id: id }).limit(1)))[0] ?? null,
  };
}

export type DailyData = ReturnType<typeof dailyData>;
