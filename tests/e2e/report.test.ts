/**
 * 一日一报 in the h5 preview against the demo server: a returnee under home observation shows in
 * the member's 今日未报 list until she reports, in two taps, from her own phone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chinaDay } from '@gridguard/types';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { CHROMIUM, CHROMIUM_ARGS, button, loginAs, openEntry, visible } from '../helpers/h5';

jest.setTimeout(90_000);

describe('daily health report and the member’s not-reported list', () => {
  let dataDir = '';
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function openPage(): Promise<Page> {
    if (!browser || !server) throw new Error('setup failed');
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridguard-e2e-report-'));
    server = await startDemoServer({ port: 0, dataDir });
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

  it('a returnee is listed as not reported until she reports for herself', async () => {
    if (!server) throw new Error('setup failed');
    // 王秀英 declares her return from 湖北省 today: she is under home observation from now on.
    const asResident = actingAs(server.emulator, 'oDemoResident');
    const household = dataOf(await asResident('households', 'mine', {}));
    const self = household?.people.find((person) => person.name === '王秀英');
    if (!self) throw new Error('王秀英 is not in her household');
    const today = chinaDay(Date.now());
    dataOf(
      await asResident('returns', 'declare', {
        personId: self.id,
        declaration: {
          origin: { province: '湖北省' },
          transport: 'train',
          departureDay: today,
          arrivalDay: today,
          contactWithCases: false,
          symptoms: [],
        },
      }),
    );

    // 李志强, a member of 第一经济社党支部, sees her among today's missing reports.
    const volunteer = await openPage();
    await loginAs(volunteer, server.url, '李志强');
    await openEntry(volunteer, '我的网格');
    await visible(volunteer, '.grid-node', '第一经济社党支部').click();
    await button(volunteer, '今日未报').click();
    const row = visible(volunteer, '.missing', '王秀英');
    await row.waitFor();
    expect(await row.textContent()).toContain('尚未打过卡');
    // The phone, masked, revealed on request (audited) so he can call her.
    const phone = row.locator('.masked-value', { hasText: '手机' });
    expect(await phone.textContent()).toContain('138****8018');
    await phone.locator('taro-button-core', { hasText: '查看' }).click();
    await phone.getByText('13800138018').waitFor();

    // 王秀英 opens 健康打卡: nothing to copy from yesterday, so 36.5 and no symptoms; one tap.
    const resident = await openPage();
    await loginAs(resident, server.url, '王秀英');
    await openEntry(resident, '健康打卡');
    await visible(resident, '.observation', '居家观察第 1/').waitFor();
    await visible(resident, '.report-todo', '王秀英 今日未打卡').waitFor();
    await button(resident, '提交（一切正常）').click();
    const done = visible(resident, '.report-done', '王秀英 今日已打卡');
    await done.waitFor();
    expect(await done.textContent()).toContain('体温 36.5℃ · 无症状');

    // Back on his list after a refresh, she is gone.
    await volunteer.reload();
    await visible(volunteer, '.status-block', '今日已全部打卡').waitFor();
    expect(await visible(volunteer, '.not-reported').textContent()).not.toContain('王秀英');
    expect(pageErrors).toEqual([]);
  });
});
