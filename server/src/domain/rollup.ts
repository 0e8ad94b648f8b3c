/**
 * The daily report's arithmetic: each node's own figures (what sits directly on it) summed into
 * itself and every ancestor, in one pass over the nodes (O(nodes × depth)), never by walking a
 * subtree per node.
 */
export const FIGURE_KEYS = [
  'registered',
  'newReturns',
  'observedRoutine',
  'observedKey',
  'observedCentral',
  'released',
  'escalated',
  'reportsDue',
  'reportsReceived',
  'fevers',
  'errandsOpen',
  'errandsClaimed',
  'errandsDone',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export const zeroFigures = (): Figures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;

export interface RollupNode {
  _id: string;
  ancestors: readonly string[];
}

/** Totals for every node: its own figures plus everything below it. */
export function rollUp(
  nodes: readonly RollupNode[],
  own: ReadonlyMap<string, Partial<Figures>>,
): Map<string, Figures> {
  const totals = new Map(nodes.map((n) => [n._id, zeroFigures()]));
  for (const node of nodes) {
    const figures = own.get(node._id);
    if (!figures) continue;
    for (const id of [...node.ancestors, node._id]) {
      const target = totals.get(id);
      if (!target) continue;
      for (const key of FIGURE_KEYS) target[key] += figures[key] ?? 0;
    }
  }
  return totals;
}

/** Children that have not reported by the deadline; a zero report (零报告) counts as reported. */
export function lateChildren(children: readonly string[], reported: ReadonlySet<string>): string[] {
  return children.filter((id) => !reported.has(id));
}
