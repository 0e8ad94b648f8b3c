/**
 * Going live, from an empty environment to a classified return, through the h5 preview only:
 * the deployer runs 初始化 (丽江市 with 丽江's levels) and becomes 指挥部, makes 湖北省武汉市 high-risk,
 * imports a register (template downloaded, filled, uploaded, previewed, confirmed); 和丽华 asks to
 * join her imported household by its door code, read off the household list; nobody of that family
 * is on WeChat and no node has a leader, so the command centre admits her on 入户申请; she then
 * registers a return from 武汉市 and is told 重点集中观察类. One browser context per user.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  IMPORT_SHEETS,
  maskIdNumber,
  OBSERVATION_CLASS_LABELS,
  REGISTER_COLUMNS,
} from '@gridguard/types';
import { idNumberFor, phoneFor } from '../../scripts/demo/builder';
import {
  button,
  chooseIn,
  field,
  formField,
  loginAs,
  openEntry,
  pickOnWheels,
  usePreview,
  visible,
} from '../helpers/h5';

// Per step: each waits on several function calls; the whole journey takes about 35 s here.
jest.setTimeout(120_000);

const ROOT = '丽江市';
const COMMANDER = '王建国';
const RESIDENT = '和丽华';
/** 丽江's levels below the root: the template's level columns, in order. */
const LEVELS = ['县(区)', '乡镇(街道)', '社区', '居民小组'];
const PATH = ['古城区', '大研街道', '光义社区'];
const GROUP_ONE = '第一居民小组';
const GROUP_TWO = '第二居民小组';
const HOME = '光义街现文巷1号';

