/**
 * Every page of every role in the h5 preview, at 320, 375 and 414 px wide, on the demo town with
 * 14 days of history: nothing may stick out sideways, no entry label may break across lines, and
 * no debug detail (an openid, a storage or local URL) may show outside the preview's own bar.
 * Screenshots land in `test-results/layout/` for a person to look at; nothing compares pixels.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loginAs, usePreview } from '../helpers/h5';

// About 40 pages, three widths each, a screenshot of each.
jest.setTimeout(600_000);

const WIDTHS = [320, 375, 414] as const;
const SHOTS = path.join(__dirname, '..', '..', 'test-results', 'layout');

const COMMUNITY = 'g-shatou';
const BRANCH = 'g-shatou-b1';
const LEAF = 'g-shatou-b1-h1';
const LEAF_HOUSEHOLD = 'h-g-shatou-b1-h1-1';
const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

/** What each role opens in a day, by the page's own path and query. */
const ROLES: { role: string; login: string; pages: Record<string, string> }[] = [
  {
    role: 'newcomer',
    login: '赵敏',
    pages: { home: '/pages/home/index', join: '/pages/join/index' },
  },
  {
    role: 'resident',
    login: '王秀英',
    pages: {
      home: '/pages/home/index',
      household: '/pages/household/index',
      report: '/pages/report/index',
      return: '/pages/return/index',
      errandRequest: '/pages/errands/request/index',
      myErrands: '/pages/errands/mine/index',
      joinHousehold: `/pages/join/index${q({ tab: 'household' })}`,
    },
  },
  {
    role: 'member',
    login: '李志强',
    pages: {
      home: '/pages/home/index',
      grid: '/pages/grid/index',
      branch: `/pages/grid-detail/index${q({ id: BRANCH })}`,
      notReported: `/pages/not-reported/index${q({ gridId: BRANCH })}`,
      observed: `/pages/observe/observed/index${q({ gridId: BRANCH })}`,
      pool: '/pages/errands/pool/index',
      claims: '/pages/errands/claims/index',
      myHouseholds: '/pages/care/households/index',
      cared: '/pages/care/observed/index',
      register: `/pages/register/households/index${q({ gridId: LEAF })}`,
      registerHousehold: `/pages/register/household/index${q({ id: LEAF_HOUSEHOLD, gridId: LEAF })}`,
      addPerson: `/pages/register/person/index${q({ householdId: LEAF_HOUSEHOLD })}`,
      search: `/pages/search/index${q({ gridId: BRANCH, name: '第一经济社党支部' })}`,
    },
  },
  {
    role: 'leader',
    login: '陈建华',
    pages: {
      home: '/pages/home/index',
      grid: '/pages/grid/index',
      community: `/pages/grid-detail/index${q({ id: COMMUNITY })}`,
      leaf: `/pages/grid-detail/index${q({ id: LEAF })}`,
      members: `/pages/members/index${q({ gridId: COMMUNITY })}`,
      notReported: `/pages/not-reported/index${q({ gridId: COMMUNITY })}`,
      queue: `/pages/observe/queue/index${q({ gridId: COMMUNITY })}`,
      observed: `/pages/observe/observed/index${q({ gridId: COMMUNITY })}`,
      alerts: `/pages/observe/alerts/index${q({ gridId: COMMUNITY })}`,
      nodeErrands: `/pages/errands/node/index${q({ gridId: COMMUNITY, settle: '1' })}`,
      joinRequests: `/pages/join-requests/index${q({ gridId: COMMUNITY })}`,
      import: `/pages/import/index${q({ gridId: COMMUNITY })}`,
      posters: `/pages/posters/index${q({ gridId: LEAF })}`,
      search: `/pages/search/index${q({ gridId: COMMUNITY, name: '沙头社区' })}`,
      register: `/pages/register/households/index${q({ gridId: LEAF })}`,
      registerHousehold: `/pages/register/household/index${q({ id: LEAF_HOUSEHOLD, gridId: LEAF })}`,
      newHousehold: `/pages/register/place/index${q({ gridId: LEAF })}`,
      dashboard: `/dashboard/pages/index${q({ gridId: COMMUNITY })}`,
      rentals: `/pages/targets/rentals/index${q({ gridId: LEAF })}`,
      enterprises: `/pages/targets/enterprises/index${q({ gridId: LEAF })}`,
      campaigns: `/pages/campaigns/list/index${q({ gridId: COMMUNITY })}`,
      startCampaign: `/pages/campaigns/start/index${q({ gridId: COMMUNITY })}`,
    },
  },
  {
    role: 'command',
    login: '九江镇指挥部',
    pages: {
      home: '/pages/home/index',
      grid: '/pages/grid/index',
      town: `/pages/grid-detail/index${q({ id: 'g-jiujiang' })}`,
      dashboard: `/dashboard/pages/index${q({ gridId: 'g-jiujiang' })}`,
      settings: '/pages/setup/index',
      riskAreas: '/pages/setup/risk-areas/index',
      errandSettings: '/pages/errands/settings/index',
    },
  },
];

