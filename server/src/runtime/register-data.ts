import { COLLECTIONS, OPEN_OBSERVATION_STATUSES, type ErrandStatus } from '@gridguard/types';
import type { HouseholdDoc, PersonDoc, PersonSecretDoc } from '../domain/records';
import type { PersonTies } from '../domain/register';
import { campaignData } from './campaign-data';
import {
  countDocs,
  fetchDocs,
  isDuplicateKey,
  updatedOne,
  wholeObjects,
  type CloudDatabase,
} from './cloud';

/** An errand still under way: the person it is for must stay where they are until it ends. */
const ACTIVE_ERRANDS: readonly ErrandStatus[] = ['open', 'claimed', 'purchased', 'delivered'];

/**
 * The register's own reads and writes (the grid-wide ones are in data.ts). Every change that could
 * race is one conditional update or remove: a household is removed only at the `rev` it was
 * checked empty at, and every write that puts a person into it bumps `rev` first; a person is
 * removed or moved only from the household they were read in.
 */
export function registerData(db: CloudDatabase) {
  const _ = db.command;
  const households = () => db.collection(COLLECTIONS.households);
  const people = () => db.collection(COLLECTIONS.people);
  const secrets = () => db.collection(COLLECTIONS.personSecrets);
  const requests = () => db.collection(COLLECTIONS.joinRequests);
  const observations = () => db.collection(COLLECTIONS.observations);
  const errands = () => db.collection(COLLECTIONS.errands);
  const users = () => db.collection(COLLECTIONS.users);
  const rentals = () => db.collection(COLLECTIONS.rentals);

  const removedOne = (result: unknown) =>
    (result as { stats: { removed: number } }).stats.removed === 1;

  return {
    /**
     * Adds a household: 'created', 'exists' (its id is taken: a retry of the same submission) or
     * 'code' (its door code is taken: draw another).
     */
    async addHousehold(doc: HouseholdDoc): Promise<'created' | 'exists' | 'code'> {
      try {
        await households().add({ data: doc });
        return 'created';
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        const taken = await fetchDocs<HouseholdDoc>(households().where({ _id: doc._id }).limit(1));
        return taken.length > 0 ? 'exists' : 'code';
      }
    },
    /** Another household of the node at the same address, if any. */
    sameAddress: async (gridId: string, address: string, except: string | null) =>
      (
        await fetchDocs<HouseholdDoc>(
          households()
            .where({ gridId, address, ...(except && { _id: _.neq(except) }) })
            .limit(1),
        )
      )[0] ?? null,
    updateHousehold: (id: string, set: Pick<HouseholdDoc, 'address' | 'place' | 'searchKeys'>) =>
      households()
        .doc(id)
        .update({ data: wholeObjects(db, { ...set }) }),
    /** Pending requests show the address they ask to join: they follow an edit. */
    readdressRequests: (householdId: string, address: string) =>
      requests().where({ householdId, status: 'pending' }).update({ data: { address } }),
    /** Marks a household that has just received a person; false when it is gone. */
    touchHousehold: async (id: string) =>
      updatedOne(
        await households()
          .where({ _id: id })
          .update({ data: { rev: _.inc(1) } }),
      ),
    /** Who is in a household, and who is waiting to join it. */
    occupancy: async (householdId: string) => {
      const [inside, waiting] = await Promise.all([
        countDocs(people().where({ householdId })),
        countDocs(requests().where({ householdId, status: 'pending' })),
      ]);
      return { people: inside, pendingRequests: waiting };
    },
    /**
     * Removes the household if nothing was put into it since it was read, and with it its place in
     * every campaign; false otherwise.
     */
    removeHousehold: async (household: HouseholdDoc) => {
      const removed = removedOne(
        await households()
          .where({ _id: household._id, rev: household.rev ?? null })
          .remove(),
      );
      if (removed) await campaignData(db).forgetTarget(household._id);
      return removed;
    },
    /** Replaces the door code if it is still the one read: 'ok', 'stale', or 'duplicate'. */
    async replaceCode(
      id: string,
      oldCode: string,
      set: Pick<HouseholdDoc, 'code' | 'searchKeys'>,
    ): Promise<'ok' | 'stale' | 'duplicate'> {
      try {
        const result = await households()
          .where({ _id: id, code: oldCode })
          .update({ data: { ...set } });
        return updatedOne(result) ? 'ok' : 'stale';
      } catch (e) {
        if (isDuplicateKey(e)) return 'duplicate';
        throw e;
      }
    },

    /** Adds a person; false when the id is taken (a retry of the same submission). */
    async addPerson(doc: PersonDoc, secret: Omit<PersonSecretDoc, '_id'>): Promise<boolean> {
      // The full values are written once, beside the masked document, never into it.
      if (secret.idNumber || secret.phone) await secrets().doc(doc._id).set({ data: secret });
      try {
        await people().add({ data: doc });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    updatePerson: (id: string, set: Partial<PersonDoc>) =>
      people()
        .doc(id)
        .update({ data: wholeObjects(db, { ...set }) }),
    secret: async (personId: string) =>
      (await fetchDocs<PersonSecretDoc>(secrets().where({ _id: personId }).limit(1)))[0] ?? null,
    /** Writes the full numbers of a person, or drops the record when both are gone. */
    setSecret: (personId: string, secret: Omit<PersonSecretDoc, '_id'>) =>
      secret.idNumber || secret.phone
        ? secrets().doc(personId).set({ data: secret })
        : secrets().where({ _id: personId }).remove(),
    dropSecret: (personId: string) => secrets().where({ _id: personId }).remove(),
    /** Whoever holds this ID number already (their person id), other than `except`. */
    holderOf: async (idNumber: string, except: string | null) => {
      const found = await fetchDocs<PersonSecretDoc>(
        secrets()
          .where({ idNumber, ...(except && { _id: _.neq(except) }) })
          .limit(10),
      );
      if (found.length === 0) return null;
      // A pending join request keeps its applicant's numbers under a person not made yet.
      const holders = await fetchDocs<PersonDoc>(
        people()
          .where({ _id: _.in(found.map((s) => s._id)) })
          .limit(found.length),
      );
      return holders[0] ?? null;
    },

    /**
     * What still hangs on a person: an open observation, errands under way, claims to them, the
     * rentals they answer for as landlord.
     */
    ties: async (personId: string): Promise<PersonTies> => {
      const [observing, active, claims, landlord] = await Promise.all([
        countDocs(
          observations().where({ _id: personId, status: _.in([...OPEN_OBSERVATION_STATUSES]) }),
        ),
        countDocs(errands().where({ personId, status: _.in([...ACTIVE_ERRANDS]) })),
        countDocs(requests().where({ personId, status: 'pending' })),
        countDocs(rentals().where({ landlordId: personId })),
      ]);
      return {
        activeObservation: observing > 0,
        activeErrands: active,
        pendingClaims: claims,
        rentalsAsLandlord: landlord,
      };
    },
    /** Removes the person if still in the household they were read in (undoing an add). */
    removePerson: async (person: PersonDoc) =>
      removedOne(
        await people().where({ _id: person._id, householdId: person.householdId }).remove(),
      ),
    /**
     * Staff removing someone from the register: only if still in the household they were read in
     * and still nobody's WeChat, so an approval that links them meanwhile wins and the record stays.
     */
    removeUnlinkedPerson: async (person: PersonDoc) =>
      removedOne(
        await people()
          .where({ _id: person._id, householdId: person.householdId, openid: null })
          .remove(),
      ),
    /** Moves the person if still in the household they were read in; false otherwise. */
    movePerson: async (
      person: PersonDoc,
      to: Pick<PersonDoc, 'householdId' | 'gridId' | 'gridPath' | 'relation'>,
    ) =>
      updatedOne(
        await people()
          .where({ _id: person._id, householdId: person.householdId })
          .update({ data: { ...to, gridPath: _.set(to.gridPath) } }),
      ),
    /** Someone on WeChat moves with their record: their user document follows. */
    moveUser: (
      openid: string,
      personId: string,
      to: { householdId: string; gridId: string; gridPath: string[] },
    ) =>
      users()
        .where({ _id: openid, personId })
        .update({ data: { ...to, gridPath: _.set(to.gridPath) } }),
  };
}

export type RegisterData = ReturnType<typeof registerData>;
