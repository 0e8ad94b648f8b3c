/**
 * 卡口 at the gate in the h5 preview: a member logs a resident by the 通行码 her own phone shows,
 * an outsider fills in the site QR's form on his phone and is confirmed at the gate, a car with a
 * fever is turned back, and the branch leader finds it in 卡口劝返 (his alert sent).
 */
import { COLLECTIONS, SUBSCRIBE_TEMPLATES } from '@gridguard/types';
import { QR_TOKEN, seedSite } from '../helpers/checkpoint-gate';
import {
  button,
  formField,
  loginAs,
  openEntry,
  pickOnWheels,
  usePreview,
  visible,
} from '../helpers/h5';

jest.setTimeout(120_000);

const SITE = 'cs-e2e-gate';
const BRANCH_LEADER = 'oGenBranch01';

describe('卡口 gate', () => {
  const preview = usePreview({
    extraLogins: [
      { openid: 'oE2eOutsider', name: '张来访', roleLabel: '新用户' },
      { openid: BRANCH_LEADER, name: '黄德明', roleLabel: '支部书记' },
    ],
  });
  const { pageErrors } = preview;

  beforeAll(() => {
    seedSite(preview.server, { _id: SITE, gridPath: ['g-jiujiang', 'g-shatou', 'g-shatou-b1'] });
    const store = preview.server.emulator.store;
    store.atomically(() =>
      store.insert(COLLECTIONS.settings, {
        _id: 'feverClinics',
        clinics: [{ name: '九江医院发热门诊', address: '九江镇医院路1号', phone: '0757-86500120' }],
      }),
    );
    preview.server.emulator.ledger.grant(BRANCH_LEADER, SUBSCRIBE_TEMPLATES.feverAlert.id);
  });

  it('a resident by pass, an outsider by the site QR, a fever turned back and the leader alerted', async () => {
    // 王秀英 opens her 通行码 from home; the QR carries the token the gate reads.
    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '通行码');
    const qr = resident.locator('[data-pass-token]');
    await qr.waitFor();
    const token = (await qr.getAttribute('data-pass-token')) ?? '';
    expect(token).not.toContain('13800138018');
    await visible(resident, '.gate-countdown', '秒后失效').waitFor();

    // 李志强 at 沙头东门: the pass (pasted, the preview has no camera), 36.6℃, 进.
    const member = await preview.openPage();
    await loginAs(member, preview.url, '李志强');
    await member.goto(`${preview.url}/#/pages/checkpoints/duty/index?siteId=${SITE}`);
    await formField(member, '门牌码、姓名或通行码').locator('input').fill(token);
    await button(member, '查找').click();
    await visible(member, '.gate-line', '登记：王*英').waitFor();
    await member.locator('.gate-temp input').fill('36.6');
    await button(member, '登记').click();
    await visible(member, '.page__title', '已放行').waitFor();
    await button(member, '登记下一位').click();

    // An outsider scans the site QR and fills in his own form.
    const doorCode = String(
      preview.server.emulator.store.getById(
        preview.server.emulator.store.db,
        COLLECTIONS.households,
        'h-g-shatou-b1-h1-1',
      )?.doc['code'],
    );
    const outsider = await preview.openPage();
    await loginAs(outsider, preview.url, '张来访');
    await outsider.goto(
      `${preview.url}/#/pages/checkpoints/outsider/index?siteId=${SITE}&token=${QR_TOKEN}`,
    );
    await visible(outsider, '.page__title', '沙头东门').waitFor();
    await formField(outsider, '姓名').locator('input').fill('张来访');
    await formField(outsider, '手机号').locator('input').fill('13912345678');
    await outsider.locator('.gate-region').click();
    await pickOnWheels(outsider, ['广东省', '佛山市']);
    await formField(outsider, '去往住户').locator('input').fill(doorCode);
    await formField(outsider, '来访事由').locator('input').fill('探亲');
    await button(outsider, '提交登记').click();
    const number = (await visible(outsider, '.gate-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^\d{4}$/);

    // The member sees it waiting, picks it by its number and confirms it with the temperature.
    await member.locator('.choice-chip', { hasText: '外来人员' }).click();
    await visible(member, '.card', number).click();
    await visible(member, '.gate-line', `登记：${number}`).waitFor();
    await member.locator('.gate-temp input').fill('36.5');
    await button(member, '登记').click();
    await visible(member, '.page__title', '已放行').waitFor();
    await button(member, '登记下一位').click();

    // A car with a fever: the red 劝返 screen and the 发热门诊 to call.
    await member.locator('.choice-chip', { hasText: '车辆' }).click();
    await formField(member, '车牌号').locator('input').fill('粤E12345');
    await member.locator('.gate-temp input').fill('38.1');
    await button(member, '登记').click();
    await visible(member, '.gate-turned-back', '劝返').waitFor();
    await visible(member, '.card', '九江医院发热门诊').waitFor();

    // 黄德明 leads the branch: his alert went, and 卡口劝返 lists the car.
    expect(
      preview.server.emulator.ledger.outbox({
        touser: BRANCH_LEADER,
        templateId: SUBSCRIBE_TEMPLATES.feverAlert.id,
      }),
    ).toHaveLength(1);
    const leader = await preview.openPage();
    await loginAs(leader, preview.url, '黄德明');
    await leader.goto(`${preview.url}/#/pages/checkpoints/fevers/index?gridId=g-shatou-b1`);
    const row = visible(leader, '.card', '粤E12345');
    await row.waitFor();
    expect(await row.textContent()).toContain('38.1℃');
    expect(await row.textContent()).toContain('劝返');
    expect(pageErrors).toEqual([]);
  });
});
