/// <reference lib="dom" />
// (Some assertions run inside the page; the root tsconfig has no DOM library.)
/**
 * A leader invites, a newcomer joins: two browser contexts with two local logins against the demo
 * server (emulator gateway + built functions + client/dist/h5), as two phones would.
 */
import qrcode from 'qrcode-generator';
import type { Page } from 'playwright-core';
import { button, joinWithCode, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

const BRANCH = '第一经济社党支部';
const INVITE_INVALID = '邀请码无效、已过期或已用完，请向网格长索取新的邀请码';
const LATECOMER = { openid: 'oE2eLatecomer', name: '孙丽', roleLabel: '新用户（测试）' };

jest.setTimeout(90_000);

describe('a leader invites a member, who joins with the code', () => {
  const preview = usePreview({ extraLogins: [LATECOMER] });
  const { pageErrors } = preview;
  let leader: Page;
  let newcomer: Page;
  let code = '';

  const url = () => preview.url;

  beforeAll(async () => {
    leader = await preview.openPage();
    newcomer = await preview.openPage();
  });

  it('the leader drills down to the branch and generates a 网格员 invite for a party member', async () => {
    await loginAs(leader, url(), '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.grid-node', BRANCH).click();
    await visible(leader, '.node-header', BRANCH).waitFor();
    await button(leader, '成员管理').click();

    await visible(leader, '.choice-chip', /^网格员$/).click();
    await visible(leader, '.toggle', '非党员').click();
    await visible(leader, '.toggle', /^党员$/).waitFor();
    await button(leader, '生成邀请码').click();

    const card = visible(leader, '.invite-card', '邀请码');
    code = ((await card.locator('.invite-card__code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const cardText = await card.textContent();
    expect(cardText).toContain(`${BRANCH} · 网格员`);
    expect(cardText).toContain('党员');
    expect(cardText).toContain('已用 0 / 20');
    await visible(leader, '.invite-row', code).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('draws the QR code of exactly that invite code', async () => {
    const drawn = await visible(leader, '.invite-card', '邀请码')
      .locator('.qr-code')
      .evaluate((qr) => {
        // Sample the centre of every module: dark where a drawn stretch covers it.
        const box = qr.getBoundingClientRect();
        const size = qr.querySelectorAll('.qr-code__row').length;
        const cell = box.width / size;
        const darks = Array.from(qr.querySelectorAll('.qr-code__dark'), (el) =>
          el.getBoundingClientRect(),
        );
        return Array.from({ length: size }, (_, r) =>
          Array.from({ length: size }, (_, c) => {
            const x = box.left + (c + 0.5) * cell;
            const y = box.top + (r + 0.5) * cell;
            return darks.some((d) => x >= d.left && x < d.right && y >= d.top && y < d.bottom);
          }),
        );
      });

    const expected = qrcode(0, 'M');
    expected.addData(code, 'Alphanumeric');
    expected.make();
    const count = expected.getModuleCount();
    const quiet = (drawn.length - count) / 2;
    expect(quiet).toBe(4);
    const modules = drawn.map((row, r) =>
      row.map((_drawnDark, c) => {
        const inside = r >= quiet && c >= quiet && r < quiet + count && c < quiet + count;
        return inside ? expected.isDark(r - quiet, c - quiet) : false;
      }),
    );
    expect(drawn).toEqual(modules);
  });

  it('the newcomer 赵敏 joins with the code and is told where and as what', async () => {
    await loginAs(newcomer, url(), '赵敏');
    await openEntry(newcomer, '加入网格');
    await joinWithCode(newcomer, code, '赵敏');

    await visible(newcomer, '.join-result', `已加入「${BRANCH}」，身份：网格员`).waitFor();
    // A code passed on could reach anyone: the leader confirms who this is first.
    await visible(newcomer, '.join-result', '等待网格长确认身份').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('the leader sees 赵敏 in the branch team with the party badge', async () => {
    // Another phone made the change: the leader refreshes, as pulling down does on weapp.
    await leader.reload();
    const row = visible(leader, '.member-row', '赵敏');
    await row.waitFor();
    expect(await row.locator('.party-badge').textContent()).toBe('党员');
    expect(await row.textContent()).toContain('网格员');
    expect(await visible(leader, '.invite-row', code).textContent()).toContain('已用 1 / 20');
    expect(await row.textContent()).toContain('待确认');
    await row.locator('taro-button-core', { hasText: '确认身份' }).click();
    const dialog = leader.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain('确认「赵敏」是本网格的网格员');
    await dialog.locator('.taro-model__confirm').click();
    await row.getByText('待确认').waitFor({ state: 'detached' });
    expect(await row.textContent()).not.toContain('确认身份');

    // And on the branch's own page, which the team listing there comes from as well.
    await leader.goBack();
    await leader.reload();
    const teamRow = visible(leader, '.member-row', '赵敏');
    await teamRow.waitFor();
    expect(await teamRow.locator('.party-badge').count()).toBe(1);
  });

  it('joining again with the same code is harmless', async () => {
    await button(newcomer, '使用其他邀请码').click();
    await joinWithCode(newcomer, code, '赵敏');

    await visible(newcomer, '.join-result', '您已在该网格中').waitFor();
    expect(await visible(newcomer, '.join-result', BRANCH).textContent()).toContain('网格员');
  });

  it('a revoked code no longer lets anyone in', async () => {
    await button(leader, '成员管理').click();
    const row = visible(leader, '.invite-row', code);
    await row.waitFor();
    await row.locator('taro-button-core', { hasText: '撤销' }).click();
    // Taro's h5 modal stands in for wx.showModal.
    const dialog = leader.locator('.taro-modal__content').filter({ visible: true });
    expect(await dialog.textContent()).toContain(`撤销邀请码「${code}」？`);
    await dialog.locator('.taro-model__confirm').click();
    await visible(leader, '.invite-row', code).waitFor({ state: 'detached' });

    const latecomer = await preview.openPage();
    await loginAs(latecomer, url(), LATECOMER.name);
    await openEntry(latecomer, '加入网格');
    await joinWithCode(latecomer, code, LATECOMER.name);

    await visible(latecomer, '.notice--error', INVITE_INVALID).waitFor();
    expect(await latecomer.locator('.join-result').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
