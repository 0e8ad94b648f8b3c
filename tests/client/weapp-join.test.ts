/** @jest-environment jsdom */
import type { FunctionResult, JoinResult } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  pageText,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const JOIN = 'pages/join/index';
const JOINED: JoinResult = {
  gridId: 'g-shatou-b1',
  gridName: '第一经济社党支部',
  kind: 'member',
  alreadyMember: false,
  pending: true,
};

/** Types into the input of the form field labelled `label`, as the keyboard would. */
function typeInto(page: WeappPage, label: string, value: string): void {
  const root = page.dom;
  if (!root) throw new Error('page is not rendered');
  const labels = Array.from(root.querySelectorAll<HTMLElement>('[class*="form-field__label"]'));
  // j-component prefixes page classes (main--form-field), so match the class by its ending.
  const field = labels
    .find((element) => element.textContent?.replace('（选填）', '').trim() === label)
    ?.parentElement?.closest('[class$="form-field"], [class*="form-field "]');
  const sid = field?.querySelector<HTMLElement>('wx-input')?.dataset.sid;
  if (!sid) throw new Error(`no input labelled ${label}; page text: ${pageText(page)}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('input', { detail: { value } });
}

function answerJoin(result: FunctionResult<JoinResult>) {
  return (call: CloudCall) => Promise.resolve({ result: call.name === 'members' ? result : null });
}

describe('加入网格 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerScan(null);
  });

  it('scans the invite QR code, then joins with it', async () => {
    weapp.answerCallFunction(answerJoin({ ok: true, data: JOINED }));
    weapp.answerScan('k7m2q9xa');
    page = openPage(JOIN);
    await waitForText(page, ['邀请码', '扫码']);

    tapText(page, '扫码');
    typeInto(page, '姓名', '赵敏');
    // The scan answers asynchronously; a code still empty would now be refused on the page.
    await new Promise((resolve) => setTimeout(resolve, 200));
    tapText(page, '加入网格');

    await waitForText(page, '已加入「第一经济社党支部」，身份：网格员');
    expect(weapp.calls.at(-1)).toEqual({
      name: 'members',
      data: { action: 'join', code: 'K7M2Q9XA', name: '赵敏' },
    });
  });

  it('refuses a QR code that is not an invite, and ignores a cancelled scan', async () => {
    weapp.answerScan('https://example.com/not-an-invite');
    page = openPage(JOIN);
    await waitForText(page, '扫码');

    tapText(page, '扫码');
    await waitForText(page, '这不是网格邀请码的二维码');

    weapp.answerScan(null);
    const callsBefore = weapp.calls.length;
    tapText(page, '扫码');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(weapp.calls.length).toBe(callsBefore);
  });

  it('shows the server’s field message under the field and its message above the button', async () => {
    weapp.answerCallFunction(
      answerJoin({
        ok: false,
        code: 'INVALID_INPUT',
        message: '提交的内容有误，请检查后重试',
        issues: [{ path: 'name', message: '请填写姓名' }],
      }),
    );
    page = openPage(JOIN);
    await waitForText(page, '邀请码');
    typeInto(page, '邀请码', 'K7M2Q9XA');
    await new Promise((resolve) => setTimeout(resolve, 50));
    tapText(page, '加入网格');

    const text = await waitForText(page, ['请填写姓名', '提交的内容有误，请检查后重试']);
    expect(text).not.toContain('已加入');
  });

  it('says 您已在该网格中 when the caller was already a member', async () => {
    weapp.answerCallFunction(answerJoin({ ok: true, data: { ...JOINED, alreadyMember: true } }));
    page = openPage(JOIN);
    await waitForText(page, '邀请码');
    typeInto(page, '邀请码', 'K7M2Q9XA');
    typeInto(page, '姓名', '赵敏');
    await new Promise((resolve) => setTimeout(resolve, 50));
    tapText(page, '加入网格');

    await waitForText(page, ['您已在该网格中', '第一经济社党支部']);
  });

  it('says why a door code is wrong before sending it: 0, 1, I, L and O are never in one', async () => {
    weapp.answerCallFunction((call) =>
      Promise.resolve({
        result:
          call.name === 'households'
            ? { ok: true, data: { status: 'member', householdId: 'h-demo-resident' } }
            : null,
      }),
    );
    page = openPage(JOIN, { tab: 'household' });
    await waitForText(page, ['门牌码', '申请加入']);
    typeInto(page, '门牌码', 'ABC123');
    typeInto(page, '您的姓名', '赵敏');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = weapp.calls.length;
    tapText(page, '申请加入');
    await waitForText(
      page,
      '门牌码里没有「1」：为免看错，门牌码不用 0、1、I、L、O。请对照门口张贴的门牌码重新输入',
    );
    expect(pageText(page)).not.toContain('应为 6 位字母或数字');
    expect(weapp.calls.length).toBe(before);

    // Typed as read off the door, in lower case and in two groups: sent as the code itself.
    typeInto(page, '门牌码', 'wxy 2h8');
    await new Promise((resolve) => setTimeout(resolve, 50));
    tapText(page, '申请加入');
    await waitForText(page, '您已是该住户的家庭成员');
    expect(weapp.calls.at(-1)).toEqual({
      name: 'households',
      data: { action: 'join', code: 'WXY2H8', name: '赵敏', relation: '本人' },
    });
  });

  it('an invite code with an O in it is explained, not sent', async () => {
    weapp.answerCallFunction(answerJoin({ ok: true, data: JOINED }));
    page = openPage(JOIN);
    await waitForText(page, '邀请码');
    typeInto(page, '邀请码', 'K7M2Q9XO');
    typeInto(page, '姓名', '赵敏');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = weapp.calls.length;
    tapText(page, '加入网格');
    await waitForText(page, '邀请码里没有「O」：为免看错，邀请码不用 0、1、I、L、O。');
    expect(weapp.calls.length).toBe(before);
  });
});
