/** @jest-environment jsdom */
import type { GridDetail, GridNodeView, HouseholdView, Page } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  settle,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

/** 网格详情 for a leader: 指定户联系党员 over the households listed, and 移动到… another parent. */
const DETAIL = 'pages/grid-detail/index';

const node = (id: string, name: string, parentId: string | null, depth: number): GridNodeView => ({
  id,
  name,
  levelName: depth === 2 ? '经济社党支部' : '户联系党小组',
  depth,
  parentId,
  path: [],
  leader: null,
  childCount: 0,
  counts: { nodes: 0, households: 0, people: 0, members: 0 },
});

const H3 = node('g-shatou-b1-h3', '第三户联系党小组', 'g-shatou-b1', 3);
const B1 = node('g-shatou-b1', '第一经济社党支部', 'g-shatou', 2);
const B2 = node('g-shatou-b2', '第二经济社党支部', 'g-shatou', 2);
const ROOT = { ...node('g-shatou', '沙头社区', 'g-jiujiang', 1), levelName: '村(社区)' };

const household = (id: string, address: string): HouseholdView => ({
  id,
  gridId: H3.id,
  gridName: H3.name,
  address,
  code: 'WXY2H8',
  contact: { name: '梁志明', party: true },
  people: [],
});

const pageOf = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 20, total: items.length });

const LEADER_CAN: GridDetail['can'] = {
  manage: true,
  restructure: true,
  invite: true,
  readHouseholds: true,
  registerPeople: true,
  revealPhone: true,
  revealIdNumber: true,
};

function backend() {
  return (call: CloudCall) => {
    const data = call.data as Record<string, unknown>;
    const ok = (value: unknown) => Promise.resolve({ result: { ok: true, data: value } });
    if (call.name === 'grids' && data.action === 'detail')
      return ok({ node: H3, members: [], can: LEADER_CAN });
    if (call.name === 'grids' && data.action === 'households')
      return ok(pageOf([household('h-1', '新村大街18号'), household('h-2', '新村大街1号')]));
    if (call.name === 'grids' && data.action === 'children') {
      if (data.parentId === null) return ok(pageOf([ROOT]));
      if (data.parentId === 'g-shatou') return ok(pageOf([B1, B2]));
      return ok(pageOf([]));
    }
    if (call.name === 'grids' && data.action === 'move') return ok({ ...H3, parentId: B2.id });
    if (call.name === 'contacts' && data.action === 'candidates')
      return ok({
        items: [
          {
            openid: 'oDemoVolunteer',
            name: '李志强',
            kind: 'member',
            party: true,
            gridId: B1.id,
            gridName: B1.name,
          },
        ],
      });
    if (call.name === 'contacts' && data.action === 'assign')
      return ok({ updated: 2, contact: { name: '李志强', party: true } });
    return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
  };
}

describe('网格详情: the party grid’s links in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerModal(false);
  });

  it('指定户联系党员: picks households and a party member, sent only after confirming', async () => {
    weapp.answerCallFunction(backend());
    const before = weapp.calls.length;
    page = openPage(DETAIL, { id: H3.id });
    await waitForText(page, ['新村大街18号', '指定户联系党员']);
    tapText(page, '指定户联系党员');
    await waitForText(page, ['户联系党员', '李志强（第一经济社党支部）', '已选 0 户']);

    tapText(page, '指定');
    await waitForText(page, '请先选择住户');
    tapText(page, '全选');
    await waitForText(page, '已选 2 户');
    tapText(page, '指定');
    await waitForText(page, '请选择户联系党员');
    tapText(page, '李志强（第一经济社党支部）');
    await settle();
    weapp.answerModal(false);
    tapText(page, '指定');
    await settle();
    expect(weapp.modals.at(-1)).toMatchObject({
      title: '指定户联系党员',
      content: '所选 2 户由「李志强」联系',
      confirmText: '确认指定',
    });
    expect(actionCalls(weapp.calls.slice(before), 'contacts', 'assign')).toEqual([]);
    weapp.answerModal(true);
    tapText(page, '指定');
    await settle();
    expect(actionCalls(weapp.calls.slice(before), 'contacts', 'assign')).toEqual([
      { action: 'assign', householdIds: ['h-1', 'h-2'], openid: 'oDemoVolunteer' },
    ]);
  });

  it('移动到…: browses down from the caller’s nodes and moves only after confirming', async () => {
    weapp.answerCallFunction(backend());
    const before = weapp.calls.length;
    page = openPage(DETAIL, { id: H3.id });
    await waitForText(page, ['移动到…']);
    tapText(page, '移动到…');
    await waitForText(page, ['移动「第三户联系党小组」到…', '沙头社区', '请选择新的上级']);
    tapText(page, '沙头社区');
    await waitForText(page, ['第二经济社党支部', '移到「沙头社区」下']);
    tapText(page, '第二经济社党支部');
    await waitForText(page, ['沙头社区 / 第二经济社党支部', '移到「第二经济社党支部」下']);
    weapp.answerModal(true);
    tapText(page, '移到「第二经济社党支部」下');
    await settle();
    expect(weapp.modals.at(-1)).toMatchObject({ title: '移动网格', confirmText: '确认移动' });
    expect(actionCalls(weapp.calls.slice(before), 'grids', 'move')).toEqual([
      { action: 'move', gridId: H3.id, newParentId: B2.id },
    ]);
  });
});
