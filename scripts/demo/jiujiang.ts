import type { GridRecord, UserRecord } from '@gridguard/server/domain';
import type { DemoUser } from '@gridguard/emulator';

/**
 * A small Jiujiang-shaped town (镇 → 村/社区 → 经济社党支部 → 户联系党小组) with one demo user per
 * role. Ids are fixed so every fresh start seeds the same data.
 */
interface DemoGrid extends GridRecord {
  parentId: string | null;
  depth: number;
}

const grid = (id: string, name: string, levelName: string, ancestors: string[]): DemoGrid => ({
  _id: id,
  name,
  levelName,
  parentId: ancestors[ancestors.length - 1] ?? null,
  ancestors,
  depth: ancestors.length,
});

const TOWN = 'g-jiujiang';
const SHATOU = 'g-shatou';
const BRANCH = 'g-shatou-b1';

export const DEMO_GRIDS: DemoGrid[] = [
  grid(TOWN, '九江镇', '镇', []),
  grid(SHATOU, '沙头社区', '村(社区)', [TOWN]),
  grid('g-yannan', '烟南村', '村(社区)', [TOWN]),
  grid(BRANCH, '第一经济社党支部', '经济社党支部', [TOWN, SHATOU]),
  grid('g-shatou-b2', '第二经济社党支部', '经济社党支部', [TOWN, SHATOU]),
  grid('g-shatou-b1-h3', '第三户联系党小组', '户联系党小组', [TOWN, SHATOU, BRANCH]),
];

const pathTo = (gridId: string): string[] => {
  const node = DEMO_GRIDS.find((g) => g._id === gridId);
  if (!node) throw new Error(`demo grid ${gridId} is not defined`);
  return [...node.ancestors, gridId];
};

const user = (
  openid: string,
  name: string,
  roleLabel: string,
  roles: UserRecord['roles'],
  gridId: string,
): UserRecord & DemoUser => ({
  _id: openid,
  openid,
  name,
  roleLabel,
  roles,
  gridId,
  gridPath: pathTo(gridId),
});

export const DEMO_USERS: (UserRecord & DemoUser)[] = [
  user('oDemoResident', '王秀英', '居民', ['resident'], 'g-shatou-b1-h3'),
  user('oDemoVolunteer', '李志强', '网格员（党员志愿者）', ['member'], BRANCH),
  user('oDemoLeader', '陈建华', '网格长', ['leader'], SHATOU),
  user('oDemoCommand', '九江镇指挥部', '指挥部', ['command'], TOWN),
];
