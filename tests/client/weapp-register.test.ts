/** @jest-environment jsdom */
import type { ErrandView, GridDetail, HouseholdRow, RegisterHouseholdView } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapChip,
  tapText,
  typeInto,
  until,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const refuse = (code: string, message: string, issues?: { path: string; message: string }[]) =>
  Promise.resolve({ result: { ok: false, code, message, ...(issues && { issues }) } });

const household = (may: RegisterHouseholdView['may']): RegisterHouseholdView => ({
  id: 'h-1',
  gridId: 'g-leaf',
  gridName: '第一户联系党小组',
  address: '碧桂园3栋2单元501室',
  code: 'WXY2H8',
  contact: null,
  place: { street: '碧桂园', building: '3', unit: '2', door: '501' },
  may,
  people: [
    {
      id: 'p-1',
      name: '王桂英',
      relation: '父母',
      idNumberMasked: '4406**********1234',
      phoneMasked: '139****5678',
      proxy: { byName: '李志强', at: '2026-11-20T02:00:00.000Z' },
      hasWechat: false,
      reveal: { idNumber: true, phone: true },
      residency: 'resident',
      care: ['alone'],
    },
    {
      id: 'p-2',
      name: '王秀英',
      relation: '本人',
      idNumberMasked: null,
      phoneMasked: null,
      proxy: null,
      hasWechat: true,
      reveal: { idNumber: true, phone: true },
    },
  ],
});
const LEADER = { manage: true, editPeople: true };
const MEMBER = { manage: false, editPeople: true };

