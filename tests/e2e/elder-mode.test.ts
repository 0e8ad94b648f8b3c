/// <reference lib="dom" />
// (The checks run inside the page; the root tsconfig has no DOM library.)
/**
 * 长辈模式 in the h5 preview: switched on home, remembered across a reload, it gives 打卡,
 * 返乡登记, 跑腿代购 and 我的家庭 large type; with the text doubled on top (the root size at 200 %),
 * nothing runs off the screen or is cut off.
 */
import type { Page } from 'playwright-core';
import { loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

const PAGES = [
  ['健康打卡', '今日健康打卡'],
  ['返乡登记', '返乡登记'],
  ['跑腿代购', '跑腿代购'],
  ['我的家庭', '我的家庭'],
] as const;

/** Text at 200 %: the h5 build sizes everything from the root font size (Taro's rem). */
const doubleText = (page: Page) =>
  page.addStyleTag({ content: 'html { font-size: 40px !important; }' });

/** What runs off the screen's right edge or is cut off by its box, on the page in front. */
function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const el = element as HTMLElement;
      if (!el.checkVisibility() || el.clientWidth === 0) continue;
      const box = el.getBoundingClientRect();
      const clips = getComputedStyle(el).overflowX !== 'visible';
      if (box.right > window.innerWidth + 1 || (clips && el.scrollWidth > el.clientWidth + 1))
        found.push(`${el.className}: ${(el.textContent ?? '').slice(0, 20)}`);
    }
    return found;
  });
}

describe('长辈模式', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('is switched on home, remembered, and makes the resident pages large, nothing cut off at 200 %', async () => {
    const page = await preview.openPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await loginAs(page, preview.url, '王秀英');
    await visible(page, '.toggle', '长辈模式：大字体、大按钮').click();
    await visible(page, '.home.elder').waitFor();

    await page.reload();
    await visible(page, '.toggle', '长辈模式已打开').waitFor();
    await visible(page, '.home.elder').waitFor();

    for (const [entry, title] of PAGES) {
      await openEntry(page, entry);
      await visible(page, '.page__title', title).waitFor();
      await visible(page, '.page.elder').waitFor();
      await page.waitForLoadState('networkidle');
      await doubleText(page);
      // The page has slid in and the larger text has been laid out.
      await page.waitForFunction(() =>
        document.getAnimations().every((animation) => animation.playState !== 'running'),
      );
      expect({ entry, cutOff: await cutOff(page) }).toEqual({ entry, cutOff: [] });
      await page.goBack();
      await visible(page, '.home.elder').waitFor();
    }

    await visible(page, '.toggle', '长辈模式已打开').click();
    await visible(page, '.toggle', '长辈模式：大字体、大按钮').waitFor();
    expect(await page.locator('.elder').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
