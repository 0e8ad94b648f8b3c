import {
  COLLECTIONS,
  type ImportCounts,
  type ImportIssue,
  type ImportStatus,
} from '@gridguard/types';
import type { PlannedEnterprise, PlannedRental } from '../domain/import-targets';
import type { PlannedHousehold } from '../domain/imports';
import type { SubtreeCounts } from '@gridguard/types';
import type {
  EnterpriseDoc,
  EnterpriseSecretDoc,
  GridDoc,
  HouseholdDoc,
  PersonDoc,
  PersonSecretDoc,
  RentalDoc,
} from '../domain/records';
import { fetchDocs, updatedOne, wholeObjects, type CloudDatabase } from './cloud';

/** The most documents one get() returns in a function. */
const PAGE = 1000;
/** Values per `_.in`: a part's addresses or ID numbers fit in one query. */
const IN_CHUNK = 500;
const AGGREGATE_ROWS = 10_000;

export interface ImportDoc {
  _id: string;
  openid: string;
  actorName: string;
  gridId: string;
  gridPath: string[];
  gridName: string;
  fileId: string;
  status: ImportStatus;
  counts: ImportCounts;
  errors: ImportIssue[];
  errorCount: number;
  /** Parts in all (the nodes part first), and how many are committed. */
  parts: number;
  done: number;
  /** A commit in progress holds the import until then, so two calls never commit one part twice. */
  leaseUntil: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * One part of an import: its node paths (part 0), a run of households with their people, or, after
 * every household, a run of rentals and enterprises (whose landlords and tenants are then written).
 */
export interface ImportPartDoc {
  _id: string;
  importId: string;
  seq: number;
  nodes: { path: string[]; row: number; sheet: string }[];
  households: PlannedHousehold[];
  rentals?: PlannedRental[];
  enterprises?: PlannedEnterprise[];
}

type Query = ReturnType<ReturnType<CloudDatabase['collection']>['where']>;

/** Every database call of 导入登记表. Reads page by 1000; writes go in batches per part. */
export function importData(db: CloudDatabase) {
  const _ = db.command;
  const imports = () => db.collection(COLLECTIONS.imports);
  const parts = () => db.collection(COLLECTIONS.importParts);
  const grids = () => db.collection(COLLECTIONS.grids);
  const households = () => db.collection(COLLECTIONS.households);
  const people = () => db.collection(COLLECTIONS.people);
  const secrets = () => db.collection(COLLECTIONS.personSecrets);
  const rentals = () => db.collection(COLLECTIONS.rentals);
  const enterprises = () => db.collection(COLLECTIONS.enterprises);
  const enterpriseSecrets = () => db.collection(COLLECTIONS.enterpriseSecrets);
  const aggregate = db.command.aggregate as unknown as Record<string, (...a: unknown[]) => unknown>;

  /** All documents of a query, a page of 1000 at a time (ordered by _id so pages do not shift). */
  const all = async <T>(query: Query): Promise<T[]> => {
    const out: T[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const page = await fetchDocs<T>(query.orderBy('_id', 'asc').skip(skip).limit(PAGE));
      out.push(...page);
      if (page.length < PAGE) return out;
    }
  };
  const chunked = async <T, V>(values: readonly V[], read: (chunk: V[]) => Promise<T[]>) => {
    const unique = [...new Set(values)];
    const out: T[] = [];
    for (let i = 0; i < unique.length; i += IN_CHUNK)
      out.push(...(await read(unique.slice(i, i + IN_CHUNK))));
    return out;
  };
  /** Per-node counts of a collection under a node, counted by the database. */
  const countByNode = async (collection: string, rootId: string): Promise<Map<string, number>> => {
    const result = (await db
      .collection(collection)
      .aggregate()
      .match({ gridPath: rootId })
      .group({ _id: '$gridId', n: aggregate['sum']?.(1) })
      .limit(AGGREGATE_ROWS)
      .end()) as { list: { _id: string; n: number }[] };
    return new Map(result.list.map((r) => [r._id, r.n]));
  };

  return {
    import: async (id: string) =>
      (await fetchDocs<ImportDoc>(imports().where({ _id: id }).limit(1)))[0] ?? null,
    /** The caller's latest import under the node. */
    latestImport: async (openid: string, gridId: string) =>
      (
        await fetchDocs<ImportDoc>(
          imports().where({ openid, gridId }).orderBy('createdAt', 'desc').limit(1),
        )
      )[0] ?? null,
    /** The caller's imports that were previewed and never finished (their parts hold secrets). */
    unfinishedImports: (openid: string) =>
      fetchDocs<ImportDoc>(
        imports()
          .where({ openid, status: _.in(['ready', 'committing']) })
          .limit(100),
      ),
    addImport: (doc: ImportDoc) => imports().add({ data: doc }),
    addParts: async (docs: ImportPartDoc[]) => {
      // A batch add per few parts: a part is a few hundred KB at most.
      for (let i = 0; i < docs.length; i += 5) await parts().add({ data: docs.slice(i, i + 5) });
    },
    part: async (importId: string, seq: number) =>
      (
        await fetchDocs<ImportPartDoc>(
          parts()
            .where({ _id: `${importId}:${seq}` })
            .limit(1),
        )
      )[0] ?? null,
    removeParts: (importId: string) => parts().where({ importId }).remove(),
    /** Takes the import for a commit unless another call holds it; false when one does. */
    lease: async (id: string, now: Date, until: Date) =>
      updatedOne(
        await imports()
          .where(
            _.and([
              { _id: id, status: _.in(['ready', 'committing']) },
              _.or([{ leaseUntil: null }, { leaseUntil: _.lt(now) }]),
            ]),
          )
          .update({ data: { status: 'committing', leaseUntil: until } }),
      ),
    partDone: (id: string, done: number) => imports().doc(id).update({ data: { done } }),
    finish: (id: string, counts: ImportCounts, now: Date) =>
      imports()
        .doc(id)
        .update({
          data: wholeObjects(db, { status: 'done', counts, leaseUntil: null, finishedAt: now }),
        }),
    release: (id: string) =>
      imports()
        .doc(id)
        .update({ data: { leaseUntil: null } }),
    abandon: (id: string) =>
      imports()
        .doc(id)
        .update({ data: { status: 'invalid', leaseUntil: null } }),

    /** The node and everything below it. */
    subtree: async (root: GridDoc) => [
      root,
      ...(await all<GridDoc>(grids().where({ ancestors: root._id }))),
    ],
    addGrids: (docs: GridDoc[]) => grids().add({ data: docs }),

    householdsAt: (gridIds: readonly string[], addresses: readonly string[]) =>
      addresses.length === 0
        ? Promise.resolve([])
        : chunked(addresses, (chunk) =>
            all<HouseholdDoc>(
              households().where({ gridId: _.in([...new Set(gridIds)]), address: _.in(chunk) }),
            ),
          ),
    householdsUnder: (rootId: string) =>
      all<HouseholdDoc>(households().where({ gridPath: rootId })),
    addHouseholds: (docs: HouseholdDoc[]) =>
      docs.length === 0 ? Promise.resolve() : households().add({ data: docs }),
    /**
     * Marks the households a part has just put people into (the register's `rev`), so a removal
     * that found one empty before fails. Answers those that are gone: removed before the mark.
     */
    async touchHouseholds(ids: readonly string[]): Promise<string[]> {
      const unique = [...new Set(ids)];
      let marked = 0;
      for (let i = 0; i < unique.length; i += IN_CHUNK) {
        const result = await households()
          .where({ _id: _.in(unique.slice(i, i + IN_CHUNK)) })
          .update({ data: { rev: _.inc(1) } });
        marked += (result as { stats: { updated: number } }).stats.updated;
      }
      if (marked === unique.length) return [];
      const present = await chunked(unique, (chunk) =>
        fetchDocs<{ _id: string }>(
          households()
            .where({ _id: _.in(chunk) })
            .field({ _id: true })
            .limit(chunk.length),
        ),
      );
      const found = new Set(present.map((h) => h._id));
      return unique.filter((id) => !found.has(id));
    },

    peopleOf: (householdIds: readonly string[]) =>
      chunked(householdIds, (chunk) =>
        all<PersonDoc>(people().where({ householdId: _.in(chunk) })),
      ),
    peopleUnder: (rootId: string) => all<PersonDoc>(people().where({ gridPath: rootId })),
    peopleByIds: (ids: readonly string[]) =>
      chunked(ids, (chunk) => all<PersonDoc>(people().where({ _id: _.in(chunk) }))),
    addPeople: (docs: PersonDoc[]) =>
      docs.length === 0 ? Promise.resolve() : people().add({ data: docs }),
    /** Takes back people a part created in households that are gone, with their full numbers. */
    async removeCreated(personIds: readonly string[], householdIds: readonly string[]) {
      for (let i = 0; i < personIds.length; i += IN_CHUNK) {
        const chunk = personIds.slice(i, i + IN_CHUNK);
        await people()
          .where({ _id: _.in(chunk), householdId: _.in([...householdIds]) })
          .remove();
        await secrets()
          .where({ _id: _.in(chunk) })
          .remove();
      }
    },
    updatePerson: (id: string, fields: Record<string, unknown>) =>
      people()
        .doc(id)
        .update({ data: wholeObjects(db, fields) }),

    secretsByIdNumbers: (idNumbers: readonly string[]) =>
      chunked(idNumbers, (chunk) =>
        all<PersonSecretDoc>(secrets().where({ idNumber: _.in(chunk) })),
      ),
    secretsOf: (personIds: readonly string[]) =>
      chunked(personIds, (chunk) => all<PersonSecretDoc>(secrets().where({ _id: _.in(chunk) }))),
    addSecrets: (docs: PersonSecretDoc[]) =>
      docs.length === 0 ? Promise.resolve() : secrets().add({ data: docs }),
    setSecret: (doc: PersonSecretDoc) => {
      const { _id, ...rest } = doc;
      return secrets().doc(_id).set({ data: rest });
    },

    /** Rentals on these nodes at these addresses (the natural key, unique per node). */
    rentalsAt: (gridIds: readonly string[], addresses: readonly string[]) =>
      addresses.length === 0
        ? Promise.resolve([])
        : chunked(addresses, (chunk) =>
            all<RentalDoc>(
              rentals().where({ gridId: _.in([...new Set(gridIds)]), address: _.in(chunk) }),
            ),
          ),
    /** Enterprises on these nodes with these names (the natural key, unique per node). */
    enterprisesAt: (gridIds: readonly string[], names: readonly string[]) =>
      names.length === 0
        ? Promise.resolve([])
        : chunked(names, (chunk) =>
            all<EnterpriseDoc>(
              enterprises().where({ gridId: _.in([...new Set(gridIds)]), name: _.in(chunk) }),
            ),
          ),
    rentalsUnder: (rootId: string) => all<RentalDoc>(rentals().where({ gridPath: rootId })),
    enterprisesUnder: (rootId: string) =>
      all<EnterpriseDoc>(enterprises().where({ gridPath: rootId })),
    addRentals: (docs: RentalDoc[]) =>
      docs.length === 0 ? Promise.resolve() : rentals().add({ data: docs }),
    addEnterprises: (docs: EnterpriseDoc[]) =>
      docs.length === 0 ? Promise.resolve() : enterprises().add({ data: docs }),
    /** Writes a rental's changes if it is still at the `rev` read: false when another write won. */
    updateRental: async (id: string, rev: number, set: Partial<RentalDoc>) => {
      const { tenants, ...rest } = set;
      const data = {
        ...wholeObjects(db, rest),
        // An array written as given, not merged into the stored one.
        ...(tenants ? { tenants: _.set(tenants) } : {}),
        rev: _.inc(1),
      };
      return updatedOne(await rentals().where({ _id: id, rev }).update({ data }));
    },
    updateEnterprise: (id: string, set: Record<string, unknown>) =>
      enterprises()
        .doc(id)
        .update({ data: wholeObjects(db, set) }),
    enterprisePhones: (ids: readonly string[]) =>
      chunked(ids, (chunk) =>
        all<EnterpriseSecretDoc>(enterpriseSecrets().where({ _id: _.in(chunk) })),
      ),
    /** The full phones of enterprises a part creates, in one batch. */
    addEnterprisePhones: (docs: EnterpriseSecretDoc[]) =>
      docs.length === 0 ? Promise.resolve() : enterpriseSecrets().add({ data: docs }),
    /** The 负责人's full phone beside the masked record, or none. */
    setEnterprisePhone: (id: string, phone: string | null) =>
      phone
        ? enterpriseSecrets().doc(id).set({ data: { phone } })
        : enterpriseSecrets().where({ _id: id }).remove(),

    /**
     * Households, people, members, rentals and enterprises per node under the root, as the
     * database counts them.
     */
    countsUnder: async (rootId: string) => {
      const [h, p, m, r, e] = await Promise.all([
        countByNode(COLLECTIONS.households, rootId),
        countByNode(COLLECTIONS.people, rootId),
        countByNode(COLLECTIONS.memberships, rootId),
        countByNode(COLLECTIONS.rentals, rootId),
        countByNode(COLLECTIONS.enterprises, rootId),
      ]);
      return { households: h, people: p, members: m, rentals: r, enterprises: e };
    },
    setCounts: (id: string, counts: SubtreeCounts, childCount: number) =>
      grids()
        .doc(id)
        .update({ data: { counts: _.set(counts), childCount } }),
  };
}

export type ImportData = ReturnType<typeof importData>;
