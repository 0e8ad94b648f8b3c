import { COLLECTIONS, PAGE_SIZE, SEARCH_RESULT_CAP } from '@gridguard/types';
import type { GridDoc, HouseholdDoc, PersonDoc } from '../domain/records';
import { OUTDATED_SEARCH_KEYS_VERSIONS, type SearchIndex, type SearchPlan } from '../domain/search';
import { fetchDocs, updatedOne, type CloudDatabase } from './cloud';

/** What a person's keys are made of, as the searchIndexSweep reads it. */
export type PersonKeySource = Pick<
  PersonDoc,
  '_id' | 'name' | 'phoneMasked' | 'idNumberMasked' | 'searchKeysVersion'
>;
/** What a household's keys are made of, as the searchIndexSweep reads it. */
export type HouseholdKeySource = Pick<
  HouseholdDoc,
  '_id' | 'address' | 'code' | 'searchKeysVersion'
>;

/**
 * Every database call a search makes: the matches' ids (and sort fields), then the page's
 * documents by id; each a single indexed query. People and households are found by one key of
 * `searchKeys` (multikey index `searchKeys_1`) in the subtree (`gridPath`, multikey too: MongoDB
 * cannot compound two arrays, so the database picks whichever index is narrower and filters by the
 * other). Nodes are few (6,656 at Lijiang): those under the searched node (`ancestors_1`) are
 * filtered by name. The number of calls is the same at a resident group and at the root; only the
 * index entries read differ.
 *
 * The matches are read once, as ids, up to SEARCH_RESULT_CAP: that one read both tells how many
 * there are and orders them, so the page is then fetched by id. A count would visit every match
 * (a surname over 1.2 M residents is some 26,000 documents, the scope being filtered per document)
 * and a sorted page would visit them again; paging never goes past the cap anyway.
 *
 * The searchIndexSweep's batches are here too: records whose keys are missing or made by an older
 * scheme (`searchKeysVersion_1`, where a missing version is indexed as null), a batch at a time,
 * and the keys written only onto the values they were made from.
 */
export function searchData(db: CloudDatabase) {
  const _ = db.command;
  type Collection = ReturnType<typeof db.collection>;
  type Sortable = { _id: string } & Record<string, unknown>;

  const compare = (fields: readonly string[]) => (a: Sortable, b: Sortable) => {
    for (const field of fields) {
      const x = a[field];
      const y = b[field];
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x ?? '').localeCompare(String(y ?? ''), 'zh');
      if (order !== 0) return order;
    }
    return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
  };
  /** Page `n` of the matches of `where`, ordered by `sortBy` then id, and how many (capped). */
  const page = async <T extends { _id: string }>(
    coll: Collection,
    where: Record<string, unknown>,
    n: number,
    sortBy: readonly string[] = [],
  ) => {
    const fields = Object.fromEntries(['_id', ...sortBy].map((f) => [f, true]));
    const matches = await fetchDocs<Sortable>(
      coll.where(where).field(fields).limit(SEARCH_RESULT_CAP),
    );
    const ids = matches
      .sort(compare(sortBy))
      .slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE)
      .map((m) => m._id);
    if (ids.length === 0) return { items: [] as T[], total: matches.length };
    const docs = await fetchDocs<T>(coll.where({ _id: _.in(ids) }).limit(PAGE_SIZE));
    const byId = new Map(docs.map((d) => [d._id, d]));
    const items = ids.flatMap((id) => byId.get(id) ?? []);
    return { items, total: matches.length };
  };
  const keyed = (scopeId: string, plan: SearchPlan) => ({
    searchKeys: plan.keys.length === 1 ? plan.keys[0] : _.in(plan.keys),
    gridPath: scopeId,
    ...(plan.rest && { [plan.rest.field]: db.RegExp({ regexp: plan.rest.pattern }) }),
  });

  return {
    people: (scopeId: string, plan: SearchPlan, n: number) =>
      page<PersonDoc>(db.collection(COLLECTIONS.people), keyed(scopeId, plan), n),
    households: (scopeId: string, plan: SearchPlan, n: number) =>
      page<HouseholdDoc>(db.collection(COLLECTIONS.households), keyed(scopeId, plan), n),
    /** Nodes below the searched one whose name contains the query: upper levels first. */
    nodes: (scopeId: string, plan: SearchPlan, n: number) =>
      page<GridDoc>(
        db.collection(COLLECTIONS.grids),
        {
          ancestors: scopeId,
          name: db.RegExp({ regexp: plan.rest?.pattern ?? '', options: 'i' }),
        },
        n,
        ['depth', 'name'],
      ),
    outdatedPeople: (n: number) =>
      fetchDocs<PersonKeySource>(
        db
          .collection(COLLECTIONS.people)
          .where({ searchKeysVersion: _.in([...OUTDATED_SEARCH_KEYS_VERSIONS]) })
          .field({
            _id: true,
            name: true,
            phoneMasked: true,
            idNumberMasked: true,
            searchKeysVersion: true,
          })
          .limit(n),
      ),
    outdatedHouseholds: (n: number) =>
      fetchDocs<HouseholdKeySource>(
        db
          .collection(COLLECTIONS.households)
          .where({ searchKeysVersion: _.in([...OUTDATED_SEARCH_KEYS_VERSIONS]) })
          .field({ _id: true, address: true, code: true, searchKeysVersion: true })
          .limit(n),
      ),
    /**
     * Writes a person's keys if the name and numbers they were made from are still the stored ones
     * and nobody re-indexed the person meanwhile; false otherwise (an edit won: read them again).
     */
    reindexPerson: async (read: PersonKeySource, index: SearchIndex) =>
      updatedOne(
        await db
          .collection(COLLECTIONS.people)
          .where({
            _id: read._id,
            name: read.name,
            phoneMasked: read.phoneMasked ?? null,
            idNumberMasked: read.idNumberMasked ?? null,
            searchKeysVersion: read.searchKeysVersion ?? null,
          })
          .update({ data: { ...index, searchKeys: _.set(index.searchKeys) } }),
      ),
    /** As for a person: only onto the address and door code the keys were made from. */
    reindexHousehold: async (read: HouseholdKeySource, index: SearchIndex) =>
      updatedOne(
        await db
          .collection(COLLECTIONS.households)
          .where({
            _id: read._id,
            address: read.address,
            code: read.code,
            searchKeysVersion: read.searchKeysVersion ?? null,
          })
          .update({ data: { ...index, searchKeys: _.set(index.searchKeys) } }),
      ),

    /** The households of a page of people (at most a page: one call). */
    householdsByIds: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<HouseholdDoc>(
            db
              .collection(COLLECTIONS.households)
              .where({ _id: _.in([...new Set(ids)]) })
              .limit(PAGE_SIZE),
          ),
  };
}

export type SearchData = ReturnType<typeof searchData>;
