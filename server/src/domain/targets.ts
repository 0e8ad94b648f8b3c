import { createHash } from 'node:crypto';
import {
  maskPhone,
  RENTAL_TENANTS_MAX,
  type EnterpriseFields,
  type EnterpriseRow,
  type EnterpriseView,
  type RentalFields,
  type RentalRow,
  type RentalView,
  type Lease,
  type TargetPerson,
  type TenantChange,
} from '@gridguard/types';
import { AppError } from './errors';
import type { EnterpriseDoc, PersonDoc, RentalDoc, TenantEntry } from './records';
import { composeAddress } from './register';
import {
  ADDRESS_PREFIX_MAX,
  compact,
  prefixes,
  prefixPattern,
  SEARCH_KEYS_VERSION,
  type SearchIndex,
} from './search';

/**
 * 出租屋 and 企业 as staff keep them: the ids submissions get, what they are found by, what an
 * edit changes, how tenants are linked and unlinked, and what the views show.
 */

/** The id a submission gets: a retry of the same form (same caller, same key) finds the same id. */
export function targetSubmissionId(prefix: 'r' | 'e', openid: string, key: string): string {
  const digest = createHash('sha256').update(`targets:${prefix}:${openid}:${key}`).digest('hex');
  return `${prefix}-${digest.slice(0, 20)}`;
}

// ---- found by ------------------------------------------------------------------------------------

/** An enterprise's name is found by its start, as long as an address's. */
export const TARGET_NAME_PREFIX_MAX = ADDRESS_PREFIX_MAX;

type QueryField = 'name' | 'address';
const TAGS: Record<QueryField, string> = { name: 'n', address: 'a' };
const PREFIX_MAX: Record<QueryField, number> = {
  name: TARGET_NAME_PREFIX_MAX,
  address: ADDRESS_PREFIX_MAX,
};

/** Keys of a rental: the start of its address (folded, as every search key is). */
export const rentalSearchIndex = (address: string): SearchIndex => ({
  searchKeys: prefixes(address, ADDRESS_PREFIX_MAX).map((p) => `a:${p}`),
  searchKeysVersion: SEARCH_KEYS_VERSION,
});

/** Keys of an enterprise: the start of its name and of its address. */
export const enterpriseSearchIndex = (name: string, address: string): SearchIndex => ({
  searchKeys: [
    ...prefixes(name, TARGET_NAME_PREFIX_MAX).map((p) => `n:${p}`),
    ...prefixes(address, ADDRESS_PREFIX_MAX).map((p) => `a:${p}`),
  ],
  searchKeysVersion: SEARCH_KEYS_VERSION,
});

/**
 * What a list's search box asks the database: any of `keys` (the query's start, one per field it
 * may begin), and past the keys' length a pattern any of `fields` must start with.
 */
export interface TargetQuery {
  keys: string[];
  rest: { fields: QueryField[]; pattern: string } | null;
}

export function targetQuery(query: string, fields: readonly QueryField[]): TargetQuery {
  const chars = [...compact(query)];
  const keys = fields.map((f) => `${TAGS[f]}:${chars.slice(0, PREFIX_MAX[f]).join('')}`);
  const longest = Math.min(...fields.map((f) => PREFIX_MAX[f]));
  return {
    keys: [...new Set(keys)],
    rest: chars.length > longest ? { fields: [...fields], pattern: prefixPattern(chars) } : null,
  };
}

// ---- rentals -------------------------------------------------------------------------------------

/** The rental fields a form writes, search keys included. */
export function rentalFields(
  fields: RentalFields,
): Pick<
  RentalDoc,
  'place' | 'address' | 'rooms' | 'landlordId' | 'note' | 'searchKeys' | 'searchKeysVersion'
> {
  const address = composeAddress(fields.place);
  return {
    place: fields.place,
    address,
    rooms: fields.rooms,
    landlordId: fields.landlordId,
    note: fields.note,
    ...rentalSearchIndex(address),
  };
}

/** Which of a rental's fields an edit changes (names only, for the audit). */
export function rentalChanges(rental: RentalDoc, next: ReturnType<typeof rentalFields>): string[] {
  const changed: string[] = [];
  if (JSON.stringify(rental.place) !== JSON.stringify(next.place)) changed.push('place');
  if (rental.rooms !== next.rooms) changed.push('rooms');
  if (rental.landlordId !== next.landlordId) changed.push('landlord');
  if (rental.note !== next.note) changed.push('note');
  return changed;
}

/** Why this person may not be the rental's landlord, or null: a tenant of it cannot be. */
export function landlordRefusal(
  landlordId: string,
  tenants: readonly TenantEntry[],
): string | null {
  return tenants.some((t) => t.personId === landlordId)
    ? '该居民是本出租屋的租客，不能同时作为房东'
    : null;
}

export interface TenantsAfter {
  tenants: TenantEntry[];
  added: string[];
  updated: string[];
  removed: string[];
}

/**
 * The tenants after the changes: someone with a lease is added, or gets the new dates when already
 * listed; someone without one leaves. A change that is already so does nothing, so a retry lands
 * on the same list.
 */
