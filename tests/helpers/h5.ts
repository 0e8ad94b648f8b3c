/**
 * Driving the h5 preview in Chromium the way a user would: the local login, Taro's buttons, and
 * only what the current page shows (Taro keeps earlier pages of the stack in the DOM, hidden).
 */
import type { Locator, Page } from 'playwright-core';

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
