/**
 * 导入登记表 in the h5 preview against the demo server: a leader downloads the template of their
 * branch, fills it in (here with exceljs, as a clerk would in Excel), uploads it, reads what it
 * would change, confirms, and finds the household on the branch; a file with a wrong ID number
 * is shown by row and column and cannot be imported.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { IMPORT_SHEETS, REGISTER_COLUMNS } from '@gridguard/types';
import { button, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

const BRANCH = '第一经济社党支部';
/** The level below a 经济社党支部 in the demo town: the template's only level column. */
const GROUP_LEVEL = '户联系党小组';
const NEW_GROUP = '第九户联系党小组';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An 18-digit ID number with the check digit the national standard gives. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

/** From home to the branch's 导入登记表, as its leader 陈建华 would go. */
async function openImport(page: Page): Promise<void> {
  await openEntry(page, '我的网格');
  await visible(page, '.grid-node', '沙头社区').click();
  await visible(page, '.grid-node', BRANCH).click();
  await visible(page, '.node-header', BRANCH).waitFor();
  await button(page, '导入登记表').click();
  await visible(page, '.page__title', '导入登记表').waitFor();
  await visible(page, '.import__node', BRANCH).waitFor();
}

/** 下载模板: the browser saves the file the page is handed; the test reads it from the same link. */
async function downloadTemplate(page: Page): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    button(page, '下载模板').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const response = await fetch(download.url());
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  // An .xlsx is a ZIP archive.
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** Fills the template's register sheet with `rows` under its own headers; answers their row numbers. */
async function filled(
  book: ExcelJS.Workbook,
  rows: Record<string, string>[],
): Promise<{ buffer: Buffer; rowNumbers: number[] }> {
  const sheet = book.getWorksheet(IMPORT_SHEETS.register);
  if (!sheet) throw new Error(`the template has no sheet ${IMPORT_SHEETS.register}`);
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, column) => {
    headers[column - 1] = String(cell.value);
  });
  const rowNumbers = rows.map(
    (values) => sheet.addRow(headers.map((header) => values[header] ?? '')).number,
  );
  return { buffer: Buffer.from(await book.xlsx.writeBuffer()), rowNumbers };
}

/** 选择文件上传 with `buffer` picked in the browser's file chooser. */
async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button(page, '选择文件上传').click();
  await (await chooser).setFiles({ name, mimeType: XLSX, buffer });
}

describe('导入登记表 of a branch', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('template, upload, preview, confirm, done: the household is then on the branch', async () => {
    const page = await preview.openPage();
    await loginAs(page, preview.url, '陈建华');
    await openImport(page);
    const steps = (await visible(page, '.import-steps').textContent()) ?? '';
    expect(steps).toContain('一行一人，同一户的人连续填写');

    const template = await downloadTemplate(page);
    const register = template.getWorksheet(IMPORT_SHEETS.register);
    const headers: unknown[] = [];
    register?.getRow(1).eachCell((cell) => headers.push(cell.value));
    expect(headers.slice(0, 6)).toEqual([GROUP_LEVEL, ...Object.values(REGISTER_COLUMNS)]);

    const { buffer } = await filled(template, [
      {
        [GROUP_LEVEL]: NEW_GROUP,
        [REGISTER_COLUMNS.address]: '沙头社区南街8号',
        [REGISTER_COLUMNS.name]: '何家明',
        [REGISTER_COLUMNS.relation]: '本人',
        [REGISTER_COLUMNS.idNumber]: idNumber('44060619700315123'),
        [REGISTER_COLUMNS.phone]: '13912345678',
      },
      {
        [GROUP_LEVEL]: NEW_GROUP,
        [REGISTER_COLUMNS.address]: '沙头社区南街8号',
        [REGISTER_COLUMNS.name]: '何小雨',
        [REGISTER_COLUMNS.relation]: '子女',
        [REGISTER_COLUMNS.idNumber]: idNumber('44060620050820242'),
      },
    ]);
    await upload(page, '沙头一社登记表.xlsx', buffer);

    const card = visible(page, '.import-card', '校验通过');
    await card.waitFor();
    const counts = (await card.textContent()) ?? '';
    expect(counts).toContain('新建网格 1 个');
    expect(counts).toContain('新建住户 1 户（已有 ');
    expect(counts).toContain('新增人员 2 人');
    expect(counts).toContain('沙头一社登记表.xlsx');

    await button(page, '确认导入').click();
    const dialog = page.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain('新建住户 1 户，新增 2 人');
    await dialog.locator('.taro-model__confirm').click();

    const done = visible(page, '.import-card', '导入完成');
    await done.waitFor();
    expect(await done.textContent()).toContain('新增人员 2 人');

    await button(page, '查看网格').click();
    await visible(page, '.node-header', BRANCH).waitFor();
    await visible(page, '.grid-node', NEW_GROUP).waitFor();
    const household = visible(page, '.household-row', '沙头社区南街8号');
    await household.waitFor();
    expect(await household.textContent()).toContain(`${NEW_GROUP} · 2 人`);
    // Its people are on the household's own page.
    await household.click();
    await visible(page, '.register-person', '何家明').waitFor();
    await visible(page, '.register-person', '何小雨').waitFor();
    await page.goBack();
    await visible(page, '.node-header', BRANCH).waitFor();

    // Opened again, nothing is left to continue.
    await button(page, '导入登记表').click();
    await visible(page, '.import__node', BRANCH).waitFor();
    await button(page, '选择文件上传').waitFor();
    expect(await page.locator('.import-card').filter({ visible: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('a wrong ID number is listed by row and column, and there is no 确认导入', async () => {
    const page = await preview.openPage();
    await loginAs(page, preview.url, '陈建华');
    await openImport(page);
    const template = await downloadTemplate(page);
    const first17 = '44060619851102456';
    const wrong = idNumber(first17).endsWith('1') ? '2' : '1';
    const { buffer, rowNumbers } = await filled(template, [
      {
        [GROUP_LEVEL]: NEW_GROUP,
        [REGISTER_COLUMNS.address]: '沙头社区南街10号',
        [REGISTER_COLUMNS.name]: '冯志坚',
        [REGISTER_COLUMNS.relation]: '本人',
        [REGISTER_COLUMNS.idNumber]: first17 + wrong,
      },
    ]);
    await upload(page, '有错误的登记表.xlsx', buffer);

    const card = visible(page, '.import-card', '发现 1 处错误，请修改后重新上传');
    await card.waitFor();
    expect(await card.textContent()).toContain(
      `工作表「${IMPORT_SHEETS.register}」第 ${rowNumbers[0]} 行「${REGISTER_COLUMNS.idNumber}」：身份证号校验位不正确`,
    );
    expect(await button(page, '确认导入').count()).toBe(0);
    await button(page, '重新上传').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
