import { chinaDayStart, addDays, COLLECTIONS, type GateCounts } from '@gridguard/types';
import type { EntryDoc, ShiftDoc, SiteDoc } from '../domain/checkpoint-records';
import { countDocs, fetchDocs, pagedDocs, type CloudDatabase } from './cloud';

/** get() returns at most 1000 documents per call on the server. */
const GET_MAX = 1000;
/** A site has at most 6 shifts a day, and a counts query 31 days: far below one call's 1000. */
const SHIFTS_MAX = GET_MAX;
/** An explicit $limit: without one, aggregate() returns 20 rows. */
const AGGREGATE_ROWS = 1000;

type AggregateCommand = Record<string, (...args: unknown[]) => unknown>;

/** A group's key as the aggregate answers it: one field, or several. */
export type CountRow<K> = { key: K; counts: Partial<GateCounts> };

/**
 * The database calls of the 卡口 counts and the log's export. Every count is a database
 * aggregate grouped by day, shift or site: the records themselves are read only by the export,
 * a thousand a call, under its cap.
 */
export function gateLogData(db: CloudDatabase) {
  const _ = db.command;
  const aggregate = db.command.aggregate as unknown as AggregateCommand;
  const $ = (name: string) => {
    const operator = aggregate[name];
    if (typeof operator !== 'function') throw new Error(`no aggregate operator ${name}`);
    return operator.bind(aggregate);
  };
  const sites = () => db.collection(COLLECTIONS.checkpointSites);
  const shifts = () => db.collection(COLLECTIONS.checkpointShifts);
  const entries = () => db.collection(COLLECTIONS.checkpointEntries);
  const when = (condition: unknown) => $('sum')($('cond')({ if: condition, then: 1, else: 0 }));
  const eq = (field: string, value: unknown) => $('eq')([field, value]);

  /** The sums of `entryCounts` (domain/gate-log.ts), under one-letter names to keep rows small. */
  const ENTRY_SUMS = {
    a: when(eq('$direction', 'in')),
    b: when(eq('$direction', 'out')),
    c: when(eq('$kind', 'resident')),
    d: when(eq('$kind', 'outsider')),
    e: when(eq('$kind', 'vehicle')),
    f: $('sum')($('cond')({ if: eq('$kind', 'vehicle'), then: '$people', else: 0 })),
    g: when(eq('$outcome', 'turnedBack')),
  };
  const fromSums = (row: Record<string, unknown>): Partial<GateCounts> => ({
    in: Number(row['a'] ?? 0),
    out: Number(row['b'] ?? 0),
    residents: Number(row['c'] ?? 0),
    outsiders: Number(row['d'] ?? 0),
    vehicles: Number(row['e'] ?? 0),
    vehiclePeople: Number(row['f'] ?? 0),
    turnedBack: Number(row['g'] ?? 0),
  });

  async function grouped<K>(
    collection: ReturnType<typeof entries>,
    match: Record<string, unknown>,
    key: unknown,
    sums: Record<string, unknown>,
    read: (row: Record<string, unknown>) => Partial<GateCounts>,
  ): Promise<CountRow<K>[]> {
    const result = (await collection
      .aggregate()
      .match(match)
      .group({ _id: key, ...sums })
      .limit(AGGREGATE_ROWS)
      .end()) as { list: ({ _id: K } & Record<string, unknown>)[] };
    if (result.list.length >= AGGREGATE_ROWS)
      throw new Error(`counts aggregate reached ${AGGREGATE_ROWS} rows`);
    return result.list.map((row) => ({ key: row._id, counts: read(row) }));
  }

  /** A site's entries whose time falls on China days `from`..`to` (its index: siteId, at). */
  const siteDays = (siteId: string | readonly string[], from: string, to: string) => ({
    siteId: typeof siteId === 'string' ? siteId : _.in([...siteId]),
    at: _.gte(chinaDayStart(from)).and(_.lt(chinaDayStart(addDays(to, 1)))),
  });
  const uncoveredSum = { u: $('sum')('$uncovered') };
  const readUncovered = (row: Record<string, unknown>) => ({ uncovered: Number(row['u'] ?? 0) });

  return {
    site: async (id: string) =>
      (await fetchDocs<SiteDoc>(sites().where({ _id: id }).limit(1)))[0] ?? null,

    /** A node's sites (on it and below), by name, a page at a time, and how many there are. */
    sitesUnder: (gridId: string, page: number) =>
      pagedDocs<SiteDoc>(
        sites().where({ gridPath: gridId }),
        (q) => q.orderBy('name', 'asc').orderBy('_id', 'asc'),
        page,
      ),

    /** A site's entries per day and shift (a shift's night runs past midnight: both keys). */
    siteEntriesByDayAndShift: (siteId: string, from: string, to: string) =>
      grouped<{ day: string; shiftId: string | null }>(
        entries(),
        siteDays(siteId, from, to),
        { day: '$day', shiftId: '$shiftId' },
        ENTRY_SUMS,
        fromSums,
      ),

    /** A site's shifts on the range's days, read whole (at most 6 a day). */
    siteShifts: (siteId: string, from: string, to: string) =>
      fetchDocs<ShiftDoc>(
        shifts()
          .where({ siteId, day: _.gte(from).and(_.lte(to)) })
          .orderBy('day', 'asc')
          .orderBy('index', 'asc')
          .limit(SHIFTS_MAX),
      ),

    /** Entries per day under a node (its sites' paths), by its gridPath + day index. */
    nodeEntriesByDay: (gridId: string, from: string, to: string) =>
      grouped<string>(
        entries(),
        { gridPath: gridId, day: _.gte(from).and(_.lte(to)) },
        '$day',
        ENTRY_SUMS,
        fromSums,
      ),

    nodeUncoveredByDay: (gridId: string, from: string, to: string) =>
      grouped<string>(
        shifts(),
        { gridPath: gridId, day: _.gte(from).and(_.lte(to)), uncovered: 1 },
        '$day',
        uncoveredSum,
        readUncovered,
      ),

    /** Entries per site, for a page of sites. */
    entriesBySite: (siteIds: readonly string[], from: string, to: string) =>
      siteIds.length === 0
        ? Promise.resolve([])
        : grouped<string>(entries(), siteDays(siteIds, from, to), '$siteId', ENTRY_SUMS, fromSums),

    uncoveredBySite: (siteIds: readonly string[], from: string, to: string) =>
      siteIds.length === 0
        ? Promise.resolve([])
        : grouped<string>(
            shifts(),
            { siteId: _.in([...siteIds]), day: _.gte(from).and(_.lte(to)), uncovered: 1 },
            '$siteId',
            uncoveredSum,
            readUncovered,
          ),

    /** How many entries a site's export would write: one call, before anything is read. */
    countSiteEntries: (siteId: string, from: string, to: string) =>
      countDocs(entries().where(siteDays(siteId, from, to))),

    /** A site's entries on the range, a thousand a call, in `_id` order after `afterId`. */
    siteEntriesPage: (siteId: string, from: string, to: string, afterId: string) =>
      fetchDocs<EntryDoc>(
        entries()
          .where({ ...siteDays(siteId, from, to), _id: _.gt(afterId) })
          .orderBy('_id', 'asc')
          .limit(GET_MAX),
      ),
  };
}

export type GateLogData = ReturnType<typeof gateLogData>;
export const GATE_LOG_PAGE = GET_MAX;
