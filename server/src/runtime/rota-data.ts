import { addDays, COLLECTIONS } from '@gridguard/types';
import type { CrewDoc, ShiftDoc, SiteDoc } from '../domain/checkpoint-records';
import {
  addOnce,
  type CloudDatabase,
  fetchDocs,
  firstDoc,
  isDuplicateKey,
  pagedDocs,
  updatedOne,
} from './cloud';

/** A site's shifts over the rota's window: at most ROTA_DAYS_AHEAD × MAX_SHIFTS_PER_DAY. */
const WINDOW_MAX = 200;
/** Shifts of one member around one day, for the overlap check. */
const AROUND_MAX = 100;
/** Shifts starting soon, read per timer page. */
export const REMINDER_BATCH = 100;
/** Sites the rotaTopUp timer reads at a time. */
export const TOP_UP_BATCH = 50;

type Pipeline = ReturnType<ReturnType<CloudDatabase['collection']>['aggregate']>;
const listOf = async <T>(pipeline: Pipeline): Promise<T[]> =>
  ((await pipeline.end()) as unknown as { list: T[] }).list;

/**
 * Every database call of the rota. Lists are paged; a site's window of shifts is bounded by its
 * plan; a crew changes only by a write conditional on the `rev` it was read at (and, for a
 * sign-up, on the shift not being full), so a race has one winner; hours are summed by the
 * database.
 */
