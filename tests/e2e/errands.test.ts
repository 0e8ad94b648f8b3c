/// <reference lib="dom" />
// (One assertion runs inside the page; the root tsconfig has no DOM library.)
/**
 * 跑腿代购 end to end in the h5 preview: 王秀英 asks for medicine on one phone, 李志强 (a member of
 * her branch) claims it on another, while 陈建华, a step behind on a third, loses the race; the
 * receipt and the delivery are photographed and uploaded through the gateway; 王秀英 confirms, and
 * 陈建华 (网格长 of 沙头社区) follows it from his node's page. First the command centre sets the
 * claim limit in 跑腿设置, and the pool tells the volunteers.
 */
import { COLLECTIONS } from '@gridguard/types';
import type { Page } from 'playwright-core';
import { connectSdk } from '../helpers/emulator';
import { button, loginAs, openEntry, usePreview, visible } from '../helpers/h5';
import { solidPng } from '../helpers/images';

jest.setTimeout(120_000);

/** The input of the form field whose label starts with `label`. */
function input(page: Page, label: string) {
  return visible(page, '.form-field', new RegExp(`^${label}`)).locator('input');
}

/** The errand card on the page in front that lists `item`. */
function card(page: Page, item: string) {
  return visible(page, '.errand-card', item);
}

/** Picks a photo in the browser's file chooser that Taro's chooseImage opens. */
async function attachPhoto(page: Page, buttonLabel: string, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button(page, buttonLabel).click();
  await (
    await chooser
  ).setFiles({ name, mimeType: 'image/png', buffer: solidPng(48, 64, [240, 240, 236]) });
}

