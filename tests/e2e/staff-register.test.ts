/**
 * The register in staff hands, through the h5 preview only: 陈建华 (沙头社区's leader) creates a
 * household on a leaf, prints its door card and names 李志强 its party contact; 李志强 registers a
 * walk-in who has no WeChat, declares her return and submits her daily report for her; then he
 * finds her among 我联系的住户 as 今日已报. One browser context per user.
 */
import type { Page } from 'playwright-core';
import {
  button,
  chooseIn,
  field,
  formField,
  loginAs,
  openEntry,
  usePreview,
  visible,
} from '../helpers/h5';

// Per step: each waits on several function calls.
jest.setTimeout(120_000);

const BRANCH = '第一经济社党支部';
const LEAF = '第一户联系党小组';
const STREET = '沙头社区东街';
const WALK_IN = '张秀兰';

/** Confirms the Taro modal in front after checking what it says. */
async function confirmDialog(page: Page, expected: string): Promise<void> {
  const dialog = page.locator('.taro-modal__content').filter({ visible: true });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(expected);
  await dialog.locator('.taro-model__confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** 住户登记 of the leaf, from 我的网格 down `path` (the caller's own node first) to the leaf. */
async function openLeafRegister(page: Page, url: string, path: readonly string[]): Promise<void> {
  await page.goto(url);
  await openEntry(page, '我的网格');
  for (const name of path) await visible(page, '.grid-node', name).click();
  await visible(page, '.node-header', LEAF).waitFor();
  // 住户登记 for whoever manages the node, 住户与成员 for its members.
  await visible(page, 'taro-button-core', /^\s*(住户登记|住户与成员)\s*$/).click();
}

describe('the register in the hands of grid staff', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let leader: Page;
  let member: Page;
  let address = '';

  it('陈建华 creates a household on a leaf, prints its card and names its party contact', async () => {
    leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
    await openLeafRegister(leader, preview.url, ['沙头社区', BRANCH, LEAF]);
    await button(leader, '新建住户').click();
    await field(leader, '街道、村或小区').fill(STREET);
    await field(leader, '楼栋').fill('8');
    await field(leader, '单元').fill('1');
    await field(leader, '门牌号或房号').fill('302');
    await button(leader, '建户').click();

    // The new household's own page takes the form's place.
    const card = visible(leader, '.register-household__address', STREET);
    await card.waitFor();
    address = ((await card.textContent()) ?? '').trim();
    expect(address).toContain('8');
    expect(address).toContain('302');
    const code = ((await visible(leader, '.register-household__code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    // Its door card: one QR code that is exactly its door code.
    await button(leader, '打印门牌码').click();
    await visible(leader, '.page__title', address).waitFor();
    let drawn: { text: string }[] = [];
    for (let attempt = 0; attempt < 40 && drawn.length === 0; attempt += 1) {
      const raw = await visible(leader, '.posters__preview').getAttribute('data-qr');
      drawn = raw ? (JSON.parse(raw) as { text: string }[]) : [];
      if (drawn.length === 0) await leader.waitForTimeout(100);
    }
    expect(drawn.map((qr) => qr.text)).toEqual([code]);
    const [download] = await Promise.all([
      leader.waitForEvent('download'),
      button(leader, '保存图片').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^门牌码-.*\.png$/);
    await leader.goBack();

    // 户联系: a party member of the branch above the leaf.
    await button(leader, '指定户联系').click();
    await visible(leader, '.register-household__contact-pick .choice-chip', '李志强').click();
    await button(leader, '确定').click();
    await confirmDialog(leader, `「${address}」由「李志强」联系`);
    await visible(leader, '.register-household__line', '户联系：李志强').waitFor();
  });

  it('李志强 registers a walk-in without WeChat, her return and her daily report', async () => {
    member = await preview.openPage();
    await loginAs(member, preview.url, '李志强');
    await openLeafRegister(member, preview.url, [BRANCH, LEAF]);
    await visible(member, '.register-row', address).click();
    await visible(member, '.register-household__address', address).waitFor();

    await button(member, '添加成员').click();
    await field(member, '姓名').fill(WALK_IN);
    await chooseIn(member, '与户主关系', '本人');
    await chooseIn(member, '户籍 / 常住 / 流动', '流动');
    await button(member, '添加').click();
    const row = visible(member, '.register-person', WALK_IN);
    await row.waitFor();
    expect(await row.textContent()).toContain('流动');
    expect(await row.textContent()).not.toContain('已用微信');

    // 代登记返乡 at the desk: arrived today from 湖北省, by train, no contact.
    await row.locator('taro-button-core', { hasText: '代登记返乡' }).click();
    await visible(member, '.page__title', '返乡登记').waitFor();
    await formField(member, '出发地').locator('input').first().fill('湖北省');
    await chooseIn(member, '交通方式', '火车');
    await formField(member, '车次/航班/车牌').locator('input').fill('G1234');
    await chooseIn(member, '是否接触过确诊或疑似病例', '否');
    await button(member, '提交登记').click();
    const result = visible(member, '.return-result', `${WALK_IN} 返乡登记成功`);
    await result.waitFor();
    expect(await result.textContent()).toMatch(/居家医学观察 1\/\d+ 天/);
    await member.goBack();

    // 代打卡: today's report, normal, for her.
    await visible(member, '.register-person', WALK_IN)
      .locator('taro-button-core', { hasText: '代打卡' })
      .click();
    await visible(member, '.page__title', '代为健康打卡').waitFor();
    await button(member, '提交（一切正常）').click();
    await visible(member, '.report-done', `${WALK_IN} 今日已打卡`).waitFor();
  });

  it('李志强 sees her among 我联系的住户 as 今日已报', async () => {
    await member.goto(preview.url);
    await openEntry(member, '我联系的住户');
    const household = visible(member, '.care-card', address);
    await household.waitFor();
    const person = household.locator('.care-person', { hasText: WALK_IN });
    await person.waitFor();
    expect(await person.textContent()).toContain('今日已报');
    expect(pageErrors).toEqual([]);
  });
});
