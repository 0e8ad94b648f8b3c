import { COLLECTIONS } from '@gridguard/types';
import type { InviteRecord } from '../domain/codes';
import type { Actor } from '../domain/policy';
import type {
  GridDoc,
  HouseholdDoc,
  MembershipDoc,
  PersonDoc,
  PersonSecretDoc,
  UserDoc,
} from '../domain/records';
import type { CountsDelta } from '../domain/tree';
import { type CloudDatabase, fetchDocs, firstDoc, pagedDocs, updatedOne } from './cloud';

/** Audit entries: who did what, when, on which node. */
export interface AuditEntry {
  actor: string;
  action: string;
  gridId: string | null;
  gridPath: string[];
  target: string;
  detail?: Record<string, unknown>;
}

const MAX_IDS_PER_QUERY = 1000;

/**
 * Every read and write the grid features make, on the cloud database. Each method is a fixed
 * number of calls whatever the size of the subtree: paths and counters are materialised.
 */
export function gridData(db: CloudDatabase) {
  const _ = db.command;
  const grids = () => db.collection(COLLECTIONS.grids);
  const memberships = () => db.collection(COLLECTIONS.memberships);
  const users = () => db.collection(COLLECTIONS.users);
  const households = () => db.collection(COLLECTIONS.households);
  const people = () => db.collection(COLLECTIONS.people);
  const secrets = () => db.collection(COLLECTIONS.personSecrets);
  const invites = () => db.collection(COLLECTIONS.invites);
  const audit = () => db.collection(COLLECTIONS.auditLog);

  const byIds = async <T>(
    coll: () => ReturnType<typeof grids>,
    ids: readonly string[],
  ): Promise<T[]> => {
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_IDS_PER_QUERY)
      chunks.push(unique.slice(i, i + MAX_IDS_PER_QUERY));
    const pages = await Promise.all(
      chunks.map((c) =>
        fetchDocs<T>(
          coll()
            .where({ _id: _.in(c) })
            .limit(c.length),
        ),
      ),
    );
    return pages.flat();
  };
  const incCounts = async (ids: readonly string[], delta: Partial<CountsDelta>) => {
    const data: Record<string, unknown> = {};
    for (const [k, n] of Object.entries(delta)) if (n) data[`counts.${k}`] = _.inc(n);
    if (ids.length === 0 || Object.keys(data).length === 0) return;
    await grids()
      .where({ _id: _.in([...ids]) })
      .update({ data });
  };

  return {
    grid: (id: string) => firstDoc<GridDoc>(grids().where({ _id: id })),
    /** The deployment's level names (settings/deployment), when configured. */
    async levelNames(): Promise<string[] | null> {
      const settings = await firstDoc<{ levels?: string[] }>(
        db.collection(COLLECTIONS.settings).where({ _id: 'deployment' }),
      );
      return settings?.levels ?? null;
    },
    grids: (ids: readonly string[]) => byIds<GridDoc>(grids, ids),
    rootGrids: () =>
      fetchDocs<GridDoc>(grids().where({ parentId: null }).orderBy('name', 'asc').limit(100)),
    children: (parentId: string, n: number) =>
      pagedDocs<GridDoc>(grids().where({ parentId }), (q) => q.orderBy('name', 'asc'), n),
    siblingNamed: (parentId: string | null, name: string) =>
      firstDoc<GridDoc>(grids().where({ parentId, name })),
    addGrid: (doc: GridDoc) => grids().add({ data: doc }),
    renameGrid: (id: string, name: string) =>
      grids()
        .doc(id)
        .update({ data: { name, updatedAt: db.serverDate() } }),
    removeGrid: (id: string) => grids().doc(id).remove(),
    incCounts,
    incChildCount: (id: string, by: number) =>
      grids()
        .doc(id)
        .update({ data: { childCount: _.inc(by) } }),
    setLeader: (id: string, leader: GridDoc['leader']) =>
      grids()
        .doc(id)
        .update({ data: { leader: _.set(leader) } }),

    /**
     * Re-roots a subtree: every path that runs through `nodeId` loses the old ancestors and gains
     * the new ones, in two bulk updates per collection (a field takes one operator per update).
     */
    async reroot(nodeId: string, oldAncestors: string[], newAncestors: string[]) {
      const depthDelta = newAncestors.length - oldAncestors.length;
      const rewrite = async (
        coll: () => ReturnType<typeof grids>,
        field: string,
        extra: Record<string, unknown> = {},
      ) => {
        if (oldAncestors.length > 0)
          await coll()
            .where({ [field]: nodeId })
            .update({ data: { [field]: _.pullAll(oldAncestors) } });
        if (newAncestors.length > 0 || Object.keys(extra).length > 0) {
          const data: Record<string, unknown> = { ...extra };
          if (newAncestors.length > 0) data[field] = _.push({ each: newAncestors, position: 0 });
          await coll()
            .where({ [field]: nodeId })
            .update({ data });
        }
      };
      // Descendants hold nodeId in ancestors; the node itself is updated by the caller.
      await rewrite(grids, 'ancestors', depthDelta ? { depth: _.inc(depthDelta) } : {});
      // The work under way moves too: scoped lists, filters and the 日报 read these by path.
      // What is history stays where it happened: the audit log and the published 日报.
      const followers = [
        COLLECTIONS.joinRequests,
        COLLECTIONS.returns,
        COLLECTIONS.observations,
        COLLECTIONS.resolvedAlerts,
        COLLECTIONS.healthReports,
        COLLECTIONS.reminders,
        COLLECTIONS.errands,
        COLLECTIONS.rentals,
        COLLECTIONS.enterprises,
        COLLECTIONS.campaigns,
        COLLECTIONS.campaignAssignments,
        COLLECTIONS.visits,
        COLLECTIONS.pledges,
        COLLECTIONS.checkpointSites,
        COLLECTIONS.checkpointShifts,
        COLLECTIONS.checkpointEntries,
        COLLECTIONS.outsiderForms,
        COLLECTIONS.notices,
        COLLECTIONS.noticeReach,
      ].map((name) => () => db.collection(name));
      await Promise.all([
        rewrite(memberships, 'gridPath'),
        rewrite(households, 'gridPath'),
        rewrite(people, 'gridPath'),
        rewrite(users, 'gridPath'),
        ...followers.map((coll) => rewrite(coll, 'gridPath')),
      ]);
    },
    placeGrid: (id: string, parentId: string, ancestors: string[], depth: number) =>
      grids()
        .doc(id)
        .update({
          data: { parentId, ancestors: _.set(ancestors), depth, updatedAt: db.serverDate() },
        }),

    membershipsOf: (openid: string) =>
      fetchDocs<MembershipDoc>(memberships().where({ openid }).limit(100)),
    membersOf: (gridId: string) =>
      fetchDocs<MembershipDoc>(
        memberships().where({ gridId }).orderBy('joinedAt', 'asc').limit(200),
      ),
    /**
     * The confirmed teams of the given nodes (a person's path), who may be given work: at most a
     * few hundred people.
     */
    membersOn: (gridIds: readonly string[]) =>
      fetchDocs<MembershipDoc>(
        memberships()
          .where({ gridId: _.in([...gridIds]), pending: _.neq(true) })
          .limit(1000),
      ),
    membership: (id: string) => firstDoc<MembershipDoc>(memberships().where({ _id: id })),
    addMembership: (doc: MembershipDoc) => memberships().add({ data: doc }),
    /** Confirms a pending member; false when there was nothing pending to confirm. */
    confirmMembership: async (id: string, by: { openid: string; name: string; at: Date }) =>
      updatedOne(
        await memberships()
          .where({ _id: id, pending: true })
          .update({ data: { pending: false, confirmedBy: _.set(by) } }),
      ),
    removeMembership: async (id: string) =>
      ((await memberships().doc(id).remove()) as { stats: { removed: number } }).stats.removed,

    user: (openid: string) => firstDoc<UserDoc>(users().where({ _id: openid })),
    saveUser: (doc: UserDoc) => {
      const { _id, ...rest } = doc;
      return users().doc(_id).set({ data: rest });
    },

    householdsUnder: (gridId: string, n: number) =>
      pagedDocs<HouseholdDoc>(
        households().where({ gridPath: gridId }),
        (q) => q.orderBy('address', 'asc'),
        n,
      ),
    household: (id: string) => firstDoc<HouseholdDoc>(households().where({ _id: id })),
    householdsByIds: (ids: readonly string[]) => byIds<HouseholdDoc>(households, ids),
    householdByCode: (code: string) => firstDoc<HouseholdDoc>(households().where({ code })),
    addHousehold: (doc: HouseholdDoc) => households().add({ data: doc }),
    peopleOf: (householdIds: readonly string[]) =>
      householdIds.length === 0
        ? Promise.resolve([])
        : fetchDocs<PersonDoc>(
            people()
              .where({ householdId: _.in([...householdIds]) })
              .limit(1000),
          ),
    person: (id: string) => firstDoc<PersonDoc>(people().where({ _id: id })),
    peopleByIds: (ids: readonly string[]) => byIds<PersonDoc>(people, ids),
    personOf: (householdId: string, openid: string) =>
      firstDoc<PersonDoc>(people().where({ householdId, openid })),
    addPerson: async (doc: PersonDoc, secret: Omit<PersonSecretDoc, '_id'>) => {
      // The full values are written once, beside the masked document, never into it.
      if (secret.idNumber || secret.phone) await secrets().doc(doc._id).set({ data: secret });
      await people().add({ data: doc });
    },
    secretOf: (personId: string) => firstDoc<PersonSecretDoc>(secrets().where({ _id: personId })),
    /** A member's own phone, kept beside the residents' full numbers under `member:<openid>`. */
    saveStaffPhone: (secretId: string, phone: string) =>
      secrets()
        .doc(secretId)
        .set({ data: { idNumber: null, phone } }),

    invite: (code: string) => firstDoc<InviteRecord>(invites().where({ _id: code })),
    addInvite: (doc: InviteRecord) => invites().add({ data: doc }),
    invitesOf: (gridId: string) =>
      fetchDocs<InviteRecord>(
        invites().where({ gridId, revoked: false }).orderBy('createdAt', 'desc').limit(100),
      ),
    /** Takes one use of an invite if one is left: atomic, so concurrent joins cannot overdraw it. */
    async claimInviteUse(invite: InviteRecord, now: Date): Promise<boolean> {
      const result = await invites()
        .where({
          _id: invite._id,
          revoked: false,
          uses: _.lt(invite.maxUses),
          expiresAt: _.gt(now),
        })
        .update({ data: { uses: _.inc(1) } });
      return (result as { stats: { updated: number } }).stats.updated === 1;
    },
    refundInviteUse: (code: string) =>
      invites()
        .doc(code)
        .update({ data: { uses: _.inc(-1) } }),
    revokeInvite: (code: string) =>
      invites()
        .doc(code)
        .update({ data: { revoked: true } }),

    record: (entry: AuditEntry) => audit().add({ data: { ...entry, at: db.serverDate() } }),
  };
}

export type GridData = ReturnType<typeof gridData>;

/** The caller as the policy sees them: their memberships and household. */
export async function loadActor(data: GridData, openid: string): Promise<Actor> {
  const [user, memberships] = await Promise.all([data.user(openid), data.membershipsOf(openid)]);
  return {
    openid,
    name: user?.name ?? '',
    command: user?.command === true,
    memberships: memberships.map((m) => ({
      gridId: m.gridId,
      kind: m.kind,
      name: m.name,
      party: m.party,
      ...(m.pending === true && { pending: true }),
    })),
    householdId: user?.householdId ?? null,
  };
}
