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
}

export function negate(delta: CountsDelta): CountsDelta {
  return {
    nodes: -delta.nodes,
    households: -delta.households,
    people: -delta.people,
    members: -delta.members,
  };
}
