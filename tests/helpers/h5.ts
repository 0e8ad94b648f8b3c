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
