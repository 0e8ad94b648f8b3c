import { addDays, COLLECTIONS, MAX_ANNOTATIONS } from '@gridguard/types';
import type {
  EntryAnnotation,
  EntryDoc,
  OutsiderFormDoc,
  ShiftDoc,
  SiteDoc,
} from '../domain/checkpoint-records';
import type { ObservationDoc } from '../domain/records';
import {
  addOnce,
  type CloudDatabase,
  fetchDocs,
  firstDoc,
  pagedDocs,
  updatedOne,
  wholeObjects,
} from './cloud';

/** A used 通行码: `_id` = its nonce, naming the entry that used it (a retry of that entry passes). */
interface PassUseDoc {
  _id: string;
  entryId: string;
  personId: string;
  at: Date;
}

/**
 * Every database call of the gate: passes, sites as the gate reads them, outsiders' forms, the
 * log. Each method is one call (two for a page: the items and the count), whatever the town's size.
 */
export function gateData(db: CloudDatabase) {
  const _ = db.command;
  const settings = () => db.collection(COLLECTIONS.settings);
  const sites = () => db.collection(COLLECTIONS.checkpointSites);
  const shifts = () => db.collection(COLLECTIONS.checkpointShifts);
  const entries = () => db.collection(COLLECTIONS.checkpointEntries);
  const forms = () => db.collection(COLLECTIONS.outsiderForms);
  const secrets = () => db.collection(COLLECTIONS.outsiderSecrets);
  const passUses = () => db.collection(COLLECTIONS.passUses);
  const observations = () => db.collection(COLLECTIONS.observations);

  const newestFirst = async <T>(where: Record<string, unknown>, field: string, n: number) => {
    const query = entries().where(where);
    return pagedDocs<T>(query, (q) => q.orderBy(field, 'desc'), n);
  };

  return {
    /**
     * The key passes are signed with: made on first use. Two first uses at once both try to add
     * it; the loser reads the winner's, so every pass in circulation verifies with one key.
     */
    async passKey(make: () => string): Promise<string> {
      const stored = await firstDoc<{ key: string }>(settings().where({ _id: 'passKey' }));
      if (stored) return stored.key;
      const key = make();
      if (await addOnce(settings(), { _id: 'passKey', key } as { _id: string })) return key;
      const winner = await firstDoc<{ key: string }>(settings().where({ _id: 'passKey' }));
      if (!winner) throw new Error('the pass key was neither added nor found');
      return winner.key;
    },

    site: (id: string) => firstDoc<SiteDoc>(sites().where({ _id: id })),

    /** The shifts at the site the member is on, today's and last night's (which ends today). */
    shiftsOf: (siteId: string, openid: string, day: string) =>
      fetchDocs<ShiftDoc>(
        shifts()
          .where({ siteId, day: _.in([addDays(day, -1), day]), 'crew.openid': openid })
          .limit(2 * 6),
      ),

    /** Open observations of the given people: the gate's 居家观察中 / 异常 flags. */
    openObservations: (personIds: readonly string[]) =>
      personIds.length === 0
        ? Promise.resolve([])
        : fetchDocs<Pick<ObservationDoc, '_id' | 'status'>>(
            observations()
              .where({ _id: _.in([...personIds]), status: _.in(['observing', 'escalated']) })
              .field({ _id: true, status: true })
              .limit(personIds.length),
          ),

    // ---- passes ----
    /**
     * Takes a pass for an entry: true when it was unused, or used by this same entry (a retry);
     * false when another entry used it.
     */
    async usePass(nonce: string, entryId: string, personId: string, at: Date): Promise<boolean> {
      if (await addOnce(passUses(), { _id: nonce, entryId, personId, at } as PassUseDoc))
        return true;
      const use = await firstDoc<PassUseDoc>(passUses().where({ _id: nonce }));
      return use?.entryId === entryId;
    },

    // ---- the log ----
    entry: (id: string) => firstDoc<EntryDoc>(entries().where({ _id: id })),
    /** Adds the entry; false when its id (site + the phone's client id) is recorded already. */
    addEntry: (doc: EntryDoc) => addOnce(entries(), doc),
    /** A fever's alert and report are out: a retry of the entry sends them no more. */
    effectsDone: async (entryId: string) => {
      await entries()
        .where({ _id: entryId, effectsPending: true })
        .update({ data: { effectsPending: false } });
    },
    entriesOf: (siteId: string, day: string | undefined, n: number) =>
      newestFirst<EntryDoc>({ siteId, ...(day && { day }) }, 'at', n),
    fevers: (gridId: string, n: number) =>
      newestFirst<EntryDoc>({ gridPath: gridId, outcome: 'turnedBack' }, 'at', n),
    /** Appends an annotation, never past MAX_ANNOTATIONS; false when the entry is full. */
    annotate: async (entryId: string, annotation: EntryAnnotation) =>
      updatedOne(
        await entries()
          .where({ _id: entryId, [`annotations.${MAX_ANNOTATIONS - 1}`]: _.exists(false) })
          .update({ data: { annotations: _.push([annotation]) } }),
      ),

    // ---- outsiders' forms ----
    form: (id: string) => firstDoc<OutsiderFormDoc>(forms().where({ _id: id })),
    /** A new form; false when the outsider has one at this site already (update that instead). */
    addForm: (doc: OutsiderFormDoc) => addOnce(forms(), doc),
    /** Rewrites a form at the `rev` it was read at; false when someone changed it meanwhile. */
    replaceForm: async (doc: OutsiderFormDoc, readRev: number) => {
      const { _id, ...rest } = doc;
      return updatedOne(
        await forms()
          .where({ _id, rev: readRev })
          .update({ data: wholeObjects(db, rest) }),
      );
    },
    saveSecret: (id: string, phone: string) => secrets().doc(id).set({ data: { phone } }),
    secret: (id: string) => firstDoc<{ phone: string }>(secrets().where({ _id: id })),
    /**
     * Confirms a waiting form for one entry: only one of two staff confirming at once changes
     * it. True for the winner, and for a retry of the winner's entry.
     */
    async confirmForm(formId: string, rev: number, entryId: string, now: Date): Promise<boolean> {
      const won = updatedOne(
        await forms()
          .where({ _id: formId, rev, status: 'waiting', expiresAt: _.gt(now) })
          .update({ data: { status: 'confirmed', entryId } }),
      );
      if (won) return true;
      const form = await firstDoc<OutsiderFormDoc>(forms().where({ _id: formId }));
      return form?.entryId === entryId && form.rev === rev;
    },
    waitingForms: async (siteId: string, now: Date, n: number) => {
      const query = forms().where({ siteId, status: 'waiting', expiresAt: _.gt(now) });
      return pagedDocs<OutsiderFormDoc>(query, (q) => q.orderBy('createdAt', 'desc'), n);
    },
  };
}

export type GateData = ReturnType<typeof gateData>;
