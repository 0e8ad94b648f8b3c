/** @jest-environment jsdom */
import {
  PAGE_SIZE,
  type GridDetail,
  type HouseholdCounts,
  type HouseholdFilter,
  type HouseholdPage,
  type HouseholdRow,
} from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  tapChip,
  tapText,
  until,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });

const NO_TAGS = { observing: 0, notReported: 0, abnormal: 0 };
/** 22 households not reported today, 2 abnormal, 1 with 重点关爱, 5 with nothing. */
const ROWS: HouseholdRow[] = Array.from({ length: 30 }, (_, i) => ({
  id: `h-${i + 1}`,
  gridId: 'g-leaf',
  address: `甲东街${String(i + 1).padStart(2, '0')}号`,
  code: 'WXY2H8',
  people: 2,
  tags:
    i < 22
      ? { observing: 1, notReported: 1, abnormal: 0 }
      : i < 24
        ? { observing: 1, notReported: 0, abnormal: 1 }
        : NO_TAGS,
  care: i === 24 ? ['alone'] : [],
}));
const carries = (row: HouseholdRow, filter: HouseholdFilter) =>
  filter === 'care' ? row.care.length > 0 : row.tags[filter] > 0;

/** The register as the server answers it: filtered, paged, the chips' counts on page 1. */
function answer(rows: readonly HouseholdRow[], page: number, filter?: HouseholdFilter) {
  const matching = filter ? rows.filter((r) => carries(r, filter)) : rows;
  const counts: HouseholdCounts = {
    observing: rows.filter((r) => carries(r, 'observing')).length,
    notReported: rows.filter((r) => carries(r, 'notReported')).length,
    abnormal: rows.filter((r) => carries(r, 'abnormal')).length,
    care: rows.filter((r) => carries(r, 'care')).length,
  };
  const result: HouseholdPage = {
    items: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    page,
    pageSize: PAGE_SIZE,
    total: matching.length,
    counts: page === 1 ? counts : null,
  };
  return result;
}

const detail: Pick<GridDetail, 'node' | 'can' | 'members'> = {
  node: {
    id: 'g-leaf',
    name: '第一户联系党小组',
    levelName: '户联系党小组',
    depth: 3,
    parentId: 'g-b1',
    path: [],
    leader: null,
    childCount: 0,
    counts: { nodes: 0, households: 30, people: 60, members: 1 },
  },
  members: [],
  can: {
    manage: true,
    restructure: false,
    invite: true,
    readHouseholds: true,
    registerPeople: true,
    revealPhone: true,
    revealIdNumber: true,
  },
};

describe('住户登记: tags and filter chips in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  function backend(rows: readonly HouseholdRow[]) {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string; page?: number; filter?: HouseholdFilter };
      if (call.name === 'grids' && data.action === 'detail') return ok(detail);
      if (call.name === 'register' && data.action === 'households')
        return ok(answer(rows, data.page ?? 1, data.filter));
      return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
    });
  }
  const listCalls = (from: number) =>
    actionCalls(weapp.calls.slice(from), 'register', 'households') as {
      page?: number;
      filter?: HouseholdFilter;
    }[];

  it('shows each row’s tags and a chip per tag with its count', async () => {
    backend(ROWS);
    page = openPage('pages/register/households/index', { gridId: 'g-leaf' });
    const text = await waitForText(page, [
      '全部',
      '观察中 24',
      '今日未报 22',
      '异常 2',
      '重点关爱 1',
      '共 30 户',
    ]);
    expect(text).toContain('今日未报 1');
    expect(text).toContain('观察中 1');
  });

  it('filters the list by the chip tapped, from page 1, and pages on under the filter', async () => {
    backend(ROWS);
    page = openPage('pages/register/households/index', { gridId: 'g-leaf' });
    await waitForText(page, '异常 2');
    const before = weapp.calls.length;
    tapChip(page, '异常 2');
    await waitForText(page, ['甲东街23号', '甲东街24号', '异常 2 户']);
    expect(listCalls(before)).toEqual([
      { action: 'households', gridId: 'g-leaf', page: 1, filter: 'abnormal' },
    ]);
    expect(pageText(page)).not.toContain('甲东街01号');
    expect(pageText(page)).toContain('异常 1');

    const next = weapp.calls.length;
    tapChip(page, '今日未报 22');
    await waitForText(page, ['今日未报 22 户', '已显示 20 / 22']);
    expect(pageText(page)).not.toContain('甲东街23号');
    tapText(page, '加载更多');
    await waitForText(page, ['甲东街22号', '共 22 项，已全部显示']);
    expect(listCalls(next)).toEqual([
      { action: 'households', gridId: 'g-leaf', page: 1, filter: 'notReported' },
      { action: 'households', gridId: 'g-leaf', page: 2, filter: 'notReported' },
    ]);

    const back = weapp.calls.length;
    tapChip(page, '全部');
    await waitForText(page, ['共 30 户', '已显示 20 / 30']);
    await until(() => listCalls(back).length === 1);
    expect(listCalls(back)[0]).toEqual({ action: 'households', gridId: 'g-leaf', page: 1 });
  });

  it('says so when no household carries the tag', async () => {
    backend(ROWS.filter((row) => row.care.length === 0 && row.tags.notReported === 0));
    page = openPage('pages/register/households/index', { gridId: 'g-leaf' });
    await waitForText(page, '今日未报 0');
    tapChip(page, '今日未报 0');
    await waitForText(page, ['本网格今日没有未报的住户', '点「全部」查看所有住户']);
    tapChip(page, '重点关爱 0');
    await waitForText(page, '本网格没有重点关爱的住户');
  });
});
