/** @jest-environment jsdom */
import { zeroGateCounts, type CountsView, type GateCounts } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const refuse = (code: string, message: string) =>
  Promise.resolve({ result: { ok: false, code, message } });

const PAGE = 'pages/checkpoints/counts/index';
const LINK = 'https://example.invalid/exports/checkpoint-abc.xlsx';
const counts = (over: Partial<GateCounts>): GateCounts => ({ ...zeroGateCounts(), ...over });

const siteView = (canExport: boolean, from: string, to: string): CountsView => ({
  from,
  to,
  scope: { kind: 'site', siteId: 'cs-east', name: '沙头村东卡口' },
  totals: counts({ in: 12, out: 9, residents: 15, vehicles: 3, vehiclePeople: 7, turnedBack: 1 }),
  days: [
    { day: from, counts: counts({ in: 2, out: 1 }) },
    { day: to, counts: counts({ in: 10, out: 8, turnedBack: 1, uncovered: 1 }) },
  ],
  shifts: [
    {
      shiftId: `cs-east:${to}:0`,
      day: to,
      start: '07:00',
      end: '15:00',
      need: 2,
      filled: 1,
      counts: counts({ in: 10, out: 8, turnedBack: 1, uncovered: 1 }),
    },
  ],
  sites: [],
  page: 1,
  pageSize: 20,
  totalSites: 1,
  canExport,
});

const nodeView = (from: string, to: string): CountsView => ({
  from,
  to,
  scope: { kind: 'grid', gridId: 'g-shatou', name: '沙头社区' },
  totals: counts({ in: 30, out: 20 }),
  days: [{ day: to, counts: counts({ in: 30, out: 20 }) }],
  shifts: [],
  sites: [
    { siteId: 'cs-east', name: '沙头村东卡口', gridName: '第一经济社', counts: counts({ in: 12 }) },
    { siteId: 'cs-west', name: '沙头村西卡口', gridName: '第二经济社', counts: counts({ in: 18 }) },
  ],
  page: 1,
  pageSize: 20,
  totalSites: 2,
  canExport: true,
});

describe('卡口统计 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  function backend(canExport: boolean, exported: () => Promise<{ result: unknown }>) {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string; siteId?: string; from: string; to: string };
      if (call.name !== 'checkpoints') return refuse('INTERNAL', '未知调用');
      if (data.action === 'counts')
        return ok(
          data.siteId ? siteView(canExport, data.from, data.to) : nodeView(data.from, data.to),
        );
      if (data.action === 'exportLog') return exported();
      return refuse('INTERNAL', '未知调用');
    });
  }
  const countCalls = () => actionCalls(weapp.calls, 'checkpoints', 'counts');
  const exportCalls = () => actionCalls(weapp.calls, 'checkpoints', 'exportLog');

  it("a site's week: days, a shift short of crew, and a leader's confirmed export of that week", async () => {
    backend(true, () => ok({ url: LINK, fileName: '沙头村东卡口-通行记录.xlsx', entries: 21 }));
    page = openPage(PAGE, { siteId: 'cs-east', gridId: 'g-shatou' });
    const text = await waitForText(page, ['沙头村东卡口', '合计', '班次', '缺 1 人（1/2）']);
    expect(text).toContain('发热劝返');
    const asked = countCalls().at(-1) as unknown as {
      siteId: string;
      gridId: string;
      from: string;
      to: string;
    };
    expect(asked).toMatchObject({ siteId: 'cs-east', gridId: 'g-shatou' });
    // The week up to today: seven China days.
    const span = (Date.parse(asked.to) - Date.parse(asked.from)) / 86_400_000;
    expect(span).toBe(6);

    weapp.answerModal(false);
    tapText(page, '导出 Excel');
    await settle();
    expect(weapp.modals.at(-1)?.content).toContain(`${asked.from} 至 ${asked.to}`);
    expect(exportCalls()).toHaveLength(0);
    weapp.answerModal(true);
    tapText(page, '导出 Excel');
    const done = await waitForText(page, '已导出 21 条通行记录');
    expect(exportCalls()).toEqual([
      { action: 'exportLog', siteId: 'cs-east', from: asked.from, to: asked.to },
    ]);
    expect(weapp.openedDocuments.at(-1)).toEqual({ url: LINK, fileType: 'xlsx' });
    expect(done).not.toContain('example.invalid');
  });

  it('staff who may not export see the counts without the button', async () => {
    backend(false, () => refuse('FORBIDDEN', '无权限'));
    page = openPage(PAGE, { siteId: 'cs-east' });
    await waitForText(page, ['沙头村东卡口', '班次']);
    expect(pageText(page)).not.toContain('导出 Excel');
  });

  it("a node's sites, each opening its own counts", async () => {
    backend(true, () => refuse('FORBIDDEN', '无权限'));
    page = openPage(PAGE, { gridId: 'g-shatou' });
    await waitForText(page, ['沙头社区', '各卡口（共 2 个）', '沙头村西卡口']);
    expect(pageText(page)).not.toContain('导出 Excel');
    tapText(page, '沙头村西卡口 ›');
    await settle();
    expect(weapp.navigations.at(-1)?.url).toBe(
      '/pages/checkpoints/counts/index?siteId=cs-west&gridId=g-shatou',
    );
  });

  it('says what failed, with 重试', async () => {
    weapp.answerCallFunction(() => refuse('FORBIDDEN', '您没有权限进行此操作'));
    page = openPage(PAGE, { gridId: 'g-yannan' });
    await waitForText(page, ['您没有权限进行此操作', '重试']);
  });
});
