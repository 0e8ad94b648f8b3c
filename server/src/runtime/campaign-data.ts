import { COLLECTIONS, type TargetKind } from '@gridguard/types';
import type {
  AssignmentDoc,
  CampaignDoc,
  LeafCounts,
  MemberCounts,
  Person,
  PledgeDoc,
  VisitDoc,
} from '../domain/campaigns';
import type { EnterpriseDoc, HouseholdDoc, PersonDoc, RentalDoc } from '../domain/records';
import { EXPORT_VISIT_FIELDS, type ExportVisit } from '../domain/campaign-export';
import {
  type CloudDatabase,
  countDocs,
  fetchDocs,
  firstDoc,
  isDuplicateKey,
  pagedDocs,
  updatedOne,
  wholeObjects,
} from './cloud';
import { AGGREGATE_ROWS } from './daily-data';

/** get() returns at most 1000 documents per call on the server. */
const GET_MAX = 1000;

/** A node of a campaign's subtree, with what the roll-up and the pages need. */
export interface CampaignNode {
  _id: string;
  name: string;
  parentId: string | null;
  ancestors: string[];
  childCount: number;
}

/**
 * A target as the engine reads it, whatever its kind: where it is, what its spot is made of, and
 * who answers for it (a rental's landlord and tenants, an enterprise's name and 负责人).
 */
export type TargetRecord = Pick<HouseholdDoc, '_id' | 'gridId' | 'gridPath' | 'address' | 'place'> &
  Partial<Pick<RentalDoc, 'landlordId' | 'tenants'> & Pick<EnterpriseDoc, 'name' | 'leaderName'>>;

/**
 * Where a kind of target is stored and which of its fields the engine reads. Records of every
 * kind carry `gridId` and `gridPath`; `building` is the field assignment by 楼栋 matches.
 */
interface TargetSource {
  collection: string;
  fields: Record<string, true>;
  /** Read too for one target (the visit form): who is there, which lists need not carry. */
  detail: Record<string, true>;
  building: string;
}

const TARGET_SOURCES: Record<TargetKind, TargetSource> = {
  household: {
    collection: COLLECTIONS.households,
    fields: { gridId: true, gridPath: true, address: true, place: true },
    detail: {},
    building: 'place.building',
  },
  rental: {
    collection: COLLECTIONS.rentals,
    fields: { gridId: true, gridPath: true, address: true, place: true },
    detail: { landlordId: true, tenants: true },
    building: 'place.building',
  },
  enterprise: {
    collection: COLLECTIONS.enterprises,
    fields: { gridId: true, gridPath: true, address: true, place: true, name: true },
    detail: { leaderName: true },
    building: 'place.building',
  },
};

type Pipeline = ReturnType<ReturnType<CloudDatabase['collection']>['aggregate']>;
const listOf = async <T>(pipeline: Pipeline): Promise<T[]> =>
  ((await pipeline.end()) as unknown as { list: T[] }).list;

/**
 * Every database call of the campaigns. Reads that list are paged or bounded by a leaf's size
 * (at most a few hundred doors); coverage is counted by the database per leaf, one aggregate per
 * source per group of subtrees, so no call depends on the population under a node.
 */
