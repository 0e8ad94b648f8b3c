import type {
  CareStatus,
  HouseholdTags,
  MemberKind,
  PersonToCall,
  StaffToCall,
} from '@gridguard/types';
import type {
  GridDoc,
  HealthReportDoc,
  HouseholdDoc,
  MembershipDoc,
  ObservationDoc,
  PersonDoc,
} from './records';

/**
 * The party grid's own links, in plain terms: who may be a household's 户联系 (a confirmed party
 * member of its node or a node above), and how a person stands today for the one who contacts or
 * looks after them.
 */

type Membership = Pick<MembershipDoc, 'gridId' | 'openid' | 'name' | 'kind' | 'party' | 'pending'>;

/** A confirmed member: someone who joined by an invite code counts once a leader confirmed them. */
const confirmed = (m: Membership) => m.pending !== true;

/**
 * The membership that makes `openid` a possible contact of a household on `path` (root first): a
 * confirmed party membership on the path, the nearest one; null when there is none.
 */
export function contactMembership<M extends Membership>(
  memberships: readonly M[],
  openid: string,
  path: readonly string[],
): M | null {
  for (const gridId of [...path].reverse()) {
    const found = memberships.find(
      (m) => m.openid === openid && m.gridId === gridId && m.party && confirmed(m),
    );
    if (found) return found;
  }
  return null;
}

/**
 * The people a leader may pick from the teams on `path`: each once, at the nearest node they serve,
 * nearest nodes first; `partyOnly` for 户联系.
 */
export function pickable<M extends Membership>(
  team: readonly M[],
  path: readonly string[],
  partyOnly: boolean,
): (M & { kind: MemberKind })[] {
  const seen = new Set<string>();
  const out: M[] = [];
  for (const gridId of [...path].reverse()) {
    const here = team
      .filter((m) => m.gridId === gridId && confirmed(m) && (!partyOnly || m.party))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.openid.localeCompare(b.openid));
    for (const m of here) {
      if (seen.has(m.openid)) continue;
      seen.add(m.openid);
      out.push(m);
    }
  }
  return out;
}

/**
 * A person's standing today: abnormal when the observation is escalated or today's report had a
 * fever or symptoms; else reported or not, while under observation (nothing is due before it
 * starts); none otherwise.
 */
export function careStatus(
  observation: Pick<ObservationDoc, 'status' | 'startDay'> | undefined,
  todays: Pick<HealthReportDoc, 'abnormal'> | undefined,
  today: string,
): CareStatus {
  if (!observation || observation.status === 'released') return 'none';
  if (observation.status === 'escalated' || todays?.abnormal === true) return 'abnormal';
  if (todays) return 'reported';
  // Nothing is due before the observation starts (an arrival registered ahead of time).
  return observation.startDay <= today ? 'notReported' : 'observing';
}

/** A household's tags: how many of its people are under observation, unreported, abnormal. */
export function householdTags(statuses: readonly CareStatus[]): HouseholdTags {
  return {
    observing: statuses.filter((s) => s !== 'none').length,
    notReported: statuses.filter((s) => s === 'notReported').length,
    abnormal: statuses.filter((s) => s === 'abnormal').length,
  };
}

/**
 * The grid member a resident calls: their household's 户联系, else the leader of the nearest node
 * above the household that has one; null when neither exists.
 */
export function staffToCall(
  household: Pick<HouseholdDoc, 'contact' | 'gridPath'>,
  path: readonly Pick<GridDoc, '_id' | 'leader'>[],
): { openid: string; name: string; role: StaffToCall['role'] } | null {
  if (household.contact) return { ...household.contact, role: '户联系' };
  for (const id of [...household.gridPath].reverse()) {
    const leader = path.find((g) => g._id === id)?.leader;
    if (leader) return { openid: leader.openid, name: leader.name, role: '网格长' };
  }
  return null;
}

/**
 * Where a grid member's own phone is kept, in personSecrets beside residents' (full numbers live
 * only there): apart from any person record, since many members are registered nowhere as a
 * resident.
 */
export const staffSecretId = (openid: string): string => `member:${openid}`;

/**
 * Whom staff call about a person, among the people of their household: the person, if a phone is
 * on record; else the family member who registered them, if theirs is; else nobody.
 */
export function whomToCall(personId: string, household: readonly PersonDoc[]): PersonToCall | null {
  const person = household.find((p) => p._id === personId);
  if (!person) return null;
  if (person.phoneMasked)
    return { personId, name: person.name, phoneMasked: person.phoneMasked, self: true };
  const byOpenid = person.proxy?.byOpenid;
  const registrant = byOpenid
    ? household.find((p) => p.openid === byOpenid && p.phoneMasked !== null)
    : undefined;
  return registrant?.phoneMasked
    ? {
        personId: registrant._id,
        name: registrant.name,
        phoneMasked: registrant.phoneMasked,
        self: false,
      }
    : null;
}