export function changeTenants(
  rental: Pick<RentalDoc, 'landlordId' | 'tenants'>,
  changes: readonly TenantChange[],
): TenantsAfter {
  if (changes.some((c) => c.lease !== null && c.personId === rental.landlordId)) {
    throw new AppError('CONFLICT', '房东不能同时登记为本出租屋的租客');
  }
  const leaseOf = new Map(changes.map((c) => [c.personId, c.lease]));
  const added: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];
  const tenants: TenantEntry[] = [];
  for (const t of rental.tenants) {
    const lease = leaseOf.get(t.personId);
    if (lease === undefined) tenants.push(t);
    else if (lease === null) removed.push(t.personId);
    else if (lease.start === t.leaseStart && lease.end === t.leaseEnd) tenants.push(t);
    else {
      updated.push(t.personId);
      tenants.push(entry(t.personId, lease));
    }
  }
  const listed = new Set(rental.tenants.map((t) => t.personId));
  for (const { personId, lease } of changes) {
    if (lease === null || listed.has(personId)) continue;
    added.push(personId);
    tenants.push(entry(personId, lease));
  }
  if (tenants.length > RENTAL_TENANTS_MAX) {
    throw new AppError('CONFLICT', `一处出租屋最多登记 ${RENTAL_TENANTS_MAX} 名租客`);
  }
  return { tenants, added, updated, removed };
}

const entry = (personId: string, lease: Lease): TenantEntry => ({
  personId,
  leaseStart: lease.start,
  leaseEnd: lease.end,
});

// ---- enterprises ---------------------------------------------------------------------------------

export interface EnterpriseEdit {
  /** The fields to write on the enterprise, search keys included. */
  set: Pick<
    EnterpriseDoc,
    | 'name'
    | 'place'
    | 'address'
    | 'leaderName'
    | 'phoneMasked'
    | 'workforce'
    | 'status'
    | 'note'
    | 'searchKeys'
    | 'searchKeysVersion'
  >;
  /** The full phone after the edit; written only when `changed` names it. */
  phone: string | null;
  /** Which fields changed (names only: the audit never holds a number). */
  changed: string[];
}

/**
 * What a form makes of an enterprise: an absent phone keeps the stored one (the form only saw it
 * masked), null erases it. A new enterprise is an edit of nothing.
 */
export function enterpriseEdit(
  stored: { enterprise: EnterpriseDoc | null; phone: string | null },
  fields: EnterpriseFields,
): EnterpriseEdit {
  const phone = fields.phone === undefined ? stored.phone : fields.phone;
  const address = composeAddress(fields.place);
  const set: EnterpriseEdit['set'] = {
    name: fields.name,
    place: fields.place,
    address,
    leaderName: fields.leaderName,
    phoneMasked: phone && maskPhone(phone),
    workforce: fields.workforce,
    status: fields.status,
    note: fields.note,
    ...enterpriseSearchIndex(fields.name, address),
  };
  const before = stored.enterprise;
  const changed: string[] = [];
  if (before?.name !== set.name) changed.push('name');
  if (JSON.stringify(before?.place) !== JSON.stringify(set.place)) changed.push('place');
  if (before?.leaderName !== set.leaderName) changed.push('leaderName');
  if (stored.phone !== phone) changed.push('phone');
  if (before?.workforce !== set.workforce) changed.push('workforce');
  if (before?.status !== set.status) changed.push('status');
  if (before?.note !== set.note) changed.push('note');
  return { set, phone, changed };
}

// ---- views ---------------------------------------------------------------------------------------

export function toTargetPerson(p: PersonDoc, mayRevealPhone: boolean): TargetPerson {
  return {
    id: p._id,
    name: p.name,
    phoneMasked: p.phoneMasked,
    householdId: p.householdId,
    mayRevealPhone,
  };
}

export function toRentalRow(r: RentalDoc, people: ReadonlyMap<string, PersonDoc>): RentalRow {
  const landlord = people.get(r.landlordId);
  return {
    id: r._id,
    gridId: r.gridId,
    address: r.address,
    rooms: r.rooms,
    landlord: landlord ? { name: landlord.name, phoneMasked: landlord.phoneMasked } : null,
    tenants: r.tenants.length,
  };
}

export function toRentalView(
  r: RentalDoc,
  gridName: string,
  people: ReadonlyMap<string, PersonDoc>,
  mayRevealPhone: (p: PersonDoc) => boolean,
  may: RentalView['may'],
): RentalView {
  const personOf = (id: string) => {
    const p = people.get(id);
    return p ? toTargetPerson(p, mayRevealPhone(p)) : null;
  };
  return {
    id: r._id,
    gridId: r.gridId,
    gridName,
    address: r.address,
    place: r.place,
    rooms: r.rooms,
    landlordId: r.landlordId,
    landlord: personOf(r.landlordId),
    tenants: r.tenants.map((t) => ({
      personId: t.personId,
      person: personOf(t.personId),
      leaseStart: t.leaseStart,
      leaseEnd: t.leaseEnd,
    })),
    note: r.note,
    updatedAt: r.updatedAt.toISOString(),
    may,
  };
}

/** Everyone a page of rentals names: the landlords, and with `withTenants` the tenants. */
export const peopleNamedBy = (rentals: readonly RentalDoc[], withTenants: boolean): string[] => [
  ...new Set(
    rentals.flatMap((r) => [
      r.landlordId,
      ...(withTenants ? r.tenants.map((t) => t.personId) : []),
    ]),
  ),
];

export function toEnterpriseRow(e: EnterpriseDoc): EnterpriseRow {
  return {
    id: e._id,
    gridId: e.gridId,
    name: e.name,
    address: e.address,
    leaderName: e.leaderName,
    phoneMasked: e.phoneMasked,
    workforce: e.workforce,
    status: e.status,
  };
}

export function toEnterpriseView(
  e: EnterpriseDoc,
  gridName: string,
  may: EnterpriseView['may'],
): EnterpriseView {
  return {
    ...toEnterpriseRow(e),
    gridName,
    place: e.place,
    note: e.note,
    updatedAt: e.updatedAt.toISOString(),
    may,
  };
}
