/**
 * 卡口统计 in the h5 preview against the real functions: a leader opens a node's counts, sees
 * this week's passages per day and the sites a page at a time, opens a site's counts with its
 * shifts, and exports its log (the download is the masked, watermarked workbook); a member of
 * the branch sees the same counts without 导出 Excel.
 */
import type { Page } from 'playwright-core';
import { chinaToday, COLLECTIONS } from '@gridguard/types';
import {
  checkpointActivity,
  type CheckpointActivity,
} from '../../scripts/demo/checkpoint-activity';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { button, loginAs, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

const SHATOU = 'g-shatou';
const LEAF = 'g-shatou-b1-h1';
const countsUrl = (url: string, query: string) =>
  `${url}/#/pages/checkpoints/counts/index?${query}`;

describe('卡口统计', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let activity: CheckpointActivity;
  let leader: Page;

  beforeAll(async () => {
    // Sites on every node of the demo town, with today's entries and shifts.
    activity = checkpointActivity(demoDeployment().grids, chinaToday(), 5, {
      leafSites: 1,
      innerSites: 1,
      entriesPerSite: 20,
    });
    const { store } = preview.server.emulator;
    store.atomically(() => {
      for (const doc of activity.sites) store.insert(COLLECTIONS.checkpointSites, { ...doc });
      for (const doc of activity.shifts) store.insert(COLLECTIONS.checkpointShifts, { ...doc });
      for (const doc of activity.entries) store.insert(COLLECTIONS.checkpointEntries, { ...doc });
    });
    leader = await preview.openPage();
    await loginAs(leader, preview.url, '陈建华');
  });

  it("a leader reads the node's week, opens a site and exports its log", async () => {
    await leader.goto(countsUrl(preview.url, `gridId=${SHATOU}`));
    await visible(leader, '.page__title', '沙头社区').waitFor();
    const under = activity.sites.filter((s) => s.gridPath.includes(SHATOU));
    await visible(leader, '.section__title', `各卡口（共 ${under.length} 个）`).waitFor();
    const today = chinaToday();
    const passedToday = activity.entries.filter(
      (e) => e.day === today && e.gridPath.includes(SHATOU),
    );
    const ins = passedToday.filter((e) => e.direction === 'in').length;
    await visible(leader, '.counts-row', new RegExp(`${today}进 ${ins} · `)).waitFor();

    const site = activity.sites.find((s) => s.gridId === LEAF);
    await visible(leader, '.counts-row', `${site?.name} ›`).click();
    await visible(leader, '.page__title', site?.name ?? '').waitFor();
    await visible(leader, '.section__title', '班次').waitFor();

    const download = leader.waitForEvent('download');
    await button(leader, '导出 Excel').click();
    const dialog = leader.locator('.taro-modal__content').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('通行记录');
    await dialog.locator('.taro-model__confirm').click();
    await visible(leader, '.notice--success', /已导出 \d+ 条通行记录/).waitFor();
    expect((await download).suggestedFilename()).toMatch(/通行记录.*\.xlsx$/);
  });

  it('a member of the branch reads a site without 导出 Excel', async () => {
    const member = await preview.openPage();
    await loginAs(member, preview.url, '李志强');
    const site = activity.sites.find((s) => s.gridId === LEAF);
    await member.goto(countsUrl(preview.url, `siteId=${site?._id ?? ''}`));
    await visible(member, '.section__title', '班次').waitFor();
    expect(await member.locator('text=导出 Excel').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
