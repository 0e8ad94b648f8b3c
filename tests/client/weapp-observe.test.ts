/** @jest-environment jsdom */
import type { GridDetail, ObservationView, ObservedPerson, Page } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  pageText,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const ALERTS = 'pages/observe/alerts/index';
const QUEUE = 'pages/observe/queue/index';
const OBSERVED = 'pages/observe/observed/index';

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

const can = (manage: boolean): GridDetail['can'] => ({
  manage,
  restructure: false,
  invite: manage,
  readHouseholds: true,
  registerPeople: true,
  revealPhone: true,
  revealIdNumber: manage,
});

/** Today in China (UTC+8), the day the page compares the last report with. */
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const FEVERISH: ObservedPerson = {
  personId: 'p-wang',
  name: '王秀英',
  status: 'escalated',
  class: 'central',
  reasons: ['来自高风险地区（湖北省）'],
  overridden: false,
  startDay: '2026-11-21',
  endDay: '2026-12-04',
  dayNumber: 3,
  totalDays: 14,
  lastReportDay: TODAY,
  alert: {
    day: TODAY,
    reason: '体温 38.2℃',
    temperature: 38.2,
    symptoms: ['cough', 'fatigue'],
    note: '夜里咳得厉害',
  },
  care: { leader: '陈建华', carer: '李志强' },
  address: '沙头社区新村大街18号',
  call: { personId: 'p-wang', name: '王秀英', phoneMasked: '138****8018', self: true },
};

const ROUTINE: ObservedPerson = {
  ...FEVERISH,
  personId: 'p-feng',
  name: '冯国庆',
  status: 'observing',
  class: 'routine',
  reasons: ['来自低风险地区，无接触史，无症状'],
  lastReportDay: null,
  alert: null,
  // No phone of his own: his wife registered him.
  call: { personId: 'p-wang', name: '王秀英', phoneMasked: '138****8018', self: false },
};

const pageOf = (items: ObservedPerson[]): Page<ObservedPerson> => ({
  items,
  page: 1,
  pageSize: 20,
  total: items.length,
});

interface Server {
  manage: boolean;
  observations: ObservedPerson[];
}

/**
 * Answers as the returns router would over a tiny in-memory grid: list honours the filters,
 * override and resolve change the person, so the page's reload shows the outcome.
 */
function backend(server: Server) {
  return (call: CloudCall) => {
    const data = call.data as Record<string, unknown>;
    const ok = (value: unknown) => Promise.resolve({ result: { ok: true, data: value } });
    if (call.name === 'grids' && data.action === 'detail') {
      return ok({ node: SHATOU, members: [], can: can(server.manage) });
    }
    if (call.name === 'returns' && data.action === 'list') {
      return ok(
        pageOf(
          server.observations.filter(
            (o) =>
              (data.status === undefined || o.status === data.status) &&
              (data.class === undefined || o.class === data.class),
          ),
        ),
      );
    }
    if (call.name === 'people' && data.action === 'reveal' && data.personId === 'p-wang') {
      return ok({ value: '13800138018' });
    }
    const index = server.observations.findIndex((o) => o.personId === data.personId);
    const person = server.observations[index];
    if (call.name === 'returns' && data.action === 'resolve' && person) {
      server.observations[index] = { ...person, status: 'observing' };
      return ok(server.observations[index]);
    }
    if (call.name === 'returns' && data.action === 'override' && person) {
      server.observations[index] = {
        ...person,
        class: data.class as ObservationView['class'],
        overridden: true,
        reasons: [...person.reasons, `网格长调整为重点类：${String(data.reason)}`],
      };
      return ok(server.observations[index]);
    }
    return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
  };
}

