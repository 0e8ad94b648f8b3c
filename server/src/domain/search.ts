import type { HouseholdDoc, PersonDoc } from './records';

/**
 * What a record can be found by, as one indexed array (`searchKeys`): a person by the first one to
 * three characters of their name, the last four digits of their phone and of their ID number; a
 * household by its door code and the start of its address. The keys carry no place, so moving a
 * node or a person leaves them right; the search adds the caller's scope (`gridPath`) to the query.
 * Only what a masked list already shows goes into a key: nothing here reveals a full number.
 */
export const NAME_PREFIX_MAX = 3;
export const ADDRESS_PREFIX_MAX = 8;

const prefixes = (text: string, max: number): string[] => {
  const chars = [...text.replace(/\s+/g, '')];
  return chars.slice(0, max).map((_, i) => chars.slice(0, i + 1).join(''));
};
const lastFour = (masked: string | null): string | null => {
  const tail = masked?.slice(-4) ?? '';
  return /^[\dX]{4}$/.test(tail) ? tail : null;
};

export function personSearchKeys(
  person: Pick<PersonDoc, 'name' | 'phoneMasked' | 'idNumberMasked'>,
): string[] {
  const phone = lastFour(person.phoneMasked);
  const id = lastFour(person.idNumberMasked);
  return [
    ...prefixes(person.name, NAME_PREFIX_MAX).map((p) => `n:${p}`),
    ...(phone ? [`p:${phone}`] : []),
    ...(id ? [`i:${id}`] : []),
  ];
}

export function householdSearchKeys(household: Pick<HouseholdDoc, 'address' | 'code'>): string[] {
  return [
    `c:${household.code.toUpperCase()}`,
    ...prefixes(household.address, ADDRESS_PREFIX_MAX).map((p) => `a:${p}`),
  ];
}
