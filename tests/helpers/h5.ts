/**
 * Driving the h5 preview in Chromium the way a user would: the local login, Taro's buttons, and
 * only what the current page shows (Taro keeps earlier pages of the stack in the DOM, hidden).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import type { DemoUser } from '@gridguard/emulator';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Elements matching `selector` with `text` on the page in front. */
export function visible(page: Page, selector: string, text?: string | RegExp): Locator {
  const all = page.locator(selector);
  return (text === undefined ? all : all.filter({ hasText: text }))
    .filter({ visible: true })
    .first();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A Taro button by its exact label. The whole button takes the tap (it sits over its inner
 * texts), so the button itself is clicked.
 */
export function button(page: Page, label: string): Locator {
  return visible(page, 'taro-button-core', new RegExp(`^\\s*${escape(label)}\\s*$`));
}

/** Taps one of the home page's entries (我的网格, 我的家庭, 加入网格). */
export async function openEntry(page: Page, label: string): Promise<void> {
  await visible(page, '.entry', label).click();
}

/** Opens the preview and picks a demo user in the local login; resolves once home has loaded. */
export async function loginAs(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByText('本地预览登录：选择演示用户').waitFor();
  await page.locator('.user-picker__user', { hasText: name }).click();
  await visible(page, '.entries').waitFor();
}

/** Signs in as `name` and opens 今日未报 of the node `nodeName`, found in 我的网格. */
export async function openNotReported(
  page: Page,
  url: string,
  name: string,
  nodeName: string,
): Promise<void> {
  await loginAs(page, url, name);
  await openEntry(page, '我的网格');
  await visible(page, '.grid-node', nodeName).click();
  await button(page, '今日未报').click();
}

/** A form field's input on the page in front, by the start of its label. */
export function field(page: Page, label: string): Locator {
  return visible(page, '.form-field', new RegExp(`^${escape(label)}`)).locator('input');
}

/** Fills in the 加入网格 form and submits it. */
export async function joinWithCode(page: Page, code: string, name: string): Promise<void> {
  await field(page, '邀请码').fill(code);
  await field(page, '姓名').fill(name);
  await button(page, '加入网格').click();
}

export interface Preview {
  /** The demo server (emulator, functions, h5 build), once beforeAll has run. */
  readonly server: DemoServer;
  readonly url: string;
  /** Errors thrown in any page opened through openPage: a journey ends with none. */
  readonly pageErrors: string[];
  /** A fresh browser context (one local login) at phone size. */
  openPage(): Promise<Page>;
}

/**
 * The h5 preview for one test file: a demo server on a fresh data folder and headless Chromium,
 * started in beforeAll and torn down in afterAll.
 */
export function usePreview(
  options: {
    extraLogins?: DemoUser[];
    /** No town: an environment waiting for its 初始化 (`server.setupCode` holds the code). */
    empty?: boolean;
    /** The demo town with the 14 days of history `npm start` shows. */
    history?: boolean;
  } = {},
): Preview {
  let dataDir = '';
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridguard-e2e-'));
    server = await startDemoServer({
      port: 0,
      dataDir,
      ...(options.extraLogins && { extraLogins: options.extraLogins }),
      ...(options.empty && { empty: true }),
      ...(options.history && { history: true }),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const started = (): DemoServer => {
    if (!server) throw new Error('the preview did not start');
    return server;
  };
  return {
    get server() {
      return started();
    },
    get url() {
      return started().url;
    },
    pageErrors,
    async openPage() {
      if (!browser) throw new Error('the browser did not start');
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'zh-CN',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
  };
}

/** The form field whose label starts with `label`. */
export function formField(page: Page, label: string): Locator {
  return visible(page, '.form-field', new RegExp(`^${escape(label)}`));
}

/** Taps the chip with exactly `text` inside the field labelled `label`. */
export async function chooseIn(page: Page, label: string, text: string): Promise<void> {
  await formField(page, label)
    .locator('.choice-chip', { hasText: new RegExp(`^\\s*${escape(text)}\\s*$`) })
    .click();
}

/** Taro's h5 picker wheel: the height of a row and where row 0 rests (its LINE_HEIGHT and TOP). */
const WHEEL_ROW_PX = 34;
const WHEEL_TOP_PX = 102;
/** Rows one drag moves at most, so the pointer never leaves the wheel (which ends a drag). */
const WHEEL_ROWS_PER_DRAG = 5;

/** The row a wheel has settled on, from the shift of its content (set at once, then animated). */
async function wheelRow(wheel: Locator): Promise<number> {
  const transform = await wheel
    .locator('.weui-picker__content')
    .evaluate((content) => (content as HTMLElement).style.transform);
  const shift = /translate3d\(0(?:px)?,\s*(-?[\d.]+)px/.exec(transform);
  return shift ? Math.round((WHEEL_TOP_PX - Number(shift[1])) / WHEEL_ROW_PX) : 0;
}

/**
 * In the open h5 picker, turns the first wheels to `names` (e.g. 湖北省, 武汉市) by dragging them
 * with the mouse as a user would, then taps 确定. Each wheel is turned once the one before has
 * refilled it; wheels after the last name keep the row they show.
 */
export async function pickOnWheels(page: Page, names: readonly string[]): Promise<void> {
  const picker = visible(page, '.weui-picker');
  await picker.waitFor();
  for (const [index, name] of names.entries()) {
    const wheel = picker.locator('.weui-picker__group').nth(index);
    const rows = wheel.locator('.weui-picker__item');
    const wanted = rows.filter({ hasText: new RegExp(`^\\s*${escape(name)}\\s*$`) }).first();
    await wanted.waitFor({ state: 'attached' });
    const target = (await rows.allTextContents()).map((t) => t.trim()).indexOf(name);
    for (let drags = 0; ; drags += 1) {
      const row = await wheelRow(wheel);
      if (row === target) break;
      if (drags > 40) throw new Error(`the wheel stopped at row ${row}, not ${name}`);
      const box = await wheel.boundingBox();
      if (!box) throw new Error('the wheel is not shown');
      const rowsToMove = Math.max(
        -WHEEL_ROWS_PER_DRAG,
        Math.min(WHEEL_ROWS_PER_DRAG, target - row),
      );
      // Later rows come up from below: drag upwards from near the bottom, and the reverse.
      const x = box.x + box.width / 2;
      const fromY = rowsToMove > 0 ? box.y + box.height - 15 : box.y + 15;
      await page.mouse.move(x, fromY);
      await page.mouse.down();
      await page.mouse.move(x, fromY - rowsToMove * WHEEL_ROW_PX, { steps: 6 });
      await page.mouse.up();
    }
  }
  await picker.locator('.weui-picker__action', { hasText: '确定' }).click();
  await picker.waitFor({ state: 'hidden' });
}
