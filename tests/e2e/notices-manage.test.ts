/**
 * 通知公告 from the staff side in the h5 preview: the command centre writes a notice for the whole
 * town, is told in the storage's words that a fake PDF is not one, attaches a recording as an
 * audio file (the browser cannot record MP3) labelled with its dialect, and publishes it, reaching
 * nobody yet; 王秀英 opens it from home and plays it, which reaches her household; a 网格员 opens
 * its reach for his branch, sees hers, marks an elderly household told by phone, and sees two
 * reached and one fewer left to tell.
 */
import type { Page } from 'playwright-core';
import type { Relation } from '@gridguard/types';
import { actingAs, dataOf } from '../helpers/actions';
import { silentMp3 } from '../helpers/audio';
import { button, field, formField, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(180_000);

const TITLE = '关于春节返乡人员登记的通知';
const BRANCH = 'g-shatou-b1';
const ELDERLY_HOUSEHOLD = 'h-g-shatou-b1-h1-1';

/** The number reached and of how many, from a 「已告知 x/N 户」 line. */
async function reachFigures(page: Page): Promise<[number, number]> {
  const text = (await visible(page, '.card', '已告知').textContent()) ?? '';
  const match = /已告知 (\d+)\/(\d+) 户/.exec(text);
  if (!match) throw new Error(`no reach figures in ${text}`);
  return [Number(match[1]), Number(match[2])];
}

async function unreachedTotal(page: Page): Promise<number> {
  const text = (await visible(page, '.section__head', '尚未告知的住户').textContent()) ?? '';
  return Number(/共 (\d+) 户/.exec(text)?.[1] ?? NaN);
}

describe('通知公告管理 and 告知情况', () => {
  const preview = usePreview();
  const { pageErrors } = preview;

  beforeAll(async () => {
    // The demo town marks nobody 独居老人; the leader records it for the household's first person
    // as staff do on 住户登记, so the member below calls an elderly household.
    const leader = actingAs(preview.server.emulator, 'oDemoLeader');
    const household = dataOf(
      await leader('register', 'household', { householdId: ELDERLY_HOUSEHOLD }),
    );
    const person = household.people[0];
    if (!person) throw new Error('the household has nobody');
    dataOf(
      await leader('register', 'editPerson', {
        personId: person.id,
        person: {
          name: person.name,
          // The view gives the stored relation, which the schema took once already.
          relation: person.relation as Relation,
          residency: person.residency ?? 'resident',
          care: ['alone'],
        },
      }),
    );
  });

  it('the command centre publishes a notice with a dialect recording chosen as a file', async () => {
    const command = await preview.openPage();
    await loginAs(command, preview.url, '九江镇指挥部');
    await openEntry(command, '我的网格');
    await visible(command, '.grid-node', '九江镇').click();
    await visible(command, '.node-header', '九江镇').waitFor();
    await button(command, '通知公告管理').click();
    await visible(command, '.status-block', '暂无通知').waitFor();
    await button(command, '发布通知').click();

    await field(command, '标题').fill(TITLE);
    await formField(command, '正文')
      .locator('textarea')
      .fill('返乡人员请于到达当天在小程序完成返乡登记，并居家观察 14 天。');
    // A "PDF" that is not one: the storage looks at the bytes and says why, in Chinese.
    const pdfChooser = command.waitForEvent('filechooser');
    await button(command, '选择 PDF 文件').click();
    await (
      await pdfChooser
    ).setFiles({ name: '通告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await visible(command, '.notice--error', '「通告.pdf」上传失败：文件内容与类型不符').waitFor();
    // The browser says it cannot record, and offers a file instead.
    await visible(command, '.small-note', '浏览器预览不能录制').waitFor();
    expect(await button(command, '开始录音').count()).toBe(0);
    const chooser = command.waitForEvent('filechooser');
    await button(command, '选择音频文件').click();
    await (
      await chooser
    ).setFiles({ name: '九江话.mp3', mimeType: 'audio/mpeg', buffer: silentMp3(2.6) });
    await visible(command, '.file-line', '第 1 段 · 3 秒').waitFor();
    await field(command, '第 1 段的语言或方言').fill('九江话');

    await button(command, '发布').click();
    const dialog = command.locator('.taro-modal__content').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('「九江镇」及下级网格的所有人');
    await command.locator('.taro-model__confirm').filter({ visible: true }).click();

    const row = visible(command, '.card', TITLE);
    await row.waitFor();
    expect(await row.textContent()).toContain('已发布');
    expect(await row.textContent()).toContain('🔊 九江话');
    await visible(command, '.card', /已告知 0\/\d+ 户/).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('王秀英 opens it from home and plays the recording: her household is reached', async () => {
    const resident = await preview.openPage();
    await loginAs(resident, preview.url, '王秀英');
    await visible(resident, '.notices-entry__badge', '1').waitFor();
    await visible(resident, '.notices-entry').click();
    await visible(resident, '.notice-row', TITLE).click();
    await visible(resident, '.notice-detail__title', TITLE).waitFor();
    await visible(resident, '.notice-audio__clip', '九江话').click();
    await visible(resident, '.notice-audio__clip--playing', '暂停').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('a member marks the elderly household told by phone and the branch has two households reached', async () => {
    const member = await preview.openPage();
    await loginAs(member, preview.url, '李志强');
    await openEntry(member, '我的网格');
    await visible(member, '.grid-node', '第一经济社党支部').click();
    await visible(member, '.node-header', '第一经济社党支部').waitFor();
    await button(member, '通知告知情况').click();
    await visible(member, '.card', TITLE)
      .locator('taro-button-core', { hasText: '告知情况' })
      .click();

    await visible(member, '.card', '其中阅读').waitFor();
    // 王秀英's household, by her reading it.
    const [reached, households] = await reachFigures(member);
    expect(reached).toBe(1);
    const emulator = preview.server.emulator;
    const branchHouseholds = dataOf(
      await actingAs(emulator, 'oDemoLeader')('grids', 'detail', { gridId: BRANCH }),
    ).node.counts.households;
    expect(households).toBe(branchHouseholds);
    await visible(member, '.section__head', '尚未告知的住户').waitFor();
    const before = await unreachedTotal(member);
    expect(before).toBe(households - 1);

    const address = dataOf(
      await actingAs(emulator, 'oDemoLeader')('register', 'household', {
        householdId: ELDERLY_HOUSEHOLD,
      }),
    ).address;
    // By the whole address: 「…1号」 is also the start of 「…11号」.
    const exactly = new RegExp(`^\\s*${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    const card = member
      .locator('.card')
      .filter({ has: member.locator('.section__title', { hasText: exactly }) })
      .filter({ visible: true });
    // One tap reveals the number (audited) and, with no dialler in a browser, shows it.
    await card.locator('taro-button-core', { hasText: '拨打' }).first().click();
    const dialog = member.locator('.taro-modal__content').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/1\d{10}/);
    await member.locator('.taro-model__confirm').filter({ visible: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await card.locator('taro-button-core', { hasText: '已电话告知' }).click();
    await visible(member, '.card', `已告知 2/${households} 户`).waitFor();
    await visible(member, '.section__head', `共 ${before - 1} 户`).waitFor();
    expect(await card.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