/** Types into the page's only text input, as the keyboard would. */
function typeReason(page: WeappPage, value: string): void {
  const sid = page.dom?.querySelector<HTMLElement>('wx-input')?.dataset.sid;
  if (!sid) throw new Error(`no input on the page; page text: ${pageText(page)}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('input', { detail: { value } });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

const writes = (calls: readonly CloudCall[]) =>
  calls.filter((call) => {
    const action = (call.data as { action?: string }).action;
    return call.name === 'returns' && (action === 'resolve' || action === 'override');
  });

describe('居家观察 pages in the built mini-program (subpackage pages/observe)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerModal(false);
  });

  it('异常提醒: a leader resolves an alert with a reason, only after confirming', async () => {
    const server: Server = { manage: true, observations: [FEVERISH, ROUTINE] };
    weapp.answerCallFunction(backend(server));
    const before = weapp.calls.length;
    page = openPage(ALERTS, { gridId: 'g-shatou' });

    const text = await waitForText(page, [
      '异常提醒',
      '九江镇 › 沙头社区',
      '王秀英',
      `${TODAY} 报告：体温 38.2℃`,
      '居家观察第 3/14 天',
      '今日已打卡',
      '共 1 人',
    ]);
    // Only the escalated are asked for, and the observing are not shown.
    expect(text).not.toContain('冯国庆');
    const lists = weapp.calls
      .slice(before)
      .filter(
        (call) => call.name === 'returns' && (call.data as { action: string }).action === 'list',
      );
    expect(lists[0]?.data).toEqual({
      action: 'list',
      gridId: 'g-shatou',
      page: 1,
      status: 'escalated',
    });

    tapText(page, '解除异常');
    await waitForText(page, ['确认解除', '将留存记录']);
    typeReason(page, '好');
    await settle();
    tapText(page, '确认解除');
    await waitForText(page, '请填写原因（至少 2 个字）');
    expect(writes(weapp.calls.slice(before))).toEqual([]);

    typeReason(page, '上门复测体温 36.6℃');
    await settle();
    weapp.answerModal(false);
    tapText(page, '确认解除');
    await settle();
    expect(weapp.modals.at(-1)).toMatchObject({ title: '确认解除异常', confirmText: '确认解除' });
    expect(weapp.modals.at(-1)?.content).toContain('王秀英');
    expect(writes(weapp.calls.slice(before))).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '确认解除');
    await waitForText(page, '暂无异常');
    expect(writes(weapp.calls.slice(before))).toEqual([
      {
        name: 'returns',
        data: { action: 'resolve', personId: 'p-wang', reason: '上门复测体温 36.6℃' },
      },
    ]);
  });

  it('异常提醒: shows what was reported, where they live, and calls them in one tap', async () => {
    weapp.answerCallFunction(backend({ manage: false, observations: [FEVERISH] }));
    page = openPage(ALERTS, { gridId: 'g-shatou' });
    await waitForText(page, [
      '症状：咳嗽、乏力',
      '备注：夜里咳得厉害',
      '住址：沙头社区新村大街18号',
      '电话：138****8018',
    ]);
    const before = weapp.calls.length;
    tapText(page, '拨打电话');
    for (let i = 0; i < 100 && weapp.phoneCalls.length === 0; i += 1) await settle();
    expect(weapp.phoneCalls).toEqual(['13800138018']);
    // The number comes from the audited reveal, nowhere else.
    expect(weapp.calls.slice(before)).toEqual([
      { name: 'people', data: { action: 'reveal', personId: 'p-wang', field: 'phone' } },
    ]);
  });

  it('观察对象: someone without a phone is reached through the family member who registered them', async () => {
    weapp.phoneCalls.length = 0;
    weapp.answerCallFunction(backend({ manage: false, observations: [ROUTINE] }));
    page = openPage(OBSERVED, { gridId: 'g-shatou' });
    await waitForText(page, ['冯国庆', '家属 王秀英（代为登记）：138****8018']);
    tapText(page, '拨打电话');
    for (let i = 0; i < 100 && weapp.phoneCalls.length === 0; i += 1) await settle();
    expect(weapp.phoneCalls).toEqual(['13800138018']);
  });

  it('异常提醒: a member sees the alert without 解除异常', async () => {
    weapp.answerCallFunction(backend({ manage: false, observations: [FEVERISH] }));
    page = openPage(ALERTS, { gridId: 'g-shatou' });
    const text = await waitForText(page, ['王秀英', '体温 38.2℃']);
    expect(text).not.toContain('解除异常');
    expect(text).not.toContain('核实后可解除异常');
  });

  it('分类审核: filters by class, and changes a class with a reason after confirming', async () => {
    const server: Server = { manage: true, observations: [FEVERISH, ROUTINE] };
    weapp.answerCallFunction(backend(server));
    const before = weapp.calls.length;
    page = openPage(QUEUE, { gridId: 'g-shatou' });
    await waitForText(page, [
      '分类审核',
      '王秀英',
      '冯国庆',
      '来自低风险地区，无接触史，无症状',
      '共 2 人',
    ]);

    tapText(page, '常规');
    await waitForText(page, '常规类 共 1 人');
    // 王秀英's row is gone (her name stays as the family member to call about 冯国庆).
    expect(pageText(page)).not.toContain('来自高风险地区（湖北省）');
    const lastList = weapp.calls
      .slice(before)
      .filter((call) => (call.data as { action: string }).action === 'list')
      .at(-1);
    expect(lastList?.data).toEqual({
      action: 'list',
      gridId: 'g-shatou',
      page: 1,
      class: 'routine',
    });

    tapText(page, '调整分类');
    await waitForText(page, ['新的分类', '调整原因']);
    typeReason(page, '同住人来自湖北');
    await settle();
    // The class is still the old one: nothing to save yet.
    tapText(page, '保存调整');
    await waitForText(page, '请选择与「常规类」不同的分类');
    tapText(page, '重点类');
    await settle();
    weapp.answerModal(true);
    tapText(page, '保存调整');
    // Now filtered to 常规, the changed person leaves the list.
    await waitForText(page, '暂无居家观察人员');
    expect(weapp.modals.at(-1)?.content).toBe(
      '将冯国庆由「常规类」调整为「重点类」。原因：同住人来自湖北',
    );
    expect(writes(weapp.calls.slice(before))).toEqual([
      {
        name: 'returns',
        data: { action: 'override', personId: 'p-feng', class: 'key', reason: '同住人来自湖北' },
      },
    ]);
  });

  it('观察对象: grouped, escalated first, and no 调整分类 for a member', async () => {
    weapp.answerCallFunction(backend({ manage: false, observations: [FEVERISH, ROUTINE] }));
    page = openPage(OBSERVED, { gridId: 'g-shatou' });
    const text = await waitForText(page, [
      '异常（体温偏高或有症状）',
      '常规类',
      '王秀英',
      '冯国庆',
      '尚未打过卡',
    ]);
    expect(text.indexOf('异常（体温偏高或有症状）')).toBeLessThan(text.indexOf('王秀英'));
    expect(text.indexOf('王秀英')).toBeLessThan(text.indexOf('冯国庆'));
    expect(text).not.toContain('调整分类');
  });

  it('says what is missing when opened without a node', async () => {
    weapp.answerCallFunction(backend({ manage: true, observations: [] }));
    page = openPage(ALERTS);
    await waitForText(page, ['无法打开', '缺少网格编号']);
  });
});
