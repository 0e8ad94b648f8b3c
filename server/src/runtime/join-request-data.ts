import { COLLECTIONS, PAGE_SIZE, type JoinRequestStatus } from '@gridguard/types';
import type { JoinRequestDoc, PersonDoc, PersonSecretDoc } from '../domain/records';
import { fetchDocs, isDuplicateKey, updatedOne, type CloudDatabase } from './cloud';

/**
 * Join requests. A decision is one conditional update on the request (`status: 'pending'`), so of
 * two approvers tapping at once exactly one decides; everything after it is keyed by the person id
 * fixed in the request, so a retry of a half-done approval finishes it without doubling anything.
 */
export function joinRequestData(db: CloudDatabase) {
  const requests = () => db.collection(COLLECTIONS.joinRequests);
  const people = () => db.collection(COLLECTIONS.people);
  const secrets = () => db.collection(COLLECTIONS.personSecrets);
  const _ = db.command;

  const pending = async (where: Record<string, unknown>, n: number) => {
    const query = requests().where({ ...where, status: 'pending' });
    const [items, total] = await Promise.all([
      fetchDocs<JoinRequestDoc>(
        query
          .orderBy('createdAt', 'asc')
          .skip((n - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE),
      ),
      query.count() as Promise<{ total: number }>,
    ]);
    return { items, total: total.total };
  };

  return {
    get: async (id: string) =>
      (await fetchDocs<JoinRequestDoc>(requests().where({ _id: id }).limit(1)))[0] ?? null,
    /** Creates the applicant's first request; a concurrent first one surfaces as E11000. */
    add: (doc: JoinRequestDoc) => requests().add({ data: doc }),
    /** Replaces a decided request with a new one, only if nobody replaced it meanwhile. */
    async renew(previous: JoinRequestDoc, next: JoinRequestDoc): Promise<boolean> {
      const { _id, ...rest } = next;
      return updatedOne(
        await requests()
          .where({ _id, status: previous.status, personId: previous.personId })
          .update({ data: rest }),
      );
    },
    /** Moves a pending request to its decision; false when it was no longer pending. */
    async decide(
      id: string,
      status: Exclude<JoinRequestStatus, 'pending'>,
      by: { openid: string; name: string },
      reason: string,
      at: Date,
    ): Promise<boolean> {
      return updatedOne(
        await requests()
          .where({ _id: id, status: 'pending' })
          .update({ data: { status, decidedAt: at, decidedBy: _.set(by), reason } }),
      );
    },
    ofHousehold: (householdId: string, n: number) => pending({ householdId }, n),
    under: (gridId: string, n: number) => pending({ gridPath: gridId }, n),
    /** How many requests wait under a node: the count of `under`'s list. */
    underCount: async (gridId: string) =>
      (
        (await requests().where({ gridPath: gridId, status: 'pending' }).count()) as {
          total: number;
        }
      ).total,

    /** The applicant's ID number and phone wait under the person id they will have. */
    keepSecret: (personId: string, secret: Omit<PersonSecretDoc, '_id'>) =>
      secret.idNumber || secret.phone
        ? secrets().doc(personId).set({ data: secret })
        : Promise.resolve(),
    dropSecret: (personId: string) => secrets().where({ _id: personId }).remove(),
    secrets: async (ids: readonly string[]) =>
      ids.length === 0
        ? []
        : fetchDocs<PersonSecretDoc>(
            secrets()
              .where({ _id: _.in([...ids]) })
              .limit(ids.length),
          ),
    /** The household's people, to tell whether an applicant is one of them already. */
    peopleOf: (householdId: string) =>
      fetchDocs<PersonDoc>(people().where({ householdId }).limit(100)),
    person: async (id: string) =>
      (await fetchDocs<PersonDoc>(people().where({ _id: id }).limit(1)))[0] ?? null,
    /**
     * Links a listed person to the applicant's WeChat while they are still in the household asked
     * for: 'taken' when someone else's WeChat took the record first, 'gone' when the person was
     * removed or moved away. Run again after a half-done approval it finds the link made.
     */
    async link(
      personId: string,
      householdId: string,
      openid: string,
      fields: Record<string, unknown>,
    ): Promise<'linked' | 'already' | 'taken' | 'gone'> {
      const done = await people()
        .where({ _id: personId, householdId, openid: null })
        .update({ data: { ...fields, openid } });
      if (updatedOne(done)) return 'linked';
      const now = (await fetchDocs<PersonDoc>(people().where({ _id: personId }).limit(1)))[0];
      if (now?.householdId !== householdId) return 'gone';
      return now.openid === openid ? 'already' : 'taken';
    },
    /** Undoes a link (the household went meanwhile): the record is nobody's WeChat again. */
    unlink: (personId: string, openid: string) =>
      people()
        .where({ _id: personId, openid })
        .update({ data: { openid: null } }),
    /**
     * An approval whose household was removed before the applicant could be put in it ends as
     * refused, with why: the applicant may ask again elsewhere.
     */
    undoApproval: (id: string, reason: string) =>
      requests()
        .where({ _id: id, status: 'approved' })
        .update({ data: { status: 'rejected', reason } }),
    setSecret: (personId: string, secret: Omit<PersonSecretDoc, '_id'>) =>
      secrets().doc(personId).set({ data: secret }),
    /** The admitted person; false when an earlier attempt already created them. */
    async admit(person: PersonDoc): Promise<boolean> {
      try {
        await people().add({ data: person });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    /** The command centre: asked when nobody on the household's path leads (a town just set up). */
    commandCentre: async () =>
      (
        await fetchDocs<{ _id: string }>(
          db.collection(COLLECTIONS.users).where({ command: true }).field({ _id: true }).limit(20),
        )
      ).map((u) => u._id),
    /** People of a household who use WeChat: they are asked to admit an applicant. */
    wechatPeopleOf: (householdId: string) =>
      fetchDocs<PersonDoc>(
        people()
          .where({ householdId, openid: _.neq(null) })
          .field({ openid: true })
          .limit(100),
      ),
  };
}

export type JoinRequestData = ReturnType<typeof joinRequestData>;