/** Labels that must stay on one line whatever the width: the entries people tap. */
const ONE_LINE = ['.entry__label'];
/** Debug details a user must never see. */
const DEBUG = [/openid/i, /cloud:\/\//i, /https?:\/\/127\./i, /https?:\/\/localhost/i];

/** Waits until the page in front has rendered and nothing on it is still loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('.page, .home').filter({ visible: true }).first().waitFor();
  const loading = page.locator('.status-block--loading').filter({ visible: true });
  for (let i = 0; i < 100 && (await loading.count()) > 0; i += 1) await page.waitForTimeout(100);
  // Images, canvases and late answers after the last spinner.
  await page.waitForTimeout(300);
}

interface Findings {
  overflow: string[];
  broken: string[];
  debug: string[];
}

/** What is wrong with the page in front at its current width. */
function inspect(page: Page): Promise<Findings> {
  return page.evaluate(
    ({ oneLine, debug }) => {
      const width = document.documentElement.clientWidth;
      const shown = (element: Element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      };
      const describe = (element: Element) =>
        `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')} 「${(element.textContent ?? '').trim().slice(0, 20)}」`;
      // Something may be wider than the screen only inside a box that scrolls or clips it.
      const contained = (element: Element) => {
        for (
          let box = element.parentElement;
          box && box !== document.body;
          box = box.parentElement
        ) {
          const style = getComputedStyle(box);
          if (
            /(auto|scroll|hidden)/.test(style.overflowX) &&
            box.getBoundingClientRect().right <= width + 1
          )
            return true;
        }
        return false;
      };
      const overflow: string[] = [];
      for (const element of Array.from(document.querySelectorAll('body *'))) {
        if (!shown(element)) continue;
        const box = element.getBoundingClientRect();
        if (box.right <= width + 1 && box.left >= -1) continue;
        if (!contained(element)) overflow.push(describe(element));
      }
      if (document.documentElement.scrollWidth > width + 1) {
        overflow.push(
          `the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`,
        );
      }
      const broken: string[] = [];
      for (const selector of oneLine) {
        for (const element of Array.from(document.querySelectorAll(selector))) {
          if (!shown(element)) continue;
          const range = document.createRange();
          range.selectNodeContents(element);
          const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(describe(element));
        }
      }
      const seen: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('.dev-bar, .user-picker') || !shown(parent)) continue;
        const text = node.textContent ?? '';
        if (debug.some((pattern) => new RegExp(pattern.source, pattern.flags).test(text))) {
          seen.push(`${describe(parent)}: ${text.trim().slice(0, 60)}`);
        }
      }
      return { overflow: [...new Set(overflow)].slice(0, 5), broken, debug: [...new Set(seen)] };
    },
    { oneLine: ONE_LINE, debug: DEBUG.map((d) => ({ source: d.source, flags: d.flags })) },
  );
}

describe('every page of every role at phone widths', () => {
  const preview = usePreview({ history: true });
  const { pageErrors } = preview;

  beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));

  for (const { role, login, pages } of ROLES) {
    it(`${role}: no sideways overflow, no broken entry label, no debug text`, async () => {
      const page = await preview.openPage();
      await loginAs(page, preview.url, login);
      const problems: string[] = [];
      for (const [name, route] of Object.entries(pages)) {
        await page.setViewportSize({ width: WIDTHS[1], height: 800 });
        await page.goto(`${preview.url}/#${route}`);
        await settled(page);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          // The h5 build sizes its rem to the window on resize.
          await page.waitForTimeout(150);
          const found = await inspect(page);
          const at = `${role}/${name} @${width}px`;
          problems.push(
            ...found.overflow.map((o) => `${at} overflows: ${o}`),
            ...found.broken.map((b) => `${at} breaks a label: ${b}`),
            ...found.debug.map((d) => `${at} shows debug text: ${d}`),
          );
          await page.screenshot({
            path: path.join(SHOTS, `${role}-${name}-${width}.png`),
            fullPage: true,
          });
        }
      }
      expect(problems).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
});
