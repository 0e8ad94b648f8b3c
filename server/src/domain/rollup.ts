import { FIGURE_KEYS, zeroFigures, type Figures } from '@gridguard/types';

/**
 * The daily report's arithmetic: each node's own figures (what sits directly on it) summed into
 * itself and every ancestor, in one pass over the nodes (O(nodes × depth)), never by walking a
 * subtree per node.
 */
export interface RollupNode {
  _id: string;
  ancestors: readonly string[];
}

/** Totals for every node: its own figures plus everything below it. */
export function rollUp(
  nodes: readonly RollupNode[],
  own: ReadonlyMap<string, Partial<Figures>>,
): Map<string, Figures> {
  return rollUpKeys(nodes, own, FIGURE_KEYS, zeroFigures);
}

/**
 * The same pass for any set of counted keys (the 日报's figures, a campaign's coverage): each
 * node's own counts added into itself and each of its ancestors that is in the list.
 */
export function rollUpKeys<K extends string>(
  nodes: readonly RollupNode[],
  own: ReadonlyMap<string, Partial<Record<K, number>>>,
  keys: readonly K[],
  zero: () => Record<K, number>,
): Map<string, Record<K, number>> {
  const totals = new Map(nodes.map((n) => [n._id, zero()]));
  for (const node of nodes) {
    const figures = own.get(node._id);
    if (!figures) continue;
    for (const id of [...node.ancestors, node._id]) {
      const target = totals.get(id);
      if (!target) continue;
      for (const key of keys) target[key] += figures[key] ?? 0;
    }
  }
  return totals;
}

/** Adds figures counted per leaf by several queries into one map of own figures per node. */
export function mergeOwn(
  parts: readonly (readonly { gridId: string; figures: Partial<Figures> }[])[],
): Map<string, Partial<Figures>> {
  const own = new Map<string, Partial<Figures>>();
  for (const rows of parts) {
    for (const row of rows) {
      const target = own.get(row.gridId) ?? {};
      for (const key of FIGURE_KEYS) {
        const value = row.figures[key];
        if (value !== undefined) target[key] = (target[key] ?? 0) + value;
      }
      own.set(row.gridId, target);
    }
  }
  // Missing is derived, so it can never disagree with due and received.
  for (const figures of own.values()) {
    if (figures.reportsDue !== undefined || figures.reportsReceived !== undefined)
      figures.reportsMissing = (figures.reportsDue ?? 0) - (figures.reportsReceived ?? 0);
  }
  return own;
}

export interface ChunkNode extends RollupNode {
  parentId: string | null;
  childCount: number;
}

/**
 * Splits the tree into groups of subtree roots, each covering at most `maxLeaves` leaves, so that
 * a per-leaf aggregate over one group stays under the platform's result cap and response size.
 * Roots are as high as possible: a group's query is one `gridPath in [roots]`.
 */
