/// <reference lib="dom" />
// (The checks run inside the page; the root tsconfig has no DOM library.)
/**
 * Home at phone widths, for every demo role: nothing wider than the screen, no entry label broken
 * across lines, and no debug detail (an OPENID, a storage or loopback address) outside the
 * preview's own bar. Screenshots go to GRIDGUARD_SCREENS (default: the system temp folder) for a
 * person to look at; nothing is compared pixel by pixel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loginAs, usePreview, visible } from '../helpers/h5';

const WIDTHS = [320, 375, 414];
const USERS = ['王秀英', '李志强', '陈建华', '九江镇指挥部', '赵敏'];
const SCREENS = process.env['GRIDGUARD_SCREENS'] ?? path.join(os.tmpdir(), 'gridguard-screens');

jest.setTimeout(180_000);

interface LayoutFindings {
  overflow: number;
  brokenLabels: string[];
  debugText: string[];
}

/** What the page in front shows that it should not. */
function findings(page: Page): Promise<LayoutFindings> {
  return page.evaluate(() => {
    const shown = (el: Element) => (el as HTMLElement).checkVisibility();
    const brokenLabels = Array.from(document.querySelectorAll('.entry__label'))
      .filter(shown)
      .filter((label) => {
        const style = getComputedStyle(label);
        const line = parseFloat(style.lineHeight);
        const box = label.getBoundingClientRect();
        return box.height > line * 1.5 || label.scrollWidth > label.clientWidth + 1;
      })
      .map((label) => label.textContent ?? '');
    const debug = /openid|cloud:\/\/|https?:\/\/127\.|_storage/i;
    const debugText: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.dev-bar') || !shown(parent)) continue;
      if (debug.test(node.textContent ?? '')) debugText.push(node.textContent ?? '');
    }
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      brokenLabels,
      debugText,
    };
  });
}

describe('home at phone widths', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  beforeAll(() => {
    fs.mkdirSync(SCREENS, { recursive: true });
  });

  for (const width of WIDTHS) {
    it(`fits ${width} px for every role, labels whole, no debug details`, async () => {
      const page = await preview.openPage();
      await page.setViewportSize({ width, height: 800 });
      for (const user of USERS) {
        await loginAs(page, preview.url, user);
        await visible(page, '.entry', '加入网格').waitFor();
        await page.screenshot({
          path: path.join(SCREENS, `home-${user}-${width}.png`),
          fullPage: true,
        });
        expect({ user, ...(await findings(page)) }).toEqual({
          user,
          overflow: 0,
          brokenLabels: [],
          debugText: [],
        });
        await page.getByText('切换用户', { exact: true }).click();
      }
      expect(pageErrors).toEqual([]);
    });
  }
});
