import { LEVEL_TEMPLATES } from '@gridguard/types';
import {
  buildDeployment,
  generatedHouseholds,
  nameFor,
  type Deployment,
  type NodeSpec,
} from './builder';

export interface ScaleSpec {
  /** Children per node at each level below the root, e.g. [5, 10, 10, 9] for 市→县→乡镇→社区→居民小组. */
  fanouts: number[];
  householdsPerLeaf: number;
  peoplePerHousehold: number;
  levels?: readonly string[];
}

/** Lijiang's five levels at full size: 5,056 nodes and about 200,000 residents. */
export const LIJIANG_SCALE: ScaleSpec = {
  fanouts: [5, 10, 10, 9],
  householdsPerLeaf: 15,
  peoplePerHousehold: 3,
  levels: LEVEL_TEMPLATES.lijiang.levels,
};

export const SCALE_COMMAND = { openid: 'oScaleCommand', name: '丽江市指挥部' };

/** A deployment of any size: every non-leaf node led by a generated party-member leader. */
export function scaleDeployment(spec: ScaleSpec): { deployment: Deployment; rootId: string } {
  const levels = spec.levels ?? LEVEL_TEMPLATES.lijiang.levels;
  let nodeCount = 0;
  let householdCount = 0;
  const make = (depth: number, id: string, name: string): NodeSpec => {
    const n = nodeCount++;
    const fanout = spec.fanouts[depth] ?? 0;
    const levelName = levels[depth] ?? `第${depth + 1}级网格`;
    if (fanout === 0) {
      const households = generatedHouseholds(
        id,
        `${name}`,
        spec.householdsPerLeaf,
        householdCount,
        spec.peoplePerHousehold,
      );
      householdCount += spec.householdsPerLeaf;
      return { id, name, levelName, households };
    }
    return {
      id,
      name,
      levelName,
      team: [{ openid: `oLead-${id}`, name: nameFor(n + 50_000), kind: 'leader', party: true }],
      children: Array.from({ length: fanout }, (_, i) =>
        make(depth + 1, `${id}-${i + 1}`, `${levels[depth + 1] ?? '网格'}${i + 1}`),
      ),
    };
  };
  const root = make(0, 'g-scale', '丽江市');
  return {
    deployment: buildDeployment(root, new Date('2020-02-03T08:00:00+08:00'), [SCALE_COMMAND]),
    rootId: root.id,
  };
}
