/** @jest-environment jsdom */
import {
  launchWeapp,
  openPage,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';
import { HOUSEHOLD, RESIDENT } from '../helpers/family-fixtures';

const STORAGE_KEY = 'gridguard.elderMode';

/** Answers home's and the resident pages' reads with a resident and nothing to show. */
function backend(call: CloudCall) {
  const action = (call.data as { action?: string }).action;
  const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
  if (call.name === 'whoami') return ok(RESIDENT);
  if (call.name === 'households' && action === 'mine') return ok(HOUSEHOLD);
  if (call.name === 'households' && action === 'myRequest') return ok(null);
  if (call.name === 'contacts' && action === 'family') return ok(null);
  if (call.name === 'reports' && action === 'today') return ok({ today: null, yesterday: null });
  if (call.name === 'returns' && action === 'status')
    return ok({ observation: null, declaration: null });
  return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
}

/** The class of the page's root view (j-component prefixes the page's own classes). */
function rootClass(page: WeappPage, root: string): string {
  const element = page.dom?.querySelector<HTMLElement>(`[class*="${root}"]`);
  if (!element) throw new Error(`no ${root} on the page`);
  return element.className;
}

describe('长辈模式 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('is switched on home and remembered on the phone', async () => {
    weapp.answerCallFunction(backend);
    page = openPage('pages/home/index');
    await waitForText(page, ['健康打卡', '长辈模式：大字体、大按钮']);
    expect(rootClass(page, 'home')).not.toMatch(/\belder\b/);

    tapText(page, '长辈模式：大字体、大按钮');
    await waitForText(page, '长辈模式已打开：大字体、大按钮');
    expect(weapp.storage.get(STORAGE_KEY)).toBe(true);
    expect(rootClass(page, 'home')).toMatch(/\belder\b/);
  });

  it('gives 打卡, 返乡登记, 跑腿代购 and 我的家庭 the large type while it is on', async () => {
    weapp.answerCallFunction(backend);
    for (const [route, root, title] of [
      ['pages/report/index', 'report-page', '今日健康打卡'],
      ['pages/return/index', 'return-page', '返乡登记'],
      ['pages/errands/request/index', 'errand-request', '跑腿代购'],
      ['pages/household/index', 'household-page', '我的家庭'],
    ] as const) {
      page = openPage(route);
      await waitForText(page, title);
      expect(rootClass(page, root)).toMatch(/\belder\b/);
      page.detach();
      page = null;
    }
  });

  it('is switched off the same way, and the pages go back to the usual size', async () => {
    weapp.answerCallFunction(backend);
    page = openPage('pages/home/index');
    await waitForText(page, '长辈模式已打开：大字体、大按钮');
    tapText(page, '长辈模式已打开：大字体、大按钮');
    await waitForText(page, '长辈模式：大字体、大按钮');
    expect(weapp.storage.get(STORAGE_KEY)).toBe(false);
    page.detach();

    page = openPage('pages/report/index');
    await waitForText(page, '今日健康打卡');
    expect(rootClass(page, 'report-page')).not.toMatch(/\belder\b/);
  });
});
