import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  addDays,
  COLLECTIONS,
  GATE_COUNT_LABELS,
  LOG_EXPORT_MAX_ENTRIES,
  maskName,
  zeroGateCounts,
  type ActionInput,
  type CountsView,
  type GateCounts,
} from '@gridguard/types';
import type { EntryDoc } from '@gridguard/server/domain/checkpoint-records';
import {
  addCounts,
  daysFrom,
  entryCounts,
  LOG_EXPORT_SHEETS,
} from '@gridguard/server/domain/gate-log';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import {
  checkpointActivity,
  type CheckpointActivity,
} from '../../scripts/demo/checkpoint-activity';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { CAMPAIGN_HEADER_ROWS } from '../../server/src/excel/campaign-workbook';
import { dataOf } from '../helpers/actions';
import { campaignHelpers, failure } from '../helpers/campaigns';
import { insertActivity } from '../helpers/daily';
import { tempDir } from '../helpers/emulator';

/**
 * 卡口 counts and the log's export through the real function: counts per day, shift and site
 * against a brute-force count of seeded records (sites on every node of the demo town, several on
 * one leaf, entries either side of midnight), scope, database calls that do not grow with the
 * entries, and an export that is masked, watermarked and audited, or refused without a trace.
 */
let server: DemoServer;

const COMMAND = 'oDemoCommand';
/** 陈建华 leads 沙头社区. */
const LEADER = 'oDemoLeader';
/** 李志强: member of 沙头社区's first branch. */
const MEMBER = 'oDemoVolunteer';
const RESIDENT = 'oDemoResident';
/** 黄伟 leads 烟南村. */
const YANNAN_LEADER = 'oGenLeader02';

const DAY = '2020-02-08';
const FROM = addDays(DAY, -1);
const TO = addDays(DAY, 1);
const SHATOU = 'g-shatou';
const B1 = 'g-shatou-b1';
const B1H1 = 'g-shatou-b1-h1';
/** Sites on the leaf: enough for two pages of a node's sites. */
const SITES_PER_NODE = 12;
const siteOn = (gridId: string) => `cs-${gridId}`;

let activity: CheckpointActivity;

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [{ openid: YANNAN_LEADER, name: '黄伟', roleLabel: '网格长' }],
  });
  activity = checkpointActivity(demoDeployment().grids, DAY, 3, {
    leafSites: 1,
    innerSites: 1,
    entriesPerSite: 40,
    sitesPerNode: SITES_PER_NODE,
  });
  insertActivity(
    server.emulator,
    { observations: [], returns: [], healthReports: [], errands: [] },
    undefined,
    activity,
  );
});
afterAll(() => server.close());

const { as, audits, snapshot, insert, databaseCalls } = campaignHelpers(() => server);
/** Any input, valid or not: the schema, not the type, is under test. */
const counts = (openid: string, input: Record<string, unknown>) =>
  as(openid)('checkpoints', 'counts', input as ActionInput<'checkpoints', 'counts'>);
const countsOf = async (openid: string, scope: { siteId: string } | { gridId: string }, page = 1) =>
  dataOf(
    await as(openid)('checkpoints', 'counts', { ...scope, from: FROM, to: TO, page }),
  ) as CountsView;

/** The obvious count: every entry and shift filtered by hand. */
function bruteForce(keep: (doc: { siteId: string; gridPath: string[] }) => boolean) {
  const entries = activity.entries.filter(keep);
  const shifts = activity.shifts.filter(keep);
  const sum = (es: readonly EntryDoc[], uncovered: number): GateCounts => {
    const total = es.map(entryCounts).reduce((t, c) => addCounts(t, c), zeroGateCounts());
    total.uncovered = uncovered;
    return total;
  };
  const uncovered = (day: string) =>
    shifts.filter((s) => s.day === day && s.uncovered === 1).length;
  return {
    days: daysFrom(FROM, TO).map((day) => ({
      day,
      counts: sum(
        entries.filter((e) => e.day === day),
        uncovered(day),
      ),
    })),
    shifts: shifts
      .filter((s) => s.day >= FROM && s.day <= TO)
      .map((s) => ({
        shiftId: s._id,
        counts: sum(
          entries.filter((e) => e.shiftId === s._id),
          s.uncovered,
        ),
      })),
    bySite: (siteId: string) =>
      sum(
        entries.filter((e) => e.siteId === siteId && e.day >= FROM && e.day <= TO),
        shifts.filter(
          (s) => s.siteId === siteId && s.day >= FROM && s.day <= TO && s.uncovered === 1,
        ).length,
      ),
  };
}

