/** @jest-environment jsdom */
import type { HouseholdView, JoinRequestView } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  pageText,
  tapText,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const page1 = <T>(items: T[]) => ({ items, page: 1, pageSize: 20, total: items.length });

const request = (overrides: Partial<JoinRequestView> = {}): JoinRequestView => ({
  id: 'jr-0123456789abcdef01234567',
  status: 'pending',
  name: '赵敏',
  relation: '子女',
  idNumberMasked: '1101**********002X',
  phoneMasked: '136****2222',
  household: { id: 'h-1', address: '沙头社区新村大街18号', gridName: '第一户联系党小组' },
  createdAt: '2020-02-03T02:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  reason: '',
  claims: null,
  ...overrides,
});

const HOUSEHOLD: HouseholdView = {
  id: 'h-1',
  gridId: 'g-1',
  gridName: '第一户联系党小组',
  address: '沙头社区新村大街18号',
  code: 'WXY2H8',
  contact: null,
  people: [
    {
      id: 'p-1',
      name: '王秀英',
      relation: '本人',
      idNumberMasked: '4406**********1234',
      phoneMasked: '138****8018',
      proxy: null,
      hasWechat: true,
    },
  ],
};

describe('加入住户 is a request, in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('an applicant without a household sees the request waiting, not the family, and may withdraw it', async () => {
    let current: JoinRequestView | null = request();
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string };
      if (data.action === 'mine') return ok(null);
      if (data.action === 'myRequest') return ok(current);
      if (data.action === 'withdraw') {
        current = request({ status: 'withdrawn' });
        return ok(current);
      }
      return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
    });
    page = openPage('pages/household/index');
    await waitForText(page, ['加入申请等待确认', '沙头社区新村大街18号', '撤回申请']);
    expect(pageText(page)).not.toContain('您还没有登记住户');

    weapp.answerModal(true);
    tapText(page, '撤回申请');
    await waitForText(page, ['加入申请已撤回', '重新申请']);
    expect(weapp.modals.at(-1)?.content).toContain('撤回');
  });

  it('a household member sees who asks, with masked details, and admits them after 确定', async () => {
    let pending = [request()];
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string; requestId?: string; gridId?: string | null };
      if (data.action === 'mine') return ok(HOUSEHOLD);
      if (data.action === 'myRequest') return ok(null);
      if (data.action === 'requests') return ok(page1(pending));
      if (data.action === 'approve') {
        pending = [];
        return ok(request({ status: 'approved' }));
      }
      return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
    });
    const before = weapp.calls.length;
    page = openPage('pages/household/index');
    await waitForText(page, ['加入申请', '赵敏', '1101**********002X', '136****2222', '同意']);

    // Backing out of the dialog sends nothing.
    weapp.answerModal(false);
    tapText(page, '同意');
    await waitForText(page, '赵敏');
    const sent = () =>
      weapp.calls
        .slice(before)
        .map((c) => c.data as { action: string })
        .filter((d) => d.action === 'approve');
    expect(sent()).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '同意');
    for (let i = 0; i < 50 && sent().length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sent()).toEqual([
      { action: 'approve', requestId: 'jr-0123456789abcdef01234567', confirm: true },
    ]);
    expect(weapp.modals.at(-1)?.content).toContain('沙头社区新村大街18号');
    expect(
      weapp.calls
        .slice(before)
        .map((c) => c.data as { action: string; gridId?: unknown })
        .find((d) => d.action === 'requests'),
    ).toMatchObject({ gridId: null });
  });
});
