/**
 * 加入住户 by door code in the h5 preview: 赵敏 types 王秀英's door code and waits, seeing nothing of
 * the family; 王秀英 admits her on 我的家庭 after the dialog; then 赵敏's 我的家庭 shows the family.
 */
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

const ADDRESS = '沙头社区新村大街18号';
const DOOR_CODE = 'WXY2H8';

jest.setTimeout(90_000);

describe('a door code asks, the family admits', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('赵敏 asks, waits without seeing the family, and is in once 王秀英 agrees', async () => {
    const newcomer = await preview.openPage();
    await loginAs(newcomer, preview.url, '赵敏');
    await openEntry(newcomer, '加入网格');
    await visible(newcomer, '.join__tab', '加入住户').click();
    await field(newcomer, '门牌码').fill(DOOR_CODE);
    await field(newcomer, '您的姓名').fill('赵敏');
    await visible(newcomer, '.choice-chip', /^子女$/).click();
    await button(newcomer, '申请加入').click();
    const waiting = visible(newcomer, '.join-status', '加入申请等待确认');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain(ADDRESS);
    // Nothing of the family: not a name, not a masked number.
    expect(await newcomer.locator('body').textContent()).not.toContain('王秀英');

    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '我的家庭');
    const asked = visible(resident, '.join-request', '赵敏');
    await asked.waitFor();
    await asked.locator('taro-button-core', { hasText: '同意' }).click();
    const dialog = resident.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain(`同意赵敏（子女）加入「${ADDRESS}」`);
    await dialog.locator('.taro-model__confirm').click();
    await visible(resident, '.person', '赵敏').waitFor();
    await visible(resident, '.join-request', '赵敏').waitFor({ state: 'detached' });

    await newcomer.goto(`${preview.url}/#/pages/household/index`);
    await visible(newcomer, '.household', ADDRESS).waitFor();
    await visible(newcomer, '.person', '王秀英').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