export function planChunks(nodes: readonly ChunkNode[], maxLeaves: number): string[][] {
  const children = new Map<string | null, ChunkNode[]>();
  const leaves = new Map<string, number>();
  for (const n of nodes) {
    const siblings = children.get(n.parentId) ?? [];
    siblings.push(n);
    children.set(n.parentId, siblings);
  }
  const known = new Set(nodes.map((n) => n._id));
  const countLeaves = (n: ChunkNode): number => {
    const below = children.get(n._id) ?? [];
    const count = below.length === 0 ? 1 : below.reduce((sum, c) => sum + countLeaves(c), 0);
    leaves.set(n._id, count);
    return count;
  };
  // A node whose parent is not in the list is a root (the whole tree has one).
  const roots = nodes.filter((n) => n.parentId === null || !known.has(n.parentId));
  for (const r of roots) countLeaves(r);

  const units: ChunkNode[] = [];
  const split = (n: ChunkNode) => {
    const below = children.get(n._id) ?? [];
    if ((leaves.get(n._id) ?? 1) <= maxLeaves || below.length === 0) units.push(n);
    // A node too big is split into its children. Nothing is lost: records sit only on leaves
    // (households are created on leaves, and a node with households takes no children).
    else below.forEach(split);
  };
  roots.forEach(split);

  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const u of units) {
    const n = leaves.get(u._id) ?? 1;
    if (size + n > maxLeaves && current.length > 0) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(u._id);
    size += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * The nodes `planChunks` split into their children: those no group's root covers. Households sit
 * on leaves only, but a 卡口 site may sit on any node (a village's entrance), and its records
 * would fall between the groups; these nodes' own records are counted apart.
 */
export function splitNodes(nodes: readonly RollupNode[], groups: readonly string[][]): string[] {
  const roots = new Set(groups.flat());
  return nodes
    .filter((n) => !roots.has(n._id) && !n.ancestors.some((a) => roots.has(a)))
    .map((n) => n._id);
}

/** Late: some report due in the subtree is missing. Nothing due (零报告) is on time. */
export const isLate = (figures: Figures): boolean => figures.reportsMissing > 0;

/** The children of a node that are late, in the given order. */
export function lateChildren(
  children: readonly string[],
  totals: ReadonlyMap<string, Figures>,
): string[] {
  return children.filter((id) => {
    const figures = totals.get(id);
    return figures !== undefined && isLate(figures);
  });
}

/** A campaign (洗楼/排查) under way on the report's day, counted in its current round. */
export interface SweepUnderWay {
  _id: string;
  kind: string;
  gridId: string;
  round: number;
}

/** A node's path, root first and itself last; undefined for a node not in the tree. */
export type PathOf = (gridId: string) => readonly string[] | undefined;

/**
 * Where to count visits within one group of subtrees: each of the group's roots that lies inside
 * a sweep, and each sweep's node that lies inside one of the group's roots. A group no sweep
 * reaches costs no call.
 */
export function sweepRootsIn(
  group: readonly string[],
  sweepNodes: readonly string[],
  pathOf: PathOf,
): string[] {
  const out = new Set<string>();
  for (const root of group) {
    const rootPath = pathOf(root) ?? [];
    for (const node of sweepNodes) {
      if (rootPath.includes(node)) out.add(root);
      else if (pathOf(node)?.includes(root)) out.add(node);
    }
  }
  return [...out];
}

/** Where a leaf keeps the count of each kind of target, as the grid features maintain it. */
const TARGET_COUNTERS = {
  household: 'households',
  rental: 'rentals',
  enterprise: 'enterprises',
} as const;

/**
 * Each leaf's sweep targets from its own counters: its targets of a kind, once for every sweep of
 * that kind over it (two campaigns washing the same building each have its doors to cover). The
 * register is never read: no call, however many doors.
 */
export function sweepTargetsOwn(
  nodes: readonly (RollupNode & {
    childCount: number;
    counts: Partial<Record<(typeof TARGET_COUNTERS)[keyof typeof TARGET_COUNTERS], number>>;
  })[],
  sweeps: readonly SweepUnderWay[],
): { gridId: string; figures: Partial<Figures> }[] {
  if (sweeps.length === 0) return [];
  return nodes.flatMap((node) => {
    if (node.childCount > 0) return [];
    const path = [...node.ancestors, node._id];
    let targets = 0;
    for (const sweep of sweeps) {
      const counter = TARGET_COUNTERS[sweep.kind as keyof typeof TARGET_COUNTERS];
      if (counter && path.includes(sweep.gridId)) targets += node.counts[counter] ?? 0;
    }
    return targets > 0 ? [{ gridId: node._id, figures: { sweepTargets: targets } }] : [];
  });
}

/** A notice for households published in the 日报's window, not withdrawn. */
export interface NoticeInWindow {
  _id: string;
  gridId: string;
}

/**
 * Each leaf's households to reach: its households once for every recent notice published on it
 * or above it (a notice on a node is for every household under it). From the counters the grid
 * features keep, so the register is never read.
 */
export function noticeHouseholdsOwn(
  nodes: readonly (RollupNode & { childCount: number; counts: { households?: number } })[],
  notices: readonly NoticeInWindow[],
): { gridId: string; figures: Partial<Figures> }[] {
  if (notices.length === 0) return [];
  const onNode = countByNode(notices);
  return nodes.flatMap((node) => {
    if (node.childCount > 0) return [];
    const over = [...node.ancestors, node._id].reduce((n, id) => n + (onNode.get(id) ?? 0), 0);
    const households = (node.counts.households ?? 0) * over;
    return households > 0 ? [{ gridId: node._id, figures: { noticeHouseholds: households } }] : [];
  });
}

/**
 * How many recent notices concern each node: those published on it or above it (they are for
 * its households) and those published below it (its subtree's). Not a plain sum up the tree: a
 * notice on the town concerns every node, yet the town counts it once.
 */
export function noticesConcerning(
  nodes: readonly RollupNode[],
  notices: readonly NoticeInWindow[],
): Map<string, number> {
  const onNode = countByNode(notices);
  const own = new Map([...onNode].map(([id, n]) => [id, { n }]));
  const below = rollUpKeys(nodes, own, ['n'], () => ({ n: 0 }));
  return new Map(
    nodes.map((node) => [
      node._id,
      (below.get(node._id)?.n ?? 0) +
        node.ancestors.reduce((n, id) => n + (onNode.get(id) ?? 0), 0),
    ]),
  );
}

function countByNode(notices: readonly NoticeInWindow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of notices) counts.set(n.gridId, (counts.get(n.gridId) ?? 0) + 1);
  return counts;
}
