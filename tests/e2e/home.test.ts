/**
 * The h5 preview end to end: the demo server (emulator gateway + built functions + client/dist/h5)
 * driven by a real Chromium through the local login.
 */
import type { Page } from 'playwright-core';
import { usePreview } from '../helpers/h5';
const RESIDENT_GRID_PATH = '九江镇 › 沙头社区 › 第一经济社党支部 › 第三户联系党小组';

jest.setTimeout(60_000);

describe('h5 preview home page', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let page: Page;

  beforeAll(async () => {
    page = await preview.openPage();
  });

  // The whole Taro button takes the tap (it sits over its inner texts), so click the button itself.
  async function pickDemoUser(name: string): Promise<void> {
    await page.locator('.user-picker__user', { hasText: name }).click();
  }

  async function identityCardText(): Promise<string> {
    const card = page.locator('.identity-card');
    await card.waitFor();
    return (await card.textContent()) ?? '';
  }

  it('logs in as the resident 王秀英 and shows her roles and grid path', async () => {
    await page.goto(preview.url);

    await page.getByText('本地预览登录：选择演示用户').waitFor();
    await pickDemoUser('王秀英');

    await page.getByText(RESIDENT_GRID_PATH).waitFor();
    const card = await identityCardText();
    expect(card).toContain('王秀英');
    expect(card).toContain('居民');
    // The OPENID is a debug detail: only the preview's own bar shows it.
    expect(card).not.toContain('oDemoResident');
    expect(await page.locator('.dev-bar').textContent()).toContain('OPENID：oDemoResident');
    expect(pageErrors).toEqual([]);
  });

  it('keeps the login across a reload', async () => {
    await page.reload();
    await page.getByText(RESIDENT_GRID_PATH).waitFor();
    expect(await page.getByText('本地预览 · 当前用户：王秀英（居民）').count()).toBe(1);
  });

  it('switches to the grid leader 陈建华', async () => {
    await page.getByText('切换用户', { exact: true }).click();
    await page.getByText('本地预览登录：选择演示用户').waitFor();
    await pickDemoUser('陈建华');

    await page.locator('.dev-bar', { hasText: 'OPENID：oDemoLeader' }).waitFor();
    const card = await identityCardText();
    expect(card).toContain('陈建华');
    expect(card).toContain('网格长');
    expect(card).not.toContain('王秀英');
    expect(pageErrors).toEqual([]);
  });

  it('sends a browser with a stale token back to the picker', async () => {
    // What a token from another emulator secret looks like to the gateway: unknown, so 401.
    await page.evaluate(() => {
      window.localStorage.setItem(
        'gridguard.devSession',
        JSON.stringify({
          token: 'stale-token',
          user: { openid: 'oDemoLeader', name: '陈建华', roleLabel: '网格长' },
        }),
      );
    });
    await page.reload();

    await page.getByText('登录已失效，请重新选择演示用户').waitFor();
    await page.getByText('本地预览登录：选择演示用户').waitFor();
    await pickDemoUser('王秀英');
    await page.getByText(RESIDENT_GRID_PATH).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