export function campaignData(db: CloudDatabase) {
  const _ = db.command;
  const $ = db.command.aggregate;
  const campaigns = () => db.collection(COLLECTIONS.campaigns);
  const assignments = () => db.collection(COLLECTIONS.campaignAssignments);
  const visits = () => db.collection(COLLECTIONS.visits);
  const pledges = () => db.collection(COLLECTIONS.pledges);

  const source = (kind: TargetKind): TargetSource => TARGET_SOURCES[kind];
  const targets = (kind: TargetKind) => db.collection(source(kind).collection);
  /** Every document of a query, a thousand at a time by id: for reads bounded by one leaf. */
  const all = async <T extends { _id: string }>(
    where: Record<string, unknown>,
    read: (w: Record<string, unknown>) => { get(): unknown },
  ): Promise<T[]> => {
    const out: T[] = [];
    let after = '';
    for (;;) {
      const page = await fetchDocs<T>(read({ ...where, _id: _.gt(after) }));
      out.push(...page);
      if (page.length < GET_MAX) return out;
      after = page[page.length - 1]?._id ?? after;
    }
  };
  const leafOf = () => $.arrayElemAt(['$gridPath', -1]);
  const when = (condition: unknown) => $.sum($.cond({ if: condition, then: 1, else: 0 }));
  /** One row per leaf; more rows than an aggregate answers would be counted wrong, so it throws. */
  const perLeaf = async (pipeline: Pipeline, keys: readonly string[]): Promise<LeafCounts> => {
    const rows = await listOf<{ _id: string } & Record<string, number>>(
      pipeline.limit(AGGREGATE_ROWS),
    );
    if (rows.length >= AGGREGATE_ROWS) throw new Error('per-leaf aggregate reached its row cap');
    return rows.map((row) => ({
      gridId: row._id,
      figures: Object.fromEntries(keys.map((k) => [k, row[k] ?? 0])),
    }));
  };

  return {
    // ---- campaigns ----
    campaign: (id: string) => firstDoc<CampaignDoc>(campaigns().where({ _id: id })),
    /** Adds a campaign; false when its id is taken (the same form sent again). */
    async addCampaign(doc: CampaignDoc): Promise<boolean> {
      try {
        await campaigns().add({ data: doc });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    /**
     * Campaigns under `within` (null: everywhere) or on one of the nodes `above`, the running
     * ones first, the newest first.
     */
    campaignsFor: (within: readonly string[] | null, above: readonly string[], page: number) =>
      pagedDocs<CampaignDoc>(
        campaigns().where(
          within === null
            ? {}
            : _.or([{ gridPath: _.in([...within]) }, { gridId: _.in([...above]) }]),
        ),
        (q) => q.orderBy('status', 'asc').orderBy('createdAt', 'desc').orderBy('_id', 'asc'),
        page,
      ),
    /** Opens the next round if `from` is still the current one of a running campaign. */
    advanceRound: async (id: string, from: number, by: Person, at: Date) =>
      updatedOne(
        await campaigns()
          .where({ _id: id, status: 'active', round: from })
          .update({
            data: {
              round: from + 1,
              updatedAt: at,
              history: _.push({ event: 'advance', round: from + 1, by, at }),
            },
          }),
      ),
    closeCampaign: async (id: string, round: number, by: Person, at: Date) =>
      updatedOne(
        await campaigns()
          .where({ _id: id, status: 'active' })
          .update({
            data: {
              status: 'closed',
              updatedAt: at,
              history: _.push({ event: 'close', round, by, at }),
            },
          }),
      ),

    // ---- nodes ----
    /** A node and every node below it, a thousand a call. */
    async subtree(gridId: string): Promise<CampaignNode[]> {
      const read = (where: Record<string, unknown>) =>
        db
          .collection(COLLECTIONS.grids)
          .where(where)
          .orderBy('_id', 'asc')
          .field({ name: true, parentId: true, ancestors: true, childCount: true })
          .limit(GET_MAX);
      const [self, below] = await Promise.all([
        fetchDocs<CampaignNode>(read({ _id: gridId })),
        all<CampaignNode>({ ancestors: gridId }, read),
      ]);
      return [...self, ...below];
    },

    // ---- targets ----
    target: (kind: TargetKind, id: string) =>
      firstDoc<TargetRecord>(
        targets(kind)
          .where({ _id: id })
          .field({ ...source(kind).fields, ...source(kind).detail }),
      ),
    targetsByIds: (kind: TargetKind, ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<TargetRecord>(
            targets(kind)
              .where({ _id: _.in([...ids]) })
              .field(source(kind).fields)
              .limit(ids.length),
          ),
    countUnder: (kind: TargetKind, gridId: string) =>
      countDocs(targets(kind).where({ gridPath: gridId })),
    /** The targets under a node, at most a thousand (callers count first). */
    under: (kind: TargetKind, gridId: string) =>
      fetchDocs<TargetRecord>(
        targets(kind).where({ gridPath: gridId }).field(source(kind).fields).limit(GET_MAX),
      ),
    inBuilding: (kind: TargetKind, leafId: string, building: string) =>
      fetchDocs<TargetRecord>(
        targets(kind)
          .where({ gridId: leafId, [source(kind).building]: building })
          .field(source(kind).fields)
          .limit(GET_MAX),
      ),
    /** Every target of one leaf (a few hundred doors). */
    onLeaf: (kind: TargetKind, leafId: string) =>
      all<TargetRecord>({ gridId: leafId }, (where) =>
        targets(kind).where(where).orderBy('_id', 'asc').field(source(kind).fields).limit(GET_MAX),
      ),
    /**
     * Every target under a node, a thousand a call (for the export, which counts them first and
     * refuses a node too big to export at once).
     */
    everyTargetUnder: (kind: TargetKind, gridId: string) =>
      all<TargetRecord>({ gridPath: gridId }, (where) =>
        targets(kind).where(where).orderBy('_id', 'asc').field(source(kind).fields).limit(GET_MAX),
      ),
    /** A leaf's buildings with how many targets each, by the database. */
    buildings: async (kind: TargetKind, leafId: string) =>
      (
        await listOf<{ _id: string | null; n: number }>(
          targets(kind)
            .aggregate()
            .match({ gridId: leafId })
            .group({ _id: `$${source(kind).building}`, n: $.sum(1) })
            .limit(GET_MAX),
        )
      )
        .filter((row) => typeof row._id === 'string' && row._id !== '')
        .map((row) => ({ name: row._id as string, targets: row.n })),
    targetsPerLeaf: (kind: TargetKind, roots: readonly string[]) =>
      perLeaf(
        targets(kind)
          .aggregate()
          .match({ gridPath: _.in([...roots]) })
          .group({ _id: leafOf(), targets: $.sum(1) }),
        ['targets'],
      ),
    /** The people of the given households (for a finding about one of them). */
    peopleOf: (householdIds: readonly string[]) =>
      householdIds.length === 0
        ? Promise.resolve([])
        : fetchDocs<PersonDoc>(
            db
              .collection(COLLECTIONS.people)
              .where({ householdId: _.in([...householdIds]) })
              .field({ householdId: true, name: true, relation: true, gridPath: true })
              .limit(GET_MAX),
          ),
    /** People by id (a rental's landlord and tenants, at most a couple of hundred). */
    peopleByIds: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<PersonDoc>(
            db
              .collection(COLLECTIONS.people)
              .where({ _id: _.in([...ids]) })
              .field({ householdId: true, name: true, relation: true, gridPath: true })
              .limit(ids.length),
          ),

    // ---- assignments ----
    assignment: (id: string) => firstDoc<AssignmentDoc>(assignments().where({ _id: id })),
    assignments: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<AssignmentDoc>(
            assignments()
              .where({ _id: _.in([...ids]) })
              .limit(ids.length),
          ),
    /**
     * Gives `existing` (already assigned to someone) to the assignee in one update and adds
     * `fresh` in one batch. False when one of `fresh` was added meanwhile by another assignment:
     * the caller reads again and retries, so the later assignment decides.
     */
    async assign(
      campaignId: string,
      existing: readonly string[],
      fresh: readonly AssignmentDoc[],
      assignee: Person,
      by: string,
      at: Date,
    ): Promise<boolean> {
      if (existing.length > 0) {
        await assignments()
          .where({ _id: _.in([...existing]), campaignId })
          .update({ data: { assignee: _.set(assignee), assignedBy: by, at } });
      }
      if (fresh.length === 0) return true;
      try {
        await assignments().add({ data: [...fresh] });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    unassign: (campaignId: string, ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve()
        : assignments()
            .where({ _id: _.in([...ids]), campaignId })
            .remove(),
    /** 我的走访: a page of the caller's targets in door order. */
    mine: (campaignId: string, openid: string, page: number) =>
      pagedDocs<AssignmentDoc>(
        assignments().where({ campaignId, 'assignee.openid': openid }),
        (q) => q.orderBy('sortKey', 'asc'),
        page,
      ),
    /** The assignments of one leaf (a few hundred doors). */
    onLeafAssigned: (campaignId: string, leafId: string) =>
      all<AssignmentDoc>({ campaignId, gridId: leafId }, (where) =>
        assignments().where(where).orderBy('_id', 'asc').limit(GET_MAX),
      ),
    /** Every assignment under a node, a thousand a call (the export, bounded by its targets). */
    everyAssignmentUnder: (campaignId: string, gridId: string) =>
      all<AssignmentDoc>({ campaignId, gridPath: gridId }, (where) =>
        assignments().where(where).orderBy('_id', 'asc').limit(GET_MAX),
      ),
    assignedPerLeaf: (campaignId: string, roots: readonly string[]) =>
      perLeaf(
        assignments()
          .aggregate()
          .match({ campaignId, gridPath: _.in([...roots]) })
          .group({ _id: leafOf(), assigned: $.sum(1) }),
        ['assigned'],
      ),
    assignedPerMember: async (campaignId: string, gridId: string): Promise<MemberCounts[]> =>
      (
        await listOf<{ _id: string; name: string; n: number }>(
          assignments()
            .aggregate()
            .match({ campaignId, gridPath: gridId })
            .group({ _id: '$assignee.openid', name: $.first('$assignee.name'), n: $.sum(1) })
            .limit(GET_MAX),
        )
      ).map((row) => ({ openid: row._id, name: row.name, assigned: row.n })),

    // ---- visits ----
    visit: (id: string) => firstDoc<VisitDoc>(visits().where({ _id: id })),
    visitsByIds: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<VisitDoc>(
            visits()
              .where({ _id: _.in([...ids]) })
              .limit(ids.length),
          ),
    /** The round's first knock on a door; false when another got there first. */
    async addVisit(doc: VisitDoc): Promise<boolean> {
      try {
        await visits().add({ data: doc });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    /** Writes the door's new state only over the state it was decided on (`rev`). */
    replaceVisit: async (doc: VisitDoc, rev: number) => {
      const { _id, ...rest } = doc;
      return updatedOne(
        await visits()
          .where({ _id, rev })
          .update({ data: { ...wholeObjects(db, { ...rest }), attempts: _.set(rest.attempts) } }),
      );
    },
    effectsDone: (id: string) =>
      visits()
        .doc(id)
        .update({ data: { pendingEffects: false } }),
    /** A reassignment during a round: the round's visits follow their targets' new assignee. */
    reassignVisits: (
      campaignId: string,
      round: number,
      targetIds: readonly string[],
      openid: string | null,
    ) =>
      targetIds.length === 0
        ? Promise.resolve()
        : visits()
            .where({ campaignId, round, targetId: _.in([...targetIds]) })
            .update({ data: { assignee: openid } }),
    settledBy: (campaignId: string, round: number, openid: string) =>
      countDocs(
        visits().where({
          campaignId,
          round,
          assignee: openid,
          outcome: _.in(['entered', 'refused', 'finding']),
        }),
      ),
    /** 回访队列: doors nobody opened this round, the caller's or under a node (flagged first). */
    revisits: (
      campaignId: string,
      round: number,
      who: { openid: string } | { gridId: string },
      page: number,
    ) =>
      pagedDocs<VisitDoc>(
        visits().where({
          campaignId,
          round,
          outcome: 'noHome',
          ...('openid' in who ? { assignee: who.openid } : { gridPath: who.gridId }),
        }),
        (q) => q.orderBy('flagged', 'desc').orderBy('sortKey', 'asc'),
        page,
      ),
    visitsPerLeaf: (campaignId: string, round: number, roots: readonly string[]) =>
      perLeaf(
        visits()
          .aggregate()
          .match({ campaignId, round, gridPath: _.in([...roots]) })
          .group({
            _id: leafOf(),
            entered: when($.eq(['$outcome', 'entered'])),
            findings: when($.eq(['$outcome', 'finding'])),
            refused: when($.eq(['$outcome', 'refused'])),
            noHome: when($.eq(['$outcome', 'noHome'])),
            flagged: when($.eq(['$flagged', true])),
          }),
        ['entered', 'findings', 'refused', 'noHome', 'flagged'],
      ),
    visitsPerMember: async (
      campaignId: string,
      round: number,
      gridId: string,
    ): Promise<MemberCounts[]> =>
      (
        await listOf<{
          _id: string;
          visited: number;
          refused: number;
          noHome: number;
          flagged: number;
        }>(
          visits()
            .aggregate()
            .match({ campaignId, round, gridPath: gridId, assignee: _.neq(null) })
            .group({
              _id: '$assignee',
              visited: when($.in(['$outcome', ['entered', 'finding']])),
              refused: when($.eq(['$outcome', 'refused'])),
              noHome: when($.eq(['$outcome', 'noHome'])),
              flagged: when($.eq(['$flagged', true])),
            })
            .limit(GET_MAX),
        )
      ).map(({ _id, ...counts }) => ({ openid: _id, ...counts })),
    /** The round's visits of one leaf (a few hundred doors). */
    onLeafVisited: (campaignId: string, round: number, leafId: string) =>
      all<VisitDoc>({ campaignId, round, gridId: leafId }, (where) =>
        visits().where(where).orderBy('_id', 'asc').limit(GET_MAX),
      ),
    /** A round's visits under a node, a thousand a call (the export, bounded by its targets). */
    everyVisitUnder: (campaignId: string, round: number, gridId: string) =>
      all<ExportVisit & { _id: string }>({ campaignId, round, gridPath: gridId }, (where) =>
        visits().where(where).orderBy('_id', 'asc').field(EXPORT_VISIT_FIELDS).limit(GET_MAX),
      ),
    /** The targets under a node whose 责任书 is signed, for the export (ids only). */
    everySignedUnder: (campaignId: string, gridId: string) =>
      all<Pick<PledgeDoc, '_id' | 'targetId'>>({ campaignId, gridPath: gridId }, (where) =>
        pledges().where(where).orderBy('_id', 'asc').field({ targetId: true }).limit(GET_MAX),
      ),
    /** 发现问题 under a node: open ones in door order, or all of them, the latest first. */
    findings: (campaignId: string, gridId: string, open: boolean, page: number) =>
      pagedDocs<VisitDoc>(
        visits().where({
          campaignId,
          outcome: 'finding',
          gridPath: gridId,
          ...(open && { 'followUp.status': 'open' }),
        }),
        (q) => q.orderBy('at', 'desc').orderBy('_id', 'asc'),
        page,
      ),
    /**
     * A target gone from its register leaves every campaign: its assignments, visits and signed
     * letters go too, so coverage never counts a door that no longer exists.
     */
    forgetTarget: async (targetId: string) => {
      await Promise.all([
        assignments().where({ targetId }).remove(),
        visits().where({ targetId }).remove(),
        pledges().where({ targetId }).remove(),
      ]);
    },
    // ---- 责任书 ----
    pledge: (id: string) => firstDoc<PledgeDoc>(pledges().where({ _id: id })),
    pledgesByIds: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<PledgeDoc>(
            pledges()
              .where({ _id: _.in([...ids]) })
              .field({ targetId: true })
              .limit(ids.length),
          ),
    /** Records a signed letter; false when the target's letter was signed already. */
    async addPledge(doc: PledgeDoc): Promise<boolean> {
      try {
        await pledges().add({ data: doc });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    /** The signed letters of one leaf, ids only (a few hundred doors). */
    onLeafSigned: (campaignId: string, leafId: string) =>
      all<Pick<PledgeDoc, '_id' | 'targetId'>>({ campaignId, gridId: leafId }, (where) =>
        pledges().where(where).orderBy('_id', 'asc').field({ targetId: true }).limit(GET_MAX),
      ),
    signedPerLeaf: (campaignId: string, roots: readonly string[]) =>
      perLeaf(
        pledges()
          .aggregate()
          .match({ campaignId, gridPath: _.in([...roots]) })
          .group({ _id: leafOf(), signed: $.sum(1) }),
        ['signed'],
      ),
    /** Closes a finding's follow-up if it is still open; false when someone closed it first. */
    closeFollowUp: async (id: string, note: string, by: Person, at: Date) =>
      updatedOne(
        await visits()
          .where({ _id: id, 'followUp.status': 'open' })
          .update({ data: { followUp: _.set({ status: 'closed', note, by, at }) } }),
      ),
  };
}

export type CampaignData = ReturnType<typeof campaignData>;
