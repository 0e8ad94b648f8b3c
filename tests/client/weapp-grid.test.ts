/** @jest-environment jsdom */
import type { FunctionResult, GridDetail, GridNodeView, MemberView, Page } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const GRID = 'pages/grid/index';
const DETAIL = 'pages/grid-detail/index';

function node(overrides: Partial<GridNodeView> & Pick<GridNodeView, 'id' | 'name'>): GridNodeView {
  return {
    levelName: '经济社党支部',
    depth: 2,
    parentId: 'g-shatou',
    path: [
      { id: 'g-jiujiang', name: '九江镇' },
      { id: 'g-shatou', name: '沙头社区' },
    ],
    leader: null,
    childCount: 0,
    counts: { nodes: 0, households: 0, people: 0, members: 0 },
    ...overrides,
  };
}

const SHATOU = node({
  id: 'g-shatou',
  name: '沙头社区',
  levelName: '村(社区)',
  depth: 1,
  parentId: 'g-jiujiang',
  path: [{ id: 'g-jiujiang', name: '九江镇' }],
  leader: { name: '陈建华', party: true },
  childCount: 2,
  counts: { nodes: 5, households: 9, people: 27, members: 9 },
});

const page = <T>(items: T[], total = items.length, n = 1): Page<T> => ({
  items,
  page: n,
  pageSize: 20,
  total,
});

type Router = (call: { action: string } & Record<string, unknown>) => FunctionResult<unknown>;

/** Answers wx.cloud.callFunction per router function and action, as the deployed functions would. */
function answerActions(routes: Record<string, Router>) {
  return (call: CloudCall) => {
    const data = call.data as { action: string } & Record<string, unknown>;
    const route = routes[call.name];
    const result: FunctionResult<unknown> = route
      ? route(data)
      : { ok: false, code: 'INTERNAL', message: `no ${call.name} in this test` };
    return Promise.resolve({ result });
  };
}

