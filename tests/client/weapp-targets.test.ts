/** @jest-environment jsdom */
import type {
  EnterpriseRow,
  EnterpriseView,
  GridDetail,
  RentalRow,
  RentalView,
  SearchResult,
} from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
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
const pageOf = <T>(items: T[]) => ({ items, page: 1, pageSize: 20, total: items.length });

const LANDLORD = {
  id: 'p-landlord',
  name: '何振华',
  phoneMasked: '139****5678',
  householdId: 'h-1',
  mayRevealPhone: true,
};
const rental = (may: RentalView['may']): RentalView => ({
  id: 'r-1',
  gridId: 'g-leaf',
  gridName: '第一户联系党小组',
  address: '沙头社区东街12号',
  place: { street: '沙头社区东街', building: '', unit: '', door: '12' },
  rooms: 6,
  landlordId: LANDLORD.id,
  landlord: LANDLORD,
  tenants: [
    {
      personId: 'p-tenant',
      person: {
        id: 'p-tenant',
        name: '张桂兰',
        phoneMasked: '137****1111',
        householdId: 'h-2',
        mayRevealPhone: true,
      },
      leaseStart: '2026-03-01',
      leaseEnd: null,
    },
    { personId: 'p-gone', person: null, leaseStart: '2026-01-01', leaseEnd: '2026-12-31' },
  ],
  note: '二楼整层出租',
  updatedAt: '2026-11-30T02:00:00.000Z',
  may,
});
const rentalRow: RentalRow = {
  id: 'r-1',
  gridId: 'g-leaf',
  address: '沙头社区东街12号',
  rooms: 6,
  landlord: { name: '何振华', phoneMasked: '139****5678' },
  tenants: 2,
};
const enterpriseRow: EnterpriseRow = {
  id: 'e-1',
  gridId: 'g-leaf',
  name: '沙头五金制品厂',
  address: '沙头工业区3栋',
  leaderName: '梁志明',
  phoneMasked: '136****2222',
  workforce: 45,
  status: 'applied',
};
const enterprise = (may: EnterpriseView['may']): EnterpriseView => ({
  ...enterpriseRow,
  gridName: '第一户联系党小组',
  place: { street: '沙头工业区', building: '3', unit: '', door: '' },
  note: '',
  updatedAt: '2026-11-30T02:00:00.000Z',
  may,
});
const LEADER = { edit: true, remove: true };
const MEMBER = { edit: true, remove: false };

