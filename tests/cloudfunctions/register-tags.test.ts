/**
 * The register's household tags and filters through the real functions: each row carries how many
 * of its people are 观察中 / 今日未报 / 异常 (as 我联系的住户 has them) and its 重点关爱 marks; a
 * filter pages over only the households under the node carrying that tag, selected and counted by
 * the database, and the first page counts every tag for the chips.
 *
 * A town of its own: branch A (two leaves of 30 households) led by one leader, its sibling branch
 * B (8 households) by another. Each household's state is made through the functions: returns
 * declared, reports submitted, an alert resolved, an observation ended early, people added with
 * marks.
 */
import {
  addDays,
  chinaDay,
  HOUSEHOLD_FILTERS,
  LEVEL_TEMPLATES,
  PAGE_SIZE,
  type HouseholdFilter,
  type HouseholdPage,
  type HouseholdRow,
  type ReturnDeclaration,
} from '@gridguard/types';
import { databaseCalls } from '../../bench/http';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { buildDeployment, generatedHouseholds, type NodeSpec } from '../../scripts/demo/builder';
import { actingAs, dataOf } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';

const COMMAND = 'oTagCommand';
const LEADER_A = 'oTagLeaderA';
const LEADER_B = 'oTagLeaderB';
const [TOWN, VILLAGE, , GROUP] = LEVEL_TEMPLATES.jiujiang.levels;

const leaf = (id: string, street: string, count: number, start: number): NodeSpec => ({
  id,
  name: `${street}小组`,
  levelName: GROUP,
  households: generatedHouseholds(id, street, count, start, 2),
});
const town: NodeSpec = {
  id: 'g-t',
  name: '标签镇',
  levelName: TOWN,
  children: [
    {
      id: 'g-t-a',
      name: '甲社区',
      levelName: VILLAGE,
      team: [{ openid: LEADER_A, name: '甲网格长', kind: 'leader', party: true }],
      children: [leaf('g-t-a1', '甲东街', 30, 0), leaf('g-t-a2', '甲西街', 30, 100)],
    },
    {
      id: 'g-t-b',
      name: '乙社区',
      levelName: VILLAGE,
      team: [{ openid: LEADER_B, name: '乙网格长', kind: 'leader', party: true }],
      children: [leaf('g-t-b1', '乙街', 8, 200)],
    },
  ],
};

let server: DemoServer;
const as = (openid: string) => actingAs(server.emulator, openid);
const today = () => chinaDay(Date.now());
const hh = (leafId: string, n: number) => `h-${leafId}-${n}`;
const range = (leafId: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => hh(leafId, from + i));
const fromWuhan = (arrivalDay: string): ReturnDeclaration => ({
  origin: { province: '湖北省', city: '武汉市', district: '' },
  via: [],
  transport: 'train',
  transportNumber: 'G1002',
  departureDay: addDays(arrivalDay, -1),
  arrivalDay,
  contactWithCases: false,
  symptoms: [],
});

/** What each household under branch A is made to be; the rest of A carry no tag. */
const A = {
  notReported: [...range('g-t-a1', 1, 12), ...range('g-t-a2', 1, 10)],
  abnormal: [...range('g-t-a1', 13, 24), ...range('g-t-a2', 11, 20)],
  /** A fever today, then the alert resolved: no longer escalated, still 异常 today. */
  resolved: hh('g-t-a2', 21),
  reported: hh('g-t-a2', 22),
  /** Arriving tomorrow: under observation with nothing due yet. */
  arriving: hh('g-t-a2', 23),
  released: hh('g-t-a2', 24),
  /** One person not reported, the other with a fever. */
  mixed: hh('g-t-a1', 25),
  care: [...range('g-t-a1', 1, 10), ...range('g-t-a1', 26, 30), ...range('g-t-a2', 25, 30)],
};
const B = {
  notReported: range('g-t-b1', 1, 2),
  abnormal: range('g-t-b1', 3, 4),
  care: [hh('g-t-b1', 5)],
};
const EXPECTED: Record<HouseholdFilter, string[]> = {
  notReported: [...A.notReported, A.mixed],
  abnormal: [...A.abnormal, A.resolved, A.mixed],
  observing: [...A.notReported, ...A.abnormal, A.resolved, A.reported, A.arriving, A.mixed],
  care: A.care,
};
const ALL_A = [...range('g-t-a1', 1, 30), ...range('g-t-a2', 1, 30)];