describe('grid pages of the built mini-program', () => {
  const weapp = launchWeapp();
  let current: WeappPage | null = null;

  afterEach(() => {
    current?.detach();
    current = null;
    weapp.navigations.length = 0;
    weapp.modals.length = 0;
    weapp.answerModal(false);
    jest.restoreAllMocks();
  });

  describe('我的网格', () => {
    it('lists the nodes the caller may browse with leader, party badge and subtree counts', async () => {
      weapp.answerCallFunction(
        answerActions({ grids: () => ({ ok: true, data: page([SHATOU]) }) }),
      );
      current = openPage(GRID);

      const text = await waitForText(current, ['沙头社区', '陈建华']);
      expect(text).toContain('九江镇 ›');
      expect(text).toContain('村(社区)');
      expect(text).toContain('党员');
      expect(text).toContain('下级网格 2');
      expect(text).toContain('住户 9 · 居民 27 · 成员 9');
      expect(weapp.calls.at(-1)).toEqual({
        name: 'grids',
        data: { action: 'children', parentId: null, page: 1 },
      });
    });

    it('opens the node detail when a node is tapped', async () => {
      weapp.answerCallFunction(
        answerActions({ grids: () => ({ ok: true, data: page([SHATOU]) }) }),
      );
      current = openPage(GRID);
      await waitForText(current, '沙头社区');

      tapText(current, '沙头社区');
      await waitFor(() => weapp.navigations.length > 0);
      expect(weapp.navigations).toEqual([
        { api: 'navigateTo', url: '/pages/grid-detail/index?id=g-shatou' },
      ]);
    });

    it('says so when there is no node to browse, and offers the way to join', async () => {
      weapp.answerCallFunction(answerActions({ grids: () => ({ ok: true, data: page([]) }) }));
      current = openPage(GRID);

      const text = await waitForText(current, '暂无可查看的网格');
      expect(text).toContain('加入网格');
    });

    it('shows the function’s message and loads again on 重试', async () => {
      weapp.answerCallFunction(
        answerActions({
          grids: () => ({ ok: false, code: 'NOT_REGISTERED', message: '您还没有加入任何网格' }),
        }),
      );
      current = openPage(GRID);
      await waitForText(current, ['加载失败', '您还没有加入任何网格', '重试']);

      weapp.answerCallFunction(
        answerActions({ grids: () => ({ ok: true, data: page([SHATOU]) }) }),
      );
      tapText(current, '重试');
      await waitForText(current, ['沙头社区', '陈建华']);
    });
  });

  describe('网格详情', () => {
    const branch = node({
      id: 'g-shatou-b1',
      name: '第一经济社党支部',
      leader: { name: '黄德明', party: true },
      childCount: 25,
      counts: { nodes: 25, households: 6, people: 18, members: 4 },
    });
    const team: MemberView[] = [
      {
        openid: 'oGenBranch01',
        name: '黄德明',
        kind: 'leader',
        party: true,
        phoneMasked: '138****8251',
        joinedAt: '2020-02-03T00:00:00.000Z',
        pending: false,
        self: false,
      },
      {
        openid: 'oGenVolunteer',
        name: '郭海燕',
        kind: 'volunteer',
        party: false,
        phoneMasked: null,
        joinedAt: '2020-02-03T00:00:00.000Z',
        pending: false,
        self: false,
      },
    ];
    const children = Array.from({ length: 25 }, (_, i) =>
      node({
        id: `g-shatou-b1-h${i + 1}`,
        name: `第${i + 1}户联系党小组`,
        levelName: '户联系党小组',
        depth: 3,
        parentId: 'g-shatou-b1',
      }),
    );
    const detail = (can: GridDetail['can']): GridDetail => ({ node: branch, members: team, can });
    const readOnly = {
      manage: false,
      restructure: false,
      invite: false,
      readHouseholds: false,
      registerPeople: false,
      revealPhone: false,
      revealIdNumber: false,
    };

    it('shows the header, the team and 20 children, then the rest on 加载更多', async () => {
      weapp.answerCallFunction(
        answerActions({
          grids: ({ action, page: n }) => {
            if (action === 'detail') return { ok: true, data: detail(readOnly) };
            const from = ((n as number) - 1) * 20;
            return { ok: true, data: page(children.slice(from, from + 20), 25, n as number) };
          },
        }),
      );
      current = openPage(DETAIL, { id: 'g-shatou-b1' });

      let text = await waitForText(current, [
        '第一经济社党支部',
        '第20户联系党小组',
        '已显示 20 / 25',
      ]);
      // The ancestors above the heading; the node's own name only once, as the heading.
      expect(text).toContain('九江镇 › 沙头社区第一经济社党支部');
      expect(text.split('第一经济社党支部')).toHaveLength(2);
      expect(text).toContain('网格长：黄德明');
      expect(text).toContain('网格团队');
      expect(text).toContain('志愿者');
      expect(text).toContain('138****8251');
      expect(text).not.toContain('第21户联系党小组');
      // A member who may only read sees no leader actions and no households.
      expect(text).not.toContain('成员管理');
      expect(text).not.toContain('新建下级网格');
      expect(text).not.toContain('门牌码');
      expect(weapp.calls).toContainEqual({
        name: 'grids',
        data: { action: 'detail', gridId: 'g-shatou-b1' },
      });

      tapText(current, '加载更多');
      text = await waitForText(current, ['第25户联系党小组', '共 25 项，已全部显示']);
      expect(text).not.toContain('加载更多');
      expect(weapp.calls.at(-1)).toEqual({
        name: 'grids',
        data: { action: 'children', parentId: 'g-shatou-b1', page: 2 },
      });
    });

    it('offers a leader the actions and lists households one row each, people behind a tap', async () => {
      const person = (i: number, h: number) => ({
        id: `p-${h}-${i}`,
        name: `住户${h}成员${i}`,
        relation: i === 0 ? '本人' : '子女',
        idNumberMasked: '4406**********0038',
        phoneMasked: '138****0000',
        proxy: null,
        hasWechat: false,
        ...(h === 1 && i === 0 && { care: ['alone' as const] }),
      });
      // Six households of four: the page that drew every person was thousands of pixels long.
      const households = Array.from({ length: 6 }, (_, h) => ({
        id: `h-${h}`,
        gridId: 'g-shatou-b1-h3',
        gridName: '第三户联系党小组',
        address: `沙头社区新村大街${h + 1}号`,
        code: 'WXY2H8',
        contact: h === 0 ? { name: '梁志明', party: true } : null,
        people: Array.from({ length: 4 }, (_, i) => person(i, h)),
      }));
      weapp.answerCallFunction(
        answerActions({
          grids: ({ action }) => {
            if (action === 'detail') {
              return {
                ok: true,
                data: detail({
                  manage: true,
                  restructure: true,
                  invite: true,
                  readHouseholds: true,
                  registerPeople: true,
                  revealPhone: true,
                  revealIdNumber: true,
                }),
              };
            }
            if (action === 'households') return { ok: true, data: page(households, 26) };
            return { ok: true, data: page([]) };
          },
        }),
      );
      current = openPage(DETAIL, { id: 'g-shatou-b1' });

      const text = await waitForText(current, [
        '沙头社区新村大街1号',
        '沙头社区新村大街6号',
        '已显示 6 / 26',
        '暂无下级网格',
      ]);
      for (const action of ['成员管理', '新建下级网格', '重命名']) expect(text).toContain(action);
      // 25 nodes below: not empty, so deletion is not offered.
      expect(text).not.toContain('删除');
      // One row a household: where it is, how many, who contacts it, its 重点关爱 marks.
      expect(text).toContain('第三户联系党小组 · 4 人 · 户联系 梁志明');
      expect(text).toContain('第三户联系党小组 · 4 人 · 未指定户联系');
      expect(text).toContain('重点关爱独居老人');
      // Nobody's name or number until a household is opened.
      expect(text).not.toContain('住户0成员0');
      expect(text).not.toContain('4406**********0038');
      expect(text).not.toContain('138****0000');

      weapp.navigations.length = 0;
      tapText(current, '沙头社区新村大街2号');
      await waitFor(() => weapp.navigations.length > 0);
      expect(weapp.navigations).toEqual([
        {
          api: 'navigateTo',
          url: '/pages/register/household/index?id=h-1&gridId=g-shatou-b1',
        },
      ]);
      // 打印 on a row prints that household's card, without opening the household.
      weapp.navigations.length = 0;
      tapText(current, '打印');
      await waitFor(() => weapp.navigations.length > 0);
      expect(weapp.navigations).toEqual([
        {
          api: 'navigateTo',
          url: '/pages/posters/index?gridId=g-shatou-b1-h3&householdId=h-5',
        },
      ]);
    });

    it('names the town once on the town page', async () => {
      const town = node({
        id: 'g-jiujiang',
        name: '九江镇',
        levelName: '镇',
        depth: 0,
        parentId: null,
        path: [],
        childCount: 2,
      });
      weapp.answerCallFunction(
        answerActions({
          grids: ({ action }) =>
            action === 'detail'
              ? { ok: true, data: { node: town, members: [], can: readOnly } }
              : { ok: true, data: page([]) },
        }),
      );
      current = openPage(DETAIL, { id: 'g-jiujiang' });
      const text = await waitForText(current, ['九江镇', '暂无成员']);
      expect(text.split('九江镇')).toHaveLength(2);
    });

    it('deletes an empty node only after the user confirms, then goes back', async () => {
      const empty = node({ id: 'g-new', name: '第九户联系党小组', levelName: '户联系党小组' });
      const removals: unknown[] = [];
      weapp.answerCallFunction(
        answerActions({
          grids: (data) => {
            if (data.action === 'detail') {
              return {
                ok: true,
                data: {
                  node: empty,
                  members: [],
                  can: {
                    manage: true,
                    restructure: true,
                    invite: true,
                    readHouseholds: true,
                    registerPeople: true,
                    revealPhone: true,
                    revealIdNumber: true,
                  },
                },
              };
            }
            if (data.action === 'remove') {
              removals.push(data);
              return { ok: true, data: { removed: true } };
            }
            return { ok: true, data: page([]) };
          },
        }),
      );
      current = openPage(DETAIL, { id: 'g-new' });
      await waitForText(current, ['第九户联系党小组', '删除', '暂无成员', '暂无住户']);

      tapText(current, '删除');
      await waitFor(() => weapp.modals.length === 1);
      expect(weapp.modals[0]?.content).toBe('确认删除「第九户联系党小组」？此操作不可撤销');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(removals).toEqual([]);

      weapp.answerModal(true);
      tapText(current, '删除');
      await waitFor(() => weapp.navigations.length > 0);
      expect(removals).toEqual([{ action: 'remove', gridId: 'g-new', confirm: true }]);
      // Opened directly in the test, so there is no page below: back means home.
      expect(weapp.navigations).toEqual([{ api: 'reLaunch', url: '/pages/home/index' }]);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
