/** @jest-environment jsdom */
import type { CampaignView, CoverageRow, CoverageView } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  until,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const refuse = (code: string, message: string) =>
  Promise.resolve({ result: { ok: false, code, message } });

const PAGE = 'pages/campaigns/detail/index';
const LINK = 'https://example.invalid/exports/campaign-abc.xlsx';

const campaign = (may: CampaignView['may']): CampaignView => ({
  id: 'c-1',
  name: '春节洗楼',
  kind: 'household',
  gridId: 'g-village',
  gridName: '沙头社区',
  startDay: '2026-11-30',
  endDay: '2026-12-06',
  rounds: 2,
  round: 2,
  status: 'active',
  checklist: [],
  letter: null,
  letterHash: null,
  maxAttempts: 3,
  createdBy: '陈建华',
  createdAt: '2026-11-30T01:00:00.000Z',
  may,
});
const node: CoverageRow = {
  id: 'g-branch',
  name: '第一经济社党支部',
  leaf: false,
  figures: {
    targets: 3,
    assigned: 3,
    entered: 1,
    findings: 1,
    refused: 1,
    noHome: 0,
    signed: 0,
    flagged: 0,
    visited: 2,
    entryRate: 2 / 3,
    checkRate: 1,
  },
};
const coverage: CoverageView = {
  campaignId: 'c-1',
  round: 2,
  rounds: 2,
  node,
  children: { items: [], page: 1, pageSize: 20, total: 0 },
};

describe('导出 Excel on a campaign’s page in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  function backend(may: CampaignView['may'], exported: () => Promise<{ result: unknown }>) {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string };
      if (call.name !== 'campaigns') return refuse('INTERNAL', '未知调用');
      if (data.action === 'detail') return ok(campaign(may));
      if (data.action === 'coverage') return ok(coverage);
      if (data.action === 'members') return ok({ items: [], page: 1, pageSize: 20, total: 0 });
      if (data.action === 'export') return exported();
      return refuse('INTERNAL', '未知调用');
    });
  }
  const exports = () => actionCalls(weapp.calls, 'campaigns', 'export');

  it('asks first, exports the node on screen, opens the file and never shows its link', async () => {
    // The server answers when the test says: the page shows it is working meanwhile.
    let answer: (reply: { result: unknown }) => void = () => undefined;
    backend(
      { run: false, assign: true, visit: true },
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    page = openPage(PAGE, { id: 'c-1', gridId: 'g-branch' });
    await waitForText(page, ['第一经济社党支部', '导出 Excel']);

    const asked = exports().length;
    // 取消: nothing is asked of the server.
    weapp.answerModal(false);
    tapText(page, '导出 Excel');
    await settle();
    expect(weapp.modals.at(-1)).toMatchObject({ title: '导出 Excel', confirmText: '导出' });
    expect(weapp.modals.at(-1)?.content).toContain('第一经济社党支部');
    expect(exports()).toHaveLength(asked);

    weapp.answerModal(true);
    tapText(page, '导出 Excel');
    await waitForText(page, '正在导出…');
    expect(pageText(page)).not.toContain('导出 Excel');
    answer({
      result: {
        ok: true,
        data: {
          url: LINK,
          fileName: '第一经济社党支部 春节洗楼-2026-12-01.xlsx',
          targets: 3,
          rounds: 2,
        },
      },
    });
    const text = await waitForText(page, '已导出 3 个对象、2 轮走访');
    expect(exports().slice(asked)).toEqual([
      { action: 'export', campaignId: 'c-1', gridId: 'g-branch' },
    ]);
    expect(weapp.openedDocuments.at(-1)).toEqual({ url: LINK, fileType: 'xlsx' });
    expect(text).not.toContain('example.invalid');
  });

  it('says why an export failed, and the button works again', async () => {
    backend({ run: false, assign: true, visit: true }, () =>
      refuse(
        'CONFLICT',
        '沙头社区共 25000 个住户，超过一次导出的上限 20000 个，请在下级网格分别导出',
      ),
    );
    page = openPage(PAGE, { id: 'c-1', gridId: 'g-branch' });
    await waitForText(page, '导出 Excel');
    const [opened, asked] = [weapp.openedDocuments.length, exports().length];
    weapp.answerModal(true);
    tapText(page, '导出 Excel');
    await waitForText(page, '导出失败：沙头社区共 25000 个住户，超过一次导出的上限');
    expect(weapp.openedDocuments).toHaveLength(opened);
    tapText(page, '导出 Excel');
    await until(() => exports().length === asked + 2);
    await waitForText(page, '导出失败：沙头社区共 25000 个住户');
  });

  it('is not offered to someone who leads no node of the campaign', async () => {
    backend({ run: false, assign: false, visit: true }, () => refuse('FORBIDDEN', '无权限'));
    page = openPage(PAGE, { id: 'c-1', gridId: 'g-branch' });
    await waitForText(page, ['第一经济社党支部', '走访人员']);
    expect(pageText(page)).not.toContain('导出 Excel');
  });
});
