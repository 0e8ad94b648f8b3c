/** @jest-environment jsdom */
import type {
  GridDetail,
  NoticeContent,
  ManagedNoticeRow,
  NoticeView,
  Page,
  ReachView,
  UnreachedRow,
} from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  tapText,
  typeInto,
  uploadedFileId,
  until,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

/**
 * The staff side of 通知公告 in the built mini-program (subpackage pages/notices): a leader writes
 * a notice, records a clip with WeChat's recorder, labels it and publishes it; a member marks an
 * unreached household told by phone and the reach and list read again.
 */
const EDIT = 'pages/notices/edit/index';
const REACH = 'pages/notices/reach/index';
const MANAGE = 'pages/notices/manage/index';
const GRID_ID = 'g-shatou';
const NOTICE_ID = 'n-7k2m9x4q';
/** Where the server has a file of `kind` uploaded: a fresh name in the caller's folder. */
const cloudPath = (kind: unknown, extension: unknown) =>
  `notices/oDemoLeader/${NOTICE_ID}-${String(kind)}-3f9k2m.${String(extension)}`;
const CLOUD_PATH = cloudPath('audio', 'mp3');

const pageOf = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 20, total: items.length });
const ok = (value: unknown) => Promise.resolve({ result: { ok: true, data: value } });
const unknownCall = () =>
  Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });

