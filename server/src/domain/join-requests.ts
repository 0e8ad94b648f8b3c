import { createHash } from 'node:crypto';
import type { JoinRequestView } from '@gridguard/types';
import type { GridDoc, HouseholdDoc, JoinRequestDoc, PersonDoc } from './records';
import { personSearchIndex } from './search';

/**
 * One request per applicant, keyed by a digest of their OPENID: a retry or a double tap lands on
 * the same document, a second household cannot be asked at the same time, and the id shown to
 * whoever decides does not carry the applicant's OPENID.
 */
export function joinRequestId(openid: string): string {
  return `jr-${createHash('sha256').update(`join:${openid}`).digest('hex').slice(0, 24)}`;
}

/**
 * Who is asked to admit an applicant: the household's own members on WeChat; a household nobody
 * has joined yet (registered by staff, or by proxy only) goes to the nearest leader above it.
 */
export function admitters(
  people: readonly Pick<PersonDoc, 'openid'>[],
  path: readonly string[],
  gridsOnPath: readonly Pick<GridDoc, '_id' | 'leader'>[],
): { openids: string[]; via: 'household' | 'leader'; gridId: string | null } {
  const family = [...new Set(people.flatMap((p) => (p.openid ? [p.openid] : [])))];
  if (family.length > 0) return { openids: family, via: 'household', gridId: null };
  const byId = new Map(gridsOnPath.map((g) => [g._id, g]));
  for (const id of [...path].reverse()) {
    const leader = byId.get(id)?.leader;
    if (leader) return { openids: [leader.openid], via: 'leader', gridId: id };
  }
  return { openids: [], via: 'leader', gridId: null };
}

/** The person an approved request becomes: the id was fixed when the request was made. */
export function personFromRequest(request: JoinRequestDoc, at: Date): PersonDoc {
  return {
    _id: request.personId,
    householdId: request.householdId,
    gridId: request.gridId,
    gridPath: request.gridPath,
    name: request.name,
    relation: request.relation,
    idNumberMasked: request.idNumberMasked,
    phoneMasked: request.phoneMasked,
    openid: request.openid,
    proxy: null,
    createdAt: at,
    ...personSearchIndex(request),
  };
}

/**
 * Whether the applicant is someone the household already lists who is not on WeChat yet: the same
 * ID number, or the same name where the record has no ID number to tell them apart. A record with
 * an ID number is only claimed with that number. `idNumberOf` reads the stored full numbers.
 */
export function claimedPerson(
  applicant: { name: string; idNumber: string | null },
  people: readonly PersonDoc[],
  idNumberOf: (personId: string) => string | null,
): { person: PersonDoc } | { needsIdNumber: true } | null {
  const offline = people.filter((p) => p.openid === null);
  if (applicant.idNumber) {
    const byId = offline.find((p) => idNumberOf(p._id) === applicant.idNumber);
    if (byId) return { person: byId };
  }
  const namesakes = offline.filter((p) => p.name === applicant.name);
  const unnumbered = namesakes.filter((p) => idNumberOf(p._id) === null);
  if (unnumbered.length === 1 && unnumbered[0]) return { person: unnumbered[0] };
  if (!applicant.idNumber && namesakes.length > 0) return { needsIdNumber: true };
  return null;
}

export function toJoinRequestView(r: JoinRequestDoc): JoinRequestView {
  return {
    id: r._id,
    status: r.status,
    name: r.name,
    relation: r.relation,
    idNumberMasked: r.idNumberMasked,
    phoneMasked: r.phoneMasked,
    household: { id: r.householdId, address: r.address, gridName: r.gridName },
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decidedBy: r.decidedBy?.name ?? null,
    reason: r.reason,
    claims: r.claims ?? null,
  };
}

/** The household part of a request, copied when it is made so lists need no further reads. */
export function householdPart(
  household: HouseholdDoc,
  gridName: string,
): Pick<JoinRequestDoc, 'householdId' | 'gridId' | 'gridPath' | 'address' | 'gridName'> {
  return {
    householdId: household._id,
    gridId: household.gridId,
    gridPath: household.gridPath,
    address: household.address,
    gridName,
  };
}
