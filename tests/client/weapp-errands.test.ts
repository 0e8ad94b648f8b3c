/** @jest-environment jsdom */
import type { ErrandView } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  pageText,
  tapText,
  typeInto,
  until,
  uploadedFileId,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const POOL = 'pages/errands/pool/index';
const CLAIMS = 'pages/errands/claims/index';
const MINE = 'pages/errands/mine/index';
const SETTINGS = 'pages/errands/settings/index';
const NODE = 'pages/errands/node/index';

function errand(id: string, overrides: Partial<ErrandView> = {}): ErrandView {
  return {
    id,
    status: 'open',
    items: [{ name: '大米', quantity: '10斤', note: '' }],
    budget: 80,
    urgency: 2,
    deliveryNote: '放门口',
    contactless: true,
    gridName: '第三户联系党小组',
    requesterName: '王秀英',
    claimer: null,
    amountSpent: null,
    receiptFileId: null,
    deliveryFileId: null,
    cancelReason: null,
    createdAt: '2026-11-23T01:00:00.000Z',
    updatedAt: '2026-11-23T01:00:00.000Z',
    ...overrides,
  };
}

const page1 = (items: ErrandView[]) => ({ items, page: 1, pageSize: 20, total: items.length });
const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const failure = (code: string, message: string) =>
  Promise.resolve({ result: { ok: false, code, message } });

function actionsOf(calls: readonly CloudCall[], action: string): CloudCall[] {
  return calls.filter(
    (call) => call.name === 'errands' && (call.data as { action: string }).action === action,
  );
}

