/**
 * A resident's household and the leader's view of it, in the h5 preview against the demo server:
 * masked numbers revealed for 30 seconds, proxy registration marked 代登记, field errors in place.
 */
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

const ADDRESS = '沙头社区新村大街18号';

jest.setTimeout(90_000);

describe('my household and the leader’s households list', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  const openPage = () => preview.openPage();

  it('the resident sees her own phone in full for 30 seconds, then masked again', async () => {
    const resident = await openPage();
    // Fake timers from the start, so the test can jump over the 30 seconds.
    await resident.clock.install();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '我的家庭');

    const card = visible(resident, '.household', ADDRESS);
    await card.waitFor();
    expect(await card.textContent()).toContain('WXY2H8');
    const self = visible(resident, '.person', '王秀英');
    const phone = self.locator('.masked-value', { hasText: '手机' });
    expect(await phone.textContent()).toContain('138****8018');

    await phone.locator('taro-button-core', { hasText: '查看' }).click();
    await phone.getByText('13800138018').waitFor();
    expect(await phone.textContent()).toContain('30 秒后隐藏');

    await resident.clock.fastForward(31_000);
    await phone.getByText('138****8018').waitFor();
    expect(await phone.textContent()).not.toContain('13800138018');
    expect(pageErrors).toEqual([]);
  });

  it('the resident registers a grandchild by proxy, with field errors shown in place', async () => {
    const resident = await openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '我的家庭');
    await visible(resident, '.household', ADDRESS).waitFor();
    await button(resident, '添加家庭成员').click();

    await field(resident, '成员姓名').fill('冯小宝');
    await visible(resident, '.choice-chip', /^孙子女$/).click();
    await field(resident, '身份证号').fill('123456');
    await button(resident, '确认添加').click();
    // The server's message for that field, next to the field.
    await visible(resident, '.form-field', '身份证号').getByText('身份证号应为 18 位').waitFor();
    expect(await visible(resident, '.notice--error').textContent()).toBe(
      '提交的内容有误，请检查后重试',
    );

    await field(resident, '身份证号').fill('');
    await button(resident, '确认添加').click();
    const added = visible(resident, '.person', '冯小宝');
    await added.waitFor();
    expect(await added.textContent()).toContain('代登记');
    expect(await added.textContent()).toContain('由 王秀英 代为登记');
    expect(pageErrors).toEqual([]);
  });

  it('the leader finds the household under the group and may reveal an ID number', async () => {
    const leader = await openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.grid-node', '第一经济社党支部').click();
    await visible(leader, '.grid-node', '第三户联系党小组').click();

    // One row a household on the node's page; its people are behind a tap.
    const row = visible(leader, '.household-row', ADDRESS);
    await row.waitFor();
    expect(await row.textContent()).toContain('4 人');
    expect(await row.textContent()).not.toContain('冯小宝');
    await row.click();
    await visible(leader, '.register-person', '冯小宝').waitFor();

    const id = visible(leader, '.register-person', '王秀英').locator('.masked-value', {
      hasText: '身份证',
    });
    const masked = (await id.locator('.masked-value__text').textContent()) ?? '';
    expect(masked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    await id.locator('taro-button-core', { hasText: '查看' }).click();
    await id.locator('.masked-value__text--full').waitFor();
    const full = (await id.locator('.masked-value__text').textContent()) ?? '';
    expect(full).toMatch(/^\d{17}[\dX]$/);
    expect(full.slice(0, 4)).toBe(masked.slice(0, 4));
    expect(full.slice(-4)).toBe(masked.slice(-4));
    expect(pageErrors).toEqual([]);
  });
});
