/** @jest-environment jsdom */
import {
  addDays,
  FIGURE_KEYS,
  TREND_DAYS,
  zeroFigures,
  type AlertRow,
  type DailyReportRow,
  type DashboardNode,
  type Figures,
  type FunctionResult,
  type Page,
  type TrendPoint,
} from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  pageText,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

/** The subpackage page, at the path the daily report message opens. */
const DASHBOARD = 'dashboard/pages/index';
const DAY = '2020-02-10';
const TODAY = '2020-02-11';

const figures = (values: Partial<Figures>): Figures => ({ ...zeroFigures(), ...values });

function row(overrides: Partial<DailyReportRow> & Pick<DailyReportRow, 'gridId' | 'name'>) {
  return {
    levelName: '村(社区)',
    depth: 1,
    childCount: 2,
    figures: zeroFigures(),
    late: false,
    lateChildren: [],
    ...overrides,
  } satisfies DailyReportRow;
}

const TOWN_FIGURES = figures({
  registered: 321,
  reportsDue: 12,
  reportsReceived: 9,
  reportsMissing: 3,
  fevers: 1,
  escalated: 2,
  sweepTargets: 40,
  sweepSettled: 30,
  sweepVisitedToday: 12,
  sweepFindings: 2,
  checkpointPassages: 2480,
  checkpointResidents: 1706,
  checkpointOutsiders: 318,
  checkpointVehicles: 151,
  checkpointTurnedBack: 4,
  checkpointUncovered: 7,
  noticesActive: 2,
  noticeHouseholds: 1240,
  noticeReached: 992,
});

function townNode(day: string): DashboardNode {
  return {
    gridId: 'g-jiujiang',
    name: '九江镇',
    breadcrumbs: [],
    day,
    today: TODAY,
    computedAt: `${day}T12:00:00.000Z`,
    report: row({
      gridId: 'g-jiujiang',
      name: '九江镇',
      levelName: '镇',
      depth: 0,
      figures: TOWN_FIGURES,
      late: true,
      lateChildren: [{ gridId: 'g-shatou', name: '沙头社区' }],
    }),
    canRefresh: true,
    canExport: true,
  };
}

/** 沙头社区 seen by the command centre: the town above is a crumb that opens its report. */
function shatouNode(): DashboardNode {
  return {
    ...townNode(TODAY),
    gridId: 'g-shatou',
    name: '沙头社区',
    breadcrumbs: [{ gridId: 'g-jiujiang', name: '九江镇' }],
    // No notice of the last days concerns it.
    report: row({
      gridId: 'g-shatou',
      name: '沙头社区',
      figures: { ...TOWN_FIGURES, noticesActive: 0, noticeHouseholds: 0, noticeReached: 0 },
    }),
  };
}

const CHILDREN: DailyReportRow[] = [
  row({
    gridId: 'g-shatou',
    name: '沙头社区',
    late: true,
    figures: figures({ reportsDue: 8, reportsReceived: 5, reportsMissing: 3, fevers: 1 }),
  }),
  row({
    gridId: 'g-yannan',
    name: '烟南村',
    figures: figures({ reportsDue: 4, reportsReceived: 4 }),
  }),
];

const ALERT: AlertRow = {
  personId: 'p-1',
  name: '张卫东',
  gridId: 'g-shatou-b1-h3',
  gridName: '第三户联系党小组',
  class: 'key',
  reason: '体温 38.1℃',
  alertDay: DAY,
  lastReportDay: DAY,
};

/** Fourteen days to DAY; only the last two have a report. */
const TREND: TrendPoint[] = Array.from({ length: TREND_DAYS }, (_, i) => {
  const day = addDays(DAY, i - TREND_DAYS + 1);
  if (i === TREND_DAYS - 1) return { day, figures: TOWN_FIGURES };
  if (i === TREND_DAYS - 2)
    return { day, figures: figures({ reportsDue: 10, reportsReceived: 10 }) };
  return { day, figures: null };
});

const paged = <T>(items: T[]): Page<T> => ({ items, total: items.length, page: 1, pageSize: 20 });
const ok = <T>(data: T): FunctionResult<T> => ({ ok: true, data });

type Data = { action: string } & Record<string, unknown>;

