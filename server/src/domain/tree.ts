import { AppError } from './errors';

export interface TreeNode {
  _id: string;
  ancestors: readonly string[];
}

/** A node's own path: its ancestors from the root down, then itself. */
export const pathOf = (node: TreeNode): string[] => [...node.ancestors, node._id];

/** A node may move under any node except itself and its own descendants. */
export function assertMovable(node: TreeNode, newParent: TreeNode): void {
  if (newParent._id === node._id || newParent.ancestors.includes(node._id))
    throw new AppError('MOVE_CYCLE');
}

/** Subtree counters move with the node: taken from the old ancestors, given to the new ones. */
export interface CountsDelta {
  nodes: number;
  households: number;
  people: number;
  members: number;
  /** Absent on nodes that never had a rental or an enterprise. */
  rentals?: number;
  enterprises?: number;
}

/** Every counter the delta carries, the other way. */
export function negate(delta: CountsDelta): CountsDelta {
  const out = { ...delta };
  for (const key of Object.keys(out) as (keyof CountsDelta)[]) out[key] = -(delta[key] ?? 0);
  return out;
}
