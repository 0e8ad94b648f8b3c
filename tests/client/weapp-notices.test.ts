/** @jest-environment jsdom */
import { SUBSCRIBE_TEMPLATES, type NoticeRow, type NoticeView, type Page } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapText,
  until,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const LIST = 'pages/notices/list/index';
const DETAIL = 'pages/notices/detail/index';

const file = (name: string) => `cloud://test-env.7465-test-env/notices/oDemoCommand/${name}`;
const MANDARIN = file('n1-audio-a.mp3');
const CANTONESE = file('n1-audio-b.mp3');
const PICTURE = file('n1-image-a.jpg');
const PDF = file('n1-attachment-a.pdf');

const pageOf = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 20, total: items.length });

const ROW: NoticeRow = {
  id: 'n-1',
  title: '关于做好春节返乡人员登记的通知',
  gridId: 'g-jiujiang',
  gridName: '九江镇',
  audience: 'all',
  pinned: true,
  status: 'published',
  publishedAt: '2020-02-10T00:30:00.000Z',
  expiresDay: null,
  audioLabels: ['普通话', '粤语'],
  author: '九江镇指挥部',
  read: false,
};

const OLDER: NoticeRow = {
  ...ROW,
  id: 'n-2',
  title: '居家观察期间生活物资配送安排',
  gridName: '沙头社区',
  author: '陈建华',
  pinned: false,
  audioLabels: [],
  read: true,
};

const VIEW: NoticeView = {
  ...ROW,
  read: true,
  body: '各位村民：\n返乡人员请于到达当天在小程序完成返乡登记。',
  images: [PICTURE],
  attachments: [{ fileId: PDF, name: '九江镇防控指引' }],
  audio: [
    { fileId: MANDARIN, label: '普通话', seconds: 80 },
    { fileId: CANTONESE, label: '粤语', seconds: 45 },
  ],
  rev: 2,
  withdrawn: null,
  may: { edit: false, publish: false, withdraw: false, reach: false },
};

type Answer = { ok: true; data: unknown } | { ok: false; code: string; message: string };

function backend(answers: Partial<Record<string, Answer>>) {
  return (call: CloudCall) => {
    const data = call.data as Record<string, unknown>;
    const answer =
      call.name === 'notices' && typeof data.action === 'string' ? answers[data.action] : undefined;
    return Promise.resolve({
      result: answer ?? { ok: false, code: 'INTERNAL', message: '未知调用' },
    });
  };
}