interface RegisterRow {
  group: string;
  address: string;
  name: string;
  relation: string;
  /** Seed of the row's valid ID number (and phone, for a head of household). */
  n: number;
}
/** 和丽华 heads the household she will join on WeChat. */
const HEAD: RegisterRow = {
  group: GROUP_ONE,
  address: HOME,
  name: RESIDENT,
  relation: '本人',
  n: 101,
};
/** The register as a clerk fills it: three households on two groups. */
const REGISTER: RegisterRow[] = [
  HEAD,
  { group: GROUP_ONE, address: HOME, name: '杨建军', relation: '配偶', n: 102 },
  { group: GROUP_ONE, address: '光义街现文巷2号', name: '木桂英', relation: '本人', n: 103 },
  { group: GROUP_ONE, address: '光义街现文巷2号', name: '木小川', relation: '子女', n: 104 },
  { group: GROUP_TWO, address: '光义街忠义巷9号', name: '赵永福', relation: '本人', n: 105 },
];
const HOUSEHOLDS = new Set(REGISTER.map((r) => r.address)).size;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Confirms the Taro modal in front after checking what it says. */
async function confirmDialog(page: Page, expected: string): Promise<void> {
  const dialog = page.locator('.taro-modal__content').filter({ visible: true });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(expected);
  await dialog.locator('.taro-model__confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** From home, 我的网格 → the root's 网格详情. */
async function openRoot(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await openEntry(page, '我的网格');
  await visible(page, '.grid-node', ROOT).click();
  await visible(page, '.node-header', ROOT).waitFor();
}

/** A figure of the node header in front (住户, 居民…), as shown. */
async function figure(page: Page, label: string): Promise<number> {
  const value = visible(page, '.node-header__count', label).locator('.node-header__count-value');
  return Number(await value.textContent());
}

/**
 * A figure once it shows `expected`, or what it shows after a few seconds: a page returned to
 * keeps its last figures until its reload answers.
 */
async function settledFigure(page: Page, label: string, expected: number): Promise<number> {
  const until = Date.now() + 10_000;
  for (;;) {
    const shown = await figure(page, label);
    if (shown === expected || Date.now() > until) return shown;
    await page.waitForTimeout(200);
  }
}

describe('going live from an empty environment', () => {
  const preview = usePreview({ empty: true });
  const { pageErrors } = preview;
  // One page per user, kept across the steps as a phone would be.
  let commander: Page;
  let resident: Page;
  let doorCode = '';

  it('部署管理员 runs 初始化 with 丽江 levels and becomes 指挥部', async () => {
    const code = preview.server.setupCode;
    if (!code) throw new Error('the empty environment printed no setup code');
    commander = await preview.openPage();
    await loginAs(commander, preview.url, '部署管理员');
    await visible(commander, '.setup-entry', '系统尚未初始化').waitFor();
    await button(commander, '输入部署码').click();
    await field(commander, '部署码').fill(code);
    await field(commander, '您的姓名').fill(COMMANDER);
    await field(commander, '顶级网格名称').fill(ROOT);
    await visible(commander, '.choice-chip', '丽江（五级网格）').click();
    await button(commander, '完成初始化').click();
    await confirmDialog(commander, `顶级网格「${ROOT}」，层级：市 → ${LEVELS.join(' → ')}`);
    await visible(commander, '.setup-result', '初始化完成，您已成为指挥部').waitFor();

    // Home, loaded afresh, reads who the caller now is.
    await commander.goto(preview.url);
    const card = visible(commander, '.identity-card', COMMANDER);
    await card.waitFor();
    const identity = (await card.textContent()) ?? '';
    expect(identity).toContain('指挥部');
    expect(identity).toContain(ROOT);
  });

  it('指挥部 makes 湖北省武汉市 a high-risk area with the region picker', async () => {
    await openEntry(commander, '系统设置');
    await button(commander, '管理风险地区').click();
    await visible(commander, '.risk-areas__empty', '目前没有中高风险地区').waitFor();
    await visible(commander, '.risk-areas__pick-label', '选择省市区').click();
    await pickOnWheels(commander, ['湖北省', '武汉市']);
    await visible(commander, '.risk-areas__picked', '湖北省武汉市').waitFor();
    // The whole city, whatever district the third wheel showed.
    await chooseIn(commander, '范围', '到市');
    await chooseIn(commander, '风险等级', '高风险');
    await button(commander, '添加').click();
    const row = visible(commander, '.risk-area', '湖北省武汉市');
    await row.waitFor();
    expect(await row.textContent()).toContain('高风险');
    await button(commander, '保存').click();
    await confirmDialog(commander, '共 1 个中高风险地区');
    await visible(commander, '.risk-areas__last', `最后修改：${COMMANDER}`).waitFor();
  });

  it('指挥部 imports the register from the downloaded template', async () => {
    await openRoot(commander, preview.url);
    await button(commander, '导入登记表').click();
    await visible(commander, '.import__node', ROOT).waitFor();

    // 下载模板 hands the browser a link; the test fetches the same link and reads the workbook.
    const [download] = await Promise.all([
      commander.waitForEvent('download'),
      button(commander, '下载模板').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const response = await fetch(download.url());
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(IMPORT_SHEETS.register);
    if (!sheet) throw new Error(`the template has no sheet ${IMPORT_SHEETS.register}`);
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell, column) => {
      headers[column - 1] = String(cell.value);
    });
    expect(headers).toEqual([...LEVELS, ...Object.values(REGISTER_COLUMNS), '备注']);

    // Under the template's own header row, whatever example rows it carries are replaced.
    sheet.spliceRows(2, sheet.rowCount);
    for (const person of REGISTER) {
      const levelValues = [...PATH, person.group];
      const values: Record<string, string> = {
        ...Object.fromEntries(LEVELS.map((level, i) => [level, levelValues[i] ?? ''])),
        [REGISTER_COLUMNS.address]: person.address,
        [REGISTER_COLUMNS.name]: person.name,
        [REGISTER_COLUMNS.relation]: person.relation,
        [REGISTER_COLUMNS.idNumber]: idNumberFor(person.n),
        [REGISTER_COLUMNS.phone]: person.relation === '本人' ? phoneFor(person.n) : '',
      };
      sheet.addRow(headers.map((header) => values[header] ?? ''));
    }
    const filled = Buffer.from(await book.xlsx.writeBuffer());

    const chooser = commander.waitForEvent('filechooser');
    await button(commander, '选择文件上传').click();
    await (await chooser).setFiles({ name: '光义社区登记表.xlsx', mimeType: XLSX, buffer: filled });

    // Three levels above the groups and the two groups are new.
    const card = visible(commander, '.import-card', '校验通过');
    await card.waitFor();
    const counts = (await card.textContent()) ?? '';
    expect(counts).toContain(`新建网格 ${PATH.length + 2} 个`);
    expect(counts).toContain(`新建住户 ${HOUSEHOLDS} 户`);
    expect(counts).toContain(`新增人员 ${REGISTER.length} 人`);
    await button(commander, '确认导入').click();
    await confirmDialog(commander, `新建住户 ${HOUSEHOLDS} 户，新增 ${REGISTER.length} 人`);
    const done = visible(commander, '.import-card', '导入完成');
    await done.waitFor();
    expect(await done.textContent()).toContain(`新增人员 ${REGISTER.length} 人`);

    await button(commander, '查看网格').click();
    await visible(commander, '.node-header', ROOT).waitFor();
    expect(await settledFigure(commander, '住户', HOUSEHOLDS)).toBe(HOUSEHOLDS);
    expect(await settledFigure(commander, '居民', REGISTER.length)).toBe(REGISTER.length);
    // The door code is printed on the household's card, as the leader reads it to the family.
    const household = visible(commander, '.household-row', HOME);
    await household.waitFor();
    doorCode = ((await household.locator('.household-row__code-value').textContent()) ?? '').trim();
    expect(doorCode).toMatch(/^[A-Z0-9]{6}$/);
  });

  it('和丽华 asks to join by door code; 指挥部 admits her on 入户申请', async () => {
    resident = await preview.openPage();
    await loginAs(resident, preview.url, RESIDENT);
    await openEntry(resident, '加入网格');
    await visible(resident, '.join__tab', '加入住户').click();
    await field(resident, '门牌码').fill(doorCode);
    await field(resident, '您的姓名').fill(RESIDENT);
    await field(resident, '身份证号').fill(idNumberFor(HEAD.n));
    await button(resident, '申请加入').click();
    const waiting = visible(resident, '.join-status', '加入申请等待确认');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain(HOME);

    // Nobody of the family is on WeChat and no node has a leader: the command centre decides.
    await openRoot(commander, preview.url);
    await button(commander, '入户申请').click();
    const asked = visible(commander, '.join-request', RESIDENT);
    await asked.waitFor();
    // What the page asks them to check: the household, and the ID number's ends as imported.
    const request = (await asked.textContent()) ?? '';
    expect(request).toContain(`${GROUP_ONE} · ${HOME}`);
    expect(request).toContain(maskIdNumber(idNumberFor(HEAD.n)));
    // Her typed ID number matches the imported row: approving links it, nobody is added.
    expect(request).toContain(`即本户已登记的「${RESIDENT}」`);
    await asked.locator('taro-button-core', { hasText: '同意' }).click();
    await confirmDialog(commander, `同意${RESIDENT}（本人）加入「${HOME}」`);
    await visible(commander, '.join-request', RESIDENT).waitFor({ state: 'detached' });

    await resident.goto(`${preview.url}/#/pages/household/index`);
    await visible(resident, '.household', HOME).waitFor();
    await visible(resident, '.person', '杨建军').waitFor();
  });

  it('和丽华 registers a return from 湖北省武汉市 and is told the high-risk class', async () => {
    await resident.goto(preview.url);
    await openEntry(resident, '返乡登记');
    await visible(resident, '.page__title', '返乡登记').waitFor();
    // Several people share the household: she picks her own name, the one imported row.
    const own = visible(resident, '.family-picker .choice-chip', RESIDENT);
    await own.waitFor();
    expect(
      await resident.locator('.family-picker .choice-chip', { hasText: RESIDENT }).count(),
    ).toBe(1);
    await own.click();
    await formField(resident, '出发地').locator('.return-place__pick').click();
    await pickOnWheels(resident, ['湖北省', '武汉市']);
    const place = formField(resident, '出发地').locator('.return-place__input input');
    await expect(place.nth(0).inputValue()).resolves.toBe('湖北省');
    await expect(place.nth(1).inputValue()).resolves.toBe('武汉市');
    await chooseIn(resident, '交通方式', '火车');
    await chooseIn(resident, '是否接触过确诊或疑似病例', '否');
    await button(resident, '提交登记').click();

    const result = visible(resident, '.return-result', `${RESIDENT} 返乡登记成功`);
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(OBSERVATION_CLASS_LABELS.central);
    expect(text).toContain('来自高风险地区（湖北省武汉市）');
  });

  it('网格详情 shows the households of the file on every level', async () => {
    await openRoot(commander, preview.url);
    expect(await figure(commander, '住户')).toBe(HOUSEHOLDS);
    for (const name of PATH) await visible(commander, '.grid-node', name).click();
    await visible(commander, '.node-header', PATH[2] ?? '').waitFor();
    expect(await figure(commander, '住户')).toBe(HOUSEHOLDS);
    await visible(commander, '.grid-node', GROUP_ONE).click();
    await visible(commander, '.node-header', GROUP_ONE).waitFor();
    expect(await figure(commander, '住户')).toBe(2);
    // The group 和丽华 did not join is exactly as imported.
    await commander.goBack();
    await visible(commander, '.grid-node', GROUP_TWO).click();
    await visible(commander, '.node-header', GROUP_TWO).waitFor();
    expect(await figure(commander, '住户')).toBe(1);
    expect(await figure(commander, '居民')).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  // Admitting 和丽华 links her WeChat to her imported row: the town still has the file's people.
  it('网格详情 shows the people of the file once 和丽华 has joined', async () => {
    await openRoot(commander, preview.url);
    expect(await figure(commander, '居民')).toBe(REGISTER.length);
  });
});
