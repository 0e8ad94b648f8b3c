/**
 * 排查走访 in the h5 preview: the leader of 沙头社区 starts a two-round campaign and gives the
 * first group's doors to 李志强; he enters one door and finds nobody home at another, records a
 * third with the network down (待同步) and sends it when it is back; the leader's coverage of the
 * group goes from 0 to two of three doors settled, the door nobody opened waits in 回访队列, and
 * his revisit settles it: all three.
 */
import type { Page } from 'playwright-core';
import { button, chooseIn, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(180_000);

const GROUP = '第一户联系党小组';

/** Confirms the Taro modal in front after checking what it says. */
async function confirmDialog(page: Page, expected: string): Promise<void> {
  const dialog = page.locator('.taro-modal__content').filter({ visible: true });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(expected);
  await dialog.locator('.taro-model__confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** 网格详情 of `node` (one of the caller's own) → 排查走访 → the campaign. */
async function openCampaign(page: Page, node: string, campaign: string): Promise<void> {
  await openEntry(page, '我的网格');
  await visible(page, '.grid-node', node).click();
  await visible(page, '.node-header', node).waitFor();
  await button(page, '排查走访').click();
  await visible(page, '.campaign-card', campaign).click();
  await visible(page, '.page__title', campaign).waitFor();
}

/** 我的走访 → the door → a visit with `outcome`, its checklist answered 否 throughout. */
async function visitDoor(page: Page, door: string, outcome: '已入户' | '无人在家') {
  await visible(page, '.target-row', door).click();
  await visible(page, '.page__title', door).waitFor();
  await chooseIn(page, '走访结果', outcome);
  if (outcome === '已入户') {
    for (const question of ['是否有外地返乡人员', '是否有人发热', '是否落实测温消毒']) {
      await chooseIn(page, question, question === '是否落实测温消毒' ? '是' : '否');
    }
  }
  await button(page, '保存走访记录').click();
}

describe('排查走访', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let leader: Page;
  let member: Page;

  beforeAll(async () => {
    leader = await preview.openPage();
    member = await preview.openPage();
  });

  it('a leader starts a campaign, a member visits door by door, offline too; coverage follows', async () => {
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.node-header', '沙头社区').waitFor();
    await button(leader, '排查走访').click();
    await button(leader, '发起排查').click();
    await field(leader, '排查名称').fill('第一轮洗楼');
    await button(leader, '发起排查').click();
    await visible(leader, '.page__title', '第一轮洗楼').waitFor();
    await visible(leader, '.page__hint', '第 1 / 2 轮进行中').waitFor();
    expect(await visible(leader, '.coverage').textContent()).toContain('0%');

    // Down to the group, whose three doors go to 李志强 of the branch above it.
    await visible(leader, '.coverage-row', '第一经济社党支部').click();
    await visible(leader, '.coverage-row', GROUP).click();
    await visible(leader, '.section__title', GROUP).waitFor();
    await button(leader, '分配走访对象').click();
    await chooseIn(leader, '走访人员', '李志强（第一经济社党支部网格员）');
    await button(leader, '分配').click();
    await confirmDialog(leader, '将本网格的全部对象分配给李志强');
    await visible(leader, '.section__title', GROUP).waitFor();

    await loginAs(member, preview.url, '李志强');
    await openCampaign(member, '第一经济社党支部', '第一轮洗楼');
    await button(member, '我的走访').click();
    await visible(member, '.section__meta', '已完成 0 / 3').waitFor();
    await visitDoor(member, '沙头社区东街1号', '已入户');
    await visible(member, '.section__title', '本轮：已入户').waitFor();
    await member.goBack();
    await visitDoor(member, '沙头社区东街2号', '无人在家');
    await visible(member, '.section__title', '本轮：无人在家 1 次').waitFor();
    await member.goBack();
    // The list has read the door's new state again before the network goes.
    await visible(member, '.target-row', '无人在家 1 次').waitFor();

    // No network at the third door: the visit waits on the phone.
    await member.context().setOffline(true);
    await visitDoor(member, '沙头社区东街3号', '已入户');
    await visible(member, '.section__title', '待同步：已入户').waitFor();
    await member.goBack();
    // Back on 我的走访, which tried to send it at once: the network is still out.
    const banner = visible(member, '.campaign-mine .sync-banner', '待同步 1 条走访记录');
    // Its button reads 同步中… while that try is under way.
    const syncNow = banner.locator('taro-button-core', { hasText: /^\s*立即同步\s*$/ });
    await syncNow.waitFor();
    await member.context().setOffline(false);
    await syncNow.click();
    await visible(member, '.section__meta', '已完成 2 / 3').waitFor();
    expect(await visible(member, '.campaign-mine').textContent()).not.toContain('待同步');

    await leader.reload();
    await visible(leader, '.section__title', GROUP).waitFor();
    const coverage = (await visible(leader, '.coverage').textContent()) ?? '';
    // Two of three entered; the third door waits for a revisit.
    expect(coverage).toContain('66%');
    expect(coverage).toContain('无人在家 1');
    await button(leader, '回访队列').click();
    await visible(leader, '.target-row', '沙头社区东街2号').waitFor();

    // The revisit: somebody is home now, and the group is fully covered.
    await visitDoor(member, '沙头社区东街2号', '已入户');
    await visible(member, '.section__title', '本轮：已入户').waitFor();
    await member.goBack();
    await visible(member, '.section__meta', '已完成 3 / 3').waitFor();
    await leader.goBack();
    await leader.reload();
    await visible(leader, '.section__title', GROUP).waitFor();
    expect(await visible(leader, '.coverage').textContent()).toContain('100%');
    expect(pageErrors).toEqual([]);
  });
});
