/** @jest-environment jsdom */
import type { FunctionResult, WhoamiOutput } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const HOME = 'pages/home/index';

const RESIDENT: WhoamiOutput = {
  openid: 'oDemoResident',
  registered: true,
  name: '王秀英',
  personId: 'h-demo-resident-p1',
  roles: ['resident'],
  grid: {
    id: 'g-shatou-1-3',
    name: '第三户联系党小组',
    levelName: '户联系党小组',
    path: [
      { id: 'g-jiujiang', name: '九江镇', levelName: '镇' },
      { id: 'g-shatou', name: '沙头社区', levelName: '村（社区）' },
      { id: 'g-shatou-1', name: '第一经济社党支部', levelName: '经济社党支部' },
    ],
  },
};

/** What home's other reads answer while a test looks at the identity: nothing to show. */
const QUIET: Record<string, unknown> = {
  'households.myRequest': null,
  'setup.status': { needed: false, template: null, levels: [] },
  'dashboard.unread': { items: [] },
  'contacts.family': null,
  'notices.unread': { count: 0 },
  'grids.todos': {
    gridId: 'g-shatou-1-3',
    gridName: '第三户联系党小组',
    notReported: 0,
    abnormal: 0,
    openErrands: 0,
    joinRequests: null,
    newReturns: null,
  },
};

/** whoami answers `result`; every other read of home answers `others`, else QUIET. */
function answer(
  result: FunctionResult<WhoamiOutput>,
  others: Record<string, FunctionResult<unknown>> = {},
) {
  return (call: CloudCall) => {
    if (call.name === 'whoami') return Promise.resolve({ result });
    const key = `${call.name}.${(call.data as { action: string }).action}`;
    const reply = others[key] ?? { ok: true, data: QUIET[key] };
    if (reply.ok && reply.data === undefined) throw new Error(`unexpected call ${key}`);
    return Promise.resolve({ result: reply });
  };
}

describe('home page of the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    jest.restoreAllMocks();
  });

  it('shows the name, role labels and grid path from whoami, and no OPENID', async () => {
    weapp.answerCallFunction(answer({ ok: true, data: RESIDENT }));
    page = openPage(HOME);

    const text = await waitForText(page, ['王秀英', '第三户联系党小组']);
    expect(text).not.toContain('OPENID');
    expect(text).not.toContain('oDemoResident');
    expect(text).toContain('网格守护');
    expect(text).toContain('居民');
    expect(text).toContain('九江镇 › 沙头社区 › 第一经济社党支部 › 第三户联系党小组');
    expect(text).not.toContain('本地预览');
    expect(weapp.calls).toContainEqual({ name: 'whoami', data: {} });
    // The cloud is initialised once, lazily, with the default environment of the appid.
    expect(weapp.cloudInits).toEqual([{ traceUser: true }]);
  });

  it('labels every role a person holds', async () => {
    weapp.answerCallFunction(
      answer({
        ok: true,
        data: {
          ...RESIDENT,
          openid: 'oDemoVolunteer',
          name: '李志强',
          roles: ['resident', 'member'],
        },
      }),
    );
    page = openPage(HOME);

    const text = await waitForText(page, ['李志强', '网格员']);
    expect(text).toContain('居民');
  });

  it('shows 未登记 with the way to join for a WeChat user outside every grid', async () => {
    weapp.answerCallFunction(
      answer({
        ok: true,
        data: {
          openid: 'oStranger',
          registered: false,
          name: null,
          personId: null,
          roles: [],
          grid: null,
        },
      }),
    );
    page = openPage(HOME);

    const text = await waitForText(page, ['未登记', '加入网格']);
    expect(text).not.toContain('oStranger');
    expect(text).toContain('您还没有加入任何网格，请先通过邀请码加入');
  });

  it('shows the function’s own failure message', async () => {
    weapp.answerCallFunction(
      answer({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' }),
    );
    page = openPage(HOME);

    const text = await waitForText(page, ['加载失败', '您没有权限进行此操作']);
    expect(text).toContain('重试');
  });

  it('turns a failed wx.cloud.callFunction into a message and recovers on 重试', async () => {
    // The transport logs platform errors for the developer console; keep the test output clean.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    weapp.answerCallFunction(() =>
      Promise.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' }),
    );
    page = openPage(HOME);
    await waitForText(page, ['加载失败', '网络异常，请检查网络后重试', '重试']);

    weapp.answerCallFunction(answer({ ok: true, data: RESIDENT }));
    const whoamis = () => weapp.calls.filter((call) => call.name === 'whoami').length;
    const before = whoamis();
    tapText(page, '重试');

    await waitForText(page, ['王秀英', '第三户联系党小组']);
    expect(whoamis()).toBe(before + 1);
    expect(consoleError).toHaveBeenCalledTimes(1);
  });

  it('reports an unexpected result shape as a system error, not a crash', async () => {
    weapp.answerCallFunction(() => Promise.resolve({ result: 'not an envelope' }));
    page = openPage(HOME);

    await waitForText(page, ['加载失败', '系统繁忙，请稍后再试']);
  });
});

