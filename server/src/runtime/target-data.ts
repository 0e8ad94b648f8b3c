import { COLLECTIONS, PAGE_SIZE, type EnterpriseStatus } from '@gridguard/types';
import type { EnterpriseDoc, EnterpriseSecretDoc, RentalDoc, TenantEntry } from '../domain/records';
import type { TargetQuery } from '../domain/targets';
import { campaignData } from './campaign-data';
import {
  countDocs,
  fetchDocs,
  isDuplicateKey,
  updatedOne,
  wholeObjects,
  type CloudDatabase,
} from './cloud';

/** How an add ended: made, already made (a retry of the same submission), or its key taken. */
export type AddOutcome = 'created' | 'exists' | 'taken';
/** How an update ended: written, the record is gone, or its unique key is another record's. */
export type UpdateOutcome = 'ok' | 'gone' | 'taken';

/**
 * Every database call of 出租屋 and 企业. Lists are one indexed page and one count under a node
 * (`gridPath`), with the search box's key (`searchKeys`) when one was typed; an address on a node
 * (a rental) and a name on a node (an enterprise) are unique indexes, so of two made at once one
 * is refused. Tenants are rewritten only at the `rev` they were read at.
 */
export function targetData(db: CloudDatabase) {
  const _ = db.command;
  const rentals = () => db.collection(COLLECTIONS.rentals);
  const enterprises = () => db.collection(COLLECTIONS.enterprises);
  const secrets = () => db.collection(COLLECTIONS.enterpriseSecrets);
  type Collection = ReturnType<typeof rentals>;

  const one = async <T>(coll: Collection, id: string): Promise<T | null> =>
    (await fetchDocs<T>(coll.where({ _id: id }).limit(1)))[0] ?? null;

  /** The subtree, narrowed by the search box's keys and, past them, its pattern. */
  const under = (gridId: string, query: TargetQuery | undefined, extra = {}) => {
    const base: Record<string, unknown> = { gridPath: gridId, ...extra };
    if (!query) return base;
    base['searchKeys'] = query.keys.length === 1 ? query.keys[0] : _.in(query.keys);
    if (!query.rest) return base;
    const pattern = db.RegExp({ regexp: query.rest.pattern });
    const starts = query.rest.fields.map((field) => ({ [field]: pattern }));
    return starts.length === 1 ? { ...base, ...starts[0] } : _.and([base, _.or(starts)]);
  };
  const page = async <T>(coll: Collection, where: object, n: number, order: string) => {
    const query = coll.where(where);
    const [items, total] = await Promise.all([
      fetchDocs<T>(
        query
          .orderBy(order, 'asc')
          .orderBy('_id', 'asc')
          .skip((n - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE),
      ),
      countDocs(query),
    ]);
    return { items, total };
  };
  const add = async (coll: Collection, doc: { _id: string }): Promise<AddOutcome> => {
    try {
      await coll.add({ data: doc });
      return 'created';
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      return (await one(coll, doc._id)) ? 'exists' : 'taken';
    }
  };
  const update = async (
    coll: Collection,
    id: string,
    set: Record<string, unknown>,
  ): Promise<UpdateOutcome> => {
    try {
      const result = await coll.where({ _id: id }).update({ data: wholeObjects(db, set) });
      return updatedOne(result) ? 'ok' : 'gone';
    } catch (e) {
      if (isDuplicateKey(e)) return 'taken';
      throw e;
    }
  };
  /** Removes one record, and with it its place in every campaign; false if it was gone. */
  const removedOne = async (coll: Collection, id: string) => {
    const removed =
      ((await coll.where({ _id: id }).remove()) as { stats: { removed: number } }).stats.removed ===
      1;
    if (removed) await campaignData(db).forgetTarget(id);
    return removed;
  };

  return {
    rentalsUnder: (gridId: string, n: number, query?: TargetQuery) =>
      page<RentalDoc>(rentals(), under(gridId, query), n, 'address'),
    rental: (id: string) => one<RentalDoc>(rentals(), id),
    addRental: (doc: RentalDoc) => add(rentals(), doc),
    /** Writes an edit of the rental's own fields (not its tenants), marking it changed. */
    updateRental: (id: string, set: Partial<RentalDoc>) =>
      update(rentals(), id, { ...set, rev: _.inc(1) }),
    /** Rewrites the tenants if the rental is still at the `rev` they were read at. */
    setTenants: async (id: string, rev: number, tenants: TenantEntry[], at: Date) =>
      updatedOne(
        await rentals()
          .where({ _id: id, rev })
          .update({ data: { tenants: _.set(tenants), rev: _.inc(1), updatedAt: at } }),
      ),
    removeRental: (id: string) => removedOne(rentals(), id),

    enterprisesUnder: (gridId: string, n: number, query?: TargetQuery, status?: EnterpriseStatus) =>
      page<EnterpriseDoc>(enterprises(), under(gridId, query, status ? { status } : {}), n, 'name'),
    enterprise: (id: string) => one<EnterpriseDoc>(enterprises(), id),
    addEnterprise: (doc: EnterpriseDoc) => add(enterprises(), doc),
    updateEnterprise: (id: string, set: Partial<EnterpriseDoc>) =>
      update(enterprises(), id, { ...set }),
    removeEnterprise: (id: string) => removedOne(enterprises(), id),

    phoneOf: async (enterpriseId: string) =>
      (await one<EnterpriseSecretDoc>(secrets(), enterpriseId))?.phone ?? null,
    /** Writes the 负责人's full phone beside the masked record, or drops it when there is none. */
    setPhone: (enterpriseId: string, phone: string | null) =>
      phone
        ? secrets().doc(enterpriseId).set({ data: { phone } })
        : secrets().where({ _id: enterpriseId }).remove(),
  };
}

export type TargetData = ReturnType<typeof targetData>;
