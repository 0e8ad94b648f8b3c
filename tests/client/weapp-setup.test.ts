/** @jest-environment jsdom */
import type { SetupResult, SetupStatus } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  pageText,
  tapText,
  typeInto,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const refuse = (code: string, message: string) =>
  Promise.resolve({ result: { ok: false, code, message } });

const NEEDED: SetupStatus = { needed: true, template: null, levels: [] };
const LIJIANG = ['市', '县(区)', '乡镇(街道)', '社区', '居民小组'];
const CODE = 'K7M2Q9XA3B';

const claims = (calls: readonly CloudCall[]) =>
  calls
    .filter((call) => call.name === 'setup')
    .map((call) => call.data as { action: string })
    .filter((data) => data.action === 'claim');

/** Rendering and the dialog are async; wait until `check` holds or fail after a second. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(check()).toBe(true);
}

/** A settled moment: long enough for a tap to have sent anything it was going to send. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('初始化 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('says the system is set up already and offers the way home', async () => {
    weapp.answerCallFunction((call) =>
      call.name === 'setup'
        ? ok({ needed: false, template: 'jiujiang', levels: ['镇', '村(社区)'] })
        : refuse('INTERNAL', '未知调用'),
    );
    page = openPage('pages/setup/index');
    await waitForText(page, ['本系统已完成初始化', '返回首页']);
    expect(pageText(page)).not.toContain('部署码');
    weapp.navigations.length = 0;
    tapText(page, '返回首页');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations).toEqual([{ api: 'reLaunch', url: '/pages/home/index' }]);
  });

  it('fills 丽江 levels, checks the code before sending, sends only after the dialog, shows the result', async () => {
    const result: SetupResult = { rootId: 'g-root', rootName: '丽江市', levels: LIJIANG };
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string };
      if (call.name !== 'setup') return refuse('INTERNAL', '未知调用');
      if (data.action === 'status') return ok(NEEDED);
      if (data.action === 'claim') return ok(result);
      return refuse('INTERNAL', '未知调用');
    });
    const before = weapp.calls.length;
    const modalsBefore = weapp.modals.length;
    page = openPage('pages/setup/index');
    await waitForText(page, [
      '部署码',
      '您的姓名',
      '顶级网格名称',
      '自定义',
      '九江镇（三级党建网格）',
    ]);
    expect(pageText(page)).not.toContain('第1级');

    tapText(page, '丽江（五级网格）');
    await waitForText(page, ['第1级', '第5级', '添加一级']);
    expect(pageText(page)).not.toContain('第6级');

    typeInto(page, '部署码', 'k7m2');
    typeInto(page, '您的姓名', '王建国');
    typeInto(page, '顶级网格名称', '丽江市');
    await settle();
    tapText(page, '完成初始化');
    await waitForText(page, ['部署码应为 10 位字母或数字', '请检查标红的内容']);
    await settle();
    expect(claims(weapp.calls.slice(before))).toEqual([]);
    expect(weapp.modals.length).toBe(modalsBefore);

    // Typed in lower case and in groups, as it is read out; the page sends it as the schema wants.
    typeInto(page, '部署码', 'k7m2 q9xa 3b');
    await settle();
    weapp.answerModal(false);
    tapText(page, '完成初始化');
    await until(() => weapp.modals.length > modalsBefore);
    await settle();
    expect(weapp.modals.at(-1)?.content).toContain(
      '顶级网格「丽江市」，层级：市 → 县(区) → 乡镇(街道) → 社区 → 居民小组',
    );
    // WeChat (and Taro's h5 dialog) refuse a button label of more than four characters.
    expect(weapp.modals.at(-1)?.confirmText).toBe('确认提交');
    expect(claims(weapp.calls.slice(before))).toEqual([]);
    expect(pageText(page)).not.toContain('部署码应为');

    weapp.answerModal(true);
    tapText(page, '完成初始化');
    await waitForText(page, ['初始化完成，您已成为指挥部', '丽江市', '进入我的网格']);
    expect(claims(weapp.calls.slice(before))).toEqual([
      {
        action: 'claim',
        code: CODE,
        name: '王建国',
        rootName: '丽江市',
        template: 'lijiang',
        levels: LIJIANG,
      },
    ]);
    expect(pageText(page)).toContain('市 → 县(区) → 乡镇(街道) → 社区 → 居民小组');

    weapp.navigations.length = 0;
    tapText(page, '进入我的网格');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations).toEqual([{ api: 'navigateTo', url: '/pages/grid/index' }]);
  });

  it('takes levels of its own, and shows a wrong code where the server refuses it', async () => {
    let answer: () => Promise<{ result: unknown }> = () => refuse('FORBIDDEN', '部署码不正确');
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string };
      if (data.action === 'status') return ok(NEEDED);
      if (data.action === 'claim') return answer();
      return refuse('INTERNAL', '未知调用');
    });
    const before = weapp.calls.length;
    page = openPage('pages/setup/index');
    await waitForText(page, '自定义');
    tapText(page, '自定义');
    await waitForText(page, ['第1级', '第2级']);
    expect(pageText(page)).not.toContain('第3级');
    expect(pageText(page)).not.toContain('删除');

    tapText(page, '添加一级');
    await waitForText(page, ['第3级', '删除']);
    typeInto(page, '部署码', CODE);
    typeInto(page, '您的姓名', '李明');
    typeInto(page, '顶级网格名称', '花园小区');
    typeInto(page, '第1级', '小区');
    typeInto(page, '第2级', '小区');
    typeInto(page, '第3级', '单元');
    await settle();
    tapText(page, '完成初始化');
    await waitForText(page, '层级名称不能重复');

    typeInto(page, '第2级', '楼栋');
    // 删除 of the last row: two levels are the least, so the buttons go with it.
    tapText(page, '删除');
    await until(() => !pageText(page!).includes('第3级'));
    expect(pageText(page)).not.toContain('删除');
    await settle();
    weapp.answerModal(true);
    tapText(page, '完成初始化');
    await waitForText(page, '部署码不正确');
    expect(claims(weapp.calls.slice(before))).toEqual([
      {
        action: 'claim',
        code: CODE,
        name: '李明',
        rootName: '花园小区',
        template: null,
        levels: ['小区', '楼栋'],
      },
    ]);
    expect(pageText(page)).not.toContain('初始化完成');

    answer = () => ok({ rootId: 'g-1', rootName: '花园小区', levels: ['小区', '楼栋'] });
    tapText(page, '完成初始化');
    await waitForText(page, ['初始化完成，您已成为指挥部', '小区 → 楼栋']);
  });
  it('after a CONFLICT reads the status again: someone else was first', async () => {
    let status: SetupStatus = NEEDED;
    weapp.answerCallFunction((call) => {
      const data = call.data as { action: string };
      if (data.action === 'status') return ok(status);
      if (data.action === 'claim') {
        status = { needed: false, template: 'jiujiang', levels: ['镇', '村(社区)'] };
        return refuse('CONFLICT', '已完成初始化，无需再次设置');
      }
      return refuse('INTERNAL', '未知调用');
    });
    page = openPage('pages/setup/index');
    await waitForText(page, '自定义');
    tapText(page, '小区（区长/栋长/单元长）');
    await waitForText(page, '第3级');
    typeInto(page, '部署码', CODE);
    typeInto(page, '您的姓名', '李明');
    typeInto(page, '顶级网格名称', '花园小区');
    await settle();
    weapp.answerModal(true);
    tapText(page, '完成初始化');
    await waitForText(page, ['本系统已完成初始化', '返回首页']);
    expect(weapp.modals.at(-1)?.content).toContain('顶级网格「花园小区」，层级：小区 → 栋 → 单元');
  });
});

describe('the 初始化 entry on home', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  const stranger = {
    openid: 'oDeployer',
    registered: false,
    name: null,
    personId: null,
    roles: [],
    grid: null,
  };

  const backend =
    (whoami: unknown, status: SetupStatus) =>
    (call: CloudCall): Promise<{ result: unknown }> => {
      if (call.name === 'whoami') return ok(whoami);
      if (call.name === 'setup') return ok(status);
      return refuse('INTERNAL', '未知调用');
    };

  it('is offered to someone not registered while setup is needed, and opens the page', async () => {
    weapp.answerCallFunction(backend(stranger, NEEDED));
    page = openPage('pages/home/index');
    await waitForText(page, ['系统尚未初始化', '输入部署码', '未登记']);
    weapp.navigations.length = 0;
    tapText(page, '输入部署码');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations).toEqual([{ api: 'navigateTo', url: '/pages/setup/index' }]);
  });

  it('is not offered once the system is set up', async () => {
    weapp.answerCallFunction(
      backend(stranger, { needed: false, template: 'lijiang', levels: LIJIANG }),
    );
    const before = weapp.calls.length;
    page = openPage('pages/home/index');
    await waitForText(page, ['未登记', 'oDeployer']);
    await until(() => weapp.calls.slice(before).some((call) => call.name === 'setup'));
    await settle();
    expect(pageText(page)).not.toContain('系统尚未初始化');
  });

  it('is not offered, nor asked about, for someone registered', async () => {
    weapp.answerCallFunction(
      backend(
        { ...stranger, registered: true, name: '王建国', roles: ['command'], grid: null },
        NEEDED,
      ),
    );
    const before = weapp.calls.length;
    page = openPage('pages/home/index');
    await waitForText(page, ['王建国', '指挥部']);
    await settle();
    expect(pageText(page)).not.toContain('系统尚未初始化');
    expect(weapp.calls.slice(before).map((call) => call.name)).not.toContain('setup');
  });
});
