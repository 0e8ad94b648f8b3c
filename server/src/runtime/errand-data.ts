import { COLLECTIONS, PAGE_SIZE, type ErrandSettings, type ErrandStatus } from '@gridguard/types';
import type { ErrandDoc, ErrandSettingsDoc } from '../domain/records';
import { fetchDocs, isDuplicateKey, updatedOne, wholeObjects, type CloudDatabase } from './cloud';

const ERRAND_SETTINGS_ID: ErrandSettingsDoc['_id'] = 'errands';

type Query = ReturnType<ReturnType<CloudDatabase['collection']>['where']>;

/**
 * Errand reads and writes. Every state change is one conditional update on one document (the
 * expected status, and the claimer where it matters): atomic, so of many concurrent claims exactly
 * one matches, and a stale or illegal change matches nothing.
 */
export function errandData(db: CloudDatabase) {
  const _ = db.command;
  const errands = () => db.collection(COLLECTIONS.errands);
  const loads = () => db.collection(COLLECTIONS.volunteerLoads);
  const settings = () => db.collection(COLLECTIONS.settings);
  const page = async (query: Query, n: number, order: [string, 'asc' | 'desc'][]) => {
    let q = query;
    for (const [field, dir] of order) q = q.orderBy(field, dir);
    const [items, total] = await Promise.all([
      fetchDocs<ErrandDoc>(q.skip((n - 1) * PAGE_SIZE).limit(PAGE_SIZE)),
      query.count() as Promise<{ total: number }>,
    ]);
    return { items, total: total.total };
  };

  return {
    add: (doc: ErrandDoc) => errands().add({ data: doc }),
    get: async (id: string) =>
      (await fetchDocs<ErrandDoc>(errands().where({ _id: id }).limit(1)))[0] ?? null,
    /** Open errands in these nodes' subtrees, the most urgent and oldest first. */
    pool: (nodeIds: readonly string[], n: number) =>
      page(errands().where({ gridPath: _.in([...nodeIds]), status: 'open' }), n, [
        ['urgency', 'desc'],
        ['createdAt', 'asc'],
      ]),
    /**
     * 我的代购: the errands of the caller's household, and those the caller asked for someone else
     * (staff for a resident without WeChat), newest first.
     */
    ofRequester: (openid: string, householdId: string | null, n: number) =>
      page(
        errands().where(
          householdId
            ? _.or([{ householdId }, { requesterOpenid: openid }])
            : { requesterOpenid: openid },
        ),
        n,
        [['createdAt', 'desc']],
      ),
    /** How many errands the pool of these nodes holds. */
    poolCount: async (nodeIds: readonly string[]) =>
      (
        (await errands()
          .where({ gridPath: _.in([...nodeIds]), status: 'open' })
          .count()) as { total: number }
      ).total,
    ofClaimer: (openid: string, n: number) =>
      page(errands().where({ 'claimer.openid': openid }), n, [['updatedAt', 'desc']]),
    inSubtree: (gridId: string, n: number) =>
      page(errands().where({ gridPath: gridId }), n, [['createdAt', 'desc']]),

    /**
     * Moves an errand from one of `from` to a new status, only if it is still as expected (and, with
     * `scope`, only if it lies under one of those nodes).
     */
    async advance(
      id: string,
      from: readonly ErrandStatus[],
      claimer: string | null,
      change: Record<string, unknown>,
      entry: ErrandDoc['history'][number],
      scope?: readonly string[],
    ): Promise<boolean> {
      const where: Record<string, unknown> = { _id: id, status: _.in([...from]) };
      if (claimer) where['claimer.openid'] = claimer;
      if (scope) where['gridPath'] = _.in([...scope]);
      const result = await errands()
        .where(where)
        .update({
          data: { ...wholeObjects(db, change), updatedAt: entry.at, history: _.push(entry) },
        });
      return updatedOne(result);
    },

    /**
     * Takes one of a volunteer's claim slots, if fewer than the limit are in use. Every limit is at
     * least 1, so a volunteer holding none takes a slot without the limit being read (one call); a
     * first claim creates the counter; only one already holding a claim needs `max()`.
     */
    async takeSlot(
      openid: string,
      max: () => Promise<number>,
    ): Promise<{ taken: true } | { taken: false; max: number }> {
      const take = async (below: number) =>
        updatedOne(
          await loads()
            .where({ _id: openid, active: _.lt(below) })
            .update({ data: { active: _.inc(1) } }),
        );
      if (await take(1)) return { taken: true };
      try {
        await loads().add({ data: { _id: openid, active: 1 } });
        return { taken: true };
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      // The counter exists: they hold a claim already, or a concurrent first claim just created it.
      const limit = await max();
      return (await take(limit)) ? { taken: true } : { taken: false, max: limit };
    },
    releaseSlot: (openid: string) =>
      loads()
        .where({ _id: openid, active: _.gt(0) })
        .update({ data: { active: _.inc(-1) } }),

    /** Errands a volunteer delivered, counted per China month by the database. */
    async deliveredByMonth(openid: string): Promise<{ month: string; done: number }[]> {
      const $ = db.command.aggregate as unknown as Record<string, (arg: unknown) => unknown>;
      const dateToString = $['dateToString'];
      const sum = $['sum'];
      if (!dateToString || !sum) throw new Error('aggregate operators missing');
      const result = (await errands()
        .aggregate()
        .match({ 'claimer.openid': openid, status: _.in(['delivered', 'confirmed']) })
        .group({
          _id: dateToString.call($, { date: '$deliveredAt', format: '%Y-%m', timezone: '+08:00' }),
          done: sum.call($, 1),
        })
        .sort({ _id: -1 })
        .limit(120)
        .end()) as { list: { _id: string; done: number }[] };
      return result.list.map((row) => ({ month: row._id, done: row.done }));
    },

    /** settings/errands as stored, or null until the command centre first sets it. */
    settings: async () =>
      (
        await fetchDocs<ErrandSettingsDoc>(settings().where({ _id: ERRAND_SETTINGS_ID }).limit(1))
      )[0] ?? null,
    /** Replaces settings/errands whole (set() creates it the first time). */
    saveSettings: (values: ErrandSettings, by: { openid: string; name: string }, at: Date) =>
      settings()
        .doc(ERRAND_SETTINGS_ID)
        .set({ data: { ...values, updatedAt: at, updatedBy: by } }),

    claimedBefore: (before: Date, limit: number) =>
      fetchDocs<ErrandDoc>(
        errands()
          .where({ status: 'claimed', 'claimer.at': _.lt(before) })
          .limit(limit),
      ),
    deliveredBefore: (before: Date, limit: number) =>
      fetchDocs<ErrandDoc>(
        errands()
          .where({ status: 'delivered', deliveredAt: _.lt(before) })
          .limit(limit),
      ),
  };
}

export type ErrandData = ReturnType<typeof errandData>;
