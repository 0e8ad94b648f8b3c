/**
 * A leader shapes the tree below their node in the h5 preview: create, rename, delete (confirmed),
 * with the server's refusals shown on the page.
 */
import type { Page } from 'playwright-core';
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

const BRANCH = '第一经济社党支部';

jest.setTimeout(90_000);

describe('a leader manages the nodes below their own', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let leader: Page;

  beforeAll(async () => {
    leader = await preview.openPage();
  });

  it('creates a child node, refusing a duplicate name next to the field', async () => {
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.grid-node', BRANCH).click();
    await visible(leader, '.node-header', BRANCH).waitFor();
    expect(await visible(leader, '.node-header').textContent()).toContain('2下级网格');

    await button(leader, '新建下级网格').click();
    await field(leader, '下级网格名称').fill('第一户联系党小组');
    await button(leader, '新建').click();
    await visible(leader, '.form-field', '同一级已有名为「第一户联系党小组」的网格').waitFor();

    await field(leader, '下级网格名称').fill('第九户联系党小组');
    await button(leader, '新建').click();
    await visible(leader, '.grid-node', '第九户联系党小组').waitFor();
    await visible(leader, '.node-header', '3下级网格').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('renames it, and deletes it only after 确定 in the dialog', async () => {
    await visible(leader, '.grid-node', '第九户联系党小组').click();
    await visible(leader, '.node-header', '第九户联系党小组').waitFor();

    await button(leader, '重命名').click();
    await field(leader, '新的网格名称').fill('第十户联系党小组');
    await button(leader, '保存').click();
    await visible(leader, '.node-header', '第十户联系党小组').waitFor();

    await button(leader, '删除').click();
    const dialog = leader.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain('确认删除「第十户联系党小组」？此操作不可撤销');
    await dialog.locator('.taro-model__cancel').click();
    await leader.waitForTimeout(300);
    expect(await visible(leader, '.node-header').textContent()).toContain('第十户联系党小组');

    await button(leader, '删除').click();
    await dialog.locator('.taro-model__confirm').click();
    // Back on the branch, whose list reloads because something changed while it was hidden.
    await visible(leader, '.node-header', BRANCH).waitFor();
    await visible(leader, '.node-header', '2下级网格').waitFor();
    expect(await visible(leader, '.grid-node', '第十户联系党小组').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('does not offer deleting a node that still has households', async () => {
    await visible(leader, '.grid-node', '第三户联系党小组').click();
    await visible(leader, '.node-header', '第三户联系党小组').waitFor();
    await button(leader, '重命名').waitFor();
    expect(await button(leader, '删除').count()).toBe(0);
  });
});
