/**
 * The daily report dashboard in the h5 preview: the command centre generates today's report,
 * reads the figures and the trend chart, drills down two levels and back up by the breadcrumbs,
 * and exports the report to an Excel file that holds the same numbers as the page.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { FIGURE_LABELS, SUBSCRIBE_TEMPLATES, type DashboardNode } from '@gridguard/types';
import { HEADER_ROWS, SHEET_NAMES } from '@gridguard/server/excel';
import { actingAs, dataOf } from '../helpers/actions';
import { residentReturnsToday } from '../helpers/demo-journeys';
import { button, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

const TOWN = '九江镇';
const COMMUNITY = '沙头社区';
const BRANCH = '第一经济社党支部';
const DAILY_TEMPLATE = SUBSCRIBE_TEMPLATES.dailyReport.id;

/** The number on a figure tile of the page in front. */
async function tileValue(page: Page, label: string): Promise<number> {
  const tile = visible(page, '.figure-tile', label);
  return Number(await tile.locator('.figure-tile__value').textContent());
}

/** Breadcrumbs as shown, root first, ending with the node itself. */
async function breadcrumbs(page: Page): Promise<string[]> {
  const bar = visible(page, '.breadcrumbs');
  const text = (await bar.textContent()) ?? '';
  return text
    .split('›')
    .map((part) => part.trim())
    .filter(Boolean);
}

async function waitForNode(page: Page, name: string): Promise<void> {
  await visible(page, '.dashboard-head__name', new RegExp(`^${name}$`)).waitFor();
  await visible(page, '.figure-tile').waitFor();
}

