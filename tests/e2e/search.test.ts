/**
 * 查找 in the h5 preview: a member opens 搜索 from 网格详情, finds 王秀英 by the start of her
 * name and her household by its door code typed in lower case, and 查看住户 opens the register's
 * household page (a page of another subpackage) with the family on it.
 */
import type { Page } from 'playwright-core';
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

describe('查找', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let member: Page;

  beforeAll(async () => {
    member = await preview.openPage();
  });

  it('a member finds a resident and a household and opens the household', async () => {
    // 李志强 serves 第一经济社党支部 of 沙头社区.
    await loginAs(member, preview.url, '李志强');
    await openEntry(member, '我的网格');
    await visible(member, '.grid-node', '第一经济社党支部').click();
    await visible(member, '.node-header', '第一经济社党支部').waitFor();
    await button(member, '搜索').click();
    await visible(member, '.page__title', '在「第一经济社党支部」中查找').waitFor();

    await field(member, '查找内容').fill('王秀');
    const hit = visible(member, '.search-hit', '王秀英');
    await hit.waitFor();
    expect(await hit.textContent()).toContain('沙头社区新村大街18号');
    await hit.locator('taro-button-core', { hasText: '查看住户' }).click();
    await visible(member, '.register-household__address', '沙头社区新村大街18号').waitFor();
    const family = (await visible(member, '.register-household').textContent()) ?? '';
    for (const name of ['王秀英', '冯国庆', '王桂英']) expect(family).toContain(name);
    expect(family).toContain('WXY2H8');

    await member.goBack();
    await visible(member, '.choice-chips', '住户').getByText('住户', { exact: true }).click();
    await field(member, '查找内容').fill('wxy2h8');
    const household = visible(member, '.search-hit', 'WXY2H8');
    await household.waitFor();
    await household.locator('taro-button-core', { hasText: '查看住户' }).click();
    await visible(member, '.register-household__code', 'WXY2H8').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
