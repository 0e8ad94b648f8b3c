import {
  FIGURE_KEYS,
  lateChildren,
  rollUp,
  type Figures,
  type RollupNode,
} from '@gridguard/server/domain';

/** A small deterministic PRNG, so a failing tree can be reproduced from its seed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

function randomTree(seed: number): { nodes: RollupNode[]; own: Map<string, Partial<Figures>> } {
  const next = random(seed);
  const nodes: RollupNode[] = [{ _id: 'n0', ancestors: [] }];
  const size = 20 + Math.floor(next() * 200);
  for (let i = 1; i < size; i += 1) {
    const parent = nodes[Math.floor(next() * nodes.length)] as RollupNode;
    nodes.push({ _id: `n${i}`, ancestors: [...parent.ancestors, parent._id] });
  }
  const own = new Map<string, Partial<Figures>>();
  for (const n of nodes) {
    if (next() < 0.3) continue;
    own.set(n._id, Object.fromEntries(FIGURE_KEYS.map((k) => [k, Math.floor(next() * 50)])));
  }
  return { nodes, own };
}

describe('roll-up', () => {
  it.each([1, 2, 3, 42, 2020])('matches a brute-force count on random tree %i', (seed) => {
    const { nodes, own } = randomTree(seed);
    const totals = rollUp(nodes, own);
    for (const node of nodes) {
      // Brute force: every node whose path passes through this one.
      const inSubtree = nodes.filter((n) => n._id === node._id || n.ancestors.includes(node._id));
      for (const key of FIGURE_KEYS) {
        const expected = inSubtree.reduce((sum, n) => sum + (own.get(n._id)?.[key] ?? 0), 0);
        expect(totals.get(node._id)?.[key]).toBe(expected);
      }
    }
  });

  it('computing twice gives the same numbers (no state carried between runs)', () => {
    const { nodes, own } = randomTree(7);
    expect([...rollUp(nodes, own)]).toEqual([...rollUp(nodes, own)]);
  });

  it('late children are those without a report; a zero report counts', () => {
    expect(lateChildren(['a', 'b', 'c'], new Set(['b']))).toEqual(['a', 'c']);
  });
});
