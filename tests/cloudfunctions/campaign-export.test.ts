import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  CAMPAIGN_EXPORT_SHEETS,
  COLLECTIONS,
  EXPORT_MAX_CELLS,
  EXPORT_MAX_TARGETS,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { CAMPAIGN_HEADER_ROWS } from '../../server/src/excel/campaign-workbook';
import { dataOf } from '../helpers/actions';
import { ANSWERS, campaignHelpers, failure } from '../helpers/campaigns';
import { tempDir } from '../helpers/emulator';

/**
 * 导出 Excel of a 排查 campaign through the real function: the file downloaded and read back with
 * exceljs (every round's outcome, the answers in words, China time, the 责任书 column, coverage
 * per node and round), who may export which node, a refusal that leaves no file and no audit,
 * and database calls that grow with the doors a thousand at a time.
 */
let server: DemoServer;

const COMMAND = 'oDemoCommand';
/** 陈建华 leads 沙头社区, where the campaign runs. */
const LEADER = 'oDemoLeader';
/** 李志强: member of 沙头社区's first branch. */
const MEMBER = 'oDemoVolunteer';
/** 黄德明 leads the first branch, below the campaign's node. */
const BRANCH_LEADER = 'oGenBranch01';
/** 黄伟 leads 烟南村. */
const YANNAN_LEADER = 'oGenLeader02';

const SHATOU = 'g-shatou';
const B1 = 'g-shatou-b1';
const B1H1 = 'g-shatou-b1-h1';
const YANNAN = 'g-yannan';
const H1 = ['h-g-shatou-b1-h1-1', 'h-g-shatou-b1-h1-2', 'h-g-shatou-b1-h1-3'] as const;

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [
      { openid: BRANCH_LEADER, name: '黄德明', roleLabel: '支部书记' },
      { openid: YANNAN_LEADER, name: '黄伟', roleLabel: '网格长' },
    ],
  });
});
afterAll(() => server.close());

const { as, doc, docs, audits, snapshot, start, visit, assign, databaseCalls } = campaignHelpers(
  () => server,
);

type Row = (string | number | null)[];
interface Sheet {
  headers: string[];
  rows: Row[];
}

/** The exported file fetched from the link, each sheet's header and rows as plain values. */
async function download(url: string): Promise<Record<string, Sheet>> {
  const reply = await fetch(url);
  expect(reply.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await reply.arrayBuffer()) as unknown as ArrayBuffer);
  const out: Record<string, Sheet> = {};
  book.eachSheet((sheet) => {
    const values: Row[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1);
      values.push(cells.map((c) => (typeof c === 'string' || typeof c === 'number' ? c : null)));
    });
    const headers = (values[CAMPAIGN_HEADER_ROWS] ?? []).map(String);
    // Trailing empty cells are not stored: every row is as wide as the header.
    const rows = values
      .slice(CAMPAIGN_HEADER_ROWS + 1)
      .map((r) => headers.map((_, i) => (r[i] === undefined || r[i] === '' ? null : r[i])));
    out[sheet.name] = { headers, rows };
  });
  return out;
}

/** A row as header → value, the empty cells left out. */
const named = (sheet: Sheet, row: Row | undefined) =>
  Object.fromEntries(
    sheet.headers.flatMap((h, i) => (row?.[i] === null || row === undefined ? [] : [[h, row[i]]])),
  );