describe('an errand from request to 确认收货 across three phones', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let resident: Page;
  let volunteer: Page;
  let latecomer: Page;

  beforeAll(async () => {
    resident = await preview.openPage();
    volunteer = await preview.openPage();
    latecomer = await preview.openPage();
  });

  it('the command centre allows each volunteer 2 errands at once in 跑腿设置, after a refused 0', async () => {
    const command = await preview.openPage();
    await loginAs(command, preview.url, '九江镇指挥部');
    await openEntry(command, '跑腿设置');
    await visible(command, '.errand-settings__last', '尚未修改过').waitFor();
    const claims = input(command, '每人同时办理的单数');
    expect(await claims.inputValue()).toBe('3');

    await claims.fill('0');
    await button(command, '保存设置').click();
    await visible(command, '.form-field__error', '每人同时办理的单数为 1–10').waitFor();

    await claims.fill('2');
    await button(command, '保存设置').click();
    const dialog = command.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain('每名志愿者最多同时办理 2 单');
    await dialog.locator('.taro-model__confirm').click();
    await visible(command, '.errand-settings__last', '修改人：九江镇指挥部').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('王秀英 asks for medicine today, for herself', async () => {
    await loginAs(resident, preview.url, '王秀英');
    await openEntry(resident, '跑腿代购');
    await visible(resident, '.request-form', '为 王秀英 代购').waitFor();

    await input(resident, '名称').fill('降压药');
    await input(resident, '数量').fill('1盒');
    await button(resident, '＋ 添加物品').click();
    await visible(resident, '.items-editor__title', '物品 2').waitFor();
    // A row added by mistake is removed again.
    await visible(resident, '.items-editor__row', '物品 2')
      .locator('taro-button-core', { hasText: '删除' })
      .click();
    await visible(resident, '.items-editor__title', '物品 2').waitFor({ state: 'detached' });
    await visible(resident, '.choice-chip', '今天急需（如药品）').click();
    await input(resident, '预算（元）').fill('60');
    await input(resident, '送货说明').fill('放门口鞋柜上');
    await button(resident, '提交代购需求').click();

    await visible(resident, '.notice--success', '已提交').waitFor();
    const submitted = (await card(resident, '降压药').textContent()) ?? '';
    expect(submitted).toContain('待认领');
    expect(submitted).toContain('预算 ¥60.00');
    expect(submitted).toContain('无接触配送（放门口） · 放门口鞋柜上');
    expect(pageErrors).toEqual([]);
  });

  it('李志强 claims it from the pool; 陈建华, a moment later, is told it is taken', async () => {
    await loginAs(volunteer, preview.url, '李志强');
    await openEntry(volunteer, '代购池');
    await loginAs(latecomer, preview.url, '陈建华');
    await openEntry(latecomer, '代购池');
    // Both phones show the errand, and neither shows her address or phone.
    const offered = (await card(volunteer, '降压药').textContent()) ?? '';
    expect(offered).toContain('今天急需（如药品）');
    expect(offered).not.toMatch(/新村大街|138/);
    await card(latecomer, '降压药').waitFor();
    await visible(volunteer, '.small-note', '每人最多同时办理 2 单').waitFor();

    await card(volunteer, '降压药').locator('taro-button-core', { hasText: '抢单' }).click();
    await visible(volunteer, '.errand-pool__won', '已认领 王秀英 的代购').waitFor();

    await card(latecomer, '降压药').locator('taro-button-core', { hasText: '抢单' }).click();
    await visible(latecomer, '.notice--error', '该跑腿单已被认领，列表已刷新').waitFor();
    await card(latecomer, '降压药').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('李志强 sees her contact, records the purchase with a receipt photo, then the delivery', async () => {
    await button(volunteer, '去办理').click();
    const claimed = card(volunteer, '降压药');
    await claimed.waitFor();
    await claimed.locator('taro-button-core', { hasText: '查看地址和电话' }).click();
    await visible(volunteer, '.errand-contact', '地址：沙头社区新村大街18号').waitFor();
    const phone = visible(volunteer, '.errand-contact__phone', '138****8018（点击显示）');
    await phone.click();
    await visible(volunteer, '.errand-contact__phone', '13800138018（点击拨打）').waitFor();

    await input(volunteer, '实付金额').fill('45.5');
    await attachPhoto(volunteer, '拍摄/选择小票照片', 'receipt.png');
    await visible(volunteer, '.photo-field__ok', '小票照片已上传').waitFor();
    await button(volunteer, '提交已购买').click();
    await visible(volunteer, '.errand-step-form__title', '送到了？拍照记录送达').waitFor();
    expect(await card(volunteer, '降压药').textContent()).toContain('实付 ¥45.50');

    await attachPhoto(volunteer, '拍摄/选择送达照片', 'door.png');
    await visible(volunteer, '.photo-field__ok', '送达照片已上传').waitFor();
    await button(volunteer, '提交已送达').click();
    await visible(volunteer, '.notice--success', '已送达，等待居民确认收货').waitFor();
    // Once delivered the claim is over: the contact is gone from the card.
    expect(await volunteer.locator('.errand-contact').filter({ visible: true }).count()).toBe(0);

    // Both photos are in cloud storage, in the volunteer's own folder under names the server
    // chose for this errand, and the errand points at them.
    const { storage } = preview.server.emulator;
    const db = connectSdk(preview.server.emulator).database();
    const { data } = (await db.collection(COLLECTIONS.errands).get()) as unknown as {
      data: { _id: string; receiptFileId: string; deliveryFileId: string }[];
    };
    const [stored] = data;
    expect(data).toHaveLength(1);
    expect(stored?.receiptFileId).toMatch(
      new RegExp(`^cloud://.+/photos/oDemoVolunteer/${stored?._id}-receipt-[a-z0-9]+\\.(jpg|png)$`),
    );
    expect(stored?.deliveryFileId).toMatch(
      new RegExp(
        `^cloud://.+/photos/oDemoVolunteer/${stored?._id}-delivery-[a-z0-9]+\\.(jpg|png)$`,
      ),
    );
    const prefix = storage.fileIdOf('');
    expect(storage.read(stored?.receiptFileId.slice(prefix.length) ?? '')).toEqual(
      solidPng(48, 64, [240, 240, 236]),
    );
    expect(pageErrors).toEqual([]);
  });

  it('王秀英 sees 已送达 in 我的代购 and confirms receipt', async () => {
    await button(resident, '查看我的代购').click();
    // The request page shows the new errand's card too: wait for 我的代购 and the delivered one.
    await resident.waitForURL(/pages\/errands\/mine/);
    const mine = card(resident, '降压药').filter({ hasText: '实付' });
    await mine.waitFor();
    const text = (await mine.textContent()) ?? '';
    expect(text).toContain('已送达');
    expect(text).toContain('实付 ¥45.50');
    expect(text).toContain('认领人：李志强（党员）');
    // The receipt and the doorstep photo, loaded from cloud storage (the 48 × 64 test picture).
    const photos = mine.locator('.errand-photo');
    expect(await photos.allTextContents()).toEqual(['小票', '送达照片']);
    const widths = await photos.locator('img').evaluateAll((images) =>
      Promise.all(
        images.map(async (image) => {
          const img = image as HTMLImageElement;
          if (!img.complete) {
            await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
          }
          return img.naturalWidth;
        }),
      ),
    );
    expect(widths).toEqual([48, 48]);

    await mine.locator('taro-button-core', { hasText: '确认收货' }).click();
    const dialog = resident.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain('实付 ¥45.50，确认已收到物品？');
    await dialog.locator('.taro-model__confirm').click();

    await visible(resident, '.errand-card__status--confirmed', '已确认').waitFor();
    expect(
      await card(resident, '降压药').locator('taro-button-core', { hasText: '确认收货' }).count(),
    ).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('陈建华 follows it from 沙头社区’s page: every errand of the node, with who ran it', async () => {
    await latecomer.goto(preview.url);
    await openEntry(latecomer, '我的网格');
    await visible(latecomer, '.grid-node', '沙头社区').click();
    await visible(latecomer, '.node-header', '沙头社区').waitFor();
    await button(latecomer, '跑腿代购').click();

    const row = card(latecomer, '降压药');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('已确认');
    expect(text).toContain('认领人：李志强（党员）');
    expect(text).toContain('第三户联系党小组');
    expect(await visible(latecomer, '.section__meta', '共').textContent()).toBe('共 1 单');
    expect(pageErrors).toEqual([]);
  });
});
