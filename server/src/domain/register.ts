import { createHash } from 'node:crypto';
import {
  maskIdNumber,
  maskPhone,
  type CareMark,
  type HouseholdPlace,
  type PersonFields,
} from '@gridguard/types';
import { AppError } from './errors';
import type { HouseholdDoc, PersonDoc, PersonSecretDoc } from './records';
import { householdSearchIndex, personSearchIndex, type SearchIndex } from './search';

/**
 * The register as staff keep it: how a place becomes the address everything else keys on, what a
 * person record holds, and what stops a person or a household from being removed or moved.
 */

const DIGITS = /^\d+$/;

/**
 * The display address, composed from its parts: `沙头村东街12号` in a village,
 * `碧桂园3栋2单元501室` in an estate. A part typed with its own word (`3幢`, `A座`) stays as typed.
 */
export function composeAddress(place: HouseholdPlace): string {
  const building =
    place.building && (DIGITS.test(place.building) ? `${place.building}栋` : place.building);
  const unit = place.unit && (DIGITS.test(place.unit) ? `${place.unit}单元` : place.unit);
  const door =
    place.door && (DIGITS.test(place.door) ? `${place.door}${building ? '室' : '号'}` : place.door);
  return `${place.street}${building}${unit}${door}`;
}

/** The id a submission gets: a retry of the same form (same caller, same key) finds the same id. */
export function submissionId(prefix: 'h' | 'p', openid: string, key: string): string {
  const digest = createHash('sha256').update(`register:${prefix}:${openid}:${key}`).digest('hex');
  return `${prefix}-${digest.slice(0, 20)}`;
}

/** Marks once each, in the order the form lists them. */
export const careMarks = (marks: readonly CareMark[]): CareMark[] => [...new Set(marks)];

export interface Secret {
  idNumber: string | null;
  phone: string | null;
}

/** A new person in a household; the full numbers go to personSecrets, masked copies here. */
export function newPerson(
  id: string,
  household: Pick<HouseholdDoc, '_id' | 'gridId' | 'gridPath'>,
  fields: PersonFields,
  by: { openid: string; name: string },
  at: Date,
): { person: PersonDoc; secret: Secret } {
  const secret = { idNumber: fields.idNumber ?? null, phone: fields.phone ?? null };
  const masked = {
    name: fields.name,
    idNumberMasked: secret.idNumber && maskIdNumber(secret.idNumber),
    phoneMasked: secret.phone && maskPhone(secret.phone),
  };
  return {
    person: {
      _id: id,
      householdId: household._id,
      gridId: household.gridId,
      gridPath: [...household.gridPath],
      ...masked,
      relation: fields.relation,
      openid: null,
      proxy: { byOpenid: by.openid, byName: by.name, at },
      createdAt: at,
      ...personSearchIndex(masked),
      residency: fields.residency,
      care: careMarks(fields.care),
    },
    secret,
  };
}

export interface PersonEdit {
  /** The fields to write on the person, searchKeys included; empty when nothing changed. */
  set: Partial<PersonDoc>;
  /** The full numbers after the edit, or null when they stay as they were. */
  secret: Secret | null;
  /** Which fields changed (names only: the audit never holds a number). */
  changed: string[];
}

/**
 * What an edit changes. An absent ID number or phone keeps the stored one, null erases it. Someone
 * who joined on WeChat keeps their own name and numbers: staff record only relation, residency and
 * marks for them.
 */
export function editPerson(person: PersonDoc, stored: Secret, fields: PersonFields): PersonEdit {
  const next: Secret = {
    idNumber: fields.idNumber === undefined ? stored.idNumber : fields.idNumber,
    phone: fields.phone === undefined ? stored.phone : fields.phone,
  };
  const care = careMarks(fields.care);
  const changed: string[] = [];
  if (fields.name !== person.name) changed.push('name');
  if (next.idNumber !== stored.idNumber) changed.push('idNumber');
  if (next.phone !== stored.phone) changed.push('phone');
  const own = changed.length > 0;
  if (own && person.openid !== null) {
    throw new AppError('CONFLICT', '该居民已用微信加入，姓名、身份证号和手机号由本人维护');
  }
  if (fields.relation !== person.relation) changed.push('relation');
  if (fields.residency !== person.residency) changed.push('residency');
  if (care.join() !== (person.care ?? []).join()) changed.push('care');
  if (changed.length === 0) return { set: {}, secret: null, changed };
  const masked = {
    name: fields.name,
    idNumberMasked: next.idNumber && maskIdNumber(next.idNumber),
    phoneMasked: next.phone && maskPhone(next.phone),
  };
  return {
    set: {
      ...masked,
      relation: fields.relation,
      residency: fields.residency,
      care,
      ...personSearchIndex(masked),
    },
    secret: own ? next : null,
    changed,
  };
}

export const secretOf = (doc: PersonSecretDoc | null): Secret => ({
  idNumber: doc?.idNumber ?? null,
  phone: doc?.phone ?? null,
});

/** What still hangs on a person: each blocks removing them, the first two also moving them. */
export interface PersonTies {
  activeObservation: boolean;
  activeErrands: number;
  pendingClaims: number;
  /** Rentals they answer for as landlord (谁出租谁负责); absent counts as none. */
  rentalsAsLandlord?: number;
}

/** Why a person may not be moved now, in Chinese, or null. */
export function moveRefusal(ties: PersonTies): string | null {
  if (ties.activeObservation) return '该居民正在居家观察，解除观察后才能迁移';
  if (ties.activeErrands > 0) return '该居民有未完成的跑腿代购，完成或取消后才能迁移';
  return null;
}

/**
 * Why a person may not be removed, or null. Someone on WeChat is removed by nobody but
 * themselves; moving house is 迁移, which keeps their history.
 */
export function removalRefusal(person: Pick<PersonDoc, 'openid'>, ties: PersonTies): string | null {
  if (person.openid !== null) {
    return '该居民已用微信加入，不能删除；如已搬家，请使用“迁移”';
  }
  if (ties.activeObservation) return '该居民正在居家观察，不能删除';
  if (ties.activeErrands > 0) return '该居民有未完成的跑腿代购，不能删除';
  if (ties.pendingClaims > 0) return '有人正在申请以该居民身份加入，请先处理入户申请';
  if ((ties.rentalsAsLandlord ?? 0) > 0) {
    return `该居民是 ${ties.rentalsAsLandlord} 处出租屋的房东，请先在出租屋中更换房东`;
  }
  return null;
}

/** Why a household may not be removed, or null: only an empty one goes. */
export function householdRemovalRefusal(people: number, pendingRequests: number): string | null {
  if (people > 0) return `该住户还有 ${people} 人，请先迁移或删除`;
  if (pendingRequests > 0) return '有人正在申请加入该住户，请先处理入户申请';
  return null;
}

/** The household fields an edit of its place writes, search keys included. */
export function placeFields(
  place: HouseholdPlace,
  code: string,
): Pick<HouseholdDoc, 'address' | 'place'> & SearchIndex {
  const address = composeAddress(place);
  return { address, place, ...householdSearchIndex({ address, code }) };
}

/**
 * The counters a move changes: down on the nodes only the old path has, up on those only the new
 * one has (a move inside one subtree leaves the shared ancestors alone).
 */
export function pathDelta(
  from: readonly string[],
  to: readonly string[],
): { leave: string[]; enter: string[] } {
  return {
    leave: from.filter((id) => !to.includes(id)),
    enter: to.filter((id) => !from.includes(id)),
  };
}
