import { COLLECTIONS, PAGE_SIZE, type NoticeAudience } from '@gridguard/types';
import type { NoticeDoc, NoticeReminderDoc, ReachDoc, ReceiptDoc } from '../domain/notices';
import type { HouseholdDoc, PersonDoc } from '../domain/records';
import {
  addOnce,
  type CloudDatabase,
  fetchDocs,
  firstDoc,
  pagedDocs,
  updatedOne,
  wholeObjects,
} from './cloud';
import { AGGREGATE_ROWS } from './daily-data';

type Pipeline = ReturnType<ReturnType<CloudDatabase['collection']>['aggregate']>;
const listOf = async <T>(pipeline: Pipeline): Promise<T[]> =>
  ((await pipeline.end()) as unknown as { list: T[] }).list;

/** The most notices a feed can hold at once: a month's worth at the 2020 pace is about 35. */
export const FEED_MAX = 200;

/**
 * Every database call of 通知公告. Lists are paged; reach is counted by the database per leaf in
 * one aggregate, and the households not reached are one joined aggregate per page, so no call
 * depends on how many people a notice went to.
 */
export function noticeData(db: CloudDatabase) {
  const _ = db.command;
  const $ = db.command.aggregate;
  const notices = () => db.collection(COLLECTIONS.notices);
  const receipts = () => db.collection(COLLECTIONS.noticeReceipts);
  const reach = () => db.collection(COLLECTIONS.noticeReach);
  const households = () => db.collection(COLLECTIONS.households);
  const people = () => db.collection(COLLECTIONS.people);
  const reminders = () => db.collection(COLLECTIONS.noticeReminders);

  const unreachedOf = (noticeId: string, gridId: string) =>
    households()
      .aggregate()
      .match({ gridPath: gridId })
      .lookup({
        from: COLLECTIONS.noticeReach,
        localField: '_id',
        foreignField: 'householdId',
        as: 'r',
      })
      .match({ 'r.noticeId': _.neq(noticeId) });

  return {
    notice: (id: string) => firstDoc<NoticeDoc>(notices().where({ _id: id })),
    addNotice: (doc: NoticeDoc) => addOnce(notices(), doc),
    /** Writes `changes` only over version `rev`; false when someone changed it first. */
    updateNotice: async (id: string, rev: number, changes: Partial<NoticeDoc>) =>
      updatedOne(
        await notices()
          .where({ _id: id, rev })
          .update({
            data: { ...wholeObjects(db, changes), rev: _.inc(1), updatedAt: db.serverDate() },
          }),
      ),
    /**
     * A node's notices, newest first: those published above it for it, and those on or under
     * it, with their drafts when `drafts` (the caller leads the node).
     */
    managed: (gridId: string, path: readonly string[], drafts: boolean, page: number) =>
      pagedDocs<NoticeDoc>(
        notices().where(
          _.or([
            { gridId: _.in(path.filter((id) => id !== gridId)), status: _.neq('draft') },
            { gridPath: gridId, ...(drafts ? {} : { status: _.neq('draft') }) },
          ]),
        ),
        (q) => q.orderBy('createdAt', 'desc'),
        page,
      ),
    /** Published on any of `gridIds`, for these audiences, not expired: pinned, then newest. */
    feed: (
      gridIds: readonly string[],
      audiences: readonly NoticeAudience[],
      now: Date,
      page: number,
    ) =>
      pagedDocs<NoticeDoc>(
        notices().where({
          gridId: _.in([...gridIds]),
          status: 'published',
          audience: _.in([...audiences]),
          expiresAt: _.gt(now),
        }),
        (q) => q.orderBy('pinned', 'desc').orderBy('publishedAt', 'desc'),
        page,
      ),
    /** The ids of a whole feed (bounded), for the unread mark. */
    feedIds: async (gridIds: readonly string[], audiences: readonly NoticeAudience[], now: Date) =>
      (
        await fetchDocs<{ _id: string }>(
          notices()
            .where({
              gridId: _.in([...gridIds]),
              status: 'published',
              audience: _.in([...audiences]),
              expiresAt: _.gt(now),
            })
            .field({ _id: true })
            .limit(FEED_MAX),
        )
      ).map((n) => n._id),
    /** Of these receipt ids, those that exist. */
    receiptsIn: async (ids: readonly string[]) =>
      ids.length === 0
        ? []
        : (
            await fetchDocs<{ _id: string }>(
              receipts()
                .where({ _id: _.in([...ids]) })
                .field({ _id: true })
                .limit(ids.length),
            )
          ).map((r) => r._id),
    addReceipt: (doc: ReceiptDoc) => addOnce(receipts(), doc),
    addReach: (doc: ReachDoc) => addOnce(reach(), doc),
    reachOf: (id: string) => firstDoc<ReachDoc>(reach().where({ _id: id })),
    /** Households reached under a node, per leaf and way: one aggregate. */
    /** Reach under `gridId` of each of some notices, by way: one aggregate for them all. */
    async reachOfEach(noticeIds: readonly string[], gridId: string) {
      if (noticeIds.length === 0) return [];
      return listOf<{ _id: { noticeId: string; way: string }; n: number }>(
        reach()
          .aggregate()
          .match({ noticeId: _.in([...noticeIds]), gridPath: gridId })
          .group({ _id: { noticeId: '$noticeId', way: '$way' }, n: $.sum(1) })
          .limit(AGGREGATE_ROWS),
      );
    },
    async reachPerLeaf(noticeId: string, gridId: string) {
      const rows = await listOf<{ _id: { path: string[]; way: string }; n: number }>(
        reach()
          .aggregate()
          .match({ noticeId, gridPath: gridId })
          .group({ _id: { path: '$gridPath', way: '$way' }, n: $.sum(1) })
          .limit(AGGREGATE_ROWS),
      );
      if (rows.length >= AGGREGATE_ROWS) throw new Error('reach aggregate reached its row cap');
      const byPath = new Map<string, { path: string[]; read: number; told: number }>();
      for (const row of rows) {
        const key = row._id.path.join('/');
        const leaf = byPath.get(key) ?? { path: row._id.path, read: 0, told: 0 };
        if (row._id.way === 'read') leaf.read += row.n;
        else leaf.told += row.n;
        byPath.set(key, leaf);
      }
      return [...byPath.values()];
    },
    /** A page of the households under a node the notice has not reached, by address. */
    async unreached(noticeId: string, gridId: string, page: number) {
      const [items, total] = await Promise.all([
        listOf<HouseholdDoc>(
          unreachedOf(noticeId, gridId)
            .project({ r: 0 })
            .sort({ address: 1, _id: 1 })
            .skip((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE),
        ),
        listOf<{ n: number }>(unreachedOf(noticeId, gridId).count('n')),
      ]);
      return { items, total: total[0]?.n ?? 0 };
    },
    /** The people of a page of households. */
    peopleOf: (householdIds: readonly string[]) =>
      householdIds.length === 0
        ? Promise.resolve([] as PersonDoc[])
        : fetchDocs<PersonDoc>(
            people()
              .where({ householdId: _.in([...householdIds]) })
              .limit(1000),
          ),
    household: (id: string) => firstDoc<HouseholdDoc>(households().where({ _id: id })),
    /**
     * Up to `limit` people on WeChat under a node whose household the notice has not reached
     * and who were not reminded of it: one joined aggregate.
     */
    unremindedReaders: (noticeId: string, gridId: string, limit: number) =>
      listOf<PersonDoc>(
        people()
          .aggregate()
          .match({ gridPath: gridId, openid: _.neq(null) })
          .lookup({
            from: COLLECTIONS.noticeReach,
            localField: 'householdId',
            foreignField: 'householdId',
            as: 'r',
          })
          .match({ 'r.noticeId': _.neq(noticeId) })
          .lookup({
            from: COLLECTIONS.noticeReminders,
            localField: 'openid',
            foreignField: 'openid',
            as: 'm',
          })
          .match({ 'm.noticeId': _.neq(noticeId) })
          .project({ r: 0, m: 0 })
          .sort({ _id: 1 })
          .limit(limit),
      ),
    /** Takes a person's reminder slot for a notice; false when it was taken (sent already). */
    claimReminder: (doc: NoticeReminderDoc) => addOnce(reminders(), doc),
  };
}

export type NoticeData = ReturnType<typeof noticeData>;
