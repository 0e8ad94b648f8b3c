/**
 * The daily report dashboard in the h5 preview: the command centre generates today's report,
 * reads the figures and the trend chart, drills down two levels and back up by the breadcrumbs,
 * and exports the report to an Excel file that holds the same numbers as the page.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  addDays,
  FIGURE_LABELS,
  SUBSCRIBE_TEMPLATES,
  type DashboardNode,
  type FigureKey,
} from '@gridguard/types';
import { HEADER_ROWS, SHEET_NAMES } from '@gridguard/server/excel';
import { actingAs, dataOf } from '../helpers/actions';
import { residentReturnsToday } from '../helpers/demo-journeys';
import { button, loginAs, openEntry, pickOnWheels, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

const TOWN = '九江镇';
const COMMUNITY = '沙头社区';
const BRANCH = '第一经济社党支部';
const DAILY_TEMPLATE = SUBSCRIBE_TEMPLATES.dailyReport.id;

/** The number of a figure (a key tile or a cell of its group) on the page in front. */
async function figureValue(page: Page, key: FigureKey): Promise<number> {
  const figure = visible(page, `.figure--${key}`);
  return Number(await figure.locator('.figure-tile__value, .figure-cell__value').textContent());
}

/** The crumbs above the heading, root first: only the nodes the caller may open. */
async function crumbs(page: Page): Promise<string[]> {
  const links = page.locator('.breadcrumbs__link').filter({ visible: true });
  return (await links.allTextContents()).map((text) => text.trim());
}

async function waitForNode(page: Page, name: string): Promise<void> {
  await visible(page, '.dashboard-head__name', new RegExp(`^${name}$`)).waitFor();
  await visible(page, '.key-figures').waitFor();
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
    expect(await figureValue(page, 'registered')).toBe(town.report.figures.registered);
    expect(town.report.figures.reportsMissing).toBe(1);
    expect(await figureValue(page, 'reportsDue')).toBe(town.report.figures.reportsDue);
    expect(await figureValue(page, 'reportsMissing')).toBe(1);
    // The key figures come first, in this order, before any group of the rest.
    expect(
      (await visible(page, '.key-figures').locator('.figure-tile__label').allTextContents()).map(
        (label) => label.replace('›', '').trim(),
      ),
    ).toEqual(['应报', '已报', '未报', '发热', '异常']);
    // Her community is late: named in the banner and its row in red, listed first.
    expect(await visible(page, '.late-banner').textContent()).toContain(COMMUNITY);
    const firstRow = visible(page, '.report-table__row:not(.report-table__row--head)');
    expect(await firstRow.textContent()).toContain(COMMUNITY);
    expect(await firstRow.getAttribute('class')).toContain('report-table__row--late');
    expect(await visible(page, '.day-switcher__date').textContent()).toBe(`今天 ${town.day}`);
    // The town is the top: nothing above it, and its name only as the heading.
    expect(await crumbs(page)).toEqual([]);

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
    expect(await crumbs(page)).toEqual([TOWN]);

    await visible(page, '.report-table__row', BRANCH).click();
    await waitForNode(page, BRANCH);
    expect(await crumbs(page)).toEqual([TOWN, COMMUNITY]);
    // Below the branch are household groups; its own figures are its subtree's, not the town's.
    const asCommand = actingAs(preview.server.emulator, 'oDemoCommand');
    const branch = dataOf(await asCommand('dashboard', 'node', { gridId: 'g-shatou-b1' }));
    expect(await figureValue(page, 'registered')).toBe(branch.report?.figures.registered);

    // A crumb looks like the mini-program's own secondary text, not a blue underlined link.
    const link = visible(page, '.breadcrumbs__link', TOWN);
    const style = await link.evaluate((element) => {
      const css = getComputedStyle(element);
      return { line: css.textDecorationLine, color: css.color };
    });
    expect(style.line).toBe('none');
    expect(style.color).not.toBe('rgb(21, 101, 192)');

    await link.click();
    await waitForNode(page, TOWN);
    expect(await crumbs(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('steps to an earlier day, picks a day on the calendar, and comes back to today', async () => {
    const today = town.day ?? '';
    await visible(page, '.day-switcher__step', '前一天').click();
    await visible(page, '.status-block', `${addDays(today, -1)} 没有日报`).waitFor();
    expect(await visible(page, '.day-switcher__date').textContent()).toBe(addDays(today, -1));

    // The calendar: three days back, as a leader checks last week's figures.
    const picked = addDays(today, -3);
    const [year, month, day] = picked.split('-');
    await visible(page, '.day-switcher__day').click();
    await pickOnWheels(page, [`${year}年`, `${month}月`, `${day}日`]);
    await visible(page, '.status-block', `${picked} 没有日报`).waitFor();

    for (const back of [2, 1]) {
      await visible(page, '.day-switcher__step', '后一天').click();
      await visible(page, '.status-block', `${addDays(today, -back)} 没有日报`).waitFor();
    }
    await visible(page, '.day-switcher__step', '后一天').click();
    await waitForNode(page, TOWN);
    expect(await visible(page, '.day-switcher__date').textContent()).toBe(`今天 ${today}`);
    // Nothing after today to step to.
    expect(await visible(page, '.day-switcher__step', '后一天').getAttribute('class')).toContain(
      'day-switcher__step--off',
    );
    expect(pageErrors).toEqual([]);
  });

  it('a key figure opens its list: 未报 opens 今日未报 of the node', async () => {
    await visible(page, '.figure--reportsMissing').click();
    await visible(page, '.page__title', '今日未报').waitFor();
    const missing = page.locator('.missing').filter({ visible: true });
    await missing.first().waitFor();
    expect(await missing.count()).toBe(1);
    await page.goBack();
    await waitForNode(page, TOWN);
    await visible(page, '.figure--escalated').click();
    await visible(page, '.observe-scope__node', TOWN).waitFor();
    await page.goBack();
    await waitForNode(page, TOWN);
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
    // The link itself is for the browser, never printed on the page.
    expect(await result.textContent()).not.toMatch(/https?:\/\/|cloud:\/\//);
    const url = download.url();
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
    expect(first.getCell(registeredColumn).value).toBe(await figureValue(page, 'registered'));
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
    expect(await visible(secretary, '.day-switcher__date').textContent()).toBe(`今天 ${town.day}`);
    // 黄德明 leads the branch: 沙头社区 and 九江镇 above it are not his to open, so not offered.
    expect(await crumbs(secretary)).toEqual([]);

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

  it('a community leader is offered only the crumbs he may open, and each opens', async () => {
    // 陈建华 leads 沙头社区: 九江镇 above it used to be a crumb that answered 您没有权限.
    const leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '防控日报');
    await waitForNode(leader, COMMUNITY);
    expect(await crumbs(leader)).toEqual([]);
    await visible(leader, '.report-table__row', BRANCH).click();
    await waitForNode(leader, BRANCH);
    expect(await crumbs(leader)).toEqual([COMMUNITY]);
    await visible(leader, '.breadcrumbs__link', COMMUNITY).click();
    await waitForNode(leader, COMMUNITY);
    expect(await leader.getByText('您没有权限').filter({ visible: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
