/** @jest-environment jsdom */
import type {
  FamilyToday,
  ObservationView,
  ReturnDeclaration,
  ReturnStatus,
} from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  pageText,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';
import { HOUSEHOLD, RESIDENT } from '../helpers/family-fixtures';

const RETURN = 'pages/return/index';

const CLASSIFIED: ObservationView = {
  personId: 'p-self',
  name: '王秀英',
  status: 'observing',
  class: 'central',
  reasons: ['来自高风险地区（湖北省）'],
  overridden: false,
  startDay: '2026-11-23',
  endDay: '2026-12-06',
  dayNumber: 1,
  totalDays: 14,
  lastReportDay: null,
  alert: null,
  care: { leader: '陈建华', carer: '李志强' },
};

/** What 王秀英 registered earlier: the form opens with it when she comes back to edit. */
const STORED: ReturnDeclaration = {
  origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
  via: [{ province: '江西省', city: '九江市', district: '' }],
  transport: 'flight',
  transportNumber: 'CZ3366',
  departureDay: '2026-11-20',
  arrivalDay: '2026-11-21',
  contactWithCases: true,
  symptoms: ['cough'],
};

/** The household today as contacts.family gives it: here only whom to call matters. */
const FAMILY: FamilyToday = {
  day: '2026-11-23',
  address: '沙头社区新村大街18号',
  people: [],
  staff: { name: '梁志明', role: '户联系', callable: true },
};

/** Answers the page's loads; `declare` answers with whatever the test hands over. */
function backend(
  declared: unknown,
  status: ReturnStatus = { observation: null, declaration: null },
) {
  return (call: CloudCall) => {
    const data = call.data as { action?: string };
    if (call.name === 'whoami') return Promise.resolve({ result: { ok: true, data: RESIDENT } });
    if (call.name === 'households') {
      return Promise.resolve({ result: { ok: true, data: HOUSEHOLD } });
    }
    if (call.name === 'returns' && data.action === 'status') {
      return Promise.resolve({ result: { ok: true, data: status } });
    }
    if (call.name === 'returns' && data.action === 'declare') {
      return Promise.resolve({ result: declared });
    }
    if (call.name === 'contacts' && data.action === 'family') {
      return Promise.resolve({ result: { ok: true, data: FAMILY } });
    }
    if (call.name === 'contacts' && data.action === 'callStaff') {
      return Promise.resolve({
        result: { ok: true, data: { name: '梁志明', phone: '13800138403' } },
      });
    }
    return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
  };
}

/** The form field whose label starts with `label` (j-component prefixes page classes). */
function fieldOf(page: WeappPage, label: string): HTMLElement {
  const root = page.dom;
  if (!root) throw new Error('page is not rendered');
  const labels = Array.from(root.querySelectorAll<HTMLElement>('[class*="form-field__label"]'));
  const field = labels
    .find((element) => element.textContent?.replace('（选填）', '').trim() === label)
    ?.parentElement?.closest<HTMLElement>('[class$="form-field"], [class*="form-field "]');
  if (!field) throw new Error(`no field labelled ${label}; page text: ${pageText(page)}`);
  return field;
}

/** Types into the `index`-th input of a field, as the keyboard would. */
function typeInto(page: WeappPage, label: string, value: string, index = 0): void {
  const inputs = fieldOf(page, label).querySelectorAll<HTMLElement>('wx-input');
  const sid = inputs[index]?.dataset.sid;
  if (!sid) throw new Error(`no input ${index} under ${label}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('input', { detail: { value } });
}

/** Taps the chip labelled `text` inside a field (是/否 and the like appear elsewhere too). */
function tapIn(page: WeappPage, label: string, text: string): void {
  const chips = Array.from(fieldOf(page, label).querySelectorAll<HTMLElement>('[data-sid]'));
  const sid = chips.filter((element) => element.textContent?.trim() === text).at(-1)?.dataset.sid;
  if (!sid) throw new Error(`no ${text} under ${label}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('tap');
}

function declares(calls: readonly CloudCall[]): CloudCall[] {
  return calls.filter(
    (call) => call.name === 'returns' && (call.data as { action: string }).action === 'declare',
  );
}

async function fillForm(page: WeappPage): Promise<void> {
  await waitForText(page, ['返乡登记', '为谁登记', '出发地', '抵达日期']);
  typeInto(page, '出发地', '湖北省', 0);
  typeInto(page, '出发地', '武汉市', 1);
  tapIn(page, '交通方式', '火车');
  typeInto(page, '车次/航班/车牌', 'G1234');
  tapIn(page, '是否接触过确诊或疑似病例', '否');
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Waits for what the page does after a tap (navigation and the dialler are async). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !done(); i += 1) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error('timed out');
}