/** Runs the steps a few at a time: the functions' pools are small. */
async function inBatches(steps: (() => Promise<unknown>)[], size = 6) {
  for (let i = 0; i < steps.length; i += size)
    await Promise.all(steps.slice(i, i + size).map((step) => step()));
}

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    deployment: () =>
      buildDeployment(town, new Date('2020-02-03T08:00:00+08:00'), [
        { openid: COMMAND, name: '标签镇指挥部' },
      ]),
    extraLogins: [
      { openid: COMMAND, name: '标签镇指挥部', roleLabel: '指挥部' },
      { openid: LEADER_A, name: '甲网格长', roleLabel: '网格长' },
      { openid: LEADER_B, name: '乙网格长', roleLabel: '网格长' },
    ],
  });
  const command = as(COMMAND);
  const yesterday = addDays(today(), -1);
  const declare =
    (personId: string, arrival = yesterday) =>
    async () =>
      dataOf(await command('returns', 'declare', { personId, declaration: fromWuhan(arrival) }));
  const report = (personId: string, temperature: number) => async () =>
    dataOf(await command('reports', 'submit', { personId, temperature, symptoms: [] }));
  const p1 = (h: string) => `${h}-p1`;
  const p2 = (h: string) => `${h}-p2`;
  const notReported = [...A.notReported, ...B.notReported, A.mixed].map(p1);
  const fevers = [...A.abnormal, ...B.abnormal, A.resolved].map(p1).concat(p2(A.mixed));
  await inBatches([
    ...notReported.map((p) => declare(p)),
    ...fevers.map((p) => declare(p)),
    declare(p1(A.reported)),
    declare(p1(A.arriving), addDays(today(), 1)),
    declare(p1(A.released)),
  ]);
  await inBatches([
    ...fevers.map((p) => report(p, 38.4)),
    report(p1(A.reported), 36.5),
    async () =>
      dataOf(
        await command('returns', 'endEarly', {
          personId: p1(A.released),
          reason: '核酸检测阴性',
          confirm: true,
        }),
      ),
  ]);
  dataOf(await command('returns', 'resolve', { personId: p1(A.resolved), reason: '复测体温正常' }));
  await inBatches(
    [...A.care, ...B.care].map(
      (householdId, i) => async () =>
        dataOf(
          await command('register', 'addPerson', {
            householdId,
            key: `k-care-${i}`,
            person: {
              name: '独居老人',
              relation: '其他',
              residency: 'registered',
              care: i % 2 === 0 ? ['alone'] : ['alone', 'disabled'],
            },
          }),
        ),
    ),
  );
}, 120_000);
afterAll(() => server.close());

/** Every page of a node's list under a filter, and the first page's answer. */
async function everyPage(
  openid: string,
  gridId: string,
  filter?: HouseholdFilter,
): Promise<{ rows: HouseholdRow[]; first: HouseholdPage; pages: number }> {
  const call = as(openid);
  const first = dataOf(
    await call('register', 'households', { gridId, page: 1, ...(filter && { filter }) }),
  );
  const rows = [...first.items];
  let pages = 1;
  while (rows.length < first.total) {
    pages += 1;
    const next = dataOf(
      await call('register', 'households', { gridId, page: pages, ...(filter && { filter }) }),
    );
    expect(next.total).toBe(first.total);
    expect(next.counts).toBeNull();
    if (next.items.length === 0) throw new Error(`page ${pages} came back empty`);
    rows.push(...next.items);
  }
  return { rows, first, pages };
}
const ids = (rows: readonly HouseholdRow[]) => rows.map((r) => r.id).sort();
const carries = (row: HouseholdRow, filter: HouseholdFilter) =>
  filter === 'care' ? row.care.length > 0 : row.tags[filter] > 0;

describe('tags on the rows', () => {
  it('counts each household’s people under observation, not reported and abnormal, with its marks', async () => {
    const { rows } = await everyPage(LEADER_A, 'g-t-a');
    expect(rows).toHaveLength(ALL_A.length);
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row(hh('g-t-a1', 1))).toMatchObject({
      people: 3,
      tags: { observing: 1, notReported: 1, abnormal: 0 },
      care: ['alone'],
    });
    expect(row(hh('g-t-a1', 13))?.tags).toEqual({ observing: 1, notReported: 0, abnormal: 1 });
    expect(row(A.mixed)?.tags).toEqual({ observing: 2, notReported: 1, abnormal: 1 });
    expect(row(A.resolved)?.tags).toEqual({ observing: 1, notReported: 0, abnormal: 1 });
    expect(row(A.reported)?.tags).toEqual({ observing: 1, notReported: 0, abnormal: 0 });
    expect(row(A.arriving)?.tags).toEqual({ observing: 1, notReported: 0, abnormal: 0 });
    expect(row(A.released)?.tags).toEqual({ observing: 0, notReported: 0, abnormal: 0 });
    expect(row(hh('g-t-a1', 27))).toMatchObject({
      people: 3,
      tags: { observing: 0, notReported: 0, abnormal: 0 },
      care: ['alone', 'disabled'],
    });
  });
});

