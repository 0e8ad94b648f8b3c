/// <reference lib="dom" />
// (One assertion reads a computed style inside the page; the root tsconfig has no DOM library.)
/**
 * 一日一报 in the h5 preview against the demo server: a returnee under home observation shows in
 * the member's 今日未报 list, who calls her or reminds her in one tap, until she reports, in two
 * taps, from her own phone.
 */
import { residentReturnsToday } from '../helpers/demo-journeys';
import { button, loginAs, openEntry, openNotReported, usePreview, visible } from '../helpers/h5';

jest.setTimeout(90_000);

describe('daily health report and the member’s not-reported list', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  const openPage = () => preview.openPage();

  it('a returnee is listed as not reported until she reports for herself', async () => {
    // 王秀英 declares her return from 湖北省 today: she is under home observation from now on.
    await residentReturnsToday(preview.server.emulator);

    // 李志强, a member of 第一经济社党支部, sees her among today's missing reports.
    const volunteer = await openPage();
    await openNotReported(volunteer, preview.url, '李志强', '第一经济社党支部');
    const row = visible(volunteer, '.missing', '王秀英');
    await row.waitFor();
    expect(await row.textContent()).toContain('尚未打过卡');
    // Not reminded yet: said in orange, not in the green of something done.
    const reminder = row.locator('.missing__reminder');
    expect(await reminder.textContent()).toBe('尚未提醒');
    expect(await reminder.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(179, 92, 0)');
    // The phone, masked; 拨打电话 reveals it (audited) and dials (the preview shows the number).
    expect(await row.locator('.missing__phone').textContent()).toContain('138****8018');
    await row.locator('taro-button-core', { hasText: '拨打电话' }).click();
    const dialog = volunteer.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain('13800138018');
    await dialog.locator('.taro-model__confirm').click();

    // 一键提醒: she granted no message, so she goes on his call list, and the counts say so.
    await visible(volunteer, '.remind-count--waiting', '尚未提醒').getByText('1').waitFor();
    await button(volunteer, '一键提醒（1 人）').click();
    await volunteer
      .locator('.taro-modal__content')
      .filter({ visible: true })
      .locator('.taro-model__confirm')
      .click();
    await row.locator('.missing__reminder', { hasText: '需电话提醒' }).waitFor();
    await visible(volunteer, '.remind-count--call', '需电话提醒').getByText('1').waitFor();
    await visible(volunteer, '.notice--success', '1 人未订阅提醒，已列入电话提醒').waitFor();

    // 王秀英 opens 健康打卡: nothing to copy from yesterday, so 36.5 and no symptoms; one tap.
    const resident = await openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '健康打卡');
    await visible(resident, '.observation', '居家观察第 1/').waitFor();
    await visible(resident, '.report-todo', '王秀英 今日未打卡').waitFor();
    await button(resident, '提交（一切正常）').click();
    const done = visible(resident, '.report-done', '王秀英 今日已打卡');
    await done.waitFor();
    expect(await done.textContent()).toContain('体温 36.5℃ · 无症状');

    // Back on his list after a refresh, she is gone.
    await volunteer.reload();
    await visible(volunteer, '.status-block', '今日已全部打卡').waitFor();
    expect(await visible(volunteer, '.not-reported').textContent()).not.toContain('王秀英');
    expect(pageErrors).toEqual([]);
  });
});
