import * as v from 'valibot';
import { idSchema, textSchema } from './text';

/** Level names per deployment, from the towns in the source reports. */
export const LEVEL_TEMPLATES = {
  jiujiang: {
    label: '九江镇（三级党建网格）',
    levels: ['镇', '村(社区)', '经济社党支部', '户联系党小组'],
  },
  shantou: {
    label: '汕头（入网入格入家庭）',
    levels: ['村(社区)党组织', '党支部(党小组)', '党员中心户', '联系户'],
  },
  lijiang: {
    label: '丽江（五级网格）',
    levels: ['市', '县(区)', '乡镇(街道)', '社区', '居民小组'],
  },
  estate: { label: '小区（区长/栋长/单元长）', levels: ['小区', '栋', '单元'] },
} as const;
export type LevelTemplate = keyof typeof LEVEL_TEMPLATES;

/** The name a new node gets at a depth, when the deployment has no level name for it. */
export function levelNameAt(levels: readonly string[], depth: number): string {
  return levels[depth] ?? `第${depth + 1}级网格`;
}

/**
 * A label with the level it is at, as 「所在网格 · 村(社区)」. Level names carry brackets of their
 * own (村(社区), 党支部(党小组), and whatever a town types), so a level name is never wrapped in
 * another pair: 「所在网格（村(社区)）」 nests them.
 */
export function withLevelName(label: string, levelName: string | null | undefined): string {
  return levelName ? `${label} · ${levelName}` : label;
}

/** What people do in a node ("1+N+X"": one leader, N support staff, X volunteers). */
export const MEMBER_KINDS = ['leader', 'member', 'support', 'volunteer'] as const;
export const MemberKindSchema = v.picklist(MEMBER_KINDS, '请选择成员身份');
export type MemberKind = v.InferOutput<typeof MemberKindSchema>;
export const MEMBER_KIND_LABELS: Record<MemberKind, string> = {
  leader: '网格长',
  member: '网格员',
  support: '下沉支援',
  volunteer: '志愿者',
};

export const GridIdSchema = idSchema('网格编号');
export const GridNameSchema = textSchema({
  min: { length: 1, message: '请填写网格名称' },
  max: { length: 30, message: '网格名称不超过 30 个字' },
});

/** Counters kept on each node for its whole subtree, so no listing walks the tree. */
export interface SubtreeCounts {
  /** Nodes below this one. */
  nodes: number;
  households: number;
  people: number;
  members: number;
  /** 出租屋 and 企业 (leaves only, like households); absent on nodes that never had one. */
  rentals?: number;
  enterprises?: number;
}

export interface GridNodeView {
  id: string;
  name: string;
  levelName: string;
  depth: number;
  parentId: string | null;
  /** Ancestors from the root down, not including this node. */
  path: { id: string; name: string }[];
  leader: { name: string; party: boolean } | null;
  childCount: number;
  counts: SubtreeCounts;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const PageSchema = v.optional(
  v.pipe(
    v.number('页码应为数字'),
    v.integer('页码应为整数'),
    v.minValue(1, '页码从 1 开始'),
    v.maxValue(10_000, '页码过大'),
  ),
  1,
);
export const PAGE_SIZE = 20;

export interface MemberView {
  openid: string;
  name: string;
  kind: MemberKind;
  /** 亮身份: a party member shows the badge. */
  party: boolean;
  phoneMasked: string | null;
  joinedAt: string;
  /** Joined by an invite code and not yet confirmed by a leader. */
  pending: boolean;
  /** The caller: nobody removes or confirms themselves (the server refuses both). */
  self: boolean;
}

export interface GridDetail {
  node: GridNodeView;
  members: MemberView[];
  /** What the caller may do here, so the client shows only those actions. */
  can: {
    /** Create children, rename. */
    manage: boolean;
    /** Delete or move this node: only from above it. */
    restructure: boolean;
    invite: boolean;
    readHouseholds: boolean;
    /** Register people and, on a leaf, walk-in households (the 流管站 desk): leaders and members. */
    registerPeople: boolean;
    revealPhone: boolean;
    revealIdNumber: boolean;
  };
}