/** Answers the dashboard router as the deployed function would for this town. */
function dashboardFunction(call: CloudCall) {
  const data = call.data as Data;
  const answer = (): FunctionResult<unknown> => {
    if (call.name !== 'dashboard') return { ok: false, code: 'INTERNAL', message: call.name };
    switch (data.action) {
      case 'node':
        // A community, as its leader's dashboard has it: the town above is not theirs to open.
        if (data.gridId === 'g-shatou') return ok(shatouNode());
        // Without a day the latest report: today's, once 立即生成 has run.
        return ok(townNode(typeof data.day === 'string' ? data.day : TODAY));
      case 'children':
        return ok(paged(CHILDREN));
      case 'trend':
        return ok({ points: TREND });
      case 'alerts':
        return ok(paged([ALERT]));
      case 'refresh':
        return ok({ day: TODAY, computedAt: `${TODAY}T01:00:00.000Z`, nodes: 10, reused: false });
      case 'exportStatus':
        return ok({ phase: 'reading', done: 3, total: 10 });
      case 'export':
        return ok({
          fileId: 'cloud://env/exports/x.xlsx',
          url: 'https://tcb.example/exports/x.xlsx',
          fileName: `九江镇-${data.day as string}-日报.xlsx`,
          rows: 10,
        });
      default:
        return { ok: false, code: 'INTERNAL', message: `unexpected ${data.action}` };
    }
  };
  // The export answers only when the test lets it, as a long export would.
  const finished = data.action === 'export' ? exportReleased : Promise.resolve();
  return finished.then(() => ({ result: answer() }));
}

let releaseExport: () => void = () => undefined;
const exportReleased = new Promise<void>((resolve) => {
  releaseExport = resolve;
});

const actions = (calls: readonly CloudCall[], action: string) =>
  calls.filter((c) => c.name === 'dashboard' && (c.data as Data).action === action);

