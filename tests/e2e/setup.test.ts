/**
 * 初始化 in the h5 preview of an empty environment: the deployer finds 系统尚未初始化 on home, is
 * refused a wrong code, then with the right one names the root 丽江市 with 丽江's levels, becomes
 * 指挥部, finds the root in 我的网格, and home no longer offers the setup. Then, as 指挥部, opens
 * 系统设置 from home, renames 县(区) to 区县, and the tree below the root takes the new name.
 */
import type { Page } from 'playwright-core';
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

const LIJIANG_LINE = '市 → 县(区) → 乡镇(街道) → 社区 → 居民小组';
const RENAMED_LINE = '市 → 区县 → 乡镇(街道) → 社区 → 居民小组';

/** Another code of the same alphabet and length: well formed, so only the server can refuse it. */
function wrongCodeFor(code: string): string {
  return `${code.startsWith('A') ? 'B' : 'A'}${code.slice(1)}`;
}

/** Taps 完成初始化 and 确认提交 in the dialog, checking what the dialog summarises. */
async function submitAndConfirm(page: Page): Promise<void> {
  await button(page, '完成初始化').click();
  const dialog = page.locator('.taro-modal__content').filter({ visible: true });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(`顶级网格「丽江市」，层级：${LIJIANG_LINE}`);
  await dialog.locator('.taro-model__confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('初始化 of an empty environment', () => {
  const preview = usePreview({ empty: true });
  const { pageErrors } = preview;

  it('部署管理员 enters the code, sets up 丽江市 and becomes 指挥部', async () => {
    const code = preview.server.setupCode;
    if (!code) throw new Error('the empty environment has no setup code');
    const page = await preview.openPage();
    await loginAs(page, preview.url, '部署管理员');
    const offer = visible(page, '.setup-entry', '系统尚未初始化');
    await offer.waitFor();
    await button(page, '输入部署码').click();

    await field(page, '部署码').fill(wrongCodeFor(code));
    await field(page, '您的姓名').fill('王建国');
    await field(page, '顶级网格名称').fill('丽江市');
    await visible(page, '.choice-chip', '丽江（五级网格）').click();
    await visible(page, '.form-field', /^第5级/).waitFor();
    await submitAndConfirm(page);
    await visible(page, '.notice--error', '部署码不正确').waitFor();

    await field(page, '部署码').fill(code);
    await submitAndConfirm(page);
    const result = visible(page, '.setup-result', '初始化完成，您已成为指挥部');
    await result.waitFor();
    expect(await result.textContent()).toContain(LIJIANG_LINE);

    await button(page, '进入我的网格').click();
    const root = visible(page, '.grid-node', '丽江市');
    await root.waitFor();
    expect(await root.locator('.tag').textContent()).toBe('市');

    // Back on home (through the setup page), which reads who the caller is again.
    await page.goBack();
    await visible(page, '.setup-result').waitFor();
    await page.goBack();
    const card = visible(page, '.identity-card', '王建国');
    await card.waitFor();
    expect(await card.textContent()).toContain('指挥部');
    expect(await card.textContent()).toContain('丽江市');
    expect(await page.locator('.setup-entry').filter({ visible: true }).count()).toBe(0);

    // A fresh start of the app says the same: the offer is gone for good.
    await page.reload();
    await visible(page, '.identity-card', '王建国').waitFor();
    expect(await page.locator('.setup-entry').filter({ visible: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('指挥部 opens 系统设置 from home and renames 县(区) to 区县', async () => {
    const page = await preview.openPage();
    await loginAs(page, preview.url, '部署管理员');
    await openEntry(page, '系统设置');
    await visible(page, '.section__title', '网格层级名称').waitFor();
    const commanders = visible(page, '.command-row', '王建国');
    await commanders.waitFor();
    expect(await commanders.textContent()).toContain('本人');
    await visible(page, '.status-block', '暂无可添加的人员').waitFor();

    await field(page, '第2级').fill('区县');
    await button(page, '保存层级名称').click();
    const dialog = page.locator('.taro-modal__content').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`层级改为：${RENAMED_LINE}`);
    await dialog.locator('.taro-model__confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await visible(page, '.setup__note', `当前：${RENAMED_LINE}`).waitFor();

    // Read again from the server, not from what the page last answered.
    await page.reload();
    await visible(page, '.setup__note', `当前：${RENAMED_LINE}`).waitFor();

    await page.goto(preview.url);
    await openEntry(page, '我的网格');
    const root = visible(page, '.grid-node', '丽江市');
    await root.waitFor();
    expect(await root.locator('.tag').textContent()).toBe('市');
    await root.click();
    await visible(page, '.node-header', '丽江市').waitFor();
    await button(page, '新建下级网格').click();
    await field(page, '下级网格名称').fill('古城区');
    await button(page, '新建').click();
    const child = visible(page, '.grid-node', '古城区');
    await child.waitFor();
    expect(await child.locator('.tag').textContent()).toBe('区县');
    expect(pageErrors).toEqual([]);
  });
});
