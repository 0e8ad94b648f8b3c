/**
 * 责任书 in the h5 preview: on a rental campaign of 沙头社区 with a letter, 李志强 opens a rental
 * given to him, the landlord reads the letter on his phone and signs it with a finger; the signed
 * letter shows who signed, when, and the signature as drawn, and the door reads 责任书已签.
 */
import type { Page } from 'playwright-core';
import { addDays, chinaDay, COLLECTIONS } from '@gridguard/types';
import { actingAs, dataOf } from '../helpers/actions';
import { button, field, loginAs, usePreview, visible } from '../helpers/h5';

jest.setTimeout(180_000);

const LEADER = 'oDemoLeader';
const LEAF = 'g-shatou-b1-h1';
const LANDLORD = 'h-g-shatou-b1-h1-1-p1';
const LETTER = '出租屋防疫责任书：房东落实租客登记，发现发热或返乡人员立即报告网格员。';

/** A finger stroke across the pad, as the browser's touch events (the pad reads client x/y). */
async function drawSignature(page: Page): Promise<void> {
  const pad = page.locator('.signature-pad canvas').first();
  await pad.waitFor();
  await pad.evaluate((canvas) => {
    const box = canvas.getBoundingClientRect();
    const touchAt = (i: number) =>
      new Touch({
        identifier: 1,
        target: canvas,
        clientX: box.left + 20 + i * 12,
        clientY: box.top + box.height / 2 + (i % 2 === 0 ? -15 : 15),
      });
    const send = (type: string, touch: Touch) =>
      canvas.dispatchEvent(
        new TouchEvent(type, {
          touches: type === 'touchend' ? [] : [touch],
          changedTouches: [touch],
          bubbles: true,
          cancelable: true,
        }),
      );
    send('touchstart', touchAt(0));
    for (let i = 1; i < 20; i += 1) send('touchmove', touchAt(i));
    send('touchend', touchAt(19));
  });
}

describe('责任书', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  it('a landlord signs on the member’s phone; the signed letter is shown with the signature', async () => {
    const leader = actingAs(preview.server.emulator, LEADER);
    const rental = dataOf(
      await leader('targets', 'createRental', {
        gridId: LEAF,
        key: 'e2e-rental-1',
        rental: {
          place: { street: '沙头社区南街', building: '2栋', door: '9' },
          rooms: 4,
          landlordId: LANDLORD,
        },
      }),
    );
    const today = chinaDay(Date.now());
    const campaign = dataOf(
      await leader('campaigns', 'start', {
        gridId: 'g-shatou',
        key: 'e2e-rental-campaign',
        name: '出租屋排查',
        kind: 'rental',
        startDay: today,
        endDay: addDays(today, 6),
        rounds: 1,
        checklist: [],
        letter: LETTER,
      }),
    );
    dataOf(
      await leader('campaigns', 'assign', {
        campaignId: campaign.id,
        gridId: LEAF,
        openid: 'oDemoVolunteer',
      }),
    );

    const member = await preview.openPage();
    await loginAs(member, preview.url, '李志强');
    await member.goto(
      `${preview.url}/#/pages/campaigns/mine/index?id=${encodeURIComponent(campaign.id)}`,
    );
    await visible(member, '.target-row', '责任书未签').click();
    await visible(member, '.section__title', '责任书未签').waitFor();
    await button(member, '请房东签署责任书').click();

    await visible(member, '.pledge-letter', LETTER).waitFor();
    // The landlord's name is filled in from the rental; nothing drawn yet is refused here.
    expect(await field(member, '签署人（房东）').inputValue()).toBe(rental.landlord?.name);
    await button(member, '确认签署').click();
    await visible(member, '.notice--error', '请房东在框内签名').waitFor();
    await drawSignature(member);
    await button(member, '确认签署').click();
    const dialog = member.locator('.taro-modal__content').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('签署后不能修改');
    await dialog.locator('.taro-model__confirm').click();

    await visible(member, '.section__title', `房东：${rental.landlord?.name}`).waitFor();
    await visible(member, '.small-note', '见证网格员 李志强').waitFor();
    const image = visible(member, '.pledge-signature img');
    await member.waitForFunction(
      (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
      await image.elementHandle(),
    );

    // The stored picture is the stroke drawn: dark ink on white paper.
    const inked = await image.evaluate((img) => {
      if (!(img instanceof HTMLImageElement)) return 0;
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      context.drawImage(img, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 80) dark += 1;
      return dark / (canvas.width * canvas.height);
    });
    expect(inked).toBeGreaterThan(0.001);
    expect(inked).toBeLessThan(0.5);

    const store = preview.server.emulator.store;
    const stored = [...store.candidates(store.db, COLLECTIONS.pledges, undefined)].map(
      (c) => c.doc as Record<string, unknown>,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ targetId: rental.id, signerName: rental.landlord?.name });
    expect(String(stored[0]?.['fileId'])).toMatch(/\/photos\/oDemoVolunteer\/pledge-[0-9a-f]{20}-/);

    await member.goBack();
    await member.goBack();
    await visible(member, '.target-row', '责任书已签').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
