/** @jest-environment jsdom */
import {
  IMPORT_MAX_BYTES,
  emptyImportCounts,
  type GridDetail,
  type ImportView,
} from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  until,
  uploadedFileId,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

/** What wx.chooseMessageFile hands over next (a file from a chat), or null when the user backs out. */
let chatFile: { path: string; size: number; name: string } | null = null;
let chooseFileCalls: Record<string, unknown>[] = [];

/*
 * The helper's wx has no chooseMessageFile, and Taro wraps only the wx APIs present when app.js
 * loads, so it is added to the wx object as the helper installs it, before the bundle runs.
 */
let installedWx: Record<string, unknown> | undefined;
Object.defineProperty(globalThis, 'wx', {
  configurable: true,
  get: () => installedWx,
  set: (wx: Record<string, unknown>) => {
    wx.chooseMessageFile = (
      options: Record<string, unknown> & {
        success?: (res: unknown) => void;
        fail?: (res: unknown) => void;
      },
    ) => {
      chooseFileCalls.push({
        count: options.count,
        type: options.type,
        extension: options.extension,
      });
      if (chatFile === null) options.fail?.({ errMsg: 'chooseMessageFile:fail cancel' });
      else
        options.success?.({
          errMsg: 'chooseMessageFile:ok',
          tempFiles: [{ ...chatFile, type: 'file', time: 0 }],
        });
    };
    installedWx = wx;
  },
});

const PAGE = 'pages/import/index';
const GRID_ID = 'g-shatou-b1';
const CLOUD_PATH = 'imports/oDemoLeader/k3v9q2m8x7c4b6n1.xlsx';
const FILLED = { path: 'wxfile://tmp_register.xlsx', size: 48_213, name: '沙头一社登记表.xlsx' };

const detail: GridDetail = {
  node: {
    id: GRID_ID,
    name: '第一经济社党支部',
    levelName: '经济社党支部',
    depth: 2,
    parentId: 'g-shatou',
    path: [
      { id: 'g-root', name: '九江镇' },
      { id: 'g-shatou', name: '沙头社区' },
    ],
    leader: { name: '黄德明', party: true },
    childCount: 2,
    counts: { nodes: 2, households: 1, people: 3, members: 2 },
  },
  members: [],
  can: {
    manage: true,
    restructure: true,
    invite: true,
    readHouseholds: true,
    registerPeople: true,
    revealPhone: true,
    revealIdNumber: true,
  },
};

function view(overrides: Partial<ImportView>): ImportView {
  return {
    importId: 'imp-7d2k9x4m1q8w3e5r',
    gridId: GRID_ID,
    gridName: '第一经济社党支部',
    status: 'ready',
    counts: {
      nodes: { create: 1, existing: 2 },
      households: { create: 2, existing: 1 },
      people: { create: 5, update: 1, unchanged: 3 },
      rentals: { create: 2, update: 1, unchanged: 0 },
      enterprises: { create: 0, update: 0, unchanged: 0 },
    },
    errors: [],
    errorCount: 0,
    progress: { done: 0, total: 3 },
    createdAt: '2026-11-30T02:05:00.000Z',
    ...overrides,
  };
}

const INVALID = view({
  status: 'invalid',
  counts: emptyImportCounts(),
  errors: [
    { sheet: '住户人员', row: 12, column: '身份证号', message: '身份证号校验位不正确' },
    { sheet: '住户人员', row: 15, column: '与户主关系', message: '请从列表中选择与户主关系' },
  ],
  errorCount: 3,
  progress: { done: 0, total: 0 },
});

type Answer = { ok: true; data: unknown } | { ok: false; code: string; message: string };
type Imports = Record<string, (data: Record<string, unknown>) => Answer | Promise<Answer>>;

/** The grids router answers the node; `imports` answers by action; anything else is a bug. */
function backend(imports: Imports) {
  weapp.answerCallFunction(async (call: CloudCall) => {
    const data = call.data as Record<string, unknown> & { action: string };
    if (call.name === 'grids' && data.action === 'detail') {
      return { result: { ok: true, data: detail } };
    }
    const answer = call.name === 'imports' ? imports[data.action] : undefined;
    if (!answer) return { result: { ok: false, code: 'INTERNAL', message: '测试未应答' } };
    return { result: await answer(data) };
  });
}

const ok = (data: unknown): Answer => ({ ok: true, data });

/** Commit answers in turn: progress part by part, ending done. */
function commitsTo(total: number) {
  let done = 0;
  return () => {
    done += 1;
    return ok(
      done < total
        ? view({ status: 'committing', progress: { done, total } })
        : view({ status: 'done', progress: { done, total } }),
    );
  };
}

