import type { DemoUser } from '@gridguard/emulator';
import { LEVEL_TEMPLATES, type ClassificationRules } from '@gridguard/types';
import {
  buildDeployment,
  generatedHouseholds,
  idNumberFor,
  phoneFor,
  type NodeSpec,
} from './builder';

/**
 * A small Jiujiang-shaped town (镇 → 村/社区 → 经济社党支部 → 户联系党小组, the three-level party
 * grid of the source reports) with teams, households, residents and one demo login per role.
 */
const [TOWN, VILLAGE, BRANCH, GROUP] = LEVEL_TEMPLATES.jiujiang.levels;

const group = (
  id: string,
  name: string,
  street: string,
  start: number,
  contact: { openid: string; name: string },
): NodeSpec => ({
  id,
  name,
  levelName: GROUP,
  households: generatedHouseholds(id, street, 3, start, 3).map((h) => ({
    ...h,
    contact: { ...contact, party: true },
  })),
  // The 户联系 the households call.
  team: [
    {
      openid: contact.openid,
      name: contact.name,
      kind: 'member',
      party: true,
      phone: phoneFor(400 + start),
    },
  ],
});

/** 王秀英's household: the demo resident, her husband, and her mother registered by proxy. */
const residentHousehold = {
  id: 'h-demo-resident',
  address: '沙头社区新村大街18号',
  code: 'WXY2H8',
  contact: { openid: 'oGenContact03', name: '梁志明', party: true },
  people: [
    {
      name: '王秀英',
      relation: '本人',
      idNumber: idNumberFor(9001),
      phone: '13800138018',
      openid: 'oDemoResident',
    },
    { name: '冯国庆', relation: '配偶', idNumber: idNumberFor(9002), phone: phoneFor(9002) },
    {
      name: '王桂英',
      relation: '父母',
      idNumber: idNumberFor(9003),
      proxyBy: { openid: 'oDemoResident', name: '王秀英' },
    },
  ],
};

const town: NodeSpec = {
  id: 'g-jiujiang',
  name: '九江镇',
  levelName: TOWN,
  children: [
    {
      id: 'g-shatou',
      name: '沙头社区',
      levelName: VILLAGE,
      team: [
        {
          openid: 'oDemoLeader',
          name: '陈建华',
          kind: 'leader',
          party: true,
          phone: '13900139001',
        },
        {
          openid: 'oGenSupport01',
          name: '何丽娟',
          kind: 'support',
          party: true,
          phone: phoneFor(301),
        },
        { openid: 'oGenVolunteer01', name: '郭海燕', kind: 'volunteer', phone: phoneFor(302) },
      ],
      children: [
        {
          id: 'g-shatou-b1',
          name: '第一经济社党支部',
          levelName: BRANCH,
          team: [
            {
              openid: 'oGenBranch01',
              name: '黄德明',
              kind: 'leader',
              party: true,
              phone: phoneFor(303),
            },
            {
              openid: 'oDemoVolunteer',
              name: '李志强',
              kind: 'member',
              party: true,
              phone: '13700137002',
            },
          ],
          children: [
            group('g-shatou-b1-h1', '第一户联系党小组', '沙头社区东街', 0, {
              openid: 'oGenContact01',
              name: '罗桂芳',
            }),
            {
              ...group('g-shatou-b1-h3', '第三户联系党小组', '沙头社区新村大街', 3, {
                openid: 'oGenContact03',
                name: '梁志明',
              }),
              households: [
                residentHousehold,
                ...generatedHouseholds('g-shatou-b1-h3', '沙头社区新村大街', 2, 3, 3).map((h) => ({
                  ...h,
                  contact: { openid: 'oGenContact03', name: '梁志明', party: true },
                })),
              ],
            },
          ],
        },
        {
          id: 'g-shatou-b2',
          name: '第二经济社党支部',
          levelName: BRANCH,
          team: [{ openid: 'oGenBranch02', name: '谢文', kind: 'leader', party: true }],
          children: [
            group('g-shatou-b2-h1', '第一户联系党小组', '沙头社区西街', 6, {
              openid: 'oGenContact02',
              name: '宋艳',
            }),
          ],
        },
      ],
    },
    {
      id: 'g-yannan',
      name: '烟南村',
      levelName: VILLAGE,
      team: [{ openid: 'oGenLeader02', name: '黄伟', kind: 'leader', party: true }],
      children: [
        {
          id: 'g-yannan-b1',
          name: '第一经济社党支部',
          levelName: BRANCH,
          children: [
            group('g-yannan-b1-h1', '第一户联系党小组', '烟南村大道', 9, {
              openid: 'oGenContact04',
              name: '唐勇',
            }),
          ],
        },
      ],
    },
  ],
};

export const demoDeployment = () =>
  buildDeployment(town, new Date('2020-02-03T08:00:00+08:00'), [
    { openid: 'oDemoCommand', name: '九江镇指挥部' },
  ]);

/** Who the h5 preview's local login offers. */
export const DEMO_LOGINS: DemoUser[] = [
  { openid: 'oDemoResident', name: '王秀英', roleLabel: '居民' },
  { openid: 'oDemoVolunteer', name: '李志强', roleLabel: '网格员（党员）' },
  { openid: 'oDemoLeader', name: '陈建华', roleLabel: '网格长' },
  { openid: 'oDemoCommand', name: '九江镇指挥部', roleLabel: '指挥部' },
  { openid: 'oDemoNewcomer', name: '赵敏', roleLabel: '新用户（未加入网格）' },
];

/** The command centre's rules as they stood in early February 2020 (an example to edit). */
export const DEMO_RULES: ClassificationRules = {
  observationDays: 14,
  riskAreas: [
    // Picked by region code, as the command centre's 风险地区 page does.
    { province: '湖北省', code: '420000', level: 'high', since: '2020-01-23' },
    { province: '浙江省', city: '温州市', code: '330300', level: 'medium', since: '2020-01-28' },
    { province: '广东省', city: '深圳市', code: '440300', level: 'medium', since: '2020-01-28' },
  ],
};
