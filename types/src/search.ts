import * as v from 'valibot';
import { GridIdSchema, type GridNodeView, type Page } from './grid';
import type { HouseholdView, PersonView } from './people';
import { inputObject, textSchema } from './text';

/**
 * Finding people, households and nodes in the caller's scope (router `search`), by what a masked
 * list shows: name, the last four digits of a phone or an ID number, an address, a door code.
 */
export const SEARCH_KINDS = ['people', 'households', 'nodes'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SearchKindSchema = v.picklist(SEARCH_KINDS, '请选择查找人员、住户或网格');
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  people: '人员',
  households: '住户',
  nodes: '网格',
};

export const SEARCH_QUERY_MAX = 20;
/** One to twenty characters: a name, four digits, a door code, the start of an address. */
export const SearchQuerySchema = textSchema({
  min: { length: 1, message: '请输入要查找的内容' },
  max: { length: SEARCH_QUERY_MAX, message: `查找内容不超过 ${SEARCH_QUERY_MAX} 个字` },
});

/**
 * Results are read 20 a page up to 50 pages: past 1,000 matches the query should say more, and
 * every page costs the same few database calls however deep it is.
 */
export const SEARCH_MAX_PAGE = 50;
/**
 * At most this many results are told apart: `total` stops here (the client says 至少). Counting
 * every match of a broad query (a surname over a whole city) would read every match.
 */
export const SEARCH_RESULT_CAP = 1000;
export const SearchPageSchema = v.optional(
  v.pipe(
    v.number('页码应为数字'),
    v.integer('页码应为整数'),
    v.minValue(1, '页码从 1 开始'),
    v.maxValue(SEARCH_MAX_PAGE, '结果太多，请输入更完整的内容'),
  ),
  1,
);

/**
 * How the server read the query: a name's start, the last four of a phone or an ID number, a door
 * code, an address's start, or part of a node's name.
 */
export type SearchMatch = 'name' | 'last4' | 'doorCode' | 'address' | 'nodeName';
export const SEARCH_MATCH_LABELS: Record<SearchMatch, string> = {
  name: '按姓名查找',
  last4: '按手机号或身份证号后四位查找',
  doorCode: '按门牌码查找',
  address: '按住址查找',
  nodeName: '按网格名称查找',
};

/** A node on the way from the searched node down to where a result sits. */
export interface SearchPlace {
  id: string;
  name: string;
}

interface HitBase {
  /** The result's own id (a person, household or node). */
  id: string;
  /** The node the record sits on. */
  gridId: string;
  /** From the searched node down to the record's own node, both included. */
  path: SearchPlace[];
}

export interface PersonHit extends HitBase {
  kind: 'person';
  /** Masked as in every list, with which full values the caller may ask for (audited). */
  person: PersonView;
  householdId: string;
  address: string;
  /** What matched: the name, or which number's last four digits. */
  matched: 'name' | 'phone' | 'idNumber';
}

export interface HouseholdHit extends HitBase {
  kind: 'household';
  household: HouseholdView;
}

export interface NodeHit extends HitBase {
  kind: 'node';
  node: GridNodeView;
}

export type SearchHit = PersonHit | HouseholdHit | NodeHit;

/** A page of results; `total` counts at most SEARCH_RESULT_CAP (there may be more). */
export interface SearchResult extends Page<SearchHit> {
  kind: SearchKind;
  match: SearchMatch;
}

export const SEARCH_SCHEMAS = {
  /**
   * Searches the subtree of `gridId`. Without `kind`, a door-code-shaped query looks for households
   * and anything else for people.
   */
  find: inputObject({
    gridId: GridIdSchema,
    query: SearchQuerySchema,
    kind: v.optional(SearchKindSchema),
    page: SearchPageSchema,
  }),
} as const;

export interface SearchOutputs {
  find: SearchResult;
}
