/**
 * 卡口值守 in the h5 preview: the leader sets up a site round the clock (三班倒) from 网格详情 and
 * puts a member on the shift running now (补位, picked by this week's hours); the member checks in
 * from 我的班次 and signs up for a later shift on the site's rota.
 */
import type { Page } from 'playwright-core';
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(180_000);

const SITE = '东街村口卡口';

/** From home, 我的网格 → 沙头社区 → 第一经济社党支部's 网格详情. */
async function openBranch(page: Page): Promise<void> {
  await openEntry(page, '我的网格');
  await visible(page, '.grid-node', '沙头社区').click();
  await visible(page, '.grid-node', '第一经济社党支部').click();
  await visible(page, '.node-header', '第一经济社党支部').waitFor();
}

describe('卡口值守', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('a leader creates a site with shifts and fills the shift running now', async () => {
    const leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openBranch(leader);
    await button(leader, '卡口值守').click();
    await visible(leader, '.status-block', '暂无卡口').waitFor();
    await button(leader, '新建卡口').click();
    await field(leader, '卡口名称').fill(SITE);
    await visible(leader, '.choice-chip', '村口').click();
    await field(leader, '位置').fill('东街牌坊下');
    await button(leader, '三班倒（3×8 小时）').click();
    await button(leader, '建立卡口').click();
    // The rota: for a leader, the shifts short of people that have not ended come first, and
    // one of the three is running now.
    const first = visible(leader, '.shift-card');
    await first.waitFor();
    expect(await first.textContent()).toContain('0/2 人 · 缺人');
    await first.locator('taro-button-core', { hasText: '补位' }).click();
    const pick = visible(leader, '.load-row', '李志强');
    expect(await pick.textContent()).toContain('本周 0 小时');
    await pick.click();
    await visible(leader, '.shift-card', '李志强').waitFor();
    expect(await visible(leader, '.shift-card', '李志强').textContent()).toContain('补位');
    // 拨打 reveals his number (audited); h5 has no dialler, so it is shown to dial by hand.
    await visible(leader, '.shift-card', '李志强')
      .locator('taro-button-core', { hasText: '拨打' })
      .click();
    const dialog = leader.locator('.taro-modal__content').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('13700137002');
    await dialog.locator('.taro-model__confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(pageErrors).toEqual([]);
  });

  it('the member checks in on 我的班次 and signs up for a later shift', async () => {
    const member = await preview.openPage();
    await loginAs(member, preview.url, '李志强');
    await openEntry(member, '我的班次');
    const shift = visible(member, '.shift-card', SITE);
    await shift.waitFor();
    await shift.locator('taro-button-core', { hasText: '签到' }).click();
    await visible(member, '.shift-card', '已到岗').waitFor();
    await button(member, '查看排班表').click();
    await visible(member, '.page__title', SITE).waitFor();
    // Today's shifts are past the members' deadline; tomorrow's are open.
    expect(await visible(member, '.shift-card', '报名已截止').count()).toBe(1);
    const signUp = visible(member, 'taro-button-core', /^\s*报名（/);
    const card = visible(member, '.shift-card', /报名（/);
    const day = ((await card.textContent()) ?? '').slice(0, 10);
    await signUp.click();
    await visible(member, 'taro-button-core', /^\s*退出（/).waitFor();
    expect(await visible(member, '.shift-card', /退出（/).textContent()).toContain(day);
    expect(pageErrors).toEqual([]);
  });
});
