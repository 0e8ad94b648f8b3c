/** @jest-environment jsdom */
import type {
  CaredPerson,
  ContactHousehold,
  GridDetail,
  ObservationView,
  Page,
} from '@gridguard/types';
import {
  actionCalls,
  chipSelected,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapChip,
  tapText,
  typeInto,
  until,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const HOUSEHOLDS = 'pages/care/households/index';
const CARED = 'pages/care/observed/index';
const OBSERVED = 'pages/observe/observed/index';

const pageOf = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 20, total: items.length });

const WANG_HOUSEHOLD: ContactHousehold = {
  id: 'h-demo-resident',
  address: '沙头社区新村大街18号',
  gridId: 'g-shatou-b1-h3',
  gridName: '第三户联系党小组',
  tags: { observing: 3, notReported: 1, abnormal: 1 },
  people: [
    {
      id: 'p-wang',
      name: '王秀英',
      relation: '本人',
      phoneMasked: '138****8018',
      mayRevealPhone: true,
      status: 'notReported',
      observation: { class: 'central', dayNumber: 2, totalDays: 14 },
    },
    {
      id: 'p-feng',
      name: '冯国庆',
      relation: '配偶',
      phoneMasked: '139****0002',
      mayRevealPhone: true,
      status: 'reported',
      observation: { class: 'key', dayNumber: 2, totalDays: 14 },
    },
    {
      id: 'p-mother',
      name: '王桂英',
      relation: '父母',
      phoneMasked: null,
      mayRevealPhone: false,
      status: 'abnormal',
      observation: { class: 'central', dayNumber: 2, totalDays: 14 },
    },
  ],
};

const CARED_WANG: CaredPerson = {
  personId: 'p-wang',
  name: '王秀英',
  address: '沙头社区新村大街18号',
  gridName: '第三户联系党小组',
  class: 'central',
  status: 'reported',
  dayNumber: 2,
  totalDays: 14,
  lastReportDay: '2026-11-30',
  phoneMasked: '138****8018',
  mayRevealPhone: true,
};

const SHATOU: GridDetail['node'] = {
  id: 'g-shatou',
  name: '沙头社区',
  levelName: '村(社区)',
  depth: 1,
  parentId: 'g-jiujiang',
  path: [{ id: 'g-jiujiang', name: '九江镇' }],
  leader: { name: '陈建华', party: true },
  childCount: 2,
  counts: { nodes: 5, households: 9, people: 27, members: 9 },
};

const OBSERVING: ObservationView = {
  personId: 'p-wang',
  name: '王秀英',
  status: 'observing',
  class: 'central',
  reasons: ['来自高风险地区（湖北省）'],
  overridden: false,
  startDay: '2026-11-29',
  endDay: '2026-12-12',
  dayNumber: 2,
  totalDays: 14,
  lastReportDay: null,
  alert: null,
  care: { leader: '陈建华', carer: '梁志明' },
};

interface Server {
  households: ContactHousehold[];
  cared: CaredPerson[];
  manage: boolean;
  observations: ObservationView[];
}

function backend(server: Server) {
  return (call: CloudCall) => {
    const data = call.data as Record<string, unknown>;
    const ok = (value: unknown) => Promise.resolve({ result: { ok: true, data: value } });
    if (call.name === 'contacts' && data.action === 'mine') return ok(pageOf(server.households));
    if (call.name === 'contacts' && data.action === 'cared') return ok(pageOf(server.cared));
    if (call.name === 'people' && data.action === 'reveal') return ok({ value: '13800138018' });
    if (call.name === 'grids' && data.action === 'detail')
      return ok({
        node: SHATOU,
        members: [],
        can: {
          manage: server.manage,
          restructure: false,
          invite: server.manage,
          readHouseholds: true,
          revealPhone: true,
          revealIdNumber: server.manage,
        },
      });
    if (call.name === 'returns' && data.action === 'list') return ok(pageOf(server.observations));
    if (call.name === 'contacts' && data.action === 'carers')
      return ok({
        current: 'oGenContact03',
        items: [
          {
            openid: 'oGenContact03',
            name: '梁志明',
            kind: 'member',
            party: true,
            gridId: 'g-shatou-b1-h3',
            gridName: '第三户联系党小组',
          },
          {
            openid: 'oDemoVolunteer',
            name: '李志强',
            kind: 'member',
            party: true,
            gridId: 'g-shatou-b1',
            gridName: '第一经济社党支部',
          },
        ],
      });
    const person = server.observations.find((o) => o.personId === data.personId);
    if (call.name === 'returns' && person) {
      if (data.action === 'extend')
        Object.assign(person, { totalDays: person.totalDays + Number(data.days) });
      if (data.action === 'endEarly') server.observations = [];
      if (data.action === 'assignCarer') person.care = { ...person.care, carer: '李志强' };
      return ok(person);
    }
    return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
  };
}

