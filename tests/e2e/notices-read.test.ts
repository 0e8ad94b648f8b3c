/// <reference lib="dom" />
// (The font sizes are read inside the page; the root tsconfig has no DOM library.)
/**
 * 通知公告 as a resident reads it in the h5 preview: the command centre publishes a notice with a
 * recording in 九江话 through the real functions; 王秀英 sees the unread count on home, opens the
 * list and the notice, plays the recording (the button turns to 暂停 once the browser plays it),
 * and back on home the count is gone: her open was the receipt. In 长辈模式 the text is larger.
 */
import type { Locator } from 'playwright-core';
import { actingAs, dataOf } from '../helpers/actions';
import { gatewayLogin, gatewayUpload } from '../helpers/gateway';
import { silentMp3 } from '../helpers/audio';
import { loginAs, usePreview, visible } from '../helpers/h5';

jest.setTimeout(180_000);

const COMMAND = 'oDemoCommand';
const TITLE = '关于春节期间返乡人员登记的通知';

/** The computed font size of an element, in CSS pixels. */
const fontSize = (element: Locator) =>
  element.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe('通知公告 for a resident', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  beforeAll(async () => {
    const { emulator } = preview.server;
    const command = actingAs(emulator, COMMAND);
    const content = {
      title: TITLE,
      body: '各位村民：返乡人员请于到达当天在小程序完成返乡登记，并居家观察十四天。',
      images: [],
      attachments: [],
      audio: [],
      audience: 'all' as const,
      pinned: false,
      expiresDay: null,
    };
    const draft = dataOf(
      await command('notices', 'createDraft', { gridId: 'g-jiujiang', key: 'k-e2e-read', content }),
    );
    const { cloudPath } = dataOf(
      await command('notices', 'uploadTarget', {
        noticeId: draft.id,
        kind: 'audio',
        extension: 'mp3',
      }),
    );
    const token = await gatewayLogin(emulator, COMMAND);
    const upload = await gatewayUpload(emulator, token, cloudPath, silentMp3(10), 'audio/mpeg');
    if (!upload.body.fileID) throw new Error(`upload refused: ${upload.body.errMsg}`);
    const saved = dataOf(
      await command('notices', 'saveDraft', {
        noticeId: draft.id,
        rev: draft.rev,
        content: {
          ...content,
          audio: [{ fileId: upload.body.fileID, label: '九江话', seconds: 10 }],
        },
      }),
    );
    dataOf(await command('notices', 'publish', { noticeId: saved.id, confirm: true }));
  });

  it('sees the unread count on home, reads and plays the notice, and the count is gone', async () => {
    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    const entry = visible(resident, '.notices-entry');
    await visible(resident, '.notices-entry__badge', '1').waitFor();
    expect(await entry.textContent()).toContain('1 条未读');

    await entry.click();
    const row = visible(resident, '.notice-row', TITLE);
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('九江镇');
    expect(rowText).toContain('🔊');
    expect(rowText).toContain('九江话');
    expect(rowText).toContain('未读');
    await row.click();

    await visible(resident, '.notice-detail__title', TITLE).waitFor();
    const body = visible(resident, '.notice-detail__body');
    expect(await body.textContent()).toContain('居家观察十四天');
    const ordinarySize = await fontSize(body);
    const clip = visible(resident, '.notice-audio__clip', '九江话');
    expect(await clip.textContent()).toContain('播放');
    expect(await clip.textContent()).toContain('10秒');
    await clip.click();
    // 暂停 only once the browser has started playing the stored recording.
    await visible(resident, '.notice-audio__clip--playing', '暂停').waitFor();
    await clip.click();
    await visible(resident, '.notice-audio__clip', '继续播放').waitFor();

    // Back to the list, then home: the notice is read and nothing is left unread.
    await resident.goBack();
    const readRow = visible(resident, '.notice-row', TITLE);
    await readRow.waitFor();
    await visible(resident, '.notice-row--unread').waitFor({ state: 'hidden' });
    expect(await readRow.textContent()).not.toContain('未读');
    await resident.goBack();
    await visible(resident, '.notices-entry', '社区通知').waitFor();
    expect(await visible(resident, '.notices-entry__badge').count()).toBe(0);

    // 长辈模式 makes the notice's text larger still.
    await visible(resident, '.toggle', '长辈模式：大字体、大按钮').click();
    await visible(resident, '.home.elder').waitFor();
    await visible(resident, '.notices-entry').click();
    await visible(resident, '.notice-row', TITLE).click();
    await visible(resident, '.notice-detail.elder').waitFor();
    expect(await fontSize(visible(resident, '.notice-detail__body'))).toBeGreaterThan(
      ordinarySize * 1.2,
    );
    expect(pageErrors).toEqual([]);
  });
});
