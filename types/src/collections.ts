/**
 * The cloud database collections and their indexes: the list to create in the CloudBase console
 * (数据库 → 添加集合 → 索引管理) before deploying, and what the local emulator creates at start.
 */
export type IndexDirection = 1 | -1;

export interface IndexDeclaration {
  /** The index name as entered in the console. */
  name: string;
  /** Fields in priority order; a compound index only serves queries on its leading fields. */
  fields: readonly (readonly [path: string, direction: IndexDirection])[];
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  indexes: readonly IndexDeclaration[];
}

export const COLLECTIONS = {
  /** One document per WeChat user, `_id` = OPENID. */
  users: 'users',
  /** Grid tree nodes (镇/村/经济社支部/户联系组 …). */
  grids: 'grids',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

export const COLLECTION_DECLARATIONS: readonly CollectionDeclaration[] = [
  {
    name: COLLECTIONS.users,
    indexes: [
      { name: 'gridId_1', fields: [['gridId', 1]] },
      // Multikey on the materialised path: everyone in a subtree is one indexed query.
      { name: 'gridPath_1', fields: [['gridPath', 1]] },
    ],
  },
  {
    name: COLLECTIONS.grids,
    indexes: [
      { name: 'parentId_1', fields: [['parentId', 1]] },
      { name: 'ancestors_1', fields: [['ancestors', 1]] },
    ],
  },
];