const detail = (): Pick<GridDetail, 'node' | 'can' | 'members'> => ({
  node: {
    id: 'g-leaf',
    name: '第一户联系党小组',
    levelName: '户联系党小组',
    depth: 3,
    parentId: 'g-b1',
    path: [
      { id: 'g-town', name: '九江镇' },
      { id: 'g-b1', name: '第一经济社党支部' },
    ],
    leader: null,
    childCount: 0,
    counts: { nodes: 0, households: 3, people: 9, members: 1, rentals: 1, enterprises: 1 },
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
});

const found: SearchResult = {
  kind: 'people',
  match: 'name',
  page: 1,
  pageSize: 20,
  total: 1,
  items: [
    {
      kind: 'person',
      id: 'p-landlord',
      gridId: 'g-leaf',
      path: [],
      householdId: 'h-1',
      address: '沙头社区东街1号',
      matched: 'name',
      person: {
        id: 'p-landlord',
        name: '何振华',
        relation: '本人',
        idNumberMasked: null,
        phoneMasked: '139****5678',
        proxy: null,
        hasWechat: false,
      },
    },
  ],
};

describe('出租屋 and 企业 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  function backend(may: RentalView['may'] = LEADER) {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string; rental?: { place?: { door?: string } } };
      if (call.name === 'grids' && data.action === 'detail') return ok(detail());
      if (call.name === 'search' && data.action === 'find') return ok(found);
      if (call.name === 'people' && data.action === 'reveal') return ok({ value: '13912345678' });
      if (call.name !== 'targets') return refuse('INTERNAL', '未知调用');
      switch (data.action) {
        case 'rentals':
          return ok(pageOf([rentalRow]));
        case 'rental':
        case 'setTenants':
          return ok(rental(may));
        case 'createRental':
          if (data.rental?.place?.door === '12')
            return refuse('INVALID_INPUT', '提交的内容有误，请检查后重试', [
              { path: 'rental.place.door', message: '本网格已有此门牌的出租屋' },
            ]);
          return ok(rental(may));
        case 'enterprises':
          return ok(pageOf([enterpriseRow]));
        case 'enterprise':
          return ok(enterprise({ ...may, revealPhone: true }));
        case 'revealEnterprisePhone':
          return ok({ value: '13600002222' });
        default:
          return refuse('INTERNAL', '未知调用');
      }
    });
  }

  it('lists a node’s rentals with their landlord masked, and searches by address', async () => {
    backend();
    page = openPage('pages/targets/rentals/index', { gridId: 'g-leaf' });
    const text = await waitForText(page, ['沙头社区东街12号', '出租 6 间', '租客 2 人']);
    expect(text).toContain('房东 何振华 139****5678');
    expect(text).toContain('新建出租屋');
    expect(text).toContain('共 1 处');
    const before = weapp.calls.length;
    typeInto(page, '按地址查找', '东街');
    await until(() => actionCalls(weapp.calls.slice(before), 'targets', 'rentals').length > 0);
    expect(actionCalls(weapp.calls.slice(before), 'targets', 'rentals')[0]).toEqual({
      action: 'rentals',
      gridId: 'g-leaf',
      page: 1,
      query: '东街',
    });
  });

  it('shows a rental: landlord to call (revealed, audited), tenants with their lease', async () => {
    backend();
    page = openPage('pages/targets/rental/index', { id: 'r-1' });
    const text = await waitForText(page, ['沙头社区东街12号', '何振华', '张桂兰']);
    for (const piece of [
      '出租间数：6 间',
      '备注：二楼整层出租',
      '谁出租谁负责',
      '2026-03-01 起（不定期）',
      '2026-01-01 至 2026-12-31',
      '（该居民登记已删除）',
      '添加租客',
      '修改租期',
      '删除出租屋',
    ]) {
      expect(text).toContain(piece);
    }
    const before = weapp.calls.length;
    tapText(page, '拨打', 'first');
    await until(() => actionCalls(weapp.calls.slice(before), 'people', 'reveal').length === 1);
    expect(actionCalls(weapp.calls.slice(before), 'people', 'reveal')[0]).toEqual({
      action: 'reveal',
      personId: 'p-landlord',
      field: 'phone',
    });
  });

  it('lets a tenant go only after the dialog says so', async () => {
    backend(MEMBER);
    page = openPage('pages/targets/rental/index', { id: 'r-1' });
    const text = await waitForText(page, ['张桂兰', '移除']);
    // A member keeps tenants but does not remove the rental.
    expect(text).not.toContain('删除出租屋');
    const before = weapp.calls.length;
    weapp.answerModal(false);
    tapText(page, '移除', 'first');
    await settle();
    expect(actionCalls(weapp.calls.slice(before), 'targets', 'setTenants')).toHaveLength(0);
    expect(weapp.modals.at(-1)?.content).toContain('张桂兰');

    weapp.answerModal(true);
    tapText(page, '移除', 'first');
    await until(() => actionCalls(weapp.calls.slice(before), 'targets', 'setTenants').length === 1);
    expect(actionCalls(weapp.calls.slice(before), 'targets', 'setTenants')[0]).toEqual({
      action: 'setTenants',
      rentalId: 'r-1',
      changes: [{ personId: 'p-tenant', lease: null }],
    });
  });

  it('checks the rental form, picks the landlord by a search, and keeps one submission key', async () => {
    backend();
    page = openPage('pages/targets/rental-form/index', { gridId: 'g-leaf' });
    await waitForText(page, [
      '新建出租屋',
      '在「第一户联系党小组」中找',
      '在「第一经济社党支部」中找',
    ]);
    const before = weapp.calls.length;
    tapText(page, '登记');
    await waitForText(page, ['请填写街道、村或小区', '出租间数应为 1–200', '请选择房东']);
    expect(actionCalls(weapp.calls.slice(before), 'targets', 'createRental')).toHaveLength(0);

    typeInto(page, '街道、村或小区', '沙头社区东街');
    typeInto(page, '门牌号或房号', '12');
    typeInto(page, '出租间数', '999');
    typeInto(page, '查找房东', '何振');
    await waitForText(page, ['沙头社区东街1号', '点按选择']);
    const searches = actionCalls(weapp.calls.slice(before), 'search', 'find');
    expect(searches.at(-1)).toEqual({
      action: 'find',
      gridId: 'g-leaf',
      query: '何振',
      kind: 'people',
      page: 1,
    });
    tapText(page, '何振华');
    await waitForText(page, '重新选择');
    typeInto(page, '出租间数', '6');
    await settle();
    tapText(page, '登记');
    // The server's message lands under its own field, the prefix of its path dropped.
    await waitForText(page, '本网格已有此门牌的出租屋');
    typeInto(page, '门牌号或房号', '12A');
    await settle();
    weapp.navigations.length = 0;
    tapText(page, '登记');
    await until(() => weapp.navigations.length > 0);
    const sent = actionCalls(weapp.calls.slice(before), 'targets', 'createRental') as {
      key?: string;
    }[];
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      gridId: 'g-leaf',
      rental: {
        place: { street: '沙头社区东街', door: '12' },
        rooms: 6,
        landlordId: 'p-landlord',
      },
    });
    // The same form sends the same key: a retry after a lost answer never registers twice.
    expect(sent[1]?.key).toBe(sent[0]?.key);
    expect(weapp.navigations[0]).toEqual({
      api: 'redirectTo',
      url: '/pages/targets/rental/index?id=r-1',
    });
  });

  it('lists enterprises with their 复工 status and narrows to one', async () => {
    backend();
    page = openPage('pages/targets/enterprises/index', { gridId: 'g-leaf' });
    const text = await waitForText(page, ['沙头五金制品厂', '已申请复工', '职工 45 人']);
    expect(text).toContain('负责人 梁志明 136****2222');
    const before = weapp.calls.length;
    tapChip(page, '已复工');
    await until(() => actionCalls(weapp.calls.slice(before), 'targets', 'enterprises').length > 0);
    expect(actionCalls(weapp.calls.slice(before), 'targets', 'enterprises')[0]).toEqual({
      action: 'enterprises',
      gridId: 'g-leaf',
      page: 1,
      status: 'resumed',
    });
  });

  it('shows an enterprise: 拨打 reveals the 负责人’s phone through the audited action', async () => {
    backend(MEMBER);
    page = openPage('pages/targets/enterprise/index', { id: 'e-1' });
    const text = await waitForText(page, ['沙头五金制品厂', '梁志明', '136****2222']);
    expect(text).toContain('已申请复工');
    expect(text).toContain('职工人数：45 人');
    expect(text).not.toContain('删除企业');
    const before = weapp.calls.length;
    tapText(page, '拨打');
    await until(
      () => actionCalls(weapp.calls.slice(before), 'targets', 'revealEnterprisePhone').length === 1,
    );
    expect(actionCalls(weapp.calls.slice(before), 'targets', 'revealEnterprisePhone')[0]).toEqual({
      action: 'revealEnterprisePhone',
      enterpriseId: 'e-1',
    });
  });
});