describe('filters', () => {
  it.each(HOUSEHOLD_FILTERS)(
    '%s pages over exactly the matching households of the subtree, not the sibling’s',
    async (filter) => {
      const { rows, first, pages } = await everyPage(LEADER_A, 'g-t-a', filter);
      expect(ids(rows)).toEqual([...EXPECTED[filter]].sort());
      expect(first.total).toBe(EXPECTED[filter].length);
      expect(first.items).toHaveLength(PAGE_SIZE);
      expect(pages).toBeGreaterThan(1);
      // By address, as the full list is; no row twice.
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      const addresses = first.items.map((r) => r.address);
      expect(addresses).toEqual([...addresses].sort());
      for (const row of rows) expect(carries(row, filter)).toBe(true);
    },
  );

  it('agrees with the rows’ own tags, on the node and on one leaf', async () => {
    for (const gridId of ['g-t-a', 'g-t-a2']) {
      const all = (await everyPage(LEADER_A, gridId)).rows;
      for (const filter of HOUSEHOLD_FILTERS) {
        const { rows, first } = await everyPage(LEADER_A, gridId, filter);
        expect(ids(rows)).toEqual(ids(all.filter((r) => carries(r, filter))));
        expect(first.counts?.[filter]).toBe(rows.length);
      }
    }
  });

  it('counts every tag on the first page, whatever the filter', async () => {
    const counts = {
      observing: EXPECTED.observing.length,
      notReported: EXPECTED.notReported.length,
      abnormal: EXPECTED.abnormal.length,
      care: EXPECTED.care.length,
    };
    expect(
      dataOf(await as(LEADER_A)('register', 'households', { gridId: 'g-t-a' })).counts,
    ).toEqual(counts);
    const filtered = dataOf(
      await as(LEADER_A)('register', 'households', { gridId: 'g-t-a', filter: 'care' }),
    );
    expect(filtered.counts).toEqual(counts);
    expect(filtered.total).toBe(counts.care);
    // The sibling branch has its own.
    expect(
      dataOf(await as(LEADER_B)('register', 'households', { gridId: 'g-t-b' })).counts,
    ).toEqual({ observing: 4, notReported: 2, abnormal: 2, care: 1 });
  });

  it('follows the day: a report takes a household off 今日未报', async () => {
    const household = hh('g-t-a2', 10);
    const before = dataOf(
      await as(LEADER_A)('register', 'households', { gridId: 'g-t-a2', filter: 'notReported' }),
    );
    expect(before.items.map((r) => r.id)).toContain(household);
    dataOf(
      await as(COMMAND)('reports', 'submit', {
        personId: `${household}-p1`,
        temperature: 36.4,
        symptoms: [],
      }),
    );
    const after = dataOf(
      await as(LEADER_A)('register', 'households', { gridId: 'g-t-a2', filter: 'notReported' }),
    );
    expect(after.items.map((r) => r.id)).not.toContain(household);
    expect(after.total).toBe(before.total - 1);
    expect(after.counts?.observing).toBe(before.counts?.observing);
  });

  it('costs the same number of DB calls for a few matches as for thousands', async () => {
    const calls = async (gridId: string, page: number) => {
      const before = await databaseCalls(server.url);
      dataOf(await as(COMMAND)('register', 'households', { gridId, page, filter: 'abnormal' }));
      return (await databaseCalls(server.url)) - before;
    };
    await calls('g-t-b', 1);
    const few = await calls('g-t-b', 1);
    const many = await calls('g-t-a', 1);
    expect(many).toBe(few);
    // The caller (2), the node, the page, the chips (2), people, observations, reports.
    expect(many).toBeLessThanOrEqual(9);
    // A later page: the page and its count instead of the chips.
    expect(await calls('g-t-a', 2)).toBeLessThanOrEqual(many);
  });
});

describe('refusals', () => {
  it('refuses a caller out of scope with a filter too, and a node that is not there', async () => {
    for (const filter of HOUSEHOLD_FILTERS) {
      expect(
        await as(LEADER_B)('register', 'households', { gridId: 'g-t-a', filter }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(
        await as(LEADER_A)('register', 'households', { gridId: 'g-t-b1', filter }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(
      await as(LEADER_A)('register', 'households', { gridId: 'g-nowhere', filter: 'abnormal' }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('answers a bad filter with a validation error', async () => {
    for (const filter of ['escalated', '', 'ABNORMAL', 3, null])
      expect(
        await as(LEADER_A)('register', 'households', {
          gridId: 'g-t-a',
          // A value the schema does not take, as a tampered client could send it.
          filter: filter as unknown as HouseholdFilter,
        }),
      ).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        issues: [{ path: 'filter', message: '筛选条件不正确' }],
      });
  });
});
