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

export const DEMO_USERS: (UserRecord & DemoUser)[] = [
  {
    _id: 'oDemoResident',
    openid: 'oDemoResident',
    name: '王秀英',
    roleLabel: '居民',
    roles: ['resident'],
    gridId: 'g-shatou-b1-h3',
  },
  {
    _id: 'oDemoVolunteer',
    openid: 'oDemoVolunteer',
    name: '李志强',
    roleLabel: '网格员（党员志愿者）',
    roles: ['member'],
    gridId: BRANCH,
  },
  {
    _id: 'oDemoLeader',
    openid: 'oDemoLeader',
    name: '陈建华',
    roleLabel: '网格长',
    roles: ['leader'],
    gridId: SHATOU,
  },
  {
    _id: 'oDemoCommand',
    openid: 'oDemoCommand',
    name: '九江镇指挥部',
    roleLabel: '指挥部',
    roles: ['command'],
    gridId: TOWN,
  },
];
