import type { SearchKind, SearchMatch } from '@gridguard/types';
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

/**
 * The scheme the keys are made with, stored beside them (`searchKeysVersion`). Any change to how a
 * key is made bumps it, and the searchIndexSweep timer re-indexes every record below it.
 * 1 (never stored: such records have no version): keys as typed. 2: keys folded (`searchFold`).
 */
export const SEARCH_KEYS_VERSION = 2;

/** The stored versions the sweep re-indexes: none (from before versions), then each older one. */
export const OUTDATED_SEARCH_KEYS_VERSIONS: readonly (number | null)[] = [
  null,
  ...Array.from({ length: SEARCH_KEYS_VERSION - 1 }, (_, i) => i + 1),
];

/** The fields every writer of a person or a household stores, so the record is found. */
export interface SearchIndex {
  searchKeys: string[];
  searchKeysVersion: number;
}

const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Keys and queries alike go through this, so that what a phone's keyboard gives matches what was
 * stored: full-width ASCII (`Ａ栋`, `１８号`, typed with a Chinese input method) becomes half-width,
 * the ideographic space a space, and Latin letters lower case (`a栋` finds `A栋`, `wxy2h8` a door
 * code). Chinese characters pass unchanged.
 */
export function searchFold(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Folded, without spaces: what keys are made of and queries are read as. */
export const compact = (text: string) => searchFold(text).replace(/\s+/g, '');
/** The first one to `max` characters of the text, folded: a key each. */
export const prefixes = (text: string, max: number): string[] => {
  const chars = [...compact(text)];
  return chars.slice(0, max).map((_, i) => chars.slice(0, i + 1).join(''));
};
const lastFour = (masked: string | null): string | null => {
  const tail = searchFold(masked?.slice(-4) ?? '');
  return /^[\dx]{4}$/.test(tail) ? tail : null;
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
    `c:${compact(household.code)}`,
    ...prefixes(household.address, ADDRESS_PREFIX_MAX).map((p) => `a:${p}`),
  ];
}

export const personSearchIndex = (
  person: Pick<PersonDoc, 'name' | 'phoneMasked' | 'idNumberMasked'>,
): SearchIndex => ({
  searchKeys: personSearchKeys(person),
  searchKeysVersion: SEARCH_KEYS_VERSION,
});

export const householdSearchIndex = (
  household: Pick<HouseholdDoc, 'address' | 'code'>,
): SearchIndex => ({
  searchKeys: householdSearchKeys(household),
  searchKeysVersion: SEARCH_KEYS_VERSION,
});

/** A door code as printed (six characters of the server's alphabet: no 0/O, 1/I/L), folded. */
const DOOR_CODE = /^[a-hjkmnp-z2-9]{6}$/;
/** The last four of a phone (digits) or of an ID number (digits, the last may be X), folded. */
const LAST_FOUR = /^\d{3}[\dx]$/;

/** What a query asks the database: any of `keys` in scope, then `pattern` on `field`, if any. */
export interface SearchPlan {
  kind: SearchKind;
  match: SearchMatch;
  /** Index keys, any of which matches (`searchKeys`); empty for nodes, found by name in scope. */
  keys: string[];
  /** A regular expression the field must match as well: the part of a prefix past the key. */
  rest: { field: 'name' | 'address'; pattern: string } | null;
  /** One character of a name or an address: a surname matches some 7 % of a whole city. */
  broad: boolean;
}

/**
 * Above this many people under the searched node, a one-character name or address is refused:
 * the calls stay the same, but a surname over a city reads tens of thousands of index entries
 * (1.2 M residents: about 26,000 for one surname) where a community reads its own 2,000 people.
 */
export const BROAD_QUERY_MAX_PEOPLE = 5_000;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET);
/**
 * One folded character as a pattern that matches it however it was stored: `a` as `[aAａＡ]`, `8`
 * as `[8８]`. The stored name or address is as typed; only the keys are folded.
 */
function charPattern(c: string): string {
  if (!/^[\x21-\x7e]$/.test(c)) return escapeRegex(c);
  const forms = /^[a-z]$/.test(c) ? [c, c.toUpperCase()] : [c];
  return `[${[...forms, ...forms.map(fullWidth)].map(escapeRegex).join('')}]`;
}
/** `^王\s*秀\s*英\s*子`: the stored text starts with the query, spaces between ignored. */
export const prefixPattern = (chars: readonly string[]) =>
  `^${chars.map(charPattern).join('\\s*')}`;

/** The key for a prefix (the first `max` characters), and a pattern for the rest when longer. */
function prefixPlan(
  compact: string,
  tag: 'n' | 'a',
  max: number,
  field: 'name' | 'address',
): Pick<SearchPlan, 'keys' | 'rest' | 'broad'> {
  const chars = [...compact];
  return {
    keys: [`${tag}:${chars.slice(0, max).join('')}`],
    rest: chars.length > max ? { field, pattern: prefixPattern(chars) } : null,
    broad: chars.length === 1,
  };
}

/**
 * Reads a query (1–20 characters, already trimmed) as the keys to look up. People: four digits
 * (or three and X) are the last four of a phone or an ID number, anything else the start of a
 * name. Households: a door-code-shaped query is a door code, anything else the start of an
 * address. Nodes: part of the name. A one-character name or address is `broad`: allowed where the
 * searched node holds at most BROAD_QUERY_MAX_PEOPLE people (a community), refused above.
 */
export function planSearch(query: string, kind?: SearchKind): SearchPlan {
  const folded = compact(query);
  const chosen = kind ?? (DOOR_CODE.test(folded) ? 'households' : 'people');
  if (chosen === 'nodes') {
    return {
      kind: chosen,
      match: 'nodeName',
      keys: [],
      rest: { field: 'name', pattern: [...folded].map(charPattern).join('\\s*') },
      broad: false,
    };
  }
  if (chosen === 'households') {
    if (DOOR_CODE.test(folded))
      return { kind: chosen, match: 'doorCode', keys: [`c:${folded}`], rest: null, broad: false };
    return {
      kind: chosen,
      match: 'address',
      ...prefixPlan(folded, 'a', ADDRESS_PREFIX_MAX, 'address'),
    };
  }
  if (LAST_FOUR.test(folded)) {
    const keys = /^\d{4}$/.test(folded) ? [`p:${folded}`, `i:${folded}`] : [`i:${folded}`];
    return { kind: chosen, match: 'last4', keys, rest: null, broad: false };
  }
  return { kind: chosen, match: 'name', ...prefixPlan(folded, 'n', NAME_PREFIX_MAX, 'name') };
}

/** Which of a found person's values the query matched, for the result to say so. */
export function personMatched(
  person: Pick<PersonDoc, 'phoneMasked'>,
  plan: SearchPlan,
): 'name' | 'phone' | 'idNumber' {
  if (plan.match !== 'last4') return 'name';
  const phone = lastFour(person.phoneMasked);
  return phone && plan.keys.includes(`p:${phone}`) ? 'phone' : 'idNumber';
}
