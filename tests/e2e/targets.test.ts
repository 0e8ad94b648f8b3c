/**
 * 出租屋 and 企业 in the h5 preview: a member opens 出租屋 from 网格详情 of a leaf, registers one
 * with its landlord found by name, adds a tenant, and calls the landlord; registers an enterprise
 * and calls its 负责人; the leader, seeing both, removes the rental after confirming.
 */
import type { Page } from 'playwright-core';
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(180_000);

/** Accepts the Taro modal in front after checking what it says. */
async function acceptDialog(page: Page, expected: string): Promise<void> {
  const dialog = page.locator('.taro-modal__content').filter({ visible: true });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(expected);
  await dialog.locator('.taro-model__confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** From home, 我的网格 → 第一经济社党支部 → its first group's 网格详情. */
async function openLeaf(page: Page): Promise<void> {
  await openEntry(page, '我的网格');
  await visible(page, '.grid-node', '第一经济社党支部').click();
  await visible(page, '.node-header', '第一经济社党支部').waitFor();
  await visible(page, '.grid-node', '第一户联系党小组').click();
  await visible(page, '.node-header', '第一户联系党小组').waitFor();
}

describe('出租屋 and 企业', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('a member registers a rental with its landlord and a tenant, and an enterprise', async () => {
    const member = await preview.openPage();
    // 李志强 serves 第一经济社党支部 of 沙头社区.
    await loginAs(member, preview.url, '李志强');
    await openLeaf(member);
    await button(member, '出租屋').click();
    await visible(member, '.status-block', '暂无出租屋').waitFor();

    await button(member, '新建出租屋').click();
    await field(member, '街道、村或小区').fill('沙头社区东街');
    await field(member, '门牌号或房号').fill('88');
    await field(member, '出租间数').fill('4');
    await field(member, '查找房东').fill('王淑');
    await visible(member, '.target-person', '王淑珍').click();
    await button(member, '重新选择').waitFor();
    await button(member, '登记').click();
    await visible(member, '.target-detail__title', '沙头社区东街88号').waitFor();
    expect(await visible(member, '.target-person', '王淑珍').textContent()).toContain(
      '138****0000',
    );

    await button(member, '添加租客').click();
    await field(member, '查找租客').fill('吴炳');
    await visible(member, '.target-person', '吴炳坤').click();
    await button(member, '添加').click();
    const tenant = visible(member, '.target-detail .target-person', '吴炳坤');
    await tenant.waitFor();
    expect(await tenant.textContent()).toMatch(/租期：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);

    // 拨打 reveals the number (audited); h5 has no dialler, so it is shown to dial by hand.
    await visible(member, '.target-person', '王淑珍')
      .locator('taro-button-core', { hasText: '拨打' })
      .click();
    await acceptDialog(member, '13800000000');

    // Back to the list, which shows the new rental.
    await member.goBack();
    await visible(member, '.target-row', '沙头社区东街88号').waitFor();
    expect(await visible(member, '.target-row', '沙头社区东街88号').textContent()).toContain(
      '租客 1 人',
    );

    await member.goBack();
    await visible(member, '.node-header', '第一户联系党小组').waitFor();
    await button(member, '企业').click();
    await button(member, '新建企业').click();
    await field(member, '企业名称').fill('沙头五金制品厂');
    await field(member, '街道、村或小区').fill('沙头工业区');
    await field(member, '负责人').fill('何振华');
    await field(member, '负责人手机号').fill('13912345678');
    await field(member, '职工人数').fill('45');
    await visible(member, '.choice-chip', '已申请复工').click();
    await button(member, '登记').click();
    await visible(member, '.target-detail__title', '沙头五金制品厂').waitFor();
    const page = (await visible(member, '.target-detail').textContent()) ?? '';
    expect(page).toContain('已申请复工');
    expect(page).toContain('139****5678');
    expect(page).not.toContain('13912345678');
    await button(member, '拨打').click();
    await acceptDialog(member, '13912345678');
    // A member keeps enterprises; removing one is a leader's.
    expect(await button(member, '删除企业').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('the leader sees them counted on 网格详情 and removes the rental after confirming', async () => {
    const leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.grid-node', '第一经济社党支部').click();
    await visible(leader, '.node-header', '第一经济社党支部').waitFor();
    await visible(leader, '.grid-node', '第一户联系党小组').click();
    await button(leader, '出租屋 1 处').click();
    await visible(leader, '.target-row', '沙头社区东街88号').click();
    await button(leader, '删除出租屋').click();
    await acceptDialog(leader, '删除出租屋「沙头社区东街88号」');
    await visible(leader, '.status-block', '暂无出租屋').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
