import ExcelJS from 'exceljs';
import {
  addDays,
  chinaDay,
  COLLECTIONS,
  completionOf,
  earliestReportDay,
  REPORT_HISTORY_DAYS,
  FIGURE_KEYS,
  SUBSCRIBE_TEMPLATES,
  type DailyReportRow,
} from '@gridguard/types';
import { HEADER_ROWS, SHEET_NAMES } from '@gridguard/server/excel';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { dayActivity } from '../../scripts/demo/day-activity';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, storeSnapshot, tempDir } from '../helpers/emulator';
import { bruteForceFigures, insertActivity } from '../helpers/daily';

let server: DemoServer;
const deployment = demoDeployment();
const today = chinaDay(Date.now());
const activity = dayActivity(deployment.people, today, 12, {
  observed: 0.5,
  voluntaryReports: 0.3,
  errands: 0.3,
  yesterday: 0.5,
});

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    extraLogins: [{ openid: 'oGenBranch01', name: '黄德明', roleLabel: '支部书记' }],
  });
  insertActivity(server.emulator, activity);
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const command = () => as('oDemoCommand');
const leader = () => as('oDemoLeader');
const volunteer = () => as('oDemoVolunteer');
const fire = (triggerName: string) =>
  fetch(`${server.url}/_emulator/timers/fire`, {
    method: 'POST',
    body: JSON.stringify({ functionName: 'dailyReport', triggerName }),
  });
const TEMPLATE = SUBSCRIBE_TEMPLATES.dailyReport.id;

describe('the evening report timer', () => {
  it('computes every node and messages each leader who granted a credit, once', async () => {
    server.emulator.ledger.grant('oDemoLeader', TEMPLATE);
    server.emulator.ledger.grant('oDemoLeader', TEMPLATE);
    expect((await fire('evening')).status).toBe(200);
    const sent = server.emulator.ledger.outbox({ touser: 'oDemoLeader', templateId: TEMPLATE });
    expect(sent).toHaveLength(1);
    const message = sent[0] as unknown as { page: string; data: Record<string, { value: string }> };
    expect(message.page).toBe(`dashboard/pages/index?gridId=g-shatou&day=${today}`);
    expect(message.data['thing1']?.value).toBe('沙头社区');
    expect(message.data['date2']?.value).toBe(today);
    for (const key of ['thing1', 'thing3', 'thing4'])
      expect([...(message.data[key]?.value ?? '')].length).toBeLessThanOrEqual(20);
    const root = bruteForceFigures(deployment.people, activity, today, 'g-shatou');
    expect(message.data['thing3']?.value).toBe(
      `应报${root.reportsDue} 已报${root.reportsReceived} 未报${root.reportsMissing}`,
    );

    // The 20:30 trigger (and a platform retry) finds every slot taken: nobody gets it twice.
    await fire('resend');
    await fire('evening');
    expect(
      server.emulator.ledger.outbox({ touser: 'oDemoLeader', templateId: TEMPLATE }),
    ).toHaveLength(1);
    expect(server.emulator.ledger.credits('oDemoLeader', TEMPLATE)).toBe(1);
  });

  it('a leader without a credit finds the report on the next open, until they read it', async () => {
    const unread = dataOf(await as('oGenBranch01')('dashboard', 'unread', {})).items;
    expect(unread).toEqual([
      expect.objectContaining({ gridId: 'g-shatou-b1', name: '第一经济社党支部', day: today }),
    ]);
    dataOf(await as('oGenBranch01')('dashboard', 'node', { gridId: 'g-shatou-b1' }));
    expect(dataOf(await as('oGenBranch01')('dashboard', 'unread', {})).items).toEqual([]);
    // The one who got the message has nothing unread.
    expect(dataOf(await leader()('dashboard', 'unread', {})).items).toEqual([]);
  });
});