export function rotaData(db: CloudDatabase) {
  const _ = db.command;
  const $ = db.command.aggregate;
  const sites = () => db.collection(COLLECTIONS.checkpointSites);
  const shifts = () => db.collection(COLLECTIONS.checkpointShifts);

  return {
    // ---- sites ----
    site: (id: string) => firstDoc<SiteDoc>(sites().where({ _id: id })),
    /** Adds a site; false when its id is taken (the same form sent again). */
    addSite: (doc: SiteDoc) => addOnce(sites(), doc),
    /** Changes an open site; false when it was closed meanwhile. */
    updateOpenSite: async (id: string, data: Partial<SiteDoc>) =>
      updatedOne(
        await sites()
          .where({ _id: id, status: 'open' })
          .update({ data: { ...data, ...(data.plan && { plan: _.set(data.plan) }) } }),
      ),
    /** Gives an open site a new QR token over the one read; false when it changed or closed. */
    replaceQrToken: async (id: string, read: string, next: string, now: Date) =>
      updatedOne(
        await sites()
          .where({ _id: id, status: 'open', qrToken: read })
          .update({ data: { qrToken: next, updatedAt: now } }),
      ),
    /** Sites under `gridId` or on one of the nodes `above`, open ones first, by name. */
    async sitesFor(gridId: string, above: readonly string[], page: number) {
      const query = sites().where(
        above.length === 0
          ? { gridPath: gridId }
          : _.or([{ gridPath: gridId }, { gridId: _.in([...above]) }]),
      );
      return pagedDocs<SiteDoc>(
        query,
        (q) => q.orderBy('status', 'desc').orderBy('name', 'asc').orderBy('_id', 'asc'),
        page,
      );
    },

    // ---- shifts ----
    shift: (id: string) => firstDoc<ShiftDoc>(shifts().where({ _id: id })),
    /** A site's shifts from `from` to `to` (China days, inclusive). */
    shiftsIn: (siteId: string, from: string, to: string) =>
      fetchDocs<ShiftDoc>(
        shifts()
          .where({ siteId, day: _.gte(from).and(_.lte(to)) })
          .limit(WINDOW_MAX),
      ),
    /**
     * Adds shifts that do not exist yet. One batch; when another writer made some of them first
     * (two rota reads topping up at once), each is added alone and the taken ones are skipped.
     * Answers how many were added.
     */
    async addShifts(docs: readonly ShiftDoc[]): Promise<number> {
      if (docs.length === 0) return 0;
      try {
        await shifts().add({ data: [...docs] });
        return docs.length;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      let added = 0;
      for (const doc of docs) {
        try {
          await shifts().add({ data: doc });
          added += 1;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
      return added;
    },
    /** A site's shifts from `from` on that nobody is on: a new plan replaces them. */
    removeEmptyShifts: (siteId: string, from: string) =>
      shifts()
        .where({ siteId, day: _.gte(from), filled: 0 })
        .remove(),
    /** A closed site's shifts not started yet: empty ones go, crewed ones no longer count as gaps. */
    async retireShifts(siteId: string, now: Date): Promise<void> {
      await shifts()
        .where({ siteId, startAt: _.gt(now), filled: 0 })
        .remove();
      await shifts()
        .where({ siteId, startAt: _.gt(now) })
        .update({ data: { uncovered: 0 } });
    },
    /**
     * The crew written whole, if nobody changed it since it was read at `rev` (and, when `below`
     * is given, while fewer than that many are on it: the last slot has one winner).
     */
    writeCrew: async (
      id: string,
      rev: number,
      next: { crew: CrewDoc[]; filled: number; uncovered: 0 | 1; rev: number },
      below?: number,
    ) =>
      updatedOne(
        await shifts()
          .where({ _id: id, rev, ...(below !== undefined && { filled: _.lt(below) }) })
          .update({ data: { ...next, crew: _.set(next.crew) } }),
      ),
    /** A member's shifts on these days (the overlap check). */
    shiftsOfMember: (openid: string, from: string, to: string) =>
      fetchDocs<ShiftDoc>(
        shifts()
          .where({ 'crew.openid': openid, day: _.gte(from).and(_.lte(to)) })
          .limit(AROUND_MAX),
      ),
    /** 我的班次: those not ended before `since`, soonest first. */
    async myShifts(openid: string, since: Date, page: number) {
      const query = shifts().where({ 'crew.openid': openid, endAt: _.gt(since) });
      return pagedDocs<ShiftDoc>(
        query,
        (q) => q.orderBy('startAt', 'asc').orderBy('_id', 'asc'),
        page,
      );
    },
    /** Uncovered shifts under a node that have not ended, soonest first. */
    async uncoveredUnder(gridId: string, today: string, now: Date, page: number) {
      const query = shifts().where({
        gridPath: gridId,
        // The night shift of yesterday may still be running this morning.
        day: _.gte(addDays(today, -1)),
        uncovered: 1,
        endAt: _.gt(now),
      });
      return pagedDocs<ShiftDoc>(
        query,
        (q) => q.orderBy('startAt', 'asc').orderBy('_id', 'asc'),
        page,
      );
    },
    /**
     * Minutes and shifts per member in a week, summed by the database over the crew of every
     * site: one row per member who has any.
     */
    hoursOf: (openids: readonly string[], from: string, to: string) =>
      openids.length === 0
        ? Promise.resolve([])
        : listOf<{ _id: string; minutes: number; shifts: number }>(
            shifts()
              .aggregate()
              .match({ 'crew.openid': _.in([...openids]), day: _.gte(from).and(_.lte(to)) })
              .unwind('$crew')
              .match({ 'crew.openid': _.in([...openids]) })
              .group({
                _id: '$crew.openid',
                minutes: $.sum($.divide([$.subtract(['$endAt', '$startAt']), 60_000])),
                shifts: $.sum(1),
              })
              .limit(openids.length),
          ),
    /** Shifts starting in (from, to] with someone not yet reminded, a page at a time by id. */
    /** Open sites whose shifts stop before `through`, by id after `after`: the timer's page. */
    sitesShortOf: (through: string, after: string) =>
      fetchDocs<SiteDoc>(
        sites()
          .where(
            _.and([
              { status: 'open', _id: _.gt(after) },
              _.or([{ shiftsThrough: _.lt(through) }, { shiftsThrough: _.exists(false) }]),
            ]),
          )
          .orderBy('_id', 'asc')
          .limit(TOP_UP_BATCH),
      ),
    /** Records that a site's shifts are made through `through` (never moving it back). */
    markShiftsThrough: async (siteId: string, through: string) => {
      await sites()
        .where(
          _.and([
            { _id: siteId },
            _.or([{ shiftsThrough: _.lt(through) }, { shiftsThrough: _.exists(false) }]),
          ]),
        )
        .update({ data: { shiftsThrough: through } });
    },
    startingSoon: (from: Date, to: Date, after: string) =>
      fetchDocs<ShiftDoc>(
        shifts()
          .where({
            startAt: _.gt(from).and(_.lte(to)),
            'crew.remindedAt': null,
            _id: _.gt(after),
          })
          .orderBy('_id', 'asc')
          .limit(REMINDER_BATCH),
      ),
  };
}

export type RotaData = ReturnType<typeof rotaData>;