/** Waits for something the page does after a tap (navigation and the dialler are async). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !done(); i += 1) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error('timed out');
}

const LEADER: WhoamiOutput = {
  openid: 'oDemoLeader',
  registered: true,
  name: '陈建华',
  personId: null,
  roles: ['leader'],
  grid: {
    id: 'g-shatou',
    name: '沙头社区',
    levelName: '村（社区）',
    path: [{ id: 'g-jiujiang', name: '九江镇', levelName: '镇' }],
  },
};

describe('home: what waits on each role today', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('shows a leader the node’s to-dos with counts, each one tap from its list', async () => {
    weapp.answerCallFunction(
      answer(
        { ok: true, data: LEADER },
        {
          'grids.todos': {
            ok: true,
            data: {
              gridId: 'g-shatou',
              gridName: '沙头社区',
              notReported: 5,
              abnormal: 1,
              openErrands: 2,
              joinRequests: 3,
              newReturns: 4,
            },
          },
        },
      ),
    );
    page = openPage(HOME);

    const text = await waitForText(page, ['今日待办', '沙头社区', '待审核入户']);
    for (const [count, label] of [
      ['1', '异常'],
      ['5', '今日未报'],
      ['2', '待认领代购'],
      ['3', '待审核入户'],
      ['4', '今日返乡'],
    ])
      expect(text).toContain(`${count}${label}`);
    expect(weapp.calls).toContainEqual({
      name: 'grids',
      data: { action: 'todos', gridId: 'g-shatou' },
    });

    const opened = async (label: string) => {
      weapp.navigations.length = 0;
      if (page) tapText(page, label);
      await until(() => weapp.navigations.length > 0);
      return weapp.navigations.map((n) => n.url);
    };
    expect(await opened('今日未报')).toEqual(['/pages/not-reported/index?gridId=g-shatou']);
    expect(await opened('异常')).toEqual(['/pages/observe/alerts/index?gridId=g-shatou']);
    expect(await opened('待认领代购')).toEqual(['/pages/errands/pool/index']);
    expect(await opened('待审核入户')).toEqual(['/pages/join-requests/index?gridId=g-shatou']);
    expect(await opened('今日返乡')).toEqual(['/pages/observe/queue/index?gridId=g-shatou']);
  });

  it('shows a member only what they act on', async () => {
    weapp.answerCallFunction(
      answer(
        { ok: true, data: { ...LEADER, roles: ['member'], name: '李志强' } },
        {
          'grids.todos': {
            ok: true,
            data: {
              gridId: 'g-shatou',
              gridName: '沙头社区',
              notReported: 0,
              abnormal: 0,
              openErrands: 0,
              joinRequests: null,
              newReturns: null,
            },
          },
        },
      ),
    );
    page = openPage(HOME);

    const text = await waitForText(page, ['今日待办', '待认领代购', '今天的事都办完了']);
    expect(text).not.toContain('待审核入户');
    expect(text).not.toContain('今日返乡');
  });

  it('shows a resident her family’s day and calls her 户联系 in one tap', async () => {
    weapp.answerCallFunction(
      answer(
        { ok: true, data: RESIDENT },
        {
          'contacts.family': {
            ok: true,
            data: {
              day: '2020-02-10',
              address: '沙头社区新村大街18号',
              people: [
                {
                  personId: 'h-demo-resident-p1',
                  name: '王秀英',
                  relation: '本人',
                  self: true,
                  status: 'reported',
                  report: { temperature: 36.5, abnormal: false },
                  observation: null,
                },
                {
                  personId: 'h-demo-resident-p2',
                  name: '冯国庆',
                  relation: '配偶',
                  self: false,
                  status: 'notReported',
                  report: null,
                  observation: { class: 'key', dayNumber: 2, totalDays: 14 },
                },
              ],
              staff: { name: '梁志明', role: '户联系', callable: true },
            },
          },
          'contacts.callStaff': { ok: true, data: { name: '梁志明', phone: '13800138403' } },
        },
      ),
    );
    page = openPage(HOME);

    const text = await waitForText(page, ['今日打卡', '1 人待报', '梁志明']);
    expect(text).toContain('王秀英（本人）');
    expect(text).toContain('已报 36.5℃');
    expect(text).toContain('居家观察第 2/14 天');
    expect(text).toContain('户联系');

    tapText(page, '拨打电话');
    await until(() => weapp.phoneCalls.length > 0);
    expect(weapp.phoneCalls).toEqual(['13800138403']);
    expect(weapp.calls).toContainEqual({ name: 'contacts', data: { action: 'callStaff' } });

    weapp.navigations.length = 0;
    tapText(page, '冯国庆');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations.map((n) => n.url)).toEqual([
      '/pages/report/index?for=h-demo-resident-p2',
    ]);
  });

  it('shows 通知公告 with the unread count, which opens the feed', async () => {
    weapp.answerCallFunction(
      answer({ ok: true, data: RESIDENT }, { 'notices.unread': { ok: true, data: { count: 3 } } }),
    );
    page = openPage(HOME);
    const text = await waitForText(page, ['通知公告', '3 条未读，点击查看']);
    expect(text).not.toContain('未读数加载失败');

    weapp.navigations.length = 0;
    tapText(page, '通知公告');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations.map((n) => n.url)).toEqual(['/pages/notices/list/index']);
  });
});
