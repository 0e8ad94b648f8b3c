import type { SearchKind } from '@gridguard/types';
import { callAction } from './call-action';

export {
  SEARCH_KIND_LABELS,
  SEARCH_KINDS,
  SEARCH_QUERY_MAX,
  SEARCH_RESULT_CAP,
  type HouseholdHit,
  type NodeHit,
  type PersonHit,
  type SearchHit,
  type SearchKind,
} from '@gridguard/types';

/**
 * People, households or nodes under `gridId` matching `query`, masked as in every list; a page of
 * 20 with the total. Full numbers stay one audited `revealPersonField` each.
 */
export function searchInGrid(gridId: string, query: string, kind: SearchKind, page: number) {
  return callAction('search', 'find', { gridId, query, kind, page });
}