const detail: GridDetail = {
  node: {
    id: GRID_ID,
    name: '沙头社区',
    levelName: '社区',
    depth: 1,
    parentId: 'g-jiujiang',
    path: [{ id: 'g-jiujiang', name: '九江镇' }],
    leader: { name: '陈建华', party: true },
    childCount: 2,
    counts: { nodes: 6, households: 40, people: 120, members: 8 },
  },
  members: [],
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

function noticeView(content: NoticeContent, rev: number, status: NoticeView['status']) {
  const view: NoticeView = {
    id: NOTICE_ID,
    gridId: GRID_ID,
    gridName: '沙头社区',
    author: '陈建华',
    status,
    publishedAt: status === 'published' ? new Date().toISOString() : null,
    audioLabels: content.audio.map((a) => a.label),
    read: null,
    rev,
    withdrawn: null,
    may: { edit: true, publish: true, withdraw: status === 'published', reach: true },
    ...content,
  };
  return view;
}

/** The notices router as the server answers a leader: a draft, its versions, its upload path. */
function editBackend() {
  let stored: NoticeView | null = null;
  return (call: CloudCall) => {
    const data = call.data as Record<string, unknown> & { content?: NoticeContent };
    if (call.name === 'grids' && data.action === 'detail') return ok(detail);
    if (call.name !== 'notices') return unknownCall();
    switch (data.action) {
      case 'createDraft':
        stored = noticeView(data.content!, 0, 'draft');
        return ok(stored);
      case 'uploadTarget':
        return ok({ cloudPath: cloudPath(data.kind, data.extension) });
      case 'saveDraft':
        if (!stored || data.rev !== stored.rev) return unknownCall();
        stored = noticeView(data.content!, stored.rev + 1, 'draft');
        return ok(stored);
      case 'publish':
        if (!stored) return unknownCall();
        stored = { ...stored, status: 'published', rev: stored.rev + 1 };
        return ok(stored);
      default:
        return unknownCall();
    }
  };
}

/** Typing into the body: a textarea reports input as WeChat does, with the whole new value. */
function typeBody(page: WeappPage, value: string): void {
  const sid = page.dom?.querySelector<HTMLElement>('wx-textarea')?.dataset.sid;
  if (!sid) throw new Error('no textarea on the page');
  page.querySelector(`#${sid}`)?.dispatchEvent('input', { detail: { value } });
}

describe('通知公告 staff pages in the built mini-program (subpackage pages/notices)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('publishes a notice with a clip recorded in WeChat, labelled with its dialect', async () => {
    weapp.answerCallFunction(editBackend());
    page = openPage(EDIT, { gridId: GRID_ID });
    await waitForText(page, ['发布通知', '开始录音', '选择音频文件']);
    typeInto(page, '标题', '关于春节返乡人员登记的通知');
    typeBody(page, '返乡人员请于到达当天在小程序完成返乡登记。');

    const before = weapp.calls.length;
    tapText(page, '开始录音');
    // The draft is saved first, so the clip has a notice to belong to when it ends.
    await waitForText(page, '● 录音中，点此停止');
    const created = actionCalls(weapp.calls.slice(before), 'notices', 'createDraft');
    expect(created).toHaveLength(1);
    expect(weapp.recordings.at(-1)).toMatchObject({ format: 'mp3', duration: 600_000 });

    tapText(page, '● 录音中，点此停止');
    await waitForText(page, '第 1 段 · 12 秒');
    expect(actionCalls(weapp.calls, 'notices', 'uploadTarget').at(-1)).toMatchObject({
      noticeId: NOTICE_ID,
      kind: 'audio',
      extension: 'mp3',
    });
    expect(weapp.uploads.at(-1)).toEqual({
      cloudPath: CLOUD_PATH,
      filePath: 'wxfile://tmp/recording-1.mp3',
    });
    typeInto(page, '第 1 段的语言或方言', '九江话');

    weapp.answerModal(true);
    const modalsBefore = weapp.modals.length;
    tapText(page, '发布');
    await until(() => actionCalls(weapp.calls, 'notices', 'publish').length === 1);
    const saved = actionCalls(weapp.calls, 'notices', 'saveDraft').at(-1) as unknown as {
      rev: number;
      content: NoticeContent;
    };
    // The version read when the draft was made, and the clip with its label and length.
    expect(saved.rev).toBe(0);
    expect(saved.content.audio).toEqual([
      { fileId: uploadedFileId(CLOUD_PATH), label: '九江话', seconds: 12 },
    ]);
    expect(saved.content.title).toBe('关于春节返乡人员登记的通知');
    const asked = weapp.modals.slice(modalsBefore).map((m) => m.content ?? '');
    expect(asked.some((c) => c.includes('沙头社区') && c.includes('所有人'))).toBe(true);
    expect(actionCalls(weapp.calls, 'notices', 'publish')[0]).toMatchObject({
      noticeId: NOTICE_ID,
      confirm: true,
    });
    await until(() =>
      weapp.navigations.some(
        (n) => n.api === 'redirectTo' && n.url.includes('/pages/notices/manage/index'),
      ),
    );
  });

  it('uploads a PDF picked from a chat, and refuses another kind of file before any upload', async () => {
    weapp.answerCallFunction(editBackend());
    page = openPage(EDIT, { gridId: GRID_ID });
    await waitForText(page, '选择 PDF 文件');
    typeInto(page, '标题', '疫情防控指挥部第 5 号通告');
    typeBody(page, '全文见附件。');

    const uploadsBefore = weapp.uploads.length;
    weapp.answerMessageFile({ path: 'wxfile://tmp/notice.docx', size: 20_480, name: '通告.docx' });
    tapText(page, '选择 PDF 文件');
    await waitForText(page, '附件只能是 PDF 文件（.pdf）');
    expect(weapp.uploads).toHaveLength(uploadsBefore);

    weapp.answerMessageFile({
      path: 'wxfile://tmp/notice.pdf',
      size: 88_000,
      name: '第5号通告.pdf',
    });
    tapText(page, '选择 PDF 文件');
    await waitForText(page, '📄 第5号通告');
    expect(actionCalls(weapp.calls, 'notices', 'uploadTarget').at(-1)).toMatchObject({
      kind: 'attachment',
      extension: 'pdf',
    });
    expect(weapp.uploads.at(-1)?.filePath).toBe('wxfile://tmp/notice.pdf');
  });

  it('publishes nothing when the author cancels the confirmation', async () => {
    weapp.answerCallFunction(editBackend());
    weapp.answerModal(false);
    page = openPage(EDIT, { gridId: GRID_ID });
    await waitForText(page, '开始录音');
    typeInto(page, '标题', '停水通知');
    typeBody(page, '明日 9 点至 12 点停水。');
    const before = weapp.calls.length;
    tapText(page, '发布');
    await until(
      () => actionCalls(weapp.calls.slice(before), 'notices', 'createDraft').length === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(actionCalls(weapp.calls.slice(before), 'notices', 'publish')).toHaveLength(0);
  });

  it('lists drafts and notices with their status and reach, and withdraws one only once confirmed', async () => {
    const row = (over: Partial<ManagedNoticeRow>): ManagedNoticeRow => ({
      id: NOTICE_ID,
      title: '关于春节返乡人员登记的通知',
      gridId: GRID_ID,
      gridName: '沙头社区',
      audience: 'all',
      pinned: false,
      status: 'published',
      publishedAt: new Date().toISOString(),
      expiresDay: null,
      audioLabels: ['九江话'],
      author: '陈建华',
      read: null,
      reach: { reached: 3, households: 40, read: 3, told: 0 },
      ...over,
    });
    const rows = [
      row({}),
      row({
        id: 'n-draft',
        title: '停水通知',
        status: 'draft',
        publishedAt: null,
        audioLabels: [],
        reach: null,
      }),
    ];
    weapp.answerCallFunction((call) => {
      const data = call.data as Record<string, unknown>;
      if (call.name === 'grids' && data.action === 'detail') return ok(detail);
      if (call.name !== 'notices') return unknownCall();
      if (data.action === 'managed') return ok(pageOf(rows));
      if (data.action === 'withdraw') {
        rows[0] = row({ status: 'withdrawn', reach: null });
        return ok(rows[0]);
      }
      return unknownCall();
    });
    const before = weapp.calls.length;
    page = openPage(MANAGE, { gridId: GRID_ID });
    await waitForText(page, ['发布通知', '已发布', '草稿', '已告知 3/40 户', '🔊 九江话']);
    // The row's reach comes with the list: no reach call per row.
    expect(actionCalls(weapp.calls.slice(before), 'notices', 'reach')).toHaveLength(0);

    tapText(page, '撤回');
    await waitForText(page, '撤回原因');
    typeInto(page, '撤回原因', '内容有误，将重新发布');
    weapp.answerModal(false);
    tapText(page, '撤回通知');
    await until(() => weapp.modals.some((m) => (m.content ?? '').includes('撤回「')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(actionCalls(weapp.calls, 'notices', 'withdraw')).toHaveLength(0);

    weapp.answerModal(true);
    tapText(page, '撤回通知');
    await until(() => actionCalls(weapp.calls, 'notices', 'withdraw').length === 1);
    expect(actionCalls(weapp.calls, 'notices', 'withdraw')[0]).toMatchObject({
      noticeId: NOTICE_ID,
      reason: '内容有误，将重新发布',
      confirm: true,
    });
    // The list reads again and the notice shows withdrawn; the reason form is done with.
    await waitForText(page, '已撤回');
    await until(() => !(page?.dom?.textContent ?? '').includes('撤回原因'));
  });

  it('marks a household told by phone, the reach and list read again; 提醒未读 presses on while more remain', async () => {
    const households: UnreachedRow[] = [
      {
        householdId: 'h-b1h1-1',
        address: '沙头一社 1 号',
        people: [{ personId: 'p-1', name: '何*珍', phoneMasked: '138****0001' }],
      },
      {
        householdId: 'h-b1h1-2',
        address: '沙头一社 2 号',
        people: [{ personId: 'p-2', name: '梁*明', phoneMasked: null }],
      },
    ];
    const told = new Set<string>();
    let reminded = 0;
    const reach = (): ReachView => ({
      noticeId: NOTICE_ID,
      title: '关于春节返乡人员登记的通知',
      node: {
        gridId: 'g-shatou-b1-h1',
        name: '第一村民小组',
        leaf: true,
        reached: told.size,
        households: 2,
        read: 0,
        told: told.size,
      },
      children: pageOf([]),
    });
    weapp.answerCallFunction((call) => {
      const data = call.data as Record<string, unknown>;
      if (call.name !== 'notices') return unknownCall();
      if (data.action === 'reach') return ok(reach());
      if (data.action === 'unreached')
        return ok(pageOf(households.filter((h) => !told.has(h.householdId))));
      if (data.action === 'remindUnread') {
        reminded += 1;
        // Two batches: the first says more remain, so the page presses on.
        return ok({
          sent: reminded === 1 ? 100 : 7,
          noCredit: reminded === 1 ? 0 : 3,
          remaining: reminded === 1,
        });
      }
      if (data.action === 'markReached') {
        told.add(String(data.householdId));
        return ok({ householdId: data.householdId, way: data.way, already: false });
      }
      return unknownCall();
    });
    page = openPage(REACH, { id: NOTICE_ID, gridId: 'g-shatou-b1-h1' });
    await waitForText(page, ['已告知 0/2 户', '沙头一社 1 号', '沙头一社 2 号', '拨打']);

    tapText(page, '已电话告知', 'first');
    await waitForText(page, '已告知 1/2 户（50%）');
    expect(actionCalls(weapp.calls, 'notices', 'markReached')).toEqual([
      expect.objectContaining({ noticeId: NOTICE_ID, householdId: 'h-b1h1-1', way: 'call' }),
    ]);
    await until(() => !(page?.dom?.textContent ?? '').includes('沙头一社 1 号'));
    expect(page.dom?.textContent).toContain('沙头一社 2 号');

    weapp.answerModal(true);
    tapText(page, '提醒未读');
    await waitForText(page, '已发送 107 条提醒；3 人没有可用的订阅授权');
    expect(actionCalls(weapp.calls, 'notices', 'remindUnread')).toHaveLength(2);
  });
});
