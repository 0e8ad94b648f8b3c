/** @jest-environment jsdom */
import type { FunctionResult, GridDetail, HouseholdView, Page } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  settle,
  tapText,
  typeInto,
  until,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

/** The posters subpackage's page. */
const POSTERS = 'pages/posters/index';
/** What the test server answers per page: small, so that a node of 11 takes three reads. */
const PAGE_SIZE = 5;
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A distinct, valid door code per household: six characters of the server's alphabet. */
const codeFor = (n: number) =>
  Array.from({ length: 6 }, (_, i) => ALPHABET[(n * 7 + i * 3) % ALPHABET.length]).join('');

const household = (n: number): HouseholdView => ({
  id: `h-${n}`,
  gridId: 'g-shatou-b1-h1',
  gridName: '第一户联系党小组',
  address: `沙头社区东街${n}号`,
  code: codeFor(n),
  contact: null,
  people: [],
});

const NODE: GridDetail = {
  node: {
    id: 'g-shatou-b1-h1',
    name: '第一户联系党小组',
    levelName: '户联系党小组',
    depth: 3,
    parentId: 'g-shatou-b1',
    path: [],
    leader: null,
    childCount: 0,
    counts: { nodes: 0, households: 11, people: 33, members: 1 },
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

type Data = { action: string; gridId?: string; page?: number };

/** Answers the grids router as the deployed function would for a node of `households`. */
function gridsFunction(households: readonly HouseholdView[]) {
  return (call: CloudCall) => {
    const data = call.data as Data;
    let result: FunctionResult<unknown>;
    if (call.name === 'grids' && data.action === 'detail') {
      result = { ok: true, data: NODE };
    } else if (call.name === 'grids' && data.action === 'households') {
      const page = data.page ?? 1;
      const items = households.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      result = {
        ok: true,
        data: {
          items,
          page,
          pageSize: PAGE_SIZE,
          total: households.length,
        } satisfies Page<HouseholdView>,
      };
    } else {
      result = { ok: false, code: 'INTERNAL', message: `unexpected ${call.name}.${data.action}` };
    }
    return Promise.resolve({ result });
  };
}

/** The door codes drawn so far: each is written one character per cell, so read them joined. */
const drawnText = (texts: readonly string[]) => texts.join('');

describe('打印门牌码 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerAlbum(true);
    weapp.answerModal(false);
  });

  it('reads every household of the node page by page and draws sheets of eight', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => household(i + 1));
    weapp.answerCallFunction(gridsFunction(eleven));
    weapp.canvasTexts.length = 0;
    const callsBefore = weapp.calls.length;
    page = openPage(POSTERS, { gridId: 'g-shatou-b1-h1' });

    await waitForText(page, ['第一户联系党小组的门牌码', '共 11 户', '共 2 张', '第 1 / 2 张']);
    const calls = weapp.calls.slice(callsBefore);
    expect(actionCalls(calls, 'grids', 'households')).toEqual(
      [1, 2, 3].map((n) => ({
        action: 'households',
        gridId: 'g-shatou-b1-h1',
        page: n,
      })),
    );
    expect(actionCalls(calls, 'grids', 'detail')).toHaveLength(1);

    // The first sheet: the first eight codes and addresses, and the hint on every card.
    await until(() => drawnText(weapp.canvasTexts).includes(codeFor(8)));
    const first = drawnText(weapp.canvasTexts);
    for (const h of eleven.slice(0, 8)) expect(first).toContain(h.code);
    expect(weapp.canvasTexts).toContain('沙头社区东街1号');
    expect(first).not.toContain(codeFor(9));
    expect(weapp.canvasTexts.some((t) => t.includes('第 1 / 2 张'))).toBe(true);

    weapp.canvasTexts.length = 0;
    tapText(page, '下一张');
    await until(() => drawnText(weapp.canvasTexts).includes(codeFor(11)));
    for (const h of eleven.slice(8)) expect(drawnText(weapp.canvasTexts)).toContain(h.code);
  });

  it('保存图片 exports the canvas at its full size, then saves it to the album', async () => {
    weapp.answerCallFunction(gridsFunction([household(1), household(2), household(3)]));
    page = openPage(POSTERS, { gridId: 'g-shatou-b1-h1' });
    await waitForText(page, ['共 3 户', '保存图片']);
    await until(() => drawnText(weapp.canvasTexts).includes(codeFor(3)));
    const exportsBefore = weapp.canvasExports.length;
    const savedBefore = weapp.savedImages.length;

    tapText(page, '保存图片');
    await until(() => weapp.savedImages.length > savedBefore);
    expect(weapp.canvasExports.slice(exportsBefore)).toEqual([
      { width: 1240, height: 1754, destWidth: 1240, destHeight: 1754 },
    ]);
    // The file saved is the one canvasToTempFilePath made.
    expect(weapp.savedImages.at(-1)).toBe(`wxfile://tmp/canvas-${weapp.canvasExports.length}.png`);
    await waitForText(page, '保存图片');
  });

  it('one household: stops reading once found and draws its card large', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) => household(i + 1));
    weapp.answerCallFunction(gridsFunction(twelve));
    weapp.canvasTexts.length = 0;
    const callsBefore = weapp.calls.length;
    page = openPage(POSTERS, { gridId: 'g-shatou-b1-h1', householdId: 'h-7' });

    await waitForText(page, ['沙头社区东街7号', 'A6']);
    const calls = weapp.calls.slice(callsBefore);
    // h-7 is on the second page of five: the third is never read, nor the node's detail.
    expect(actionCalls(calls, 'grids', 'households').map((c) => (c as Data).page)).toEqual([1, 2]);
    expect(actionCalls(calls, 'grids', 'detail')).toHaveLength(0);
    await until(() => drawnText(weapp.canvasTexts).includes(codeFor(7)));
    expect(weapp.canvasTexts).toEqual(
      expect.arrayContaining(['网格守护', '第一户联系党小组', '沙头社区东街7号', '门牌码']),
    );
    expect(drawnText(weapp.canvasTexts)).not.toContain(codeFor(6));
    expect(page.dom?.textContent).not.toContain('全部保存');
  });

  it('album refused: offers WeChat’s settings and says the picture was not saved', async () => {
    weapp.answerCallFunction(gridsFunction([household(1)]));
    weapp.answerAlbum(false);
    weapp.answerModal(true);
    page = openPage(POSTERS, { gridId: 'g-shatou-b1-h1', householdId: 'h-1' });
    await waitForText(page, '保存图片');
    await until(() => drawnText(weapp.canvasTexts).includes(codeFor(1)));
    const settingsBefore = weapp.settingsOpened;
    const savedBefore = weapp.savedImages.length;

    tapText(page, '保存图片');
    await waitForText(page, '未获得相册权限，图片未保存');
    expect(weapp.modals.at(-1)).toMatchObject({ title: '无法保存到相册', confirmText: '去设置' });
    expect(weapp.settingsOpened).toBe(settingsBefore + 1);
    expect(weapp.savedImages.length).toBe(savedBefore);
  });

  it('says so when the household is gone or the node has none', async () => {
    weapp.answerCallFunction(gridsFunction([household(1)]));
    page = openPage(POSTERS, { gridId: 'g-shatou-b1-h1', householdId: 'h-gone' });
    await waitForText(page, '未找到该住户');
    page.detach();

    weapp.answerCallFunction(gridsFunction([]));
    page = openPage(POSTERS, { gridId: 'g-shatou-b1-h1' });
    await waitForText(page, ['暂无住户', '「第一户联系党小组」下还没有住户']);
    await settle();
    expect(page.dom?.textContent).not.toContain('保存图片');
  });
});

describe('加入住户 opened with a door code', () => {
  const weapp = launchWeapp();

  it('fills in the code from `?code=` and sends it with the request', async () => {
    weapp.answerCallFunction((call) =>
      Promise.resolve({
        result:
          call.name === 'households'
            ? { ok: false, code: 'NOT_FOUND', message: '门牌码不存在' }
            : { ok: false, code: 'INTERNAL', message: call.name },
      }),
    );
    const page = openPage('pages/join/index', { code: 'wxy2h8' });
    await waitForText(page, ['门牌码', '申请加入']);
    typeInto(page, '您的姓名', '赵敏');
    await settle();
    tapText(page, '申请加入');
    await until(() => actionCalls(weapp.calls, 'households', 'join').length > 0);
    expect(actionCalls(weapp.calls, 'households', 'join')[0]).toMatchObject({ code: 'WXY2H8' });
    page.detach();
  });
});