describe('the daily report dashboard', () => {
  const preview = usePreview({
    extraLogins: [{ openid: 'oGenBranch01', name: '黄德明', roleLabel: '支部书记' }],
  });
  const { pageErrors } = preview;
  let page: Page;
  let town: DashboardNode;

  beforeAll(async () => {
    page = await preview.openPage();
  });

  it('the command centre generates today’s report and sees its figures and trend', async () => {
    // 王秀英 of 沙头社区 came back today: under home observation, she owes today's report.
    await residentReturnsToday(preview.server.emulator);

    await loginAs(page, preview.url, TOWN + '指挥部');
    await openEntry(page, '防控日报');
    await visible(page, '.dashboard-head__name', TOWN).waitFor();

    // A fresh demo town has no report yet: the empty state offers 立即生成.
    await visible(page, '.status-block', '今日日报尚未生成').waitFor();
    await button(page, '立即生成').click();
    await waitForNode(page, TOWN);

    const asCommand = actingAs(preview.server.emulator, 'oDemoCommand');
    town = dataOf(await asCommand('dashboard', 'node', { gridId: 'g-jiujiang' }));
    if (!town.report) throw new Error('no report after 立即生成');
    expect(town.report.figures.registered).toBeGreaterThan(0);
    expect(await tileValue(page, FIGURE_LABELS.registered)).toBe(town.report.figures.registered);
    expect(town.report.figures.reportsMissing).toBe(1);
    expect(await tileValue(page, FIGURE_LABELS.reportsDue)).toBe(town.report.figures.reportsDue);
    expect(await tileValue(page, FIGURE_LABELS.reportsMissing)).toBe(1);
    // Her community is late: named in the banner and its row in red, listed first.
    expect(await visible(page, '.late-banner').textContent()).toContain(COMMUNITY);
    const firstRow = visible(page, '.report-table__row:not(.report-table__row--head)');
    expect(await firstRow.textContent()).toContain(COMMUNITY);
    expect(await firstRow.getAttribute('class')).toContain('report-table__row--late');
    expect(await visible(page, '.dashboard-head').textContent()).toContain(`日报日期：${town.day}`);

    // uCharts drew on the trend canvas: sized for the screen and no longer blank.
    const canvas = visible(page, '.trend canvas');
    await canvas.waitFor();
    const inkedPixels = () =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const context = element.getContext('2d');
        if (!context || element.width === 0) return 0;
        const { data } = context.getImageData(0, 0, element.width, element.height);
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) {
          const opaque = (data[i + 3] ?? 0) > 0;
          if (opaque && Math.min(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) < 200)
            inked += 1;
        }
        return inked;
      });
    // Drawn a moment after the canvas appears (the node is looked up once rendered).
    let inked = 0;
    for (let attempt = 0; attempt < 40 && inked <= 500; attempt += 1) {
      inked = await inkedPixels();
      if (inked <= 500) await page.waitForTimeout(100);
    }
    expect(inked).toBeGreaterThan(500);
    expect(await visible(page, '.trend').textContent()).toContain('近 14 天中 1 天有日报');
    expect(pageErrors).toEqual([]);
  });

  it('drills down two levels with breadcrumbs, then climbs back up', async () => {
    await visible(page, '.report-table__row', COMMUNITY).click();
    await waitForNode(page, COMMUNITY);
    expect(await breadcrumbs(page)).toEqual([TOWN, COMMUNITY]);

    await visible(page, '.report-table__row', BRANCH).click();
    await waitForNode(page, BRANCH);
    expect(await breadcrumbs(page)).toEqual([TOWN, COMMUNITY, BRANCH]);
    // Below the branch are household groups; its own figures are its subtree's, not the town's.
    const asCommand = actingAs(preview.server.emulator, 'oDemoCommand');
    const branch = dataOf(await asCommand('dashboard', 'node', { gridId: 'g-shatou-b1' }));
    expect(await tileValue(page, FIGURE_LABELS.registered)).toBe(branch.report?.figures.registered);

    await visible(page, '.breadcrumbs__link', TOWN).click();
    await waitForNode(page, TOWN);
    expect(await breadcrumbs(page)).toEqual([TOWN]);
    expect(pageErrors).toEqual([]);
  });

  it('exports after confirmation and the file holds the figures on the page', async () => {
    await button(page, '导出 Excel').click();
    const dialog = page.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain(`导出「${TOWN}」${town.day} 的日报`);
    await page.locator('.taro-model__confirm').filter({ visible: true }).click();

    const result = visible(page, '.export-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`${TOWN}-${town.day}-日报.xlsx`);
    // 下载文件 hands the same link to the browser, saved under the report's file name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      button(page, '下载文件').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${TOWN}-${town.day}-日报.xlsx`);
    const url = (await visible(page, '.export-result__url').textContent())?.trim() ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.xlsx$/);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet(SHEET_NAMES.report);
    if (!sheet) throw new Error(`no sheet ${SHEET_NAMES.report}`);
    const header = sheet.getRow(HEADER_ROWS + 1);
    let registeredColumn = 0;
    header.eachCell((cell, column) => {
      if (cell.value === FIGURE_LABELS.registered) registeredColumn = column;
    });
    expect(registeredColumn).toBeGreaterThan(0);
    const first = sheet.getRow(HEADER_ROWS + 2);
    expect(first.getCell(1).value).toBe(TOWN);
    expect(first.getCell(registeredColumn).value).toBe(
      await tileValue(page, FIGURE_LABELS.registered),
    );
    expect(pageErrors).toEqual([]);
  });

  it('a leader subscribes; one without a credit finds the report on home until opening it', async () => {
    // 陈建华 leads 沙头社区: his 防控日报 opens there, and he grants the next report's message.
    const leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '防控日报');
    await waitForNode(leader, COMMUNITY);
    await button(leader, '订阅日报提醒').click();
    await visible(leader, '.notice', '已订阅').waitFor();
    const { ledger } = preview.server.emulator;
    expect(ledger.credits('oDemoLeader', DAILY_TEMPLATE)).toBe(1);

    // The grid detail page opens the same report for its node.
    await leader.goBack();
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', COMMUNITY).click();
    await visible(leader, '.node-header', COMMUNITY).waitFor();
    await button(leader, '日报').click();
    await waitForNode(leader, COMMUNITY);

    // The 20:00 run: his credit becomes a message into the dashboard, 黄德明 (none) gets none.
    const fired = await fetch(`${preview.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'dailyReport', triggerName: 'evening' }),
    });
    expect(fired.status).toBe(200);
    const sent = ledger.outbox({ touser: 'oDemoLeader', templateId: DAILY_TEMPLATE });
    expect(sent).toHaveLength(1);
    expect((sent[0] as unknown as { page: string }).page).toBe(
      `dashboard/pages/index?gridId=g-shatou&day=${town.day}`,
    );
    expect(ledger.outbox({ touser: 'oGenBranch01', templateId: DAILY_TEMPLATE })).toHaveLength(0);

    const secretary = await preview.openPage();
    await loginAs(secretary, preview.url, '黄德明');
    const card = visible(secretary, '.unread-card', BRANCH);
    await card.waitFor();
    expect(await card.textContent()).toContain(town.day ?? '');
    await card.click();
    await waitForNode(secretary, BRANCH);
    expect(await visible(secretary, '.dashboard-head').textContent()).toContain(
      `日报日期：${town.day}`,
    );

    await secretary.goBack();
    await visible(secretary, '.entries').waitFor();
    // Opening the report marked it read; home asks again when shown.
    for (let attempt = 0; attempt < 30; attempt += 1) {
      if ((await visible(secretary, '.unread-card').count()) === 0) break;
      await secretary.waitForTimeout(100);
    }
    expect(await visible(secretary, '.unread-card').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