describe('跑腿代购 pages in the built mini-program (a subpackage)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerModal(false);
    weapp.answerPhoto(null);
  });

  it('代购池: a lost 抢单 race says so in Chinese and refreshes the list', async () => {
    const medicine = errand('e-medicine', {
      urgency: 4,
      items: [{ name: '降压药', quantity: '1盒', note: '' }],
    });
    const rice = errand('e-rice');
    let pool = [medicine, rice];
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string; errandId?: string };
      if (data.action === 'pool') return ok(page1(pool));
      if (data.action === 'settings') {
        return ok({
          maxActiveClaims: 2,
          claimTimeoutMinutes: 30,
          updatedAt: '2026-11-23T01:00:00.000Z',
          updatedBy: '九江镇指挥部',
        });
      }
      if (data.action === 'claim') {
        // Another volunteer's claim landed first: the errand has left the pool.
        pool = pool.filter((e) => e.id !== data.errandId);
        return failure('CONFLICT', '该跑腿单已被认领');
      }
      return failure('INTERNAL', '未知调用');
    });
    const before = weapp.calls.length;
    page = openPage(POOL);

    const text = await waitForText(page, [
      '待认领 2 单',
      '降压药 × 1盒',
      '今天急需（如药品）',
      // The command centre's limits, not the defaults.
      '每人最多同时办理 2 单，认领后 30 分钟内未购买将退回代购池',
    ]);
    // The pool shows the most urgent first, as the server orders it.
    expect(text.indexOf('降压药')).toBeLessThan(text.indexOf('大米'));

    tapText(page, '抢单');
    await waitForText(page, ['该跑腿单已被认领，列表已刷新', '待认领 1 单']);
    expect(pageText(page)).not.toContain('大米 × 10斤');
    expect(actionsOf(weapp.calls.slice(before), 'claim')).toEqual([
      { name: 'errands', data: { action: 'claim', errandId: 'e-rice' } },
    ]);
    expect(actionsOf(weapp.calls.slice(before), 'pool')).toHaveLength(2);
  });

  it('我认领的: the record by month, the contact with a masked phone, then 已购买 with amount and receipt photo', async () => {
    let claimed = errand('e-1', { status: 'claimed', claimer: { name: '李志强', party: true } });
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string; amount?: number; receiptFileId?: string };
      if (data.action === 'claims') return ok(page1([claimed]));
      if (data.action === 'record') {
        return ok({
          total: 15,
          months: [
            { month: '2020-02', done: 12 },
            { month: '2020-01', done: 3 },
          ],
        });
      }
      if (data.action === 'contact') {
        return ok({ name: '王秀英', address: '沙头社区新村大街18号', phone: '13800138018' });
      }
      if (data.action === 'photoTarget') {
        return ok({ cloudPath: 'photos/oDemoVolunteer/e-1-receipt-k7m2q9xa2b3c.jpg' });
      }
      if (data.action === 'purchase') {
        claimed = {
          ...claimed,
          status: 'purchased',
          amountSpent: data.amount ?? null,
          receiptFileId: data.receiptFileId ?? null,
        };
        return ok(claimed);
      }
      return failure('INTERNAL', '未知调用');
    });
    const before = weapp.calls.length;
    page = openPage(CLAIMS);

    await waitForText(page, ['大米 × 10斤', '买好了？记录购买']);
    // The volunteer's own record, by China month.
    await waitForText(page, ['累计送达 15 单', '2020年2月 12 单', '2020年1月 3 单']);
    tapText(page, '查看地址和电话');
    await waitForText(page, ['地址：沙头社区新村大街18号', '电话：138****8018（点击显示）']);
    expect(pageText(page)).not.toContain('13800138018');
    tapText(page, '电话：138****8018（点击显示）');
    await waitForText(page, '电话：13800138018（点击拨打）');

    // Empty, nothing is sent and both fields say what they lack.
    tapText(page, '提交已购买');
    await waitForText(page, ['请填写小票上的实付金额', '请先拍摄小票照片']);
    expect(actionsOf(weapp.calls.slice(before), 'purchase')).toEqual([]);
    // Each message goes as soon as its field is filled in, not at the next 提交.
    typeInto(page, '实付金额', '76.5');
    const claims = page;
    await until(() => !pageText(claims).includes('请填写小票上的实付金额'));
    expect(pageText(page)).toContain('请先拍摄小票照片');

    weapp.answerPhoto({ path: 'wxfile://tmp/receipt.jpg', size: 120_000 });
    tapText(page, '拍摄/选择小票照片');
    await waitForText(page, '小票照片已上传');
    expect(pageText(page)).not.toContain('请先拍摄小票照片');
    const upload = weapp.uploads.at(-1);
    expect(upload?.filePath).toBe('wxfile://tmp/receipt.jpg');
    // The photo goes where the server named it, never a path the page made up.
    expect(upload?.cloudPath).toBe('photos/oDemoVolunteer/e-1-receipt-k7m2q9xa2b3c.jpg');
    expect(actionsOf(weapp.calls.slice(before), 'photoTarget')).toEqual([
      {
        name: 'errands',
        data: { action: 'photoTarget', errandId: 'e-1', kind: 'receipt', extension: 'jpg' },
      },
    ]);

    tapText(page, '提交已购买');
    await waitForText(page, ['实付 ¥76.50', '送到了？拍照记录送达']);
    expect(actionsOf(weapp.calls.slice(before), 'purchase')).toEqual([
      {
        name: 'errands',
        data: {
          action: 'purchase',
          errandId: 'e-1',
          amount: 76.5,
          receiptFileId: uploadedFileId(upload?.cloudPath ?? ''),
        },
      },
    ]);
  });

  it('我的代购: 取消 needs a reason and the dialog’s 确定; 确认收货 on a delivered one', async () => {
    let open = errand('e-open');
    const delivered = errand('e-done', {
      status: 'delivered',
      claimer: { name: '李志强', party: true },
      amountSpent: 76.5,
    });
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string; errandId?: string };
      if (data.action === 'mine') return ok(page1([open, delivered]));
      if (data.action === 'cancel') {
        open = { ...open, status: 'cancelled', cancelReason: '家人已买到' };
        return ok(open);
      }
      if (data.action === 'confirm') return ok({ ...delivered, status: 'confirmed' });
      return failure('INTERNAL', '未知调用');
    });
    const before = weapp.calls.length;
    page = openPage(MINE);

    await waitForText(page, ['共 2 单', '志愿者已送达，请查收后确认', '认领人：李志强（党员）']);
    tapText(page, '取消代购');
    await waitForText(page, '取消原因');
    tapText(page, '确认取消');
    await waitForText(page, '请填写原因（至少 2 个字）');

    typeInto(page, '取消原因', '家人已买到');
    weapp.answerModal(false);
    tapText(page, '确认取消');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(weapp.modals.at(-1)?.content).toContain('确认取消这个代购需求？');
    expect(actionsOf(weapp.calls.slice(before), 'cancel')).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '确认取消');
    // The card says why, for whoever reads the list later.
    await waitForText(page, ['已取消', '取消原因：家人已买到']);
    expect(actionsOf(weapp.calls.slice(before), 'cancel')).toEqual([
      {
        name: 'errands',
        data: { action: 'cancel', errandId: 'e-open', reason: '家人已买到', confirm: true },
      },
    ]);

    tapText(page, '确认收货');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(weapp.modals.at(-1)?.content).toContain('实付 ¥76.50，确认已收到物品？');
    expect(actionsOf(weapp.calls.slice(before), 'confirm')).toEqual([
      { name: 'errands', data: { action: 'confirm', errandId: 'e-done' } },
    ]);
  });

  it("a node's errands: its leader cancels or confirms on the household's behalf, with a reason", async () => {
    const open = errand('e-open');
    const delivered = errand('e-done', {
      status: 'delivered',
      claimer: { name: '李志强', party: true },
    });
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string };
      if (data.action === 'subtree') return ok(page1([open, delivered]));
      if (data.action === 'confirm') return ok({ ...delivered, status: 'confirmed' });
      return failure('INTERNAL', '未知调用');
    });

    // A member reads the same list and is offered nothing.
    page = openPage(NODE, { gridId: 'g-shatou-b1' });
    await waitForText(page, '共 2 单');
    expect(pageText(page)).not.toMatch(/代为取消|代为确认收货/);
    page.detach();

    const before = weapp.calls.length;
    page = openPage(NODE, { gridId: 'g-shatou-b1', settle: '1' });
    await waitForText(page, ['代为取消', '代为确认收货']);
    tapText(page, '代为确认收货');
    await waitForText(page, '代为确认的原因');
    tapText(page, '确认收货');
    await waitForText(page, '请填写原因（至少 2 个字）');
    typeInto(page, '代为确认的原因', '已电话核实居民收到');
    weapp.answerModal(true);
    tapText(page, '确认收货');
    // Done: the form closes and the list is read again.
    await waitForText(page, '代为确认收货');
    expect(pageText(page)).not.toContain('代为确认的原因');
    expect(actionsOf(weapp.calls.slice(before), 'confirm')).toEqual([
      {
        name: 'errands',
        data: { action: 'confirm', errandId: 'e-done', reason: '已电话核实居民收到' },
      },
    ]);
  });

  it('跑腿设置: the current values, a bad one refused on the page, a good one saved after 确认', async () => {
    let settings = {
      maxActiveClaims: 3,
      claimTimeoutMinutes: 120,
      updatedAt: '2026-11-22T02:30:00.000Z',
      updatedBy: '九江镇指挥部',
    };
    weapp.answerCallFunction((call) => {
      const data = call.data as {
        action: string;
        maxActiveClaims?: number;
        claimTimeoutMinutes?: number;
      };
      if (data.action === 'settings') return ok(settings);
      if (data.action === 'configure') {
        settings = {
          maxActiveClaims: data.maxActiveClaims ?? 0,
          claimTimeoutMinutes: data.claimTimeoutMinutes ?? 0,
          updatedAt: '2026-11-23T06:05:00.000Z',
          updatedBy: '九江镇指挥部',
        };
        return ok(settings);
      }
      return failure('INTERNAL', '未知调用');
    });
    const before = weapp.calls.length;
    page = openPage(SETTINGS);

    // China time: 10:30 on 22 November.
    await waitForText(page, [
      '上次修改：2026年11月22日 10:30，修改人：九江镇指挥部',
      '可设 1–10 单，默认 3 单',
      '可设 15–1440 分钟（最长 24 小时），默认 120 分钟',
    ]);
    // The fields hold the values in force: saving them untouched asks about 3 and 120.
    weapp.answerModal(false);
    tapText(page, '保存设置');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(weapp.modals.at(-1)?.content).toContain(
      '每名志愿者最多同时办理 3 单，认领后 120 分钟内未购买将退回代购池',
    );

    // Out of range and not whole: told on the page, nothing asked, nothing sent.
    const modals = weapp.modals.length;
    typeInto(page, '每人同时办理的单数', '12');
    typeInto(page, '认领超时', '30.5');
    tapText(page, '保存设置');
    await waitForText(page, [
      '每人同时办理的单数为 1–10',
      '认领超时为 15–1440 分钟，须为整数',
      '请检查标红的内容',
    ]);
    expect(weapp.modals).toHaveLength(modals);
    expect(actionsOf(weapp.calls.slice(before), 'configure')).toEqual([]);

    // A good value, but 取消 in the dialog: still nothing sent.
    typeInto(page, '每人同时办理的单数', '2');
    typeInto(page, '认领超时', '30');
    weapp.answerModal(false);
    tapText(page, '保存设置');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(weapp.modals.at(-1)?.content).toContain(
      '每名志愿者最多同时办理 2 单，认领后 30 分钟内未购买将退回代购池',
    );
    expect(actionsOf(weapp.calls.slice(before), 'configure')).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '保存设置');
    await waitForText(page, '上次修改：2026年11月23日 14:05，修改人：九江镇指挥部');
    expect(pageText(page)).not.toContain('请检查标红的内容');
    expect(actionsOf(weapp.calls.slice(before), 'configure')).toEqual([
      {
        name: 'errands',
        data: { action: 'configure', maxActiveClaims: 2, claimTimeoutMinutes: 30 },
      },
    ]);
  });
});