describe('返乡登记 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('registers the caller’s return and shows the class and the reasons', async () => {
    weapp.answerCallFunction(backend({ ok: true, data: CLASSIFIED }));
    const before = weapp.calls.length;
    page = openPage(RETURN);
    const text = await waitForText(page, '为谁登记');
    // The caller comes first in the person picker, and is the one registered.
    expect(text.indexOf('王秀英')).toBeLessThan(text.indexOf('冯国强'));
    await fillForm(page);

    tapText(page, '提交登记');
    await waitForText(page, [
      '王秀英 返乡登记成功',
      '分类结果',
      '重点集中观察类',
      '来自高风险地区（湖北省）',
      '居家医学观察 1/14 天',
      '如有疑问请联系户联系 梁志明',
      '去打卡',
    ]);
    // The one to ask, in one tap; then today's report for her.
    tapText(page, '拨打电话');
    await until(() => weapp.phoneCalls.length > 0);
    expect(weapp.phoneCalls).toEqual(['13800138403']);
    weapp.navigations.length = 0;
    tapText(page, '去打卡');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations.map((n) => n.url)).toEqual(['/pages/report/index?for=p-self']);

    const sent = declares(weapp.calls.slice(before));
    expect(sent).toHaveLength(1);
    const data = sent[0]?.data as {
      personId: string;
      declaration: { arrivalDay: string; departureDay: string };
    };
    expect(data).toMatchObject({
      action: 'declare',
      personId: 'p-self',
      declaration: {
        origin: { province: '湖北省', city: '武汉市' },
        transport: 'train',
        transportNumber: 'G1234',
        contactWithCases: false,
        symptoms: [],
      },
    });
    // Both days default to today in China (UTC+8), whatever the machine's zone.
    const chinaToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(data.declaration.arrivalDay).toBe(chinaToday);
    expect(data.declaration.departureDay).toBe(chinaToday);
  });

  it('shows the server’s field error under 抵达日期', async () => {
    weapp.answerCallFunction(
      backend({
        ok: false,
        code: 'INVALID_INPUT',
        message: '输入有误，请检查后重试',
        issues: [{ path: 'declaration.arrivalDay', message: '抵达日期不能晚于今天' }],
      }),
    );
    page = openPage(RETURN);
    await fillForm(page);

    tapText(page, '提交登记');
    await waitForText(page, '抵达日期不能晚于今天');
    const arrival = fieldOf(page, '抵达日期');
    expect(arrival.textContent).toContain('抵达日期不能晚于今天');
    expect(fieldOf(page, '出发日期').textContent).not.toContain('抵达日期不能晚于今天');
    expect(pageText(page)).not.toContain('分类结果');
  });

  it('checks the required fields before calling the server, sums them up and shows the first', async () => {
    weapp.answerCallFunction(backend({ ok: true, data: CLASSIFIED }));
    const before = weapp.calls.length;
    weapp.scrolls.length = 0;
    page = openPage(RETURN);
    await waitForText(page, '提交登记');
    tapText(page, '提交登记');
    await waitForText(page, [
      '请填写出发地省份',
      '请选择交通方式',
      '请说明是否接触过确诊或疑似病例',
      '还有 3 项需要填写或修改：出发地、交通方式、是否接触过确诊或疑似病例',
    ]);
    expect(declares(weapp.calls.slice(before))).toEqual([]);
    await until(() => weapp.scrolls.length > 0);
    expect(weapp.scrolls).toEqual(['.form-field--invalid']);
    // 城市 and 区县 may stay empty: they are never marked with the field.
    const place = fieldOf(page, '出发地').querySelectorAll<HTMLElement>('wx-input');
    expect(Array.from(place, (input) => input.className.includes('text-input--optional'))).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('opens an earlier registration pre-filled, so an edit resubmits all of it', async () => {
    weapp.answerCallFunction(
      backend(
        { ok: true, data: { ...CLASSIFIED, startDay: '2026-11-21' } },
        { observation: CLASSIFIED, declaration: STORED },
      ),
    );
    const before = weapp.calls.length;
    page = openPage(RETURN);
    await waitForText(page, [
      '王秀英 已登记返乡',
      '下方已填好登记时的信息',
      '2026-11-20',
      '2026-11-21',
      '途经地 1',
    ]);
    tapIn(page, '交通方式', '火车');
    await new Promise((resolve) => setTimeout(resolve, 50));
    tapText(page, '更新王秀英的返乡登记');
    await waitForText(page, '王秀英 的返乡登记已更新');
    const sent = declares(weapp.calls.slice(before));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data).toEqual({
      action: 'declare',
      personId: 'p-self',
      // A blank district is left out, as the form always sends places.
      declaration: {
        ...STORED,
        via: [{ province: '江西省', city: '九江市' }],
        transport: 'train',
      },
    });
  });
});