const fresh = (): Server => ({
  households: [WANG_HOUSEHOLD],
  cared: [CARED_WANG],
  manage: true,
  observations: [{ ...OBSERVING, care: { ...OBSERVING.care } }],
});

describe('户联系 and 关爱协管员 in the built mini-program (subpackage pages/care)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerModal(false);
  });

  it('我联系的住户: each household with its tags, each person’s status today, and a call', async () => {
    weapp.answerCallFunction(backend(fresh()));
    const before = weapp.calls.length;
    page = openPage(HOUSEHOLDS);
    const text = await waitForText(page, [
      '我联系的住户',
      '共 1 户',
      '沙头社区新村大街18号',
      '异常 1',
      '今日未报 1',
      '观察中 3',
      '王秀英',
      '今日未报',
      '冯国庆',
      '今日已报',
      '居家观察第 2/14 天',
      '138****8018',
    ]);
    // No phone registered for her mother: nothing to reveal.
    expect(text).toContain('未登记');
    expect(text).not.toContain('13800138018');
    tapText(page, '查看');
    await waitForText(page, '13800138018');
    expect(actionCalls(weapp.calls.slice(before), 'people', 'reveal')).toEqual([
      { action: 'reveal', personId: 'p-feng', field: 'phone' },
    ]);
  });

  it('我联系的住户: says so when there are none', async () => {
    weapp.answerCallFunction(backend({ ...fresh(), households: [] }));
    page = openPage(HOUSEHOLDS);
    await waitForText(page, ['暂无联系的住户', '网格长指定您为住户的户联系党员后']);
  });

  it('我照看的: the observed person with the day counter, today’s report and a call', async () => {
    weapp.answerCallFunction(backend(fresh()));
    page = openPage(CARED);
    await waitForText(page, [
      '我照看的居家观察对象',
      '共 1 人',
      '王秀英',
      '重点集中观察类',
      '今日已报',
      '居家观察第 2/14 天',
      '沙头社区新村大街18号（第三户联系党小组）',
      '138****8018',
    ]);
  });

  it('观察对象: a leader extends, changes the carer and ends early, each only after confirming', async () => {
    const server = fresh();
    weapp.answerCallFunction(backend(server));
    const before = weapp.calls.length;
    page = openPage(OBSERVED, { gridId: 'g-shatou' });
    await waitForText(page, ['王秀英', '延长观察', '提前解除', '更换协管员']);

    tapText(page, '延长观察');
    await waitForText(page, ['延长天数', '延长原因']);
    tapText(page, '3 天');
    typeInto(page, '延长原因', '同行人员确诊');
    await settle();
    weapp.answerModal(false);
    tapText(page, '延长观察');
    await settle();
    expect(weapp.modals.at(-1)).toMatchObject({ title: '延长居家观察', confirmText: '确认延长' });
    expect(actionCalls(weapp.calls.slice(before), 'returns', 'extend')).toEqual([]);
    weapp.answerModal(true);
    tapText(page, '延长观察');
    await waitForText(page, '更换协管员');
    expect(actionCalls(weapp.calls.slice(before), 'returns', 'extend')).toEqual([
      { action: 'extend', personId: 'p-wang', days: 3, reason: '同行人员确诊' },
    ]);

    tapText(page, '更换协管员');
    await waitForText(page, ['关爱协管员', '李志强（网格员）']);
    tapChip(page, '李志强（网格员）');
    // Saved only once the choice is drawn: a loaded machine may draw it late.
    const shown = page;
    await until(() => chipSelected(shown, '李志强（网格员）'));
    tapText(page, '保存');
    await waitForText(page, '关爱协管员 李志强');
    expect(weapp.modals.at(-1)).toMatchObject({
      title: '更换关爱协管员',
      content: '王秀英：梁志明 → 李志强',
    });
    expect(actionCalls(weapp.calls.slice(before), 'returns', 'assignCarer')).toEqual([
      { action: 'assignCarer', personId: 'p-wang', openid: 'oDemoVolunteer' },
    ]);

    tapText(page, '提前解除');
    await waitForText(page, '解除原因');
    typeInto(page, '解除原因', '核酸检测阴性');
    await settle();
    tapText(page, '提前解除');
    await waitForText(page, '暂无居家观察人员');
    expect(weapp.modals.at(-1)).toMatchObject({ title: '提前解除观察', confirmText: '确认解除' });
    expect(actionCalls(weapp.calls.slice(before), 'returns', 'endEarly')).toEqual([
      { action: 'endEarly', personId: 'p-wang', reason: '核酸检测阴性', confirm: true },
    ]);
  });

  it('观察对象: a member sees none of the leader’s actions', async () => {
    weapp.answerCallFunction(backend({ ...fresh(), manage: false }));
    page = openPage(OBSERVED, { gridId: 'g-shatou' });
    const text = await waitForText(page, ['王秀英', '居家观察第 2/14 天']);
    for (const label of ['延长观察', '提前解除', '更换协管员']) expect(text).not.toContain(label);
    expect(pageText(page)).not.toContain('调整分类');
  });
});
