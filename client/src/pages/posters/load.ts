import type { FunctionResult } from '@gridguard/types';
import { getGridDetail, listHouseholds, type HouseholdView } from '../../services/grids';
import type { PosterCard } from './draw';

/**
 * The most households one visit prints: 10 reads of 20, 25 sheets. A larger node is printed a
 * part at a time from its sub-nodes; the page says so rather than silently dropping the rest.
 */
export const MAX_HOUSEHOLDS = 200;

export interface PosterSet {
  /** What the set is of: the node's name, or the one household's address. */
  title: string;
  /** One household's own card rather than sheets of several. */
  single: boolean;
  cards: PosterCard[];
  /** Households in the node; more than cards.length when the cap was reached. */
  total: number;
}

/** How far the reading has got, for the loading state of a large node. */
export type Progress = (read: number, total: number) => void;

const toCard = (h: HouseholdView): PosterCard => ({
  code: h.code,
  address: h.address,
  gridName: h.gridName,
});

/**
 * The households of `gridId`'s subtree, page after page (in the server's address order), up to
 * MAX_HOUSEHOLDS: at most MAX_HOUSEHOLDS / pageSize reads. `stop` ends the reading early once
 * what is wanted has been read.
 */
async function readHouseholds(
  gridId: string,
  progress: Progress,
  stop: (items: readonly HouseholdView[]) => boolean,
): Promise<FunctionResult<{ items: HouseholdView[]; total: number }>> {
  const items: HouseholdView[] = [];
  const seen = new Set<string>();
  for (let page = 1; ; page += 1) {
    const result = await listHouseholds(gridId, page);
    if (!result.ok) return result;
    const { total, pageSize } = result.data;
    // A household added while paging shifts the pages by one: never print a card twice.
    for (const item of result.data.items) {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        items.push(item);
      }
    }
    progress(Math.min(items.length, total), total);
    const lastPage = Math.min(Math.ceil(total / pageSize), Math.ceil(MAX_HOUSEHOLDS / pageSize));
    if (stop(items) || page >= lastPage || result.data.items.length === 0) {
      return { ok: true, data: { items: items.slice(0, MAX_HOUSEHOLDS), total } };
    }
  }
}

/** One household's card: found among its leaf's households (the page is opened with both ids). */
export async function loadHouseholdCard(
  gridId: string,
  householdId: string,
  progress: Progress,
): Promise<FunctionResult<PosterSet | null>> {
  const read = await readHouseholds(gridId, progress, (items) =>
    items.some((h) => h.id === householdId),
  );
  if (!read.ok) return read;
  const household = read.data.items.find((h) => h.id === householdId);
  if (!household) return { ok: true, data: null };
  return {
    ok: true,
    data: { title: household.address, single: true, cards: [toCard(household)], total: 1 },
  };
}

/** Every household of a node (its whole subtree), up to MAX_HOUSEHOLDS, as sheets. */
export async function loadNodeCards(
  gridId: string,
  progress: Progress,
): Promise<FunctionResult<PosterSet>> {
  const [detail, read] = await Promise.all([
    getGridDetail(gridId),
    readHouseholds(gridId, progress, () => false),
  ]);
  if (!detail.ok) return detail;
  if (!read.ok) return read;
  return {
    ok: true,
    data: {
      title: detail.data.node.name,
      single: false,
      cards: read.data.items.map(toCard),
      total: read.data.total,
    },
  };
}