const weapp = launchWeapp();

describe('导入登记表 in the built mini-program', () => {
  let page: WeappPage | null = null;
  let before = 0;
  beforeEach(() => {
    before = weapp.calls.length;
    chatFile = null;
    chooseFileCalls = [];
  });
  afterEach(() => {
    page?.detach();
    page = null;
  });
  const callsOf = (action: string) => actionCalls(weapp.calls.slice(before), 'imports', action);

  it('shows the steps, and an invalid file’s errors by row and column, with no way to commit it', async () => {
    backend({
      pending: () => ok(null),
      uploadTarget: () => ok({ cloudPath: CLOUD_PATH }),
      preview: () => ok(INVALID),
    });
    page = openPage(PAGE, { gridId: GRID_ID });
    const opened = await waitForText(page, ['导入登记表', '第一经济社党支部', '选择文件上传']);
    expect(opened).toContain('下载模板');
    expect(opened).toContain(
      '在电脑或手机上填写（一行一人，同一户的人连续填写；出租屋、企业填在各自的表里，可不填）',
    );
    expect(opened).toContain('上传填好的文件');
    expect(opened).toContain('请先把填好的文件发到微信聊天');

    chatFile = FILLED;
    tapText(page, '选择文件上传');
    const text = await waitForText(page, '发现 3 处错误，请修改后重新上传');
    expect(chooseFileCalls).toEqual([{ count: 1, type: 'file', extension: ['xlsx'] }]);
    // Uploaded where the server said, and that file is the one previewed.
    expect(weapp.uploads.at(-1)).toEqual({ cloudPath: CLOUD_PATH, filePath: FILLED.path });
    expect(callsOf('uploadTarget')).toEqual([{ action: 'uploadTarget', gridId: GRID_ID }]);
    expect(callsOf('preview')).toEqual([
      { action: 'preview', gridId: GRID_ID, fileId: uploadedFileId(CLOUD_PATH) },
    ]);
    expect(text).toContain('工作表「住户人员」第 12 行「身份证号」：身份证号校验位不正确');
    expect(text).toContain('工作表「住户人员」第 15 行「与户主关系」：请从列表中选择与户主关系');
    expect(text).toContain('以下只列出前 2 处（共 3 处）');
    expect(text).toContain(FILLED.name);
    expect(text).not.toContain('确认导入');
    expect(text).toContain('重新上传');
    expect(callsOf('commit')).toEqual([]);
  });

  it('refuses an old .xls or an oversized file before anything is uploaded', async () => {
    backend({ pending: () => ok(null), uploadTarget: () => ok({ cloudPath: CLOUD_PATH }) });
    page = openPage(PAGE, { gridId: GRID_ID });
    await waitForText(page, '选择文件上传');
    const uploads = weapp.uploads.length;

    chatFile = { path: 'wxfile://tmp_old.xls', size: 30_000, name: '登记表.xls' };
    tapText(page, '选择文件上传');
    await waitForText(page, '请在 Excel 或 WPS 中另存为 .xlsx 后再上传');

    chatFile = { path: 'wxfile://tmp_big.xlsx', size: IMPORT_MAX_BYTES + 1, name: '大表.xlsx' };
    tapText(page, '选择文件上传');
    await waitForText(page, '文件超过 10 MB 上限');

    // Backing out of the picker says nothing and sends nothing.
    chatFile = null;
    tapText(page, '选择文件上传');
    await settle();
    expect(callsOf('uploadTarget')).toEqual([]);
    expect(weapp.uploads.length).toBe(uploads);
  });

  it('commits a ready file only after 确认, calling commit until done and showing progress', async () => {
    let releaseSecond: () => void = () => undefined;
    const secondHeld = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    const next = commitsTo(3);
    let commits = 0;
    backend({
      pending: () => ok(null),
      uploadTarget: () => ok({ cloudPath: CLOUD_PATH }),
      preview: () => ok(view({})),
      commit: async () => {
        commits += 1;
        // The second part waits, so the page is seen mid-import.
        if (commits === 2) await secondHeld;
        return next();
      },
    });
    page = openPage(PAGE, { gridId: GRID_ID });
    await waitForText(page, '选择文件上传');
    chatFile = FILLED;
    tapText(page, '选择文件上传');
    const text = await waitForText(page, ['校验通过', '确认导入']);
    expect(text).toContain('新建网格 1 个');
    expect(text).toContain('新建住户 2 户（已有 1 户）');
    expect(text).toContain('新增人员 5 人');
    expect(text).toContain('更新 1 人');
    expect(text).toContain('无变化 3 人');
    expect(text).toContain('出租屋：新增 2 处、更新 1 处、无变化 0 处');
    // A file without enterprises says nothing of them.
    expect(text).not.toContain('企业：');

    // 再想想 in the dialog writes nothing.
    const modals = weapp.modals.length;
    weapp.answerModal(false);
    tapText(page, '确认导入');
    await until(() => weapp.modals.length > modals);
    await settle();
    expect(callsOf('commit')).toEqual([]);
    const dialog = weapp.modals.at(-1);
    expect(dialog?.content).toContain('新建住户 2 户');
    expect(dialog?.content).toContain('新增 5 人、更新 1 人、新增出租屋 2 处、更新出租屋 1 处。');
    expect(dialog?.confirmText?.length).toBeLessThanOrEqual(4);

    weapp.answerModal(true);
    tapText(page, '确认导入');
    await waitForText(page, ['正在导入…', '已完成 1/3']);
    expect(pageText(page)).not.toContain('导入完成');
    releaseSecond();
    const done = await waitForText(page, ['导入完成', '查看网格']);
    expect(done).toContain('新建住户 2 户（已有 1 户）');
    expect(callsOf('commit')).toEqual([
      { action: 'commit', importId: 'imp-7d2k9x4m1q8w3e5r' },
      { action: 'commit', importId: 'imp-7d2k9x4m1q8w3e5r' },
      { action: 'commit', importId: 'imp-7d2k9x4m1q8w3e5r' },
    ]);

    weapp.navigations.length = 0;
    tapText(page, '查看网格');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations.at(-1)?.url).toBe(`/pages/grid-detail/index?id=${GRID_ID}`);
  });

  it('offers 继续导入 for an import left half-done, and resumes after a failed call', async () => {
    let commits = 0;
    backend({
      pending: () => ok(view({ status: 'committing', progress: { done: 1, total: 3 } })),
      commit: () => {
        commits += 1;
        if (commits === 1)
          return ok(view({ status: 'committing', progress: { done: 2, total: 3 } }));
        if (commits === 2)
          return { ok: false, code: 'INTERNAL', message: '网络异常，请检查网络后重试' };
        return ok(view({ status: 'done', progress: { done: 3, total: 3 } }));
      },
    });
    page = openPage(PAGE, { gridId: GRID_ID });
    const text = await waitForText(page, ['上次导入未完成', '已完成 1/3', '继续导入']);
    expect(text).toContain('新建住户 2 户（已有 1 户）');
    expect(text).toContain('重新上传');
    expect(callsOf('pending')).toEqual([{ action: 'pending', gridId: GRID_ID }]);

    // Already confirmed when it was started: no second dialog.
    const modals = weapp.modals.length;
    tapText(page, '继续导入');
    await waitForText(page, ['导入中断', '网络异常，请检查网络后重试', '已完成 2/3']);
    expect(weapp.modals.length).toBe(modals);

    tapText(page, '继续导入');
    await waitForText(page, '导入完成');
    expect(callsOf('commit')).toHaveLength(3);
  });

  it('asks again before 继续导入 of a file checked earlier and never imported', async () => {
    backend({ pending: () => ok(view({})), commit: commitsTo(3) });
    page = openPage(PAGE, { gridId: GRID_ID });
    await waitForText(page, ['上次上传的文件已校验通过，尚未导入', '继续导入']);
    const modals = weapp.modals.length;
    weapp.answerModal(true);
    tapText(page, '继续导入');
    await waitForText(page, '导入完成');
    expect(weapp.modals.length).toBe(modals + 1);
    expect(weapp.modals.at(-1)?.title).toBe('确认导入');
    expect(callsOf('commit')).toHaveLength(3);
  });

  it('asks before 导出登记表 and says whether the numbers are whole', async () => {
    backend({
      pending: () => ok(null),
      export: () =>
        ok({
          url: 'https://example.invalid/export/register.xlsx',
          fileName: '第一经济社党支部-登记表.xlsx',
          households: 3,
          people: 9,
          rentals: 2,
          enterprises: 0,
          revealed: false,
        }),
    });
    page = openPage(PAGE, { gridId: GRID_ID });
    await waitForText(page, '导出登记表');
    weapp.answerModal(true);
    tapText(page, '导出登记表');
    const text = await waitForText(page, '已导出 3 户、9 人、出租屋 2 处（');
    expect(text).toContain('身份证号和手机号已隐藏部分数字');
    expect(weapp.openedDocuments.at(-1)).toEqual({
      url: 'https://example.invalid/export/register.xlsx',
      fileType: 'xlsx',
    });
  });
});
