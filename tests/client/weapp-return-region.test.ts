/** @jest-environment jsdom */
import type { ObservationView } from '@gridguard/types';
import { HOUSEHOLD, RESIDENT } from '../helpers/family-fixtures';
import {
  type CloudCall,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const CLASSIFIED: ObservationView = {
  personId: 'p-self',
  name: '王秀英',
  status: 'observing',
  class: 'central',
  reasons: ['来自高风险地区（湖北省武汉市）'],
  overridden: false,
  startDay: '2026-11-23',
  endDay: '2026-12-06',
  dayNumber: 1,
  totalDays: 14,
  lastReportDay: null,
  alert: null,
  care: { leader: '陈建华', carer: '李志强' },
};

function backend(call: CloudCall): Promise<{ result: unknown }> {
  const data = call.data as { action?: string };
  const ok = (answer: unknown) => Promise.resolve({ result: { ok: true, data: answer } });
  if (call.name === 'whoami') return ok(RESIDENT);
  if (call.name === 'households') return ok(HOUSEHOLD);
  if (call.name === 'returns' && data.action === 'status') {
    return ok({ observation: null, declaration: null });
  }
  if (call.name === 'returns' && data.action === 'declare') return ok(CLASSIFIED);
  return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
}

/** Elements with a class ending in `name` (j-component prefixes page classes). */
function byClass(page: WeappPage, name: string): HTMLElement[] {
  return Array.from(page.dom?.querySelectorAll<HTMLElement>(`[class*="${name}"]`) ?? []).filter(
    (element) => element.className.split(/\s+/).some((token) => token.endsWith(name)),
  );
}

/**
 * miniprogram-simulate draws no native region picker, so the `index`-th place's pick is delivered
 * as WeChat reports it: a `change` event with the names and the codes.
 */
function pickRegion(page: WeappPage, index: number, names: string[], codes: string[]): void {
  const sid = byClass(page, 'return-place__picker')[index]?.querySelector<HTMLElement>('wx-picker')
    ?.dataset.sid;
  if (!sid) throw new Error(`no region picker ${index}; page text: ${pageText(page)}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('change', { detail: { value: names, code: codes } });
}

/** Types into the `input`-th name input of the `index`-th place. */
function typeName(page: WeappPage, index: number, input: number, value: string): void {
  const sid = byClass(page, 'return-place')
    .filter((element) => element.querySelector('wx-picker'))
    [index]?.querySelectorAll<HTMLElement>('wx-input')[input]?.dataset.sid;
  if (!sid) throw new Error(`no input ${input} in place ${index}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('input', { detail: { value } });
}

function tapIn(page: WeappPage, label: string, text: string): void {
  const field = byClass(page, 'form-field').find((element) =>
    element.textContent?.startsWith(label),
  );
  const sid = Array.from(field?.querySelectorAll<HTMLElement>('[data-sid]') ?? [])
    .filter((element) => element.textContent?.trim() === text)
    .at(-1)?.dataset.sid;
  if (!sid) throw new Error(`no ${text} under ${label}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('tap');
}

describe('返乡登记 with the region picker in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('fills the names from a pick and sends its code; typing a name drops the code', async () => {
    weapp.answerCallFunction(backend);
    const before = weapp.calls.length;
    page = openPage('pages/return/index');
    await waitForText(page, ['为谁登记', '出发地', '选择省市区']);

    pickRegion(page, 0, ['湖北省', '武汉市', '江岸区'], ['420000', '420100', '420102']);
    tapText(page, '添加途经地');
    await waitForText(page, '途经地 1');
    pickRegion(page, 1, ['江西省', '九江市', '浔阳区'], ['360000', '360400', '360403']);
    await settle();
    // The names no longer match the code once one of them is typed over.
    typeName(page, 1, 2, '濂溪区');
    tapIn(page, '交通方式', '火车');
    tapIn(page, '是否接触过确诊或疑似病例', '否');
    await settle();
    tapText(page, '提交登记');
    await waitForText(page, '王秀英 返乡登记成功');

    const sent = weapp.calls
      .slice(before)
      .filter((call) => call.name === 'returns')
      .map((call) => call.data as { action: string; declaration?: unknown })
      .filter((data) => data.action === 'declare');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.declaration).toMatchObject({
      origin: { province: '湖北省', city: '武汉市', district: '江岸区', code: '420102' },
      via: [{ province: '江西省', city: '九江市', district: '濂溪区' }],
    });
    const via = (sent[0]?.declaration as { via: Record<string, unknown>[] }).via[0];
    expect(via).not.toHaveProperty('code');
  });
});
