/** @jest-environment jsdom */
import type {
  Commander,
  GridDetail,
  GridNodeView,
  MemberView,
  SetupResult,
  SetupStatus,
  WhoamiOutput,
} from '@gridguard/types';
import {
  actionCalls,
  type CloudCall,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  typeInto,
  until,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const refuse = (code: string, message: string) =>
  Promise.resolve({ result: { ok: false, code, message } });

const NEEDED: SetupStatus = { needed: true, template: null, levels: [] };
const LIJIANG = ['市', '县(区)', '乡镇(街道)', '社区', '居民小组'];
const CODE = 'K7M2Q9XA3B';

const stranger: WhoamiOutput = {
  openid: 'oDeployer',
  registered: false,
  name: null,
  personId: null,
  roles: [],
  grid: null,
};

describe('初始化 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('says the system is set up already and offers the way home', async () => {
    weapp.answerCallFunction((call) => {
      if (call.name === 'whoami') return ok(stranger);
      return call.name === 'setup'
        ? ok({ needed: false, template: 'jiujiang', levels: ['镇', '村(社区)'] })
        : refuse('INTERNAL', '未知调用');
    });
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
    await waitForText(page, ['部署码应为 10 位，您输入了 4 位', '请检查标红的内容']);
    await settle();
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'claim')).toEqual([]);
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
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'claim')).toEqual([]);
    expect(pageText(page)).not.toContain('部署码应为');

    weapp.answerModal(true);
    tapText(page, '完成初始化');
    await waitForText(page, ['初始化完成，您已成为指挥部', '丽江市', '进入我的网格']);
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'claim')).toEqual([
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
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'claim')).toEqual([
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
      if (call.name === 'whoami') return ok(stranger);
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
    await waitForText(page, ['未登记', '加入网格']);
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

describe('系统设置 for the command centre', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  const ROOT: GridNodeView = {
    id: 'g-root',
    name: '丽江市',
    levelName: '市',
    depth: 0,
    parentId: null,
    path: [],
    leader: null,
    childCount: 0,
    counts: { nodes: 0, households: 0, people: 0, members: 4 },
  };
  const commander: WhoamiOutput = {
    openid: 'oWang',
    registered: true,
    name: '王建国',
    personId: null,
    roles: ['command'],
    grid: { id: ROOT.id, name: ROOT.name, levelName: '市', path: [] },
  };
  const member = (openid: string, name: string, pending: boolean): MemberView => ({
    openid,
    name,
    kind: 'member',
    party: false,
    phoneMasked: null,
    joinedAt: '2026-11-30T01:00:00.000Z',
    pending,
    self: false,
  });
  // 赵敏 is 指挥部 already; 张伟 joined by code and waits for 确认身份: neither may be offered.
  const team: MemberView[] = [
    member('oZhao', '赵敏', false),
    member('oLi', '李娜', false),
    member('oZhang', '张伟', true),
  ];

  /** A command-centre backend; `commanders` changes as grantCommand and revokeCommand succeed. */
  function commandBackend(whoami: WhoamiOutput = commander) {
    const state: { levels: string[]; commanders: Commander[] } = {
      levels: [...LIJIANG],
      commanders: [
        { openid: 'oWang', name: '王建国' },
        { openid: 'oZhao', name: '赵敏' },
      ],
    };
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string; openid?: string; levels?: string[] };
      if (call.name === 'whoami') return ok(whoami);
      if (call.name === 'grids' && data.action === 'children') {
        return ok({ items: [ROOT], page: 1, pageSize: 1, total: 1 });
      }
      if (call.name === 'grids' && data.action === 'detail') {
        const detail: GridDetail = {
          node: ROOT,
          members: team,
          can: {
            manage: true,
            restructure: false,
            invite: true,
            readHouseholds: true,
            registerPeople: true,
            revealPhone: true,
            revealIdNumber: true,
          },
        };
        return ok(detail);
      }
      if (call.name !== 'setup') return refuse('INTERNAL', '未知调用');
      switch (data.action) {
        case 'status':
          return ok({ needed: false, template: 'lijiang', levels: state.levels });
        case 'levels':
          state.levels = data.levels ?? [];
          return ok({ needed: false, template: 'lijiang', levels: state.levels });
        case 'commanders':
          return ok({ items: state.commanders });
        case 'grantCommand': {
          const granted = team.find((m) => m.openid === data.openid);
          if (!granted) return refuse('CONFLICT', '只能把已确认身份的顶级网格成员设为指挥部');
          state.commanders = [...state.commanders, { openid: granted.openid, name: granted.name }];
          return ok({ openid: granted.openid, name: granted.name });
        }
        case 'revokeCommand':
          state.commanders = state.commanders.filter((c) => c.openid !== data.openid);
          return ok({ openid: data.openid });
        default:
          return refuse('INTERNAL', '未知调用');
      }
    });
    return state;
  }

  const LOADED = ['系统设置', '网格层级名称', '第5级', '指挥部成员', '添加指挥部成员', '李娜'];

  it('shows the levels, the commanders and whom the server would accept as one', async () => {
    commandBackend();
    page = openPage('pages/setup/index');
    const text = await waitForText(page, LOADED);
    expect(text).toContain('当前：市 → 县(区) → 乡镇(街道) → 社区 → 居民小组');
    expect(text).toContain('共 2 人');
    expect(text).toContain('本人');
    expect(text).toContain('赵敏');
    expect(text).toContain('邀请对方加入顶级网格，并在成员管理中确认身份');
    expect(text).not.toContain('第6级');
    expect(text).not.toContain('张伟');
    expect(text).not.toContain('本系统已完成初始化');
    expect(text).not.toContain('部署码');
    // 撤销 for 赵敏 only: nobody revokes themselves.
    expect(text.split('撤销').length - 1).toBe(1);
    // 赵敏 is listed once, as 指挥部, not again as someone to add.
    expect(text.split('赵敏').length - 1).toBe(1);
  });

  it('renames a level only after the dialog, sending exactly the new names', async () => {
    commandBackend();
    const before = weapp.calls.length;
    const modalsBefore = weapp.modals.length;
    page = openPage('pages/setup/index');
    await waitForText(page, LOADED);

    typeInto(page, '第2级', '社区');
    await settle();
    tapText(page, '保存层级名称');
    await waitForText(page, ['层级名称不能重复', '请检查标红的内容']);
    await settle();
    expect(weapp.modals.length).toBe(modalsBefore);

    typeInto(page, '第2级', '区县');
    await settle();
    weapp.answerModal(false);
    tapText(page, '保存层级名称');
    await until(() => weapp.modals.length > modalsBefore);
    await settle();
    const dialog = weapp.modals.at(-1);
    expect(dialog?.content).toContain('市 → 区县 → 乡镇(街道) → 社区 → 居民小组');
    // WeChat (and Taro's h5 dialog) refuse a button label of more than four characters.
    expect(dialog?.confirmText?.length).toBeLessThanOrEqual(4);
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'levels')).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '保存层级名称');
    await waitForText(page, '当前：市 → 区县 → 乡镇(街道) → 社区 → 居民小组');
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'levels')).toEqual([
      { action: 'levels', levels: ['市', '区县', '乡镇(街道)', '社区', '居民小组'] },
    ]);
  });

  it('makes the chosen member 指挥部 after the dialog, and sends nothing when backed out of', async () => {
    commandBackend();
    const before = weapp.calls.length;
    const modalsBefore = weapp.modals.length;
    page = openPage('pages/setup/index');
    await waitForText(page, LOADED);

    weapp.answerModal(false);
    tapText(page, '设为指挥部');
    await until(() => weapp.modals.length > modalsBefore);
    await settle();
    expect(weapp.modals.at(-1)?.content).toContain('李娜');
    expect(weapp.modals.at(-1)?.confirmText?.length).toBeLessThanOrEqual(4);
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'grantCommand')).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '设为指挥部');
    await waitForText(page, ['共 3 人', '暂无可添加的人员']);
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'grantCommand')).toEqual([
      { action: 'grantCommand', openid: 'oLi', confirm: true },
    ]);
    expect(pageText(page)).not.toContain('设为指挥部');
  });

  it('revokes someone else after the destructive dialog', async () => {
    commandBackend();
    const before = weapp.calls.length;
    const modalsBefore = weapp.modals.length;
    page = openPage('pages/setup/index');
    await waitForText(page, LOADED);

    weapp.answerModal(false);
    tapText(page, '撤销');
    await until(() => weapp.modals.length > modalsBefore);
    await settle();
    expect(weapp.modals.at(-1)?.content).toContain('赵敏');
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'revokeCommand')).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '撤销');
    await waitForText(page, '共 1 人');
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'revokeCommand')).toEqual([
      { action: 'revokeCommand', openid: 'oZhao', confirm: true },
    ]);
    // No longer 指挥部, a confirmed member of the top node may be made one again.
    expect(pageText(page).split('设为指挥部').length - 1).toBe(2);
  });

  it('still tells a registered user who is not 指挥部 that the system is set up', async () => {
    commandBackend({ ...commander, openid: 'oLi', name: '李娜', roles: ['member'] });
    const before = weapp.calls.length;
    page = openPage('pages/setup/index');
    await waitForText(page, ['本系统已完成初始化', '返回首页']);
    await settle();
    expect(pageText(page)).not.toContain('系统设置');
    expect(actionCalls(weapp.calls.slice(before), 'setup', 'commanders')).toEqual([]);
  });

  it('shows a failed read with 重试, rather than the wrong page', async () => {
    weapp.answerCallFunction((call) =>
      call.name === 'whoami'
        ? refuse('INTERNAL', '系统繁忙，请稍后再试')
        : ok({ needed: false, template: 'lijiang', levels: LIJIANG }),
    );
    page = openPage('pages/setup/index');
    await waitForText(page, ['加载失败', '系统繁忙，请稍后再试', '重试']);
    expect(pageText(page)).not.toContain('本系统已完成初始化');

    commandBackend();
    tapText(page, '重试');
    await waitForText(page, LOADED);
  });

  it('is an entry on home for the command centre, and only for it', async () => {
    commandBackend();
    page = openPage('pages/home/index');
    await waitForText(page, ['王建国', '跑腿设置', '系统设置']);
    weapp.navigations.length = 0;
    tapText(page, '系统设置');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations).toEqual([{ api: 'navigateTo', url: '/pages/setup/index' }]);
    page.detach();

    commandBackend({ ...commander, openid: 'oLi', name: '李娜', roles: ['member'] });
    page = openPage('pages/home/index');
    await waitForText(page, ['李娜', '我的网格']);
    expect(pageText(page)).not.toContain('系统设置');
  });
});
