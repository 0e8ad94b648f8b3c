/**
 * A write refreshes every view that shows what it changed, including a page gone back to: home
 * after joining (by invite, and by door code once the family admits), 我代购 after a request,
 * and a leader's to-do counts after clearing an alert.
 */
import { addDays, chinaDay } from '@gridguard/types';
import type { Page } from 'playwright-core';
import { actingAs, dataOf } from '../helpers/actions';
import {
  button,
  field,
  joinWithCode,
  loginAs,
  openEntry,
  usePreview,
  visible,
} from '../helpers/h5';

const NEWCOMER = { openid: 'oE2eFreshNewcomer', name: '孙丽', roleLabel: '新用户（测试）' };
const DOOR_CODE = 'WXY2H8';

jest.setTimeout(120_000);

/** Back to the page below, as the phone's back gesture (or the browser's) does. */
async function back(page: Page): Promise<void> {
  await page.goBack();
}

describe('views stay in step with writes', () => {
  const preview = usePreview({ extraLogins: [NEWCOMER] });
  const { pageErrors } = preview;

  it('赵敏 asks to join by door code: home says the request waits, and once 王秀英 admits her, home is hers', async () => {
    const newcomer = await preview.openPage();
    await loginAs(newcomer, preview.url, '赵敏');
    await visible(newcomer, '.status-block', '未登记').waitFor();
    await openEntry(newcomer, '加入网格');
    await visible(newcomer, '.join__tab', '加入住户').click();
    await field(newcomer, '门牌码').fill(DOOR_CODE);
    await field(newcomer, '您的姓名').fill('赵敏');
    await visible(newcomer, '.choice-chip', /^子女$/).click();
    await button(newcomer, '申请加入').click();
    await visible(newcomer, '.join-status', '加入申请等待确认').waitFor();

    await back(newcomer);
    await visible(newcomer, '.home .join-status', '加入申请等待确认').waitFor();
    expect(await visible(newcomer, '.home', '未登记').count()).toBe(0);

    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '我的家庭');
    const asked = visible(resident, '.join-request', '赵敏');
    await asked.locator('taro-button-core', { hasText: '同意' }).click();
    await resident.locator('.taro-modal__content').filter({ visible: true }).waitFor();
    await resident
      .locator('.taro-modal__content')
      .filter({ visible: true })
      .locator('.taro-model__confirm')
      .click();
    await visible(resident, '.person', '赵敏').waitFor();

    // 赵敏 wrote nothing since: home learns of the admission when it is shown again.
    await openEntry(newcomer, '加入网格');
    await visible(newcomer, '.join__tab', '加入住户').waitFor();
    await back(newcomer);
    await visible(newcomer, '.entry', '健康打卡').waitFor();
    await visible(newcomer, '.entry', '我的家庭').waitFor();
    expect(await visible(newcomer, '.home .join-status').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('孙丽 joins a team by invite code and goes back: home shows her as 网格员', async () => {
    const leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.grid-node', '第一经济社党支部').click();
    await button(leader, '成员管理').click();
    await visible(leader, '.choice-chip', /^网格员$/).click();
    await button(leader, '生成邀请码').click();
    const code = (
      (await visible(leader, '.invite-card', '邀请码')
        .locator('.invite-card__code')
        .textContent()) ?? ''
    ).trim();

    const newcomer = await preview.openPage();
    await loginAs(newcomer, preview.url, NEWCOMER.name);
    await visible(newcomer, '.status-block', '未登记').waitFor();
    await openEntry(newcomer, '加入网格');
    await joinWithCode(newcomer, code, NEWCOMER.name);
    await visible(newcomer, '.join-result', '身份：网格员').waitFor();

    await back(newcomer);
    await visible(newcomer, '.entry', '我的网格').waitFor();
    await visible(newcomer, '.identity-card', '第一经济社党支部').waitFor();
    expect(await visible(newcomer, '.status-block', '未登记').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('王秀英 asks for an errand from 我的代购 and goes back: the list shows it', async () => {
    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '我的代购');
    await visible(resident, '.section__head', '共').waitFor();
    expect(await visible(resident, '.errand-card', '退烧贴').count()).toBe(0);
    await button(resident, '新的代购需求').click();
    await visible(resident, '.request-form', '为 王秀英 代购').waitFor();
    await field(resident, '名称').fill('退烧贴');
    await field(resident, '数量').fill('2盒');
    await field(resident, '预算（元）').fill('30');
    await button(resident, '提交代购需求').click();
    await visible(resident, '.notice--success', '已提交').waitFor();

    await back(resident);
    const listed = visible(resident, '.errand-card', '退烧贴');
    await listed.waitFor();
    expect(await listed.textContent()).toContain('待认领');
    expect(pageErrors).toEqual([]);
  });

  it('陈建华 clears an alert from his to-dos and goes back: home counts one fewer', async () => {
    // 王秀英's husband is back from 武汉 and reports a fever, as she would on her phone.
    const resident = actingAs(preview.server.emulator, 'oDemoResident');
    const today = chinaDay(Date.now());
    dataOf(
      await resident('returns', 'declare', {
        personId: 'h-demo-resident-p2',
        declaration: {
          origin: { province: '湖北省', city: '武汉市', district: '' },
          via: [],
          transport: 'train',
          transportNumber: 'G1002',
          departureDay: addDays(today, -2),
          arrivalDay: addDays(today, -1),
          contactWithCases: false,
          symptoms: [],
        },
      }),
    );
    dataOf(
      await resident('reports', 'submit', {
        personId: 'h-demo-resident-p2',
        temperature: 38.1,
        symptoms: ['cough'],
      }),
    );

    const leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    const abnormal = visible(leader, '.todo', '异常');
    await abnormal.locator('.todo__count', { hasText: /^1$/ }).waitFor();
    await abnormal.click();
    const row = visible(leader, '.observed', '冯国庆');
    await row.locator('taro-button-core', { hasText: '解除异常' }).click();
    await field(leader, '核实情况').fill('上门复测体温 36.6℃，无不适');
    await button(leader, '确认解除').click();
    await leader
      .locator('.taro-modal__content')
      .filter({ visible: true })
      .locator('.taro-model__confirm')
      .click();
    await visible(leader, '.status-block', '暂无异常').waitFor();

    await back(leader);
    await visible(leader, '.todo', '异常').locator('.todo__count', { hasText: /^0$/ }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
