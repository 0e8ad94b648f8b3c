/**
 * Home observation for the grid team in the h5 preview against the demo server: 王秀英 registers
 * her return and reports a fever; 陈建华 (leader of 沙头社区) sees her in 异常提醒 and clears it after
 * checking, then changes her class in 分类审核; 李志强 (a member) sees her in 观察对象, read only.
 */
import type { Page } from 'playwright-core';
import { button, field, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

/** The form field whose label starts with `label`. */
const formField = (page: Page, label: string) =>
  visible(page, '.form-field', new RegExp(`^${label}`));

/** A chip with exactly `text`, inside `scope`. */
const chip = (scope: ReturnType<typeof visible>, text: string) =>
  scope.locator('.choice-chip', { hasText: new RegExp(`^\\s*${text}\\s*$`) });

/** Answers the Taro dialog on the page in front, after checking what it says. */
async function confirmDialog(page: Page, says: string): Promise<void> {
  const dialog = page.locator('.taro-modal__content').filter({ visible: true });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(says);
  await dialog.locator('.taro-model__confirm').click();
}

describe('alerts, classes and the observed list for the grid team', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('王秀英 registers and reports a fever from her own phone', async () => {
    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '返乡登记');
    await formField(resident, '出发地').locator('input').first().fill('湖北省');
    await chip(formField(resident, '交通方式'), '火车').click();
    await chip(formField(resident, '是否接触过确诊或疑似病例'), '否').click();
    await button(resident, '提交登记').click();
    await visible(resident, '.return-result', '王秀英 返乡登记成功').waitFor();

    const reporting = await preview.openPage();
    await loginAs(reporting, preview.url, '王秀英');
    await openEntry(reporting, '健康打卡');
    await visible(reporting, '.report-todo', '王秀英 今日未打卡').waitFor();
    await visible(reporting, '.temperature__input').locator('input').fill('38.2');
    await button(reporting, '提交').click();
    await confirmDialog(reporting, '提交后网格长会收到提醒');
    await visible(reporting, '.report-done', '体温 38.2℃').waitFor();
    expect(pageErrors).toEqual([]);
  });

  let leader: Page;

  it('陈建华 sees her in 异常提醒 and clears it with what he found', async () => {
    leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.node-header', '沙头社区').waitFor();
    await button(leader, '异常提醒').click();

    const row = visible(leader, '.observed', '王秀英');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('报告：体温 38.2℃');
    expect(text).toContain('重点集中观察类');
    expect(text).toContain('居家观察第 1/14 天');
    expect(text).toContain('今日已打卡');

    await row.locator('taro-button-core', { hasText: '解除异常' }).click();
    await button(leader, '确认解除').click();
    await visible(leader, '.form-field', '请填写原因（至少 2 个字）').waitFor();
    await field(leader, '核实情况').fill('上门复测体温 36.6℃，无不适');
    await button(leader, '确认解除').click();
    await confirmDialog(leader, '王秀英的异常提醒将被解除');
    await visible(leader, '.status-block', '暂无异常').waitFor();

    // The alert is not gone: 已处理 keeps it with the reading and the check.
    await chip(visible(leader, '.observe-page'), '已处理').click();
    const resolved = visible(leader, '.observed--resolved', '王秀英');
    await resolved.waitFor();
    expect(await resolved.textContent()).toContain('报告：体温 38.2℃');
    expect(await resolved.textContent()).toContain('核实情况：上门复测体温 36.6℃，无不适');
    expect(pageErrors).toEqual([]);
  });

  it('陈建华 changes her class in 分类审核, with a reason', async () => {
    await leader.goBack();
    await visible(leader, '.node-header', '沙头社区').waitFor();
    await button(leader, '分类审核').click();

    const row = visible(leader, '.observed', '王秀英');
    await row.waitFor();
    expect(await row.textContent()).toContain('来自高风险地区（湖北省）');
    await row.locator('taro-button-core', { hasText: '调整分类' }).click();
    await chip(formField(leader, '新的分类'), '重点类').click();
    await field(leader, '调整原因').fill('经核实仅在武汉转车，未停留');
    await button(leader, '保存调整').click();
    await confirmDialog(leader, '将王秀英由「重点集中观察类」调整为「重点类」');

    await visible(leader, '.observed', '网格长调整为重点类：经核实仅在武汉转车，未停留').waitFor();
    // The chips narrow the list to one class.
    await chip(visible(leader, '.observe-page'), '集中').click();
    await visible(leader, '.status-block', '暂无居家观察人员').waitFor();
    await chip(visible(leader, '.observe-page'), '重点').click();
    await visible(leader, '.observed', '网格长已调整').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('李志强 sees her in 观察对象 without the leader’s controls', async () => {
    const volunteer = await preview.openPage();
    await loginAs(volunteer, preview.url, '李志强');
    await openEntry(volunteer, '我的网格');
    await visible(volunteer, '.grid-node', '第一经济社党支部').click();
    await visible(volunteer, '.node-header', '第一经济社党支部').waitFor();
    expect(await button(volunteer, '分类审核').count()).toBe(0);
    await button(volunteer, '观察对象').click();

    const row = visible(volunteer, '.observed', '王秀英');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('重点类');
    expect(text).toContain('居家观察第 1/14 天');
    expect(text).toContain('今日已打卡');
    expect(await visible(volunteer, '.observe-group', '重点类').count()).toBe(1);
    expect(await button(volunteer, '调整分类').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