describe('the dashboard', () => {
  it("shows the node's figures, its children late first, and who is late", async () => {
    const node = dataOf(await command()('dashboard', 'node', { gridId: 'g-jiujiang' }));
    expect(node).toMatchObject({ day: today, canRefresh: true, canExport: true });
    expect(node.report?.figures).toEqual(
      bruteForceFigures(deployment.people, activity, today, 'g-jiujiang'),
    );
    const children = dataOf(
      await command()('dashboard', 'children', { gridId: 'g-jiujiang', day: today, page: 1 }),
    );
    const expected = deployment.grids.filter((g) => g.parentId === 'g-jiujiang');
    expect(children.total).toBe(expected.length);
    const late = children.items.map((c) => c.late);
    expect(late).toEqual([...late].sort((a, b) => Number(b) - Number(a)));
    // Ranked by the share of reports received, lowest first: the village behind is on top.
    const shares = children.items.map((c) => completionOf(c.figures));
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    // Both of 沙头社区's branches are late; the second is further behind, so it comes first
    // (by lateness and then name, the first branch would).
    const branches = dataOf(
      await command()('dashboard', 'children', { gridId: 'g-shatou', day: today, page: 1 }),
    ).items;
    const share = (id: string) =>
      completionOf(bruteForceFigures(deployment.people, activity, today, id));
    expect(share('g-shatou-b2')).toBeLessThan(share('g-shatou-b1'));
    expect(branches.map((b) => [b.name, b.late])).toEqual([
      ['第二经济社党支部', true],
      ['第一经济社党支部', true],
    ]);
    expect(node.report?.lateChildren.map((c) => c.gridId).sort()).toEqual(
      children.items
        .filter((c) => c.late)
        .map((c) => c.gridId)
        .sort(),
    );
    for (const child of children.items)
      expect(child.figures).toEqual(
        bruteForceFigures(deployment.people, activity, today, child.gridId),
      );
  });

  it('drills down to any depth with breadcrumbs; a member reads but may not refresh or export', async () => {
    const crumbs = async (call: typeof command) =>
      dataOf(await call()('dashboard', 'node', { gridId: 'g-shatou-b1-h3' })).breadcrumbs.map(
        (b) => b.name,
      );
    expect(await crumbs(command)).toEqual(['九江镇', '沙头社区', '第一经济社党支部']);
    // Only what the caller may open: 陈建华 leads 沙头社区, 李志强 serves its first branch.
    expect(await crumbs(leader)).toEqual(['沙头社区', '第一经济社党支部']);
    expect(await crumbs(volunteer)).toEqual(['第一经济社党支部']);
    for (const call of [command, leader, volunteer]) {
      const node = dataOf(await call()('dashboard', 'node', { gridId: 'g-shatou-b1-h3' }));
      for (const crumb of node.breadcrumbs)
        expect(await call()('dashboard', 'node', { gridId: crumb.gridId })).toMatchObject({
          ok: true,
        });
    }
    // At the top of one's scope there is nothing above to open.
    expect(dataOf(await leader()('dashboard', 'node', { gridId: 'g-shatou' })).breadcrumbs).toEqual(
      [],
    );
    const deep = dataOf(await volunteer()('dashboard', 'node', { gridId: 'g-shatou-b1-h3' }));
    expect(deep).toMatchObject({ canRefresh: false, canExport: false, today });
    expect(await volunteer()('dashboard', 'refresh', { gridId: 'g-shatou-b1' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    // Outside their subtree a leader sees nothing.
    expect(await leader()('dashboard', 'node', { gridId: 'g-yannan' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('the 14-day trend has a point per day, today filled in', async () => {
    const { points } = dataOf(await leader()('dashboard', 'trend', { gridId: 'g-shatou' }));
    expect(points).toHaveLength(14);
    expect(points[13]?.day).toBe(today);
    expect(points[13]?.figures?.registered).toBe(
      deployment.people.filter((p) => p.gridPath.includes('g-shatou')).length,
    );
    expect(points.slice(0, 13).every((p) => p.figures === null)).toBe(true);
  });

  it('lists the escalated under the node', async () => {
    const alerts = dataOf(await leader()('dashboard', 'alerts', { gridId: 'g-shatou', page: 1 }));
    const expected = activity.observations.filter(
      (o) => o.status === 'escalated' && o.gridPath.includes('g-shatou'),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(alerts.total).toBe(expected.length);
    expect(alerts.items[0]).toMatchObject({ reason: '体温 37.8℃', alertDay: today });
  });

  it('refresh reuses a report computed minutes ago rather than computing again', async () => {
    const result = dataOf(await leader()('dashboard', 'refresh', { gridId: 'g-shatou' }));
    expect(result).toMatchObject({ day: today, reused: true });
  });

  it('bad input gets a clear error and changes nothing', async () => {
    expect(
      await leader()('dashboard', 'export', {
        gridId: 'g-shatou',
        day: '2020-13-45x',
        exportId: 'x',
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      await leader()('dashboard', 'export', {
        gridId: 'g-shatou',
        day: addDays(today, -30),
        exportId: 'export-old-day',
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await leader()('dashboard', 'export', {
        gridId: 'g-shatou',
        day: '2019-01-01',
        exportId: 'export-older-day',
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(storedDocs(server.emulator, COLLECTIONS.exports)).toHaveLength(0);
  });
});

describe('a past day on the dashboard', () => {
  const quietly = async (call: () => Promise<unknown>) => {
    const before = storeSnapshot(server.emulator);
    const reply = await call();
    expect(storeSnapshot(server.emulator)).toEqual(before);
    return reply;
  };

  it('reads the report of a day in the window, or says that day has none', async () => {
    const node = dataOf(await leader()('dashboard', 'node', { gridId: 'g-shatou', day: today }));
    expect(node).toMatchObject({ day: today, today });
    expect(node.report?.gridId).toBe('g-shatou');
    // Within the window but before the town had reports: no report, and the day is kept.
    const quiet = addDays(today, -20);
    expect(
      dataOf(await leader()('dashboard', 'node', { gridId: 'g-shatou', day: quiet })),
    ).toMatchObject({ day: quiet, today, report: null, computedAt: null });
    const earliest = earliestReportDay(today);
    expect(
      dataOf(await leader()('dashboard', 'node', { gridId: 'g-shatou', day: earliest })),
    ).toMatchObject({ day: earliest, report: null });
  });

  it('refuses a day outside the window, and writes nothing', async () => {
    const tooOld = addDays(earliestReportDay(today), -1);
    for (const day of [tooOld, addDays(today, 2)]) {
      const reply = await quietly(() => leader()('dashboard', 'node', { gridId: 'g-shatou', day }));
      expect(reply).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        issues: [
          {
            path: 'day',
            message:
              day === tooOld ? `只能查看近 ${REPORT_HISTORY_DAYS} 天的日报` : '日期不能晚于明天',
          },
        ],
      });
    }
    expect(
      await quietly(() =>
        leader()('dashboard', 'children', { gridId: 'g-shatou', day: tooOld, page: 1 }),
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('a good day does not open a node out of scope, and the refusal writes nothing', async () => {
    for (const day of [today, addDays(today, -3)]) {
      expect(
        await quietly(() => leader()('dashboard', 'node', { gridId: 'g-yannan', day })),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(
        await quietly(() =>
          volunteer()('dashboard', 'children', { gridId: 'g-shatou', day, page: 1 }),
        ),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });
});

describe('the Excel export', () => {
  it('opens back with the dashboard numbers, masked numbers, a watermark and an audit entry', async () => {
    const exportId = 'export-test-0001';
    const result = dataOf(
      await leader()('dashboard', 'export', { gridId: 'g-shatou', day: today, exportId }),
    );
    expect(result.fileName).toBe(`沙头社区-${today}-日报.xlsx`);
    const node = dataOf(await leader()('dashboard', 'node', { gridId: 'g-shatou' }));

    const response = await fetch(result.url);
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet(SHEET_NAMES.report);
    if (!sheet) throw new Error('no report sheet');
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^导出人：陈建华 · 导出时间：/);
    expect(sheet.headerFooter.oddFooter).toContain('导出人：陈建华');
    const first = sheet.getRow(HEADER_ROWS + 2);
    expect(first.getCell(1).value).toBe('沙头社区');
    const figures = FIGURE_KEYS.map((_, i) => first.getCell(i + 3).value);
    expect(figures).toEqual(FIGURE_KEYS.map((k) => (node.report as DailyReportRow).figures[k]));
    expect(sheet.rowCount - HEADER_ROWS - 1).toBe(result.rows);
    expect(result.rows).toBe(
      deployment.grids.filter((g) => g._id === 'g-shatou' || g.ancestors.includes('g-shatou'))
        .length,
    );

    const text = book.worksheets
      .flatMap((s) => s.getSheetValues())
      .flat()
      .map(String)
      .join(' ');
    // No full phone or ID number anywhere; the lists carry the masked forms.
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const missing = book.getWorksheet(SHEET_NAMES.missing);
    expect(missing?.rowCount).toBeGreaterThan(HEADER_ROWS + 1);
    expect(text).toMatch(/\*\*\*\*/);

    expect(dataOf(await leader()('dashboard', 'exportStatus', { exportId }))).toMatchObject({
      phase: 'done',
    });
    expect(await volunteer()('dashboard', 'exportStatus', { exportId })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const audit = storedDocs<{ action: string; actor: string; target: string }>(
      server.emulator,
      COLLECTIONS.auditLog,
    ).filter((a) => a.action === 'report.export');
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'oDemoLeader', target: result.fileName }),
    ]);
  });

  it('a member may not export', async () => {
    expect(
      await volunteer()('dashboard', 'export', {
        gridId: 'g-shatou-b1',
        day: today,
        exportId: 'export-test-0002',
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