/** Files written under exports/ in the emulator's storage. */
function exportFiles(): string[] {
  const root = path.join(server.emulator.storage.root, 'exports');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

const exportAs = (openid: string, campaignId: string, gridId?: string) =>
  as(openid)('campaigns', 'export', { campaignId, ...(gridId && { gridId }) });

const addressOf = (id: string) => String(doc(COLLECTIONS.households, id)?.['address']);

describe('a campaign exported after two rounds', () => {
  let campaignId = '';
  let sheets: Record<string, Sheet> = {};
  let link = { url: '', fileName: '', targets: 0, rounds: 0 };

  beforeAll(async () => {
    campaignId = (await start(LEADER, { name: '春节洗楼', rounds: 2 })).id;
    dataOf(await assign(LEADER, campaignId, B1H1, MEMBER));
    // Round 1: nobody home at the first door, then in on the revisit; a finding; a refusal.
    dataOf(await visit(MEMBER, campaignId, H1[0], 'noHome'));
    dataOf(
      await visit(MEMBER, campaignId, H1[0], 'entered', {
        answers: [...ANSWERS, { item: 'q4', text: '老人独居' }],
      }),
    );
    dataOf(
      await visit(MEMBER, campaignId, H1[1], 'finding', {
        note: '楼道堆放杂物',
        answers: [{ item: 'q1', yes: true }],
      }),
    );
    dataOf(await visit(MEMBER, campaignId, H1[2], 'refused', { reason: '家中有老人休息' }));
    dataOf(await as(LEADER)('campaigns', 'advance', { campaignId, round: 1, confirm: true }));
    // Round 2: only the first door so far.
    dataOf(
      await visit(MEMBER, campaignId, H1[0], 'entered', {
        round: 2,
        answers: [
          { item: 'q1', yes: true },
          { item: 'q2', number: 5 },
          { item: 'q3', choice: '未落实' },
        ],
      }),
    );
    link = dataOf(await exportAs(LEADER, campaignId));
    sheets = await download(link.url);
  });

  it('names the file after the node and the campaign and says what it holds', () => {
    expect(link.fileName).toMatch(/^沙头社区 春节洗楼-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(link.rounds).toBe(2);
    const households = docs(COLLECTIONS.households).filter((h) =>
      (h['gridPath'] as string[]).includes(SHATOU),
    );
    expect(link.targets).toBe(households.length);
    expect(Object.keys(sheets)).toEqual([
      CAMPAIGN_EXPORT_SHEETS.targets,
      CAMPAIGN_EXPORT_SHEETS.coverage,
    ]);
  });

  it('排查明细: one row per household under the node, with path, assignee and 责任书', () => {
    const sheet = sheets[CAMPAIGN_EXPORT_SHEETS.targets];
    if (!sheet) throw new Error('no 排查明细 sheet');
    expect(sheet.headers.slice(0, 6)).toEqual([
      '村(社区)',
      '经济社党支部',
      '户联系党小组',
      '住户地址',
      '走访人员',
      '责任书',
    ]);
    const perRound = (round: number) => [
      `第${round}轮·结果`,
      `第${round}轮·上门次数`,
      `第${round}轮·走访人`,
      `第${round}轮·走访时间`,
      `第${round}轮·拒绝原因`,
      `第${round}轮·发现问题`,
      `第${round}轮·情况说明`,
      `第${round}轮·问题处理`,
      `第${round}轮·是否有外地返乡人员`,
      `第${round}轮·家中人数`,
      `第${round}轮·是否落实测温消毒`,
      `第${round}轮·其他情况`,
    ];
    expect(sheet.headers.slice(6)).toEqual([...perRound(1), ...perRound(2)]);
    expect(sheet.rows).toHaveLength(link.targets);
    expect(new Set(sheet.rows.map((r) => r[3])).size).toBe(link.targets);
    // 住户 sign no 责任书.
    expect(new Set(sheet.rows.map((r) => r[5]))).toEqual(new Set(['不适用']));
    // The leaf's doors together, in door order, under their path.
    const leafRows = sheet.rows.filter(
      (r) => r[2] === '第一户联系党小组' && r[1] === '第一经济社党支部',
    );
    expect(leafRows.map((r) => r[3])).toEqual(H1.map(addressOf));
    for (const r of leafRows)
      expect(r.slice(0, 5)).toEqual(['沙头社区', ...r.slice(1, 4), '李志强']);
  });

  it('each round: the outcome in Chinese, the knocks, who and when (China time), the answers in words', () => {
    const sheet = sheets[CAMPAIGN_EXPORT_SHEETS.targets];
    if (!sheet) throw new Error('no 排查明细 sheet');
    const rowOf = (id: string) =>
      named(
        sheet,
        sheet.rows.find((r) => r[3] === addressOf(id)),
      );
    const at = (id: string, round: number) =>
      new Date(doc(COLLECTIONS.visits, `${campaignId}:${round}:${id}`)?.['at'] as string);
    const china = (d: Date) =>
      new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

    expect(rowOf(H1[0])).toEqual({
      '村(社区)': '沙头社区',
      经济社党支部: '第一经济社党支部',
      户联系党小组: '第一户联系党小组',
      住户地址: addressOf(H1[0]),
      走访人员: '李志强',
      责任书: '不适用',
      '第1轮·结果': '已入户',
      '第1轮·上门次数': 2,
      '第1轮·走访人': '李志强',
      '第1轮·走访时间': china(at(H1[0], 1)),
      '第1轮·是否有外地返乡人员': '否',
      '第1轮·家中人数': '3人',
      '第1轮·是否落实测温消毒': '已落实',
      '第1轮·其他情况': '老人独居',
      '第2轮·结果': '已入户',
      '第2轮·上门次数': 1,
      '第2轮·走访人': '李志强',
      '第2轮·走访时间': china(at(H1[0], 2)),
      '第2轮·是否有外地返乡人员': '是',
      '第2轮·家中人数': '5人',
      '第2轮·是否落实测温消毒': '未落实',
    });
    expect(rowOf(H1[1])).toMatchObject({
      '第1轮·结果': '发现问题',
      '第1轮·上门次数': 1,
      '第1轮·发现问题': '其他问题',
      '第1轮·情况说明': '楼道堆放杂物',
      '第1轮·问题处理': '待处理',
      '第1轮·是否有外地返乡人员': '是',
      '第2轮·结果': '未走访',
    });
    expect(rowOf(H1[1])).not.toHaveProperty('第1轮·家中人数');
    expect(rowOf(H1[2])).toMatchObject({
      '第1轮·结果': '拒绝',
      '第1轮·拒绝原因': '家中有老人休息',
      '第2轮·结果': '未走访',
    });
    expect(rowOf(H1[2])).not.toHaveProperty('第1轮·是否有外地返乡人员');
    // A door nobody went to: 未走访 in both rounds, nobody assigned.
    const untouched = named(
      sheet,
      sheet.rows.find((r) => r[1] === '第二经济社党支部'),
    );
    expect(untouched).toMatchObject({ '第1轮·结果': '未走访', '第2轮·结果': '未走访' });
    expect(untouched).not.toHaveProperty('走访人员');
  });

  it('覆盖率: each node in each round, as the coverage page counts it', async () => {
    const sheet = sheets[CAMPAIGN_EXPORT_SHEETS.coverage];
    if (!sheet) throw new Error('no 覆盖率 sheet');
    expect(sheet.headers).toEqual([
      '村(社区)',
      '经济社党支部',
      '户联系党小组',
      '轮次',
      '应访',
      '已分配',
      '已入户（含发现问题）',
      '发现问题',
      '拒绝',
      '无人在家（待回访）',
      '无人在家已达提醒次数',
      '入户率',
      '排查率',
    ]);
    const rowFor = (names: string[], round: number) =>
      named(
        sheet,
        sheet.rows.find(
          (r) =>
            r[3] === `第${round}轮` && [0, 1, 2].every((i) => (r[i] ?? '') === (names[i] ?? '')),
        ),
      );
    const leaf = ['沙头社区', '第一经济社党支部', '第一户联系党小组'];
    expect(rowFor(leaf, 1)).toMatchObject({
      应访: 3,
      已分配: 3,
      '已入户（含发现问题）': 2,
      发现问题: 1,
      拒绝: 1,
      '无人在家（待回访）': 0,
      入户率: '66%',
      排查率: '100%',
    });
    expect(rowFor(leaf, 2)).toMatchObject({
      '已入户（含发现问题）': 1,
      入户率: '33%',
      排查率: '33%',
    });
    // The node itself first, then what lies under it; each node as the coverage action sees it.
    expect(sheet.rows[0]?.slice(0, 4)).toEqual(['沙头社区', null, null, '第1轮']);
    for (const round of [1, 2]) {
      const view = dataOf(
        await as(LEADER)('campaigns', 'coverage', { campaignId, gridId: SHATOU, round, page: 1 }),
      );
      expect(rowFor(['沙头社区'], round)).toMatchObject({
        应访: view.node.figures.targets,
        已分配: view.node.figures.assigned,
        '已入户（含发现问题）': view.node.figures.visited,
        拒绝: view.node.figures.refused,
      });
    }
    // Every node of the subtree, once per round.
    const nodes = docs(COLLECTIONS.grids).filter(
      (g) => g['_id'] === SHATOU || (g['ancestors'] as string[]).includes(SHATOU),
    );
    expect(sheet.rows).toHaveLength(nodes.length * 2);
  });

  it('is audited: who, which node, which campaign', () => {
    expect(audits('campaign.export', campaignId)).toEqual([
      expect.objectContaining({
        actor: LEADER,
        gridId: SHATOU,
        detail: expect.objectContaining({ targets: link.targets, rounds: 2 }),
      }),
    ]);
  });

  it('a leader below the campaign’s node exports his own node only', async () => {
    expect(failure(await exportAs(BRANCH_LEADER, campaignId)).code).toBe('FORBIDDEN');
    const own = dataOf(await exportAs(BRANCH_LEADER, campaignId, B1));
    expect(own.fileName).toMatch(/^第一经济社党支部 春节洗楼-/);
    const sheet = (await download(own.url))[CAMPAIGN_EXPORT_SHEETS.targets];
    expect(sheet?.headers.slice(0, 3)).toEqual(['经济社党支部', '户联系党小组', '住户地址']);
    expect(new Set(sheet?.rows.map((r) => r[0]))).toEqual(new Set(['第一经济社党支部']));
    expect(sheet?.rows).toHaveLength(own.targets);
  });

  it('refuses members, leaders elsewhere, nodes outside the campaign and missing campaigns, writing nothing', async () => {
    const files = exportFiles();
    const before = snapshot();
    const refused: [string, string, string | undefined, string, string?][] = [
      [MEMBER, campaignId, undefined, 'FORBIDDEN'],
      [MEMBER, campaignId, B1H1, 'FORBIDDEN'],
      [YANNAN_LEADER, campaignId, undefined, 'FORBIDDEN'],
      [YANNAN_LEADER, campaignId, YANNAN, 'FORBIDDEN'],
      [LEADER, campaignId, YANNAN, 'FORBIDDEN'],
      [LEADER, 'c-nowhere', undefined, 'FORBIDDEN'],
      [COMMAND, 'c-nowhere', undefined, 'NOT_FOUND', '该排查不存在'],
      [COMMAND, campaignId, YANNAN, 'INVALID_INPUT', '该网格不在本次排查范围内'],
    ];
    for (const [openid, id, gridId, code, message] of refused) {
      const result = failure(await exportAs(openid, id, gridId));
      expect([openid, gridId, result.code]).toEqual([openid, gridId, code]);
      if (message) expect(result.message).toBe(message);
    }
    expect(snapshot()).toBe(before);
    expect(exportFiles()).toEqual(files);
  });
});

describe('size', () => {
  /** A new leaf under the second branch with `n` households, inserted as the register makes them. */
  let leaves = 0;
  async function leafOf(n: number): Promise<string> {
    leaves += 1;
    const leaf = dataOf(
      await as(LEADER)('grids', 'create', { parentId: 'g-shatou-b2', name: `导出小组${leaves}` }),
    );
    const gridPath = [...leaf.path.map((p) => p.id), leaf.id];
    // One transaction: twenty thousand single inserts would hold the test's event loop (and
    // the emulator in it) long enough for the gateway's connections to drop.
    const store = server.emulator.store;
    store.atomically(() => {
      for (let i = 0; i < n; i += 1) {
        store.insert(COLLECTIONS.households, {
          _id: `h-export-${leaves}-${String(i).padStart(5, '0')}`,
          gridId: leaf.id,
          gridPath,
          address: `导出街${i + 1}号`,
          code: `X${leaves}${String(i).padStart(6, '0')}`,
          contact: null,
          createdAt: new Date(),
          place: { street: '导出街', building: '', unit: '', door: `${i + 1}号` },
          rev: 0,
        });
      }
    });
    return leaf.id;
  }
  const callsOf = async (run: () => Promise<unknown>) => {
    const before = await databaseCalls();
    dataOf((await run()) as Parameters<typeof dataOf>[0]);
    return (await databaseCalls()) - before;
  };

  it('its database calls grow with the doors a thousand at a time, not one per door', async () => {
    const campaignId = (await start(LEADER, { name: '导出调用', checklist: [] })).id;
    const [small, large, larger] = [await leafOf(3), await leafOf(900), await leafOf(1100)];
    const exportOf = (gridId: string) => () => exportAs(LEADER, campaignId, gridId);
    const calls = await callsOf(exportOf(small));
    expect(await callsOf(exportOf(large))).toBe(calls);
    // One more page of targets past a thousand.
    expect(await callsOf(exportOf(larger))).toBe(calls + 1);
    // The actor (2), the campaign, the node, the count, the subtree (2), the level names, the
    // targets, the assignments, the round's visits, three per-leaf counts, the audit entry.
    expect(calls).toBe(15);
  });

  it('refuses a node whose rows would be too wide and many: ten rounds of twenty questions', async () => {
    const checklist = Array.from({ length: 20 }, (_, i) => ({
      label: `检查项${i + 1}`,
      kind: 'yesNo' as const,
    }));
    const campaignId = (await start(LEADER, { name: '导出宽度', checklist, rounds: 10 })).id;
    for (let round = 1; round < 10; round += 1) {
      dataOf(await as(LEADER)('campaigns', 'advance', { campaignId, round, confirm: true }));
    }
    // Each row: 3 cells, then 8 per round and one per question: 283 cells.
    const fits = Math.floor(EXPORT_MAX_CELLS / 283);
    const leafId = await leafOf(fits + 1);
    const before = snapshot();
    const result = failure(await exportAs(LEADER, campaignId, leafId));
    expect(result).toMatchObject({ code: 'CONFLICT' });
    expect(result.message).toBe(
      `导出小组${leaves}共 ${fits + 1} 个住户、10 轮走访，内容超过一次导出的上限，请在下级网格分别导出`,
    );
    expect(snapshot()).toBe(before);
  });

  it(`refuses a node of more than ${EXPORT_MAX_TARGETS} targets, saying to export one below`, async () => {
    const campaignId = (await start(LEADER, { name: '导出上限', checklist: [] })).id;
    const leafId = await leafOf(EXPORT_MAX_TARGETS + 1);
    const before = snapshot();
    const result = failure(await exportAs(LEADER, campaignId, leafId));
    expect(result).toMatchObject({ code: 'CONFLICT' });
    expect(result.message).toBe(
      `导出小组${leaves}共 ${EXPORT_MAX_TARGETS + 1} 个住户，超过一次导出的上限 ${EXPORT_MAX_TARGETS} 个，请在下级网格分别导出`,
    );
    expect(snapshot()).toBe(before);
  });
});