async function until(condition: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the dashboard subpackage page in the built mini-program', () => {
  const wx = launchWeapp();
  let page: WeappPage;

  beforeAll(() => {
    wx.answerCallFunction(dashboardFunction);
  });

  afterAll(() => page?.detach());

  it('opens at the path of the report message and shows the figures, late children and alerts', async () => {
    page = openPage(DASHBOARD, { gridId: 'g-jiujiang', day: DAY });
    const text = await waitForText(page, [
      DAY,
      '‹ 前一天',
      '登记人数321',
      '打卡完成率 75%',
      '按打卡完成率从低到高排列',
      '1 个下级网格尚有未报',
      '烟南村',
      '张卫东',
      '体温 38.1℃',
      // A 洗楼 round under way: its coverage and what it is made of.
      '本轮排查率 75%',
      '今日走访12',
      // The day at the town's 卡口.
      '卡口进出人次2480',
      '未排满班次7',
      // The recent notices' reach: 户次 to tell, told, and the share.
      '通知公告 · 近3天通知 2 条',
      '1240应告知 ›992已告知 ›80%告知率 ›',
    ]);
    for (const key of FIGURE_KEYS) expect(text).toContain(`${TOWN_FIGURES[key]}`);
    // A past day: the figures are that day's, and the page says the lists they open are live.
    expect(text).toContain('3未报 ›');
    expect(text).toContain(`以上为 ${DAY} 的统计；点开的名单是当前的实时情况。`);
    expect(actions(wx.calls, 'node')[0]?.data).toEqual({
      action: 'node',
      gridId: 'g-jiujiang',
      day: DAY,
    });
    expect(actions(wx.calls, 'children')[0]?.data).toMatchObject({ day: DAY, page: 1 });
  });

  it('a 卡口 figure opens the counts of the node, shifts short of crew its sites', async () => {
    wx.navigations.length = 0;
    tapText(page, '卡口进出人次');
    await until(() => wx.navigations.length > 0, 'a navigation');
    tapText(page, '未排满班次');
    await until(() => wx.navigations.length > 1, 'a second navigation');
    expect(wx.navigations.map((n) => n.url)).toEqual([
      '/pages/checkpoints/counts/index?gridId=g-jiujiang',
      '/pages/checkpoints/sites/index?gridId=g-jiujiang',
    ]);
  });

  it('a 通知公告 tile opens the node’s notices, where each one’s reach is', async () => {
    const opened: string[] = [];
    for (const label of ['应告知 ›', '已告知 ›', '告知率 ›']) {
      wx.navigations.length = 0;
      tapText(page, label);
      await until(() => wx.navigations.length > 0, `${label} to open a page`);
      opened.push(...wx.navigations.map((n) => n.url));
    }
    expect(opened).toEqual(
      Array.from({ length: 3 }, () => '/pages/notices/manage/index?gridId=g-jiujiang'),
    );
  });

  it('draws the trend with uCharts on the 2d canvas: legend and the day labels', async () => {
    await until(() => wx.canvasTexts.includes('2/10'), 'the chart to draw');
    expect(wx.canvasTexts).toEqual(expect.arrayContaining(['应报', '已报', '发热/症状', '2/10']));
    // Labels every third day back from the last: 2/10, 2/7, … and none in between.
    expect(wx.canvasTexts).toContain('2/7');
    expect(wx.canvasTexts).not.toContain('2/9');
    expect(page.dom?.textContent).toContain(`近 ${TREND_DAYS} 天中 2 天有日报`);
  });

  it('drills down into a child with the same day', async () => {
    wx.navigations.length = 0;
    tapText(page, '烟南村');
    await until(() => wx.navigations.length > 0, 'a navigation');
    expect(wx.navigations).toEqual([
      { api: 'navigateTo', url: `/dashboard/pages/index?gridId=g-yannan&day=${DAY}` },
    ]);
  });

  it('exports after 确定 with progress while waiting, then opens the file as xlsx', async () => {
    wx.answerModal(true);
    tapText(page, '导出 Excel');
    // While the call is pending the page asks exportStatus (every second) under the same id.
    await waitForText(page, ['正在导出…', '正在读取数据 3/10'], 4000);
    const polled = actions(wx.calls, 'exportStatus')[0]?.data as Data;
    expect(polled.exportId).toBe((actions(wx.calls, 'export')[0]?.data as Data).exportId);
    releaseExport();
    await waitForText(page, ['导出完成', `九江镇-${DAY}-日报.xlsx`, '共 10 个网格']);
    expect(wx.modals[wx.modals.length - 1]?.content).toContain(`导出「九江镇」${DAY} 的日报`);
    const exported = actions(wx.calls, 'export')[0]?.data as Data;
    expect(exported).toMatchObject({ gridId: 'g-jiujiang', day: DAY });
    expect(String(exported.exportId)).toMatch(/^[A-Za-z0-9-]{8,40}$/);

    tapText(page, '打开文件');
    await until(() => wx.openedDocuments.length > 0, 'the document viewer');
    expect(wx.openedDocuments).toEqual([
      { url: 'https://tcb.example/exports/x.xlsx', fileType: 'xlsx' },
    ]);
  });

  it('立即生成 computes today and moves the page on to the newest report', async () => {
    tapText(page, '立即生成');
    await waitForText(page, `今天 ${TODAY}`);
    expect(actions(wx.calls, 'refresh')).toHaveLength(1);
    expect(actions(wx.calls, 'node').at(-1)?.data).toEqual({
      action: 'node',
      gridId: 'g-jiujiang',
    });
  });

  it('a key figure opens its list; the day steps back and not past today', async () => {
    const opened = async (label: string) => {
      wx.navigations.length = 0;
      tapText(page, label);
      await until(() => wx.navigations.length > 0, `${label} to open a page`);
      return wx.navigations.map((n) => n.url);
    };
    expect(await opened('未报 ›')).toEqual(['/pages/not-reported/index?gridId=g-jiujiang']);
    expect(await opened('发热 ›')).toEqual(['/pages/observe/alerts/index?gridId=g-jiujiang']);
    expect(await opened('异常 ›')).toEqual(['/pages/observe/alerts/index?gridId=g-jiujiang']);
    expect(await opened('待认领代购')).toEqual([
      '/pages/errands/node/index?gridId=g-jiujiang&settle=1',
    ]);
    // Nothing later than today to step to; the day before is one tap away.
    expect(pageText(page)).not.toContain('已报 ›');
    tapText(page, '后一天 ›');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(actions(wx.calls, 'node').at(-1)?.data).toEqual({
      action: 'node',
      gridId: 'g-jiujiang',
    });
    tapText(page, '‹ 前一天');
    await waitForText(page, [DAY, `以上为 ${DAY} 的统计`]);
    expect(actions(wx.calls, 'node').at(-1)?.data).toEqual({
      action: 'node',
      gridId: 'g-jiujiang',
      day: DAY,
    });
  });

  it('a crumb opens the report above in place of this one; the node is named once', async () => {
    page.detach();
    page = openPage(DASHBOARD, { gridId: 'g-shatou' });
    const text = await waitForText(page, ['九江镇', '沙头社区', '打卡完成率 75%', '烟南村']);
    // Once as the heading and once as the row of the (mock's) 下级网格: never as a crumb too.
    expect(text.split('沙头社区')).toHaveLength(3);
    expect(text).toMatch(/^九江镇›沙头社区/);
    // No notice concerns it: no 通知公告 group, rather than a row of zeros.
    expect(text).not.toContain('告知率');
    wx.navigations.length = 0;
    tapText(page, '九江镇');
    await until(() => wx.navigations.length > 0, 'the crumb to open a page');
    expect(wx.navigations).toEqual([
      { api: 'redirectTo', url: `/dashboard/pages/index?gridId=g-jiujiang&day=${TODAY}` },
    ]);
  });
});
