/// <reference lib="dom" />
// (Some assertions read the page's layout; the root tsconfig has no DOM library.)
/**
 * 返乡登记 in the h5 preview against the demo server: a resident registers her return from 湖北省
 * through the form, is classified on the spot, and the member sees her in 今日未报.
 */
import {
  button,
  chooseIn,
  formField,
  loginAs,
  openEntry,
  openNotReported,
  usePreview,
  visible,
} from '../helpers/h5';

jest.setTimeout(90_000);

describe('return registration and the member’s not-reported list', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('王秀英 registers from 湖北省, is classified, and 李志强 sees her as not reported', async () => {
    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '返乡登记');
    await visible(resident, '.page__title', '返乡登记').waitFor();

    // Submitted empty: what is missing is summed up by the button, and the first field is
    // brought into view; only the province, which must be filled, turns red, not 城市 or 区县.
    await button(resident, '提交登记').click();
    await visible(
      resident,
      '.notice--error',
      '还有 3 项需要填写或修改：出发地、交通方式、是否接触过确诊或疑似病例',
    ).waitFor();
    const origin = formField(resident, '出发地');
    // The tap scrolled down to the button; the first field with an error comes back into view.
    await resident.waitForFunction(
      (field) => {
        const box = field?.getBoundingClientRect();
        return box !== undefined && box.top >= 0 && box.top < window.innerHeight;
      },
      await origin.elementHandle(),
    );
    const border = (index: number) =>
      origin
        .locator('.text-input')
        .nth(index)
        .evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(await border(0)).toBe('rgb(179, 38, 30)');
    expect(await border(1)).not.toBe('rgb(179, 38, 30)');
    expect(await border(2)).not.toBe('rgb(179, 38, 30)');

    // Both days start at today (China time): only where from, how, and the contact question.
    await formField(resident, '出发地').locator('input').first().fill('湖北省');
    await chooseIn(resident, '交通方式', '火车');
    await formField(resident, '车次/航班/车牌').locator('input').fill('G1234');
    await chooseIn(resident, '是否接触过确诊或疑似病例', '否');
    await button(resident, '提交登记').click();

    const result = visible(resident, '.return-result', '王秀英 返乡登记成功');
    await result.locator('.return-result__ask').waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('分类结果');
    expect(text).toContain('重点集中观察类');
    expect(text).toContain('来自高风险地区（湖北省）');
    expect(text).toMatch(/居家医学观察 1\/\d+ 天/);
    // Whom to ask, with one tap to call, and today's report next.
    expect(text).toContain('如有疑问请联系户联系 梁志明');
    expect(text).toContain('拨打电话');
    expect(text).toContain('去打卡');

    // 李志强, a member of 第一经济社党支部, sees her among today's missing reports.
    const volunteer = await preview.openPage();
    await openNotReported(volunteer, preview.url, '李志强', '第一经济社党支部');
    const row = visible(volunteer, '.missing', '王秀英');
    await row.waitFor();
    expect(await row.textContent()).toContain('尚未打过卡');
    expect(pageErrors).toEqual([]);
  });
});
