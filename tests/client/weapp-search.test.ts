/** @jest-environment jsdom */
import type { HouseholdHit, NodeHit, PersonHit, SearchHit, SearchResult } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  typeInto,
  until,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });

const person = (n: number): PersonHit => ({
  kind: 'person',
  id: `p-${n}`,
  gridId: 'g-shatou-b1-h3',
  path: [
    { id: 'g-shatou', name: '沙头社区' },
    { id: 'g-shatou-b1', name: '第一经济社党支部' },
    { id: 'g-shatou-b1-h3', name: '第三户联系党小组' },
  ],
  person: {
    id: `p-${n}`,
    name: n === 1 ? '王秀英' : `王某${n}`,
    relation: '本人',
    idNumberMasked: '4406**********1234',
    phoneMasked: '138****8018',
    proxy: null,
    hasWechat: true,
    reveal: { idNumber: false, phone: true },
  },
  householdId: n === 1 ? 'h-demo-resident' : `h-demo-${n}`,
  address: '沙头社区新村大街18号',
  matched: 'name',
});

const PATH = [
  { id: 'g-shatou', name: '沙头社区' },
  { id: 'g-shatou-b1', name: '第一经济社党支部' },
];
const household: HouseholdHit = {
  kind: 'household',
  id: 'h-demo-resident',
  gridId: 'g-shatou-b1-h3',
  path: [...PATH, { id: 'g-shatou-b1-h3', name: '第三户联系党小组' }],
  household: {
    id: 'h-demo-resident',
    gridId: 'g-shatou-b1-h3',
    gridName: '第三户联系党小组',
    address: '沙头社区新村大街18号',
    code: 'WXY2H8',
    contact: null,
    people: [],
  },
};
const node: NodeHit = {
  kind: 'node',
  id: 'g-shatou-b1-h3',
  gridId: 'g-shatou-b1-h3',
  path: [...PATH, { id: 'g-shatou-b1-h3', name: '第三户联系党小组' }],
  node: {
    id: 'g-shatou-b1-h3',
    name: '第三户联系党小组',
    levelName: '户联系党小组',
    depth: 3,
    parentId: 'g-shatou-b1',
    path: PATH,
    childCount: 0,
    counts: { nodes: 0, households: 12, people: 30, members: 2 },
    leader: null,
  },
};

const result = (items: SearchHit[], page = 1, total = items.length): SearchResult => ({
  kind: 'people',
  match: 'name',
  items,
  page,
  pageSize: 20,
  total,
});

describe('查找, in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('searches as the user stops typing, shows masked results where they sit, pages and opens the person’s household', async () => {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string; query: string; kind: string; page: number };
      if (call.name !== 'search' || data.action !== 'find')
        return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
      if (data.kind === 'households')
        return ok({ ...result([]), kind: 'households', match: 'address' });
      if (data.page === 2) return ok(result([person(21)], 2, 21));
      return ok(
        result(
          Array.from({ length: 20 }, (_, i) => person(i + 1)),
          1,
          21,
        ),
      );
    });
    const before = weapp.calls.length;
    page = openPage('pages/search/index', { gridId: 'g-shatou', name: '沙头社区' });
    await waitForText(page, ['在「沙头社区」中查找', '请输入要查找的内容', '人员', '住户', '网格']);

    typeInto(page, '查找内容', '王');
    typeInto(page, '查找内容', '王秀');
    await waitForText(page, [
      '王秀英',
      '138****8018',
      '沙头社区 › 第一经济社党支部 › 第三户联系党小组',
    ]);
    const finds = actionCalls(weapp.calls.slice(before), 'search', 'find');
    // One search for the word typed, not one per keystroke.
    expect(finds).toEqual([
      { action: 'find', gridId: 'g-shatou', query: '王秀', kind: 'people', page: 1 },
    ]);
    const text = pageText(page);
    expect(text).toContain('共 21 人');
    expect(text).toContain('沙头社区新村大街18号');
    expect(text).not.toContain('13800138018');

    tapText(page, '加载更多');
    await waitForText(page, ['王某21', '共 21 项，已全部显示']);

    // The last result's household, on the register's page, with the searched node for 迁移.
    weapp.navigations.length = 0;
    tapText(page, '查看住户');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations[0]?.url).toBe(
      '/pages/register/household/index?id=h-demo-21&gridId=g-shatou',
    );
    expect(pageText(page)).not.toContain('查看所在网格');

    tapText(page, '住户');
    await waitForText(page, '没有找到');
    expect(actionCalls(weapp.calls.slice(before), 'search', 'find').at(-1)).toMatchObject({
      query: '王秀',
      kind: 'households',
    });
  });

  it('a household opens its register page, a node its 网格详情', async () => {
    weapp.answerCallFunction((call) => {
      const data = call.data as { kind: string };
      if (data.kind === 'nodes') return ok({ ...result([node]), kind: 'nodes', match: 'nodeName' });
      return ok({ ...result([household]), kind: 'households', match: 'doorCode' });
    });
    page = openPage('pages/search/index', { gridId: 'g-shatou', name: '沙头社区' });
    await waitForText(page, '请输入要查找的内容');
    tapText(page, '住户');
    typeInto(page, '查找内容', 'wxy2h8');
    await waitForText(page, ['沙头社区新村大街18号', 'WXY2H8']);
    weapp.navigations.length = 0;
    tapText(page, '查看住户');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations[0]?.url).toBe(
      '/pages/register/household/index?id=h-demo-resident&gridId=g-shatou',
    );

    tapText(page, '网格');
    await waitForText(page, ['户联系党小组', '住户 12 · 居民 30']);
    weapp.navigations.length = 0;
    tapText(page, '打开网格');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations[0]?.url).toBe('/pages/grid-detail/index?id=g-shatou-b1-h3');
  });

  it('says when the search failed and retries', async () => {
    let fail = true;
    weapp.answerCallFunction(() =>
      fail
        ? Promise.resolve({ result: { ok: false, code: 'FORBIDDEN', message: '无权查看该网格' } })
        : ok(result([person(1)])),
    );
    page = openPage('pages/search/index', { gridId: 'g-yannan' });
    await waitForText(page, '查找');
    typeInto(page, '查找内容', '王秀英');
    await waitForText(page, ['查找失败', '无权查看该网格']);
    fail = false;
    tapText(page, '重试');
    await waitForText(page, '王秀英');
    await settle();
  });
});
