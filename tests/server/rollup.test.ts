import { FIGURE_KEYS, zeroFigures, type Figures } from '@gridguard/types';
import {
  lateChildren,
  mergeOwn,
  noticeHouseholdsOwn,
  noticesConcerning,
  planChunks,
  rollUp,
  splitNodes,
  type ChunkNode,
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

  it('late children are those with a missing report; a zero report (nothing due) is on time', () => {
    const totals = new Map<string, Figures>([
      ['a', { ...zeroFigures(), reportsDue: 3, reportsReceived: 2, reportsMissing: 1 }],
      ['b', { ...zeroFigures(), reportsDue: 2, reportsReceived: 2 }],
      ['c', zeroFigures()],
    ]);
    expect(lateChildren(['a', 'b', 'c'], totals)).toEqual(['a']);
  });

  it('derives missing from due and received when merging per-leaf counts', () => {
    const own = mergeOwn([
      [{ gridId: 'x', figures: { reportsDue: 5, reportsReceived: 3, observedKey: 1 } }],
      [
        { gridId: 'x', figures: { fevers: 2 } },
        { gridId: 'y', figures: { fevers: 1 } },
      ],
    ]);
    expect(own.get('x')).toEqual({
      reportsDue: 5,
      reportsReceived: 3,
      reportsMissing: 2,
      observedKey: 1,
      fevers: 2,
    });
    expect(own.get('y')).toEqual({ fevers: 1 });
  });
});

describe('planning groups of subtrees for per-leaf aggregates', () => {
  const chunkTree = (seed: number): ChunkNode[] =>
    randomTree(seed).nodes.map((n, _, all) => ({
      ...n,
      parentId: n.ancestors[n.ancestors.length - 1] ?? null,
      childCount: all.filter((c) => c.ancestors[c.ancestors.length - 1] === n._id).length,
    }));

  it.each([
    [1, 5],
    [2, 17],
    [42, 1],
    [2020, 10_000],
  ])('tree %i, at most %i leaves a group: every leaf in exactly one group', (seed, max) => {
    const nodes = chunkTree(seed);
    const leaves = nodes.filter((n) => n.childCount === 0);
    const groups = planChunks(nodes, max);
    const leavesOf = (roots: string[]) =>
      leaves.filter((l) => roots.some((r) => l._id === r || l.ancestors.includes(r)));
    for (const roots of groups)
      expect(leavesOf(roots).length).toBeLessThanOrEqual(Math.max(max, 1));
    const covered = groups.flatMap(leavesOf).map((l) => l._id);
    expect([...covered].sort()).toEqual(leaves.map((l) => l._id).sort());
    if (max >= leaves.length) expect(groups).toEqual([[nodes[0]?._id]]);
  });

  it.each([
    [1, 5],
    [2, 17],
    [42, 1],
    [2020, 10_000],
  ])(
    'tree %i, %i leaves a group: every node is in exactly one group or split (counted apart)',
    (seed, max) => {
      const nodes = chunkTree(seed);
      const groups = planChunks(nodes, max);
      const split = new Set(splitNodes(nodes, groups));
      const roots = groups.flat();
      for (const n of nodes) {
        const path = [...n.ancestors, n._id];
        const inGroups = roots.filter((r) => path.includes(r)).length;
        // A 卡口 on an inner node is counted once: by its group, or apart when it was split.
        expect({ id: n._id, counted: inGroups + (split.has(n._id) ? 1 : 0) }).toEqual({
          id: n._id,
          counted: 1,
        });
        // Only nodes with children are ever split.
        if (split.has(n._id)) expect(n.childCount).toBeGreaterThan(0);
      }
      if (max >= nodes.filter((n) => n.childCount === 0).length) expect(split.size).toBe(0);
    },
  );
});

describe('the recent notices over a tree', () => {
  // town ─┬─ a ─┬─ a1 (10 households)
  //       │     └─ a2 (4)
  //       └─ b ─── b1 (7)
  const node = (id: string, ancestors: string[], childCount: number, households = 0) => ({
    _id: id,
    ancestors,
    childCount,
    counts: { households },
  });
  const nodes = [
    node('town', [], 2),
    node('a', ['town'], 2),
    node('a1', ['town', 'a'], 0, 10),
    node('a2', ['town', 'a'], 0, 4),
    node('b', ['town'], 1),
    node('b1', ['town', 'b'], 0, 7),
  ];
  const notices = [
    { _id: 'n-town', gridId: 'town' },
    { _id: 'n-a', gridId: 'a' },
    { _id: 'n-a2', gridId: 'a2' },
  ];

  it('each leaf is to be told once per notice on it or above it', () => {
    expect(noticeHouseholdsOwn(nodes, notices)).toEqual([
      { gridId: 'a1', figures: { noticeHouseholds: 20 } },
      { gridId: 'a2', figures: { noticeHouseholds: 12 } },
      { gridId: 'b1', figures: { noticeHouseholds: 7 } },
    ]);
    expect(noticeHouseholdsOwn(nodes, [])).toEqual([]);
  });

  it('a node counts the notices above it, on it and below it, each once', () => {
    expect(Object.fromEntries(noticesConcerning(nodes, notices))).toEqual({
      town: 3,
      a: 3,
      a1: 2,
      a2: 3,
      b: 1,
      b1: 1,
    });
  });
});
