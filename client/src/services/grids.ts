import type { GridNodeView } from '@gridguard/types';
import { callAction } from './call-action';

export type { GridDetail, GridNodeView, HouseholdView, MemberView, Page } from '@gridguard/types';

/** The nodes under `parentId`, or with null the nodes the caller may start browsing from. */
export function listChildren(parentId: string | null, page: number) {
  return callAction('grids', 'children', { parentId, page });
}

export function getGridDetail(gridId: string) {
  return callAction('grids', 'detail', { gridId });
}

/** Households in the node's subtree, with their people masked. */
export function listHouseholds(gridId: string, page: number) {
  return callAction('grids', 'households', { gridId, page });
}

export function createChildGrid(parentId: string, name: string) {
  return callAction('grids', 'create', { parentId, name });
}

export function renameGrid(gridId: string, name: string) {
  return callAction('grids', 'rename', { gridId, name });
}

/** Moves a node (and its subtree) under another parent; only call after the user confirmed. */
export function moveGrid(gridId: string, newParentId: string) {
  return callAction('grids', 'move', { gridId, newParentId });
}

/** Only call after the user confirmed: the server refuses without `confirm: true`. */
export function removeGrid(gridId: string) {
  return callAction('grids', 'remove', { gridId, confirm: true });
}

/** 今日待办 of a node for its team: each count as its list would show it. */
export function nodeTodos(gridId: string) {
  return callAction('grids', 'todos', { gridId });
}

/** The server refuses to delete a node with anything under or in it; offer deletion only then. */
export function isEmptyNode(node: GridNodeView, teamSize: number): boolean {
  const { nodes, households, people, members } = node.counts;
  return node.childCount === 0 && nodes + households + people + members === 0 && teamSize === 0;
}

/** `住户 12 · 居民 40 · 成员 8`: the whole subtree, from the node's counters. */
export function subtreeCountsText(node: GridNodeView): string {
  const { households, people, members } = node.counts;
  return `住户 ${households} · 居民 ${people} · 成员 ${members}`;
}

/** Root first, ending with the node itself. */
export function breadcrumbNames(node: GridNodeView): string[] {
  return [...node.path.map((ancestor) => ancestor.name), node.name];
}
