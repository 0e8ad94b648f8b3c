/**
 * 风险地区 in the h5 preview against the demo server: the command centre makes 湖北省武汉市 a
 * high-risk area with the region picker, and a resident who picks a district of it is classified
 * by its code.
 */
import type { Locator, Page } from 'playwright-core';
import {
  button,
  chooseIn,
  formField,
  loginAs,
  openEntry,
  usePreview,
  visible,
} from '../helpers/h5';

jest.setTimeout(120_000);

/** The Taro h5 picker's wheels sit this far apart (its LINE_HEIGHT). */
const ROW = 34;
/** Where the first row sits when a wheel is at rest (its TOP). */
const TOP = 102;

/** The row in the middle of a wheel, read from how far its content is shifted. */
async function rowOf(group: Locator): Promise<number> {
  const transform = await group
    .locator('.weui-picker__content')
    .evaluate((element) => (element as HTMLElement).style.transform);
  const offset = /translate3d\(0(?:px)?, (-?[\d.]+)px/.exec(transform);
  return offset ? Math.round((TOP - Number(offset[1])) / ROW) : 0;
}

/** Drags a wheel with the mouse, a few rows at a time: leaving the wheel ends a drag. */
async function turnTo(page: Page, group: Locator, target: number): Promise<void> {
  for (let tries = 0; tries < 20; tries += 1) {
    const current = await rowOf(group);
    if (current === target) return;
    const box = await group.boundingBox();
    if (!box) throw new Error('the wheel is not shown');
    const step = Math.max(-5, Math.min(5, target - current));
    const x = box.x + box.width / 2;
    const from = step > 0 ? box.y + box.height - 20 : box.y + 20;
    await page.mouse.move(x, from);
    await page.mouse.down();
    await page.mouse.move(x, from - step * ROW, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(350);
  }
  throw new Error(`the wheel did not reach row ${target}`);
}

/**
 * Turns each wheel of the open picker to the name wanted, as a drag would: the wheel takes the
 * mouse (press, move, release) and settles on the row the move brings to its middle. Each wheel
 * waits for the one before to have refreshed it.
 */
async function pickRegion(page: Page, names: string[]): Promise<void> {
  const picker = visible(page, '.weui-picker');
  await picker.waitFor();
  for (const [column, name] of names.entries()) {
    const group = picker.locator('.weui-picker__group').nth(column);
    const items = group.locator('.weui-picker__item');
    await items
      .filter({ hasText: new RegExp(`^${name}$`) })
      .first()
      .waitFor({ state: 'attached' });
    const texts = (await items.allTextContents()).map((text) => text.trim());
    const target = texts.indexOf(name);
    expect(target).toBeGreaterThanOrEqual(0);
    await turnTo(page, group, target);
  }
  await picker.locator('.weui-picker__action', { hasText: '确定' }).click();
  await picker.waitFor({ state: 'hidden' });
}

async function confirmDialog(page: Page, expected: string): Promise<void> {
  const dialog = page.locator('.taro-modal__content').filter({ visible: true });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(expected);
  await dialog.locator('.taro-model__confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('风险地区 set by region code', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('指挥部 makes 湖北省武汉市 high-risk; a return from 江岸区 is classified by its code', async () => {
    const commander = await preview.openPage();
    await loginAs(commander, preview.url, '九江镇指挥部');
    await openEntry(commander, '系统设置');
    await button(commander, '管理风险地区').click();
    await visible(commander, '.page__title', '中高风险地区').waitFor();
    // The demo's areas predate region codes; they are named only and have to be picked again.
    await visible(commander, '.risk-area', '湖北省').waitFor();
    for (const name of ['湖北省', '浙江省温州市', '广东省深圳市']) {
      await visible(commander, '.risk-area', name).locator('taro-button-core').click();
      await confirmDialog(commander, name);
    }
    await visible(commander, '.risk-areas__empty', '目前没有中高风险地区').waitFor();

    await visible(commander, '.risk-areas__pick-label', '选择省市区').click();
    await pickRegion(commander, ['湖北省', '武汉市', '江岸区']);
    await visible(commander, '.risk-areas__picked', '湖北省武汉市江岸区').waitFor();
    await chooseIn(commander, '范围', '到市');
    await chooseIn(commander, '风险等级', '高风险');
    await button(commander, '添加').click();
    const row = visible(commander, '.risk-area', '湖北省武汉市');
    await row.waitFor();
    expect(await row.textContent()).toContain('高风险');

    await button(commander, '保存').click();
    await confirmDialog(commander, '共 1 个中高风险地区');
    await visible(commander, '.risk-areas__last', '最后修改：九江镇指挥部').waitFor();

    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '返乡登记');
    await visible(resident, '.page__title', '返乡登记').waitFor();
    await formField(resident, '出发地').locator('.return-place__pick').click();
    await pickRegion(resident, ['湖北省', '武汉市', '江岸区']);
    const inputs = formField(resident, '出发地').locator('.return-place__input input');
    await expect(inputs.nth(0).inputValue()).resolves.toBe('湖北省');
    await expect(inputs.nth(1).inputValue()).resolves.toBe('武汉市');
    await expect(inputs.nth(2).inputValue()).resolves.toBe('江岸区');
    await chooseIn(resident, '交通方式', '火车');
    await chooseIn(resident, '是否接触过确诊或疑似病例', '否');
    await button(resident, '提交登记').click();

    const result = visible(resident, '.return-result', '王秀英 返乡登记成功');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('重点集中观察类');
    expect(text).toContain('来自高风险地区（湖北省武汉市）');
    expect(pageErrors).toEqual([]);
  });
});