/** Taps the element with the class `className` (a picture has no text to find it by). */
function tapClass(page: WeappPage, className: string): void {
  const element = Array.from(page.dom?.querySelectorAll<HTMLElement>('[data-sid]') ?? []).find(
    (candidate) => candidate.className.split(/\s+/).some((name) => name.endsWith(className)),
  );
  const sid = element?.dataset.sid;
  if (!sid) throw new Error(`nothing with class ${className}; page text: ${pageText(page)}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('tap');
}

describe('通知公告 in the built mini-program (subpackage pages/notices)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  beforeEach(() => {
    weapp.calls.length = 0;
    weapp.navigations.length = 0;
    weapp.audioLog.length = 0;
  });
  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('lists the feed pinned first with the unread mark and the recordings’ languages, and opens a notice', async () => {
    weapp.answerCallFunction(backend({ feed: { ok: true, data: pageOf([ROW, OLDER]) } }));
    page = openPage(LIST);
    const text = await waitForText(page, [ROW.title, OLDER.title]);
    expect(text).toContain('共 2 条');
    expect(text.indexOf(ROW.title)).toBeLessThan(text.indexOf(OLDER.title));
    expect(text).toContain('置顶');
    expect(text).toContain('九江镇 · 九江镇指挥部');
    // China time, whatever the phone's zone: 00:30 UTC is 08:30 in Jiujiang.
    expect(text).toContain('2020年2月10日 08:30');
    expect(text).toContain('🔊');
    expect(text).toContain('普通话');
    expect(text).toContain('粤语');
    // Only the unopened one is marked.
    expect(text.match(/未读/g)).toHaveLength(1);
    expect(actionCalls(weapp.calls, 'notices', 'feed')).toEqual([{ action: 'feed', page: 1 }]);

    // 开启提醒 asks WeChat for one reminder of a notice left unread, inside the tap.
    const asked = weapp.subscribeRequests.length;
    tapText(page, '开启提醒');
    await until(() => weapp.subscribeRequests.length === asked + 1);
    expect(weapp.subscribeRequests.at(-1)).toEqual([SUBSCRIBE_TEMPLATES.noticeReminder.id]);

    tapText(page, ROW.title);
    await until(() => weapp.navigations.length === 1);
    expect(weapp.navigations[0]).toEqual({
      api: 'navigateTo',
      url: '/pages/notices/detail/index?id=n-1',
    });
  });

  it('says 暂无通知 when there are none, and the failure with 重试 when the feed cannot be read', async () => {
    weapp.answerCallFunction(backend({ feed: { ok: true, data: pageOf([]) } }));
    page = openPage(LIST);
    await waitForText(page, '暂无通知');
    page.detach();

    weapp.answerCallFunction(
      backend({ feed: { ok: false, code: 'INTERNAL', message: '网络不太好，请稍后重试' } }),
    );
    page = openPage(LIST);
    await waitForText(page, ['通知加载失败', '网络不太好，请稍后重试', '重试']);
    weapp.answerCallFunction(backend({ feed: { ok: true, data: pageOf([OLDER]) } }));
    tapText(page, '重试');
    await waitForText(page, OLDER.title);
  });

  it('opens the notice once, and each recording plays and pauses behind its own button', async () => {
    weapp.answerCallFunction(backend({ open: { ok: true, data: VIEW } }));
    page = openPage(DETAIL, { id: 'n-1' });
    const text = await waitForText(page, [VIEW.title, '返乡人员请于到达当天', '语音播报']);
    expect(text).toContain('普通话 · 1分20秒');
    expect(text).toContain('粤语 · 45秒');
    expect(text).toContain('九江镇防控指引');
    await settle();
    expect(actionCalls(weapp.calls, 'notices', 'open')).toEqual([
      { action: 'open', noticeId: 'n-1' },
    ]);
    expect(weapp.audioLog).toEqual(['create']);

    // The first clip: its link from the cloud, then play; the button now pauses.
    tapText(page, '播放', 'first');
    await waitForText(page, '暂停');
    expect(weapp.audioLog).toEqual(['create', 'stop', `src temp:${MANDARIN}`, 'play']);
    tapText(page, '暂停');
    await waitForText(page, '继续播放');
    expect(weapp.audioLog.at(-1)).toBe('pause');
    // On again from where it paused: the same link, no new one.
    tapText(page, '继续播放');
    await waitForText(page, '暂停');
    expect(weapp.audioLog.slice(4)).toEqual(['pause', 'play']);

    // The other clip takes over: one clip at a time.
    tapText(page, '播放');
    await until(() => weapp.audioLog.includes(`src temp:${CANTONESE}`));
    await waitForText(page, '暂停');
    expect(pageText(page).match(/暂停/g)).toHaveLength(1);
    expect(weapp.audioLog.slice(6)).toEqual(['stop', `src temp:${CANTONESE}`, 'play']);
    // Played to its end: both buttons offer 播放 again.
    weapp.endAudio('ended');
    await until(() => (pageText(page!).match(/播放/g) ?? []).length === 2);
    expect(pageText(page)).not.toContain('暂停');

    // A clip that cannot be played says so and stops.
    tapText(page, '播放', 'first');
    await waitForText(page, '暂停');
    // The platform logs what WeChat said; the page says it in Chinese.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    weapp.endAudio('error');
    await waitForText(page, '语音无法播放，请检查网络后重试');
    expect(pageText(page)).not.toContain('暂停');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();

    // Nothing above opened the notice again.
    expect(actionCalls(weapp.calls, 'notices', 'open')).toHaveLength(1);
    // Leaving the page frees the player.
    page.detach();
    page = null;
    await until(() => weapp.audioLog.at(-1) === 'destroy');
  });

  it('shows a picture full screen and a PDF in WeChat’s viewer', async () => {
    weapp.answerCallFunction(backend({ open: { ok: true, data: VIEW } }));
    page = openPage(DETAIL, { id: 'n-1' });
    await waitForText(page, ['九江镇防控指引', '点击图片可放大查看']);
    tapClass(page, 'notice-detail__image');
    await until(() => weapp.previewedImages.length === 1);
    expect(weapp.previewedImages[0]).toEqual({ urls: [PICTURE], current: PICTURE });
    tapText(page, '打开');
    await until(() => weapp.openedDocuments.length === 1);
    expect(weapp.openedDocuments[0]).toEqual({ url: PDF, fileType: 'pdf' });
  });

  it('says clearly when the notice cannot be read, and when the link has no notice', async () => {
    weapp.answerCallFunction(
      backend({ open: { ok: false, code: 'NOT_FOUND', message: '该通知不存在' } }),
    );
    page = openPage(DETAIL, { id: 'n-gone' });
    const text = await waitForText(page, '无法查看此通知');
    expect(text).toContain('已撤回');
    expect(text).not.toContain('重试');
    page.detach();

    weapp.calls.length = 0;
    page = openPage(DETAIL, {});
    await waitForText(page, '缺少通知编号，请从通知公告进入');
    await settle();
    expect(actionCalls(weapp.calls, 'notices', 'open')).toEqual([]);
  });
});