describe('counts', () => {
  it('the seeded log is big enough to mean something', () => {
    const site = activity.entries.filter((e) => e.siteId === siteOn(B1H1));
    expect(site.length).toBeGreaterThan(20);
    expect(new Set(site.map((e) => e.day)).size).toBeGreaterThan(1);
    expect(site.some((e) => e.shiftId === null)).toBe(true);
    expect(activity.entries.some((e) => e.outcome === 'turnedBack')).toBe(true);
    expect(activity.shifts.some((s) => s.uncovered === 1)).toBe(true);
  });

  it("a site's counts per day and per shift match a brute-force count", async () => {
    const view = await countsOf(MEMBER, { siteId: siteOn(B1H1) });
    const expected = bruteForce((d) => d.siteId === siteOn(B1H1));
    expect(view.days).toEqual(expected.days);
    expect(view.shifts.map((s) => ({ shiftId: s.shiftId, counts: s.counts }))).toEqual(
      expected.shifts,
    );
    expect(view.shifts).toHaveLength(9);
    expect(view.totals.in + view.totals.out).toBe(
      activity.entries.filter((e) => e.siteId === siteOn(B1H1) && e.day >= FROM && e.day <= TO)
        .length,
    );
    expect(view.scope).toEqual({ kind: 'site', siteId: siteOn(B1H1), name: expect.any(String) });
    expect(view.canExport).toBe(false);
  });

  it("a node's counts per day cover every site below it, inner nodes included; sites a page at a time", async () => {
    const view = await countsOf(LEADER, { gridId: SHATOU });
    const expected = bruteForce((d) => d.gridPath.includes(SHATOU));
    expect(view.days).toEqual(expected.days);
    const under = activity.sites.filter((s) => s.gridPath.includes(SHATOU));
    expect(view.totalSites).toBe(under.length);
    expect(view.sites).toHaveLength(view.pageSize);
    const listed = [...view.sites];
    for (let page = 2; listed.length < view.totalSites; page += 1)
      listed.push(...(await countsOf(LEADER, { gridId: SHATOU }, page)).sites);
    expect(listed.map((s) => s.siteId).sort()).toEqual(under.map((s) => s._id).sort());
    for (const row of listed) expect(row.counts).toEqual(expected.bySite(row.siteId));
    expect(view.canExport).toBe(true);
  });

  it('staff over the site or node read; others are refused, a missing site like one out of scope', async () => {
    expect((await countsOf(MEMBER, { gridId: B1 })).totalSites).toBeGreaterThan(0);
    const refusal = failure(await counts(MEMBER, { siteId: siteOn(SHATOU), from: FROM, to: TO }));
    expect(refusal.code).toBe('FORBIDDEN');
    expect(await counts(MEMBER, { siteId: 'cs-nowhere', from: FROM, to: TO })).toEqual(refusal);
    expect(await counts(YANNAN_LEADER, { siteId: siteOn(B1H1), from: FROM, to: TO })).toEqual(
      refusal,
    );
    expect(failure(await counts(RESIDENT, { gridId: B1, from: FROM, to: TO })).code).toBe(
      'FORBIDDEN',
    );
    expect(failure(await counts(COMMAND, { siteId: 'cs-nowhere', from: FROM, to: TO })).code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a range over 31 days, backwards, neither a site nor a node, or a site off the node', async () => {
    const bad = [
      { siteId: siteOn(B1H1), from: '2020-01-01', to: '2020-02-01' },
      { siteId: siteOn(B1H1), from: TO, to: FROM },
      { siteId: siteOn(B1H1), gridId: 'g-shatou-b2', from: FROM, to: TO },
      { from: FROM, to: TO },
    ];
    for (const input of bad)
      expect(failure(await counts(LEADER, input)).code).toBe('INVALID_INPUT');
    // A site with the node it was opened from answers the site's counts.
    expect(
      dataOf(await counts(LEADER, { siteId: siteOn(B1H1), gridId: B1, from: FROM, to: TO })).scope,
    ).toMatchObject({ kind: 'site', siteId: siteOn(B1H1) });
    expect(
      dataOf(await counts(LEADER, { siteId: siteOn(B1H1), from: '2020-01-09', to: '2020-02-08' })),
    ).toBeTruthy();
  });

  it('database calls do not grow with the entries', async () => {
    const measure = async (scope: { siteId: string } | { gridId: string }) => {
      const before = await databaseCalls();
      await countsOf(LEADER, scope);
      return (await databaseCalls()) - before;
    };
    const busy = `${siteOn(B1H1)}-2`;
    const site = await measure({ siteId: busy });
    const node = await measure({ gridId: SHATOU });
    const template = activity.entries.find((e) => e.siteId === busy) as EntryDoc;
    for (let i = 0; i < 300; i += 1)
      insert(COLLECTIONS.checkpointEntries, { ...template, _id: `${template._id}-more-${i}` });
    expect(await measure({ siteId: busy })).toBe(site);
    expect(await measure({ gridId: SHATOU })).toBe(node);
    // The actor (2), the site, then its entries by day and shift beside its shifts.
    expect(site).toBe(5);
    // The actor (2), the node, entries and shifts by day beside a page of sites and their count,
    // then that page's entries and shifts by site.
    expect(node).toBe(9);
  });
});

type Row = (string | number | null)[];
async function download(url: string) {
  const reply = await fetch(url);
  expect(reply.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await reply.arrayBuffer()) as unknown as ArrayBuffer);
  const sheets: Record<string, { rows: Row[]; header: string; footer: string }> = {};
  book.eachSheet((sheet) => {
    const rows: Row[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1);
      rows.push(cells.map((c) => (typeof c === 'string' || typeof c === 'number' ? c : null)));
    });
    sheets[sheet.name] = {
      rows,
      header: sheet.headerFooter.oddHeader ?? '',
      footer: sheet.headerFooter.oddFooter ?? '',
    };
  });
  return sheets;
}

