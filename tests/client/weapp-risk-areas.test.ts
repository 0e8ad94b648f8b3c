/** @jest-environment jsdom */
import type { RulesView } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  until,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const refuse = (code: string, message: string) =>
  Promise.resolve({ result: { ok: false, code, message } });

const IN_FORCE: RulesView = {
  riskAreas: [
    {
      province: '湖北省',
      city: '武汉市',
      district: '',
      code: '420100',
      level: 'high',
      since: '2026-11-20',
    },
    {
      province: '广东省',
      city: '',
      district: '',
      code: '440000',
      level: 'medium',
      since: '2026-11-25',
    },
  ],
  observationDays: 14,
  updatedAt: '2026-11-25T02:00:00.000Z',
  updatedBy: '王建国',
};

/** Taps the element reading exactly `text` in the listed area that mentions `within`. */
function tapIn(page: WeappPage, within: string, text: string): void {
  const root = page.dom;
  if (!root) throw new Error('page is not rendered');
  // j-component prefixes page classes, so a row is the element with a class ending in risk-area.
  const rows = Array.from(root.querySelectorAll<HTMLElement>('[class*="risk-area"]')).filter(
    (element) =>
      element.className.split(/\s+/).some((name) => name.endsWith('risk-area')) &&
      element.textContent?.includes(within),
  );
  const row = rows.at(-1);
  const sid = Array.from(row?.querySelectorAll<HTMLElement>('[data-sid]') ?? [])
    .filter((element) => element.textContent?.trim() === text)
    .at(-1)?.dataset.sid;
  if (!sid) throw new Error(`no ${text} near ${within}; page text: ${pageText(page)}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('tap');
}

/**
 * miniprogram-simulate draws no native region picker, so the pick is delivered as WeChat reports
 * it: a `change` event on the picker with the names and the codes.
 */
function pickRegion(page: WeappPage, names: string[], codes: string[]): void {
  const pickers = Array.from(page.dom?.querySelectorAll<HTMLElement>('wx-picker') ?? []);
  const sid = pickers.find((element) => element.textContent?.includes('选择省市区'))?.dataset.sid;
  if (!sid) throw new Error(`no region picker; page text: ${pageText(page)}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('change', { detail: { value: names, code: codes } });
}

describe('风险地区 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  function backend() {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string } & Partial<RulesView>;
      if (call.name !== 'setup') return refuse('INTERNAL', '未知调用');
      if (data.action === 'rules') return ok(IN_FORCE);
      if (data.action === 'saveRules') {
        return ok({
          riskAreas: data.riskAreas,
          observationDays: data.observationDays,
          updatedAt: '2026-11-30T02:30:00.000Z',
          updatedBy: '九江镇指挥部',
        });
      }
      return refuse('INTERNAL', '未知调用');
    });
  }

  it('lists the areas in force with their level and day, and who changed them last', async () => {
    backend();
    page = openPage('pages/setup/risk-areas/index');
    const text = await waitForText(page, ['湖北省武汉市', '广东省', '添加风险地区', '观察天数']);
    expect(text).toContain('高风险');
    expect(text).toContain('中风险');
    expect(text).toContain('2026-11-20 起');
    expect(text).toContain('最后修改：王建国，2026年11月25日 10:00');
    expect(text).toContain('共 2 个');
  });

  it('removes an area and sends exactly the rest only after the dialog', async () => {
    backend();
    const before = weapp.calls.length;
    const modalsBefore = weapp.modals.length;
    page = openPage('pages/setup/risk-areas/index');
    await waitForText(page, ['湖北省武汉市', '广东省']);

    weapp.answerModal(true);
    tapIn(page, '广东省', '删除');
    await until(() => !pageText(page!).includes('广东省'));
    expect(weapp.modals.at(-1)?.content).toContain('广东省');

    // Backing out of 保存 sends nothing.
    weapp.answerModal(false);
    tapText(page, '保存');
    await until(() => weapp.modals.length > modalsBefore + 1);
    await settle();
    expect(weapp.modals.at(-1)?.confirmText?.length).toBeLessThanOrEqual(4);
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'saveRules')).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '保存');
    await waitForText(page, '最后修改：九江镇指挥部');
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'saveRules')).toEqual([
      {
        action: 'saveRules',
        riskAreas: [
          {
            province: '湖北省',
            city: '武汉市',
            district: '',
            code: '420100',
            level: 'high',
            since: '2026-11-20',
          },
        ],
        observationDays: 14,
      },
    ]);
  });

  it('adds a picked city as 中风险, as wide as 到市 says', async () => {
    backend();
    const before = weapp.calls.length;
    page = openPage('pages/setup/risk-areas/index');
    await waitForText(page, ['湖北省武汉市', '选择省市区']);

    pickRegion(page, ['湖南省', '长沙市', '芙蓉区'], ['430000', '430100', '430102']);
    await waitForText(page, ['湖南省长沙市芙蓉区', '到省', '到市', '到区县']);
    tapText(page, '到市');
    tapText(page, '中风险');
    await settle();
    tapText(page, '添加');
    await waitForText(page, ['湖南省长沙市', '共 3 个']);

    weapp.answerModal(true);
    tapText(page, '保存');
    await waitForText(page, '最后修改：九江镇指挥部');
    const sent = actionCalls(weapp.calls.slice(before), 'setup', 'saveRules') as unknown as {
      riskAreas: { code: string; district: string; level: string; since: string }[];
    }[];
    expect(sent).toHaveLength(1);
    const added = sent[0]?.riskAreas.at(-1);
    expect(added).toMatchObject({
      province: '湖南省',
      city: '长沙市',
      district: '',
      code: '430100',
    });
    expect(added?.level).toBe('medium');
    expect(added?.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