describe('住户登记 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  function backend(may: RegisterHouseholdView['may']) {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string; person?: { idNumber?: string } };
      if (call.name === 'grids' && data.action === 'detail') {
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
            counts: { nodes: 0, households: 1, people: 2, members: 1 },
          },
          members: [],
          can: {
            manage: may.manage,
            restructure: false,
            invite: may.manage,
            readHouseholds: true,
            registerPeople: true,
            revealPhone: true,
            revealIdNumber: may.manage,
          },
        };
        return ok(detail);
      }
      if (call.name === 'errands' && data.action === 'request') {
        const sent = call.data as { request: { items: ErrandView['items'] } };
        return ok({
          id: 'e-1',
          status: 'open',
          items: sent.request.items,
          budget: 30,
          urgency: 2,
          deliveryNote: '',
          contactless: true,
          gridName: '第一户联系党小组',
          requesterName: '王桂英',
          claimer: null,
          amountSpent: null,
          receiptFileId: null,
          deliveryFileId: null,
          cancelReason: null,
          createdAt: '2026-11-30T02:00:00.000Z',
          updatedAt: '2026-11-30T02:00:00.000Z',
        } satisfies ErrandView);
      }
      if (call.name !== 'register') return refuse('INTERNAL', '未知调用');
      if (data.action === 'households') {
        const row: HouseholdRow = {
          id: 'h-1',
          gridId: 'g-leaf',
          address: '碧桂园3栋2单元501室',
          code: 'WXY2H8',
          people: 2,
          tags: { observing: 0, notReported: 0, abnormal: 0 },
          care: ['alone'],
        };
        return ok({ items: [row], page: 1, pageSize: 20, total: 1, counts: null });
      }
      if (data.action === 'household') return ok(household(may));
      if (data.action === 'regenerateCode') return ok({ ...household(may), code: 'NEWC0D' });
      if (data.action === 'addPerson') {
        if (data.person?.idNumber === '110105194912310021') {
          return refuse('INVALID_INPUT', '提交的内容有误，请检查后重试', [
            { path: 'person.idNumber', message: '身份证号校验位不正确' },
          ]);
        }
        return ok(household(may).people[0]);
      }
      return refuse('INTERNAL', '未知调用');
    });
  }

  it('lists a node’s households collapsed: address, door code, people and 重点关爱', async () => {
    backend(LEADER);
    page = openPage('pages/register/households/index', { gridId: 'g-leaf' });
    const text = await waitForText(page, ['碧桂园3栋2单元501室', 'WXY2H8', '2 人', '重点关爱']);
    expect(text).toContain('独居老人');
    expect(text).toContain('新建住户');
    expect(text).toContain('共 1 户');
  });

  it('shows the household with its people, marks and the leader’s actions', async () => {
    backend(LEADER);
    page = openPage('pages/register/household/index', { id: 'h-1', gridId: 'g-leaf' });
    const text = await waitForText(page, ['碧桂园3栋2单元501室', '王桂英', '王秀英']);
    for (const piece of [
      '楼栋 3',
      '单元 2',
      '门牌 501',
      '常住',
      '独居老人',
      '重点关爱',
      '代登记',
    ]) {
      expect(text).toContain(piece);
    }
    for (const action of ['编辑住址', '重新生成门牌码', '添加成员', '迁移', '删除住户', '拨打']) {
      expect(text).toContain(action);
    }
    expect(text).toContain('已用微信');
    // Only 王桂英 may be deleted: 王秀英 joined on WeChat herself.
    const wechatCard = text.slice(text.indexOf('王秀英'), text.indexOf('删除住户'));
    expect(wechatCard).toContain('编辑');
    expect(wechatCard).not.toContain('删除');
    expect(text.slice(text.indexOf('王桂英'), text.indexOf('王秀英'))).toContain('删除');
  });

  it('regenerates the door code only after the dialog says so', async () => {
    backend(LEADER);
    page = openPage('pages/register/household/index', { id: 'h-1', gridId: 'g-leaf' });
    await waitForText(page, '重新生成门牌码');
    const before = weapp.calls.length;
    weapp.answerModal(false);
    tapText(page, '重新生成门牌码');
    await settle();
    expect(actionCalls(weapp.calls.slice(before), 'register', 'regenerateCode')).toHaveLength(0);
    expect(weapp.modals.at(-1)?.content).toContain('WXY2H8');

    weapp.answerModal(true);
    tapText(page, '重新生成门牌码');
    await until(
      () => actionCalls(weapp.calls.slice(before), 'register', 'regenerateCode').length === 1,
    );
    expect(actionCalls(weapp.calls.slice(before), 'register', 'regenerateCode')[0]).toEqual({
      action: 'regenerateCode',
      householdId: 'h-1',
      confirm: true,
    });
  });

  it('offers a member people, not the household', async () => {
    backend(MEMBER);
    page = openPage('pages/register/household/index', { id: 'h-1', gridId: 'g-leaf' });
    const text = await waitForText(page, ['王桂英', '添加成员', '编辑']);
    for (const absent of ['重新生成门牌码', '删除住户', '编辑住址', '迁移']) {
      expect(text).not.toContain(absent);
    }
    // What a member does for someone without WeChat, on their behalf.
    for (const proxy of ['代登记返乡', '代打卡', '代购']) expect(text).toContain(proxy);
  });

  it('代购 for someone without WeChat: the request page asks for them and sends their id', async () => {
    backend(MEMBER);
    page = openPage('pages/register/household/index', { id: 'h-1', gridId: 'g-leaf' });
    await waitForText(page, ['王桂英', '代购']);
    weapp.navigations.length = 0;
    // 王桂英's, the first person: her mother registered her, she has no WeChat.
    tapText(page, '代购', 'first');
    await until(() => weapp.navigations.length > 0);
    const url = weapp.navigations[0]?.url ?? '';
    expect(url).toMatch(/^\/pages\/errands\/request\/index\?/);
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    expect(query.get('personId')).toBe('p-1');
    page.detach();

    page = openPage('pages/errands/request/index', {
      personId: query.get('personId') ?? '',
      name: encodeURIComponent(query.get('name') ?? ''),
    });
    const text = await waitForText(page, ['代为申请代购', '为王桂英登记', '提交代购需求']);
    // Not the caller's own family: no picker of whom to ask for.
    expect(text).not.toContain('为谁代购');
    const before = weapp.calls.length;
    typeInto(page, '名称', '大米');
    typeInto(page, '数量', '1袋');
    typeInto(page, '预算（元）', '30');
    await settle();
    tapText(page, '提交代购需求');
    await waitForText(page, '已提交，附近的志愿者会尽快认领');
    const [sent] = actionCalls(weapp.calls.slice(before), 'errands', 'request');
    expect(sent).toMatchObject({
      personId: 'p-1',
      request: { items: [{ name: '大米', quantity: '1袋' }], budget: 30 },
    });
  });

  it('checks the person form before sending, and shows the server’s message under its field', async () => {
    backend(LEADER);
    page = openPage('pages/register/person/index', { householdId: 'h-1' });
    await waitForText(page, ['添加成员', '户籍 / 常住 / 流动', '重点关爱']);
    const before = weapp.calls.length;
    tapText(page, '添加');
    await waitForText(page, ['请填写姓名', '请选择与户主的关系', '请选择户籍、常住或流动']);
    expect(actionCalls(weapp.calls.slice(before), 'register', 'addPerson')).toHaveLength(0);

    typeInto(page, '姓名', '张桂兰');
    tapChip(page, '配偶');
    tapChip(page, '流动');
    tapChip(page, '孕产妇');
    tapChip(page, '独居老人');
    typeInto(page, '身份证号', '110105194912310021');
    typeInto(page, '手机号', '13912345678');
    // A person taps one thing at a time: each tap is drawn before the next.
    await settle();
    tapText(page, '添加');
    await waitForText(page, '身份证号校验位不正确');
    const [sent] = actionCalls(weapp.calls.slice(before), 'register', 'addPerson') as {
      key?: string;
    }[];
    expect(sent).toMatchObject({
      householdId: 'h-1',
      person: {
        name: '张桂兰',
        relation: '配偶',
        residency: 'floating',
        // In the form's order, whatever the order of the taps.
        care: ['alone', 'maternity'],
        idNumber: '110105194912310021',
        phone: '13912345678',
      },
    });
    // Corrected and sent again: the same submission key, so a lost answer never adds twice.
    typeInto(page, '身份证号', '11010519491231002X');
    await settle();
    tapText(page, '添加');
    await until(() => actionCalls(weapp.calls.slice(before), 'register', 'addPerson').length === 2);
    const calls = actionCalls(weapp.calls.slice(before), 'register', 'addPerson') as {
      key?: string;
    }[];
    expect(calls[1]?.key).toBe(sent?.key);
    // The second answer is drawn after the call was seen to go out: wait for it, not a moment.
    const shown = page;
    await until(() => !pageText(shown).includes('身份证号校验位不正确'));
  });
});
