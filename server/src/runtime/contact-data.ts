import { COLLECTIONS, OPEN_OBSERVATION_STATUSES } from '@gridguard/types';
import type { HealthReportDoc, HouseholdDoc, ObservationDoc } from '../domain/records';
import type { AuditEntry } from './data';
import { fetchDocs, pagedDocs, type CloudDatabase } from './cloud';

/** Whose households or observed people a list covers: one person, within some subtrees. */
export interface LinkScope {
  openid: string;
  /** The subtrees the caller serves in; null for the command centre (everywhere). */
  within: readonly string[] | null;
}

/**
 * Every database call of 户联系 and 我照看的. Each method is one call (two for a page: items and
 * count), whatever the size of the page: a page's status is read for all its people at once.
 */
export function contactData(db: CloudDatabase) {
  const _ = db.command;
  const households = () => db.collection(COLLECTIONS.households);
  const observations = () => db.collection(COLLECTIONS.observations);
  const reports = () => db.collection(COLLECTIONS.healthReports);
  const audit = () => db.collection(COLLECTIONS.auditLog);
  const within = (scope: LinkScope) =>
    scope.within === null ? {} : { gridPath: _.in([...scope.within]) };

  return {
    /** The households of one batch (at most a hundred: the schema's limit). */
    householdsByIds: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : fetchDocs<HouseholdDoc>(
            households()
              .where({ _id: _.in([...ids]) })
              .limit(ids.length),
          ),
    /** Names (or clears) the contact of the given households, in one update. */
    async setContact(ids: readonly string[], contact: HouseholdDoc['contact']): Promise<number> {
      if (ids.length === 0) return 0;
      const result = (await households()
        .where({ _id: _.in([...ids]) })
        .update({ data: { contact: _.set(contact) } })) as { stats: { updated: number } };
      return result.stats.updated;
    },
    /** One audit entry per household changed, written in one call. */
    async recordAll(entries: readonly AuditEntry[]): Promise<void> {
      if (entries.length === 0) return;
      const at = new Date();
      await audit().add({ data: entries.map((e) => ({ ...e, at })) });
    },
    /** 我联系的住户: a page of the households whose contact is the caller, by address. */
    contacted: (scope: LinkScope, page: number) =>
      pagedDocs<HouseholdDoc>(
        households().where({ 'contact.openid': scope.openid, ...within(scope) }),
        (q) => q.orderBy('address', 'asc').orderBy('_id', 'asc'),
        page,
      ),
    /** 我照看的: a page of the open observations whose carer is the caller, the escalated first. */
    cared: (scope: LinkScope, page: number) =>
      pagedDocs<ObservationDoc>(
        observations().where({
          'care.carer.openid': scope.openid,
          status: _.in([...OPEN_OBSERVATION_STATUSES]),
          ...within(scope),
        }),
        (q) => q.orderBy('status', 'asc').orderBy('startDay', 'asc').orderBy('_id', 'asc'),
        page,
      ),
    /** The open observations among these people (a page's people: one call). */
    openObservationsOf: (personIds: readonly string[]) =>
      personIds.length === 0
        ? Promise.resolve([])
        : fetchDocs<ObservationDoc>(
            observations()
              .where({
                _id: _.in([...personIds]),
                status: _.in([...OPEN_OBSERVATION_STATUSES]),
              })
              .limit(personIds.length),
          ),
    /** These people's reports of one day, by their ids (`personId:day`): one call. */
    reportsOn: (personIds: readonly string[], day: string) =>
      personIds.length === 0
        ? Promise.resolve([])
        : fetchDocs<HealthReportDoc>(
            reports()
              .where({ _id: _.in(personIds.map((id) => `${id}:${day}`)) })
              .limit(personIds.length),
          ),
  };
}

export type ContactData = ReturnType<typeof contactData>;