function exportFiles(): string[] {
  const root = path.join(server.emulator.storage.root, 'exports');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

const exportLog = (openid: string, siteId: string, from = FROM, to = TO) =>
  as(openid)('checkpoints', 'exportLog', { siteId, from, to });

describe('the log exported', () => {
  it('refusals write no file and no audit entry', async () => {
    const files = exportFiles();
    const before = snapshot();
    for (const [who, site] of [
      [MEMBER, siteOn(B1H1)],
      [RESIDENT, siteOn(B1H1)],
      [YANNAN_LEADER, siteOn(B1H1)],
      [LEADER, 'cs-nowhere'],
      [LEADER, siteOn('g-yannan')],
    ] as const)
      expect(failure(await exportLog(who, site)).code).toBe('FORBIDDEN');
    expect(failure(await exportLog(LEADER, siteOn(B1H1), '2020-01-01', '2020-02-08')).code).toBe(
      'INVALID_INPUT',
    );
    expect(snapshot()).toEqual(before);
    expect(exportFiles()).toEqual(files);
  });

  it('a log over the entries cap is refused before anything is read or written', async () => {
    const site = `${siteOn(B1H1)}-1`;
    const template = activity.entries.find((e) => e.siteId === site) as EntryDoc;
    const present = activity.entries.filter((e) => e.siteId === site && e.day === DAY).length;
    const store = server.emulator.store;
    store.atomically(() => {
      for (let i = 0; i <= LOG_EXPORT_MAX_ENTRIES - present; i += 1)
        store.insert(COLLECTIONS.checkpointEntries, {
          ...template,
          _id: `${site}:bulk-${i}`,
          day: DAY,
          at: new Date(Date.UTC(2020, 1, 8, 2, 0, 0)),
        });
    });
    const files = exportFiles();
    const before = snapshot();
    // The test held the process for seconds: let the server close the connections it idled out
    // before the next call would reuse one of them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refusal = failure(await exportLog(LEADER, site, DAY, DAY));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toContain(String(LOG_EXPORT_MAX_ENTRIES));
    expect(snapshot()).toEqual(before);
    expect(exportFiles()).toEqual(files);
  });

  it('is masked, watermarked on every sheet, and audited', async () => {
    const site = siteOn(B1H1);
    const before = await databaseCalls();
    const link = dataOf(await exportLog(LEADER, site));
    // The actor (2), the site, the count, one page of entries (a thousand a call), the counts
    // per day and shift (2), the audit entry.
    expect((await databaseCalls()) - before).toBe(8);
    const logged = activity.entries.filter(
      (e) => e.siteId === site && e.day >= FROM && e.day <= TO,
    );
    expect(link.entries).toBe(logged.length);
    expect(link.fileName).toMatch(/通行记录/);
    const sheets = await download(link.url);
    expect(Object.keys(sheets)).toEqual([LOG_EXPORT_SHEETS.entries, LOG_EXPORT_SHEETS.days]);
    for (const sheet of Object.values(sheets)) {
      expect(String(sheet.rows[1]?.[0])).toMatch(
        /^导出人：陈建华 · 导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
      );
      expect(sheet.header).toContain('导出人：陈建华');
      expect(sheet.footer).toContain('导出人：陈建华');
    }
    const entries = sheets[LOG_EXPORT_SHEETS.entries]?.rows.slice(CAMPAIGN_HEADER_ROWS + 1) ?? [];
    expect(entries).toHaveLength(logged.length);
    const text = JSON.stringify(sheets);
    for (const e of logged) {
      const name = e.resident?.name ?? e.outsider?.name;
      if (name) {
        expect(text).not.toContain(name);
        expect(text).toContain(maskName(name));
      }
    }
    expect(text).not.toMatch(/1\d{10}/);
    const days = sheets[LOG_EXPORT_SHEETS.days]?.rows ?? [];
    expect(days[CAMPAIGN_HEADER_ROWS]).toEqual(['日期', ...Object.values(GATE_COUNT_LABELS)]);
    const view = await countsOf(LEADER, { siteId: site });
    expect(days.slice(CAMPAIGN_HEADER_ROWS + 1).map((r) => r[0])).toEqual(
      view.days.map((d) => d.day),
    );
    expect(audits('checkpoint.exportLog', site)).toEqual([
      expect.objectContaining({
        actor: LEADER,
        gridId: B1H1,
        detail: expect.objectContaining({ from: FROM, to: TO, entries: logged.length }),
      }),
    ]);
  });
});
