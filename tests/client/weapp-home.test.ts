/** @jest-environment jsdom */
import type { FunctionResult, WhoamiOutput } from '@gridguard/types';
import { launchWeapp, openPage, tapText, waitForText, type WeappPage } from '../helpers/weapp-sim';

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

function answer(result: FunctionResult<WhoamiOutput>) {
  return () => Promise.resolve({ result });
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
    expect(weapp.calls.at(-1)).toEqual({ name: 'whoami', data: {} });
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
    const stranger: WhoamiOutput = {
      openid: 'oStranger',
      registered: false,
      name: null,
      personId: null,
      roles: [],
      grid: null,
    };
    weapp.answerCallFunction((call) =>
      Promise.resolve({
        result:
          call.name === 'whoami'
            ? { ok: true, data: stranger }
            : // No request to join a household yet; setup was done long ago.
              { ok: true, data: call.name === 'setup' ? { needed: false } : null },
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
    const callsBefore = weapp.calls.length;
    tapText(page, '重试');

    await waitForText(page, ['王秀英', '第三户联系党小组']);
    expect(weapp.calls.length).toBe(callsBefore + 1);
    expect(consoleError).toHaveBeenCalledTimes(1);
  });

  it('reports an unexpected result shape as a system error, not a crash', async () => {
    weapp.answerCallFunction(() => Promise.resolve({ result: 'not an envelope' }));
    page = openPage(HOME);

    await waitForText(page, ['加载失败', '系统繁忙，请稍后再试']);
  });
});
