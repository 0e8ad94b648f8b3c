import fc from 'fast-check';
import {
  addDays,
  COLLECTIONS,
  SUBSCRIBE_TEMPLATES,
  type CoverageFigures,
  type FunctionResult,
  type Outcome,
  type ReturnDeclaration,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { dataOf } from '../helpers/actions';
import {
  ANSWERS,
  campaignHelpers,
  failure,
  today,
  type StartInput,
  type VisitInput,
} from '../helpers/campaigns';
import { tempDir } from '../helpers/emulator';

/**
 * 洗楼 / 排查 campaigns through the real functions: starting one, rounds, assignment, visits (one
 * outcome per target per round, idempotent by client id, under races), the revisit queue, findings
 * flowing into 一日一报 and the observation, and coverage against a brute-force count. In scope is
 * 沙头社区 (led by 陈建华); 烟南村 is out of his scope.
 */
let server: DemoServer;

const COMMAND = 'oDemoCommand';
const LEADER = 'oDemoLeader';
/** 李志强: member of 沙头社区's first branch. */
const MEMBER = 'oDemoVolunteer';
const RESIDENT = 'oDemoResident';
/** 黄德明 leads the first branch, below 陈建华. */
const BRANCH_LEADER = 'oGenBranch01';
/** 罗桂芳 serves the first branch's first group; 宋艳 the second branch's. */
const CONTACT1 = 'oGenContact01';
const CONTACT2 = 'oGenContact02';
/** 黄伟 leads 烟南村. */
const YANNAN_LEADER = 'oGenLeader02';
/** A member of a generated tree's root (the coverage property). */
const WALKER = 'oWalker';
/** Joined 沙头社区 by an invite code, not confirmed yet. */
const PENDING = 'oPendingMember';

const SHATOU = 'g-shatou';
const B1 = 'g-shatou-b1';
const B1H1 = 'g-shatou-b1-h1';
const B1H3 = 'g-shatou-b1-h3';
const B2H1 = 'g-shatou-b2-h1';
const YANNAN = 'g-yannan';
const H1 = ['h-g-shatou-b1-h1-1', 'h-g-shatou-b1-h1-2', 'h-g-shatou-b1-h1-3'];
const YANNAN_HOUSEHOLD = 'h-g-yannan-b1-h1-1';

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [
      { openid: BRANCH_LEADER, name: '黄德明', roleLabel: '支部书记' },
      { openid: CONTACT1, name: '罗桂芳', roleLabel: '网格员' },
      { openid: CONTACT2, name: '宋艳', roleLabel: '网格员' },
      { openid: YANNAN_LEADER, name: '黄伟', roleLabel: '网格长' },
      { openid: WALKER, name: '走访员', roleLabel: '网格员' },
      { openid: PENDING, name: '待确认', roleLabel: '新用户' },
      { openid: 'oGenContact03', name: '梁志明', roleLabel: '网格员' },
      { openid: 'oGenSupport01', name: '何丽娟', roleLabel: '下沉支援' },
    ],
  });
  const { code } = dataOf(
    await as(LEADER)('members', 'invite', {
      gridId: SHATOU,
      kind: 'member',
      party: false,
      days: 7,
      maxUses: 5,
    }),
  );
  dataOf(await as(PENDING)('members', 'join', { code, name: '待确认' }));
});
afterAll(() => server.close());

const {
  as,
  store,
  docs,
  doc,
  insert,
  audits,
  snapshot,
  clientId,
  startInput,
  start: startAs,
  visit,
  visitDoc,
  assign,
  databaseCalls,
} = campaignHelpers(() => server);
const start = (openid = LEADER, over: Partial<StartInput> = {}) => startAs(openid, over);

describe('starting a campaign', () => {
  it('a leader starts one under his node: the checklist gets ids, round 1 is current, audited', async () => {
    const campaign = await start();
    expect(campaign).toMatchObject({
      name: '第一次洗楼',
      kind: 'household',
      gridId: SHATOU,
      gridName: '沙头社区',
      rounds: 2,
      round: 1,
      status: 'active',
      letter: null,
      maxAttempts: 3,
      createdBy: '陈建华',
      may: { run: true, assign: true, visit: true },
    });
    expect(campaign.checklist.map((q) => [q.id, q.kind, q.required])).toEqual([
      ['q1', 'yesNo', true],
      ['q2', 'number', true],
      ['q3', 'choice', true],
      ['q4', 'text', false],
    ]);
    expect(campaign.checklist[1]).toMatchObject({ min: 0, max: 30, unit: '人', options: [] });
    expect(audits('campaign.start', campaign.id)).toHaveLength(1);
  });

  it('the same form sent twice starts one campaign', async () => {
    const input = startInput({ name: '重复提交' });
    const [a, b] = await Promise.all([
      as(LEADER)('campaigns', 'start', input),
      as(LEADER)('campaigns', 'start', input),
    ]);
    expect(dataOf(a).id).toBe(dataOf(b).id);
    expect(docs(COLLECTIONS.campaigns).filter((c) => c['name'] === '重复提交')).toHaveLength(1);
    const again = dataOf(await as(LEADER)('campaigns', 'start', input));
    expect(again.id).toBe(dataOf(a).id);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = snapshot();
    const bad: [string, Partial<StartInput>][] = [
      ['结束日期不能早于开始日期', { endDay: addDays(today(), -1) }],
      ['排查最长 90 天', { endDay: addDays(today(), 90) }],
      ['最多 10 轮', { rounds: 11 }],
      ['开始日期最早为 7 天前', { startDay: addDays(today(), -8) }],
      ['日期不存在', { startDay: '2026-02-30' }],
      [
        '「是否测温」至少需要 2 个不同的选项',
        { checklist: [{ label: '是否测温', kind: 'choice', options: ['是', '是'] }] },
      ],
      [
        '检查项「家中人数」重复',
        {
          checklist: [
            { label: '家中人数', kind: 'number' },
            { label: '家中人数', kind: 'number' },
          ],
        },
      ],
      [
        '「家中人数」的最小值不能大于最大值',
        { checklist: [{ label: '家中人数', kind: 'number', min: 5, max: 1 }] },
      ],
      ['只有出租屋和企业排查可以附责任书', { letter: '住户防疫承诺书' }],
      [
        '检查项最多 20 个',
        {
          checklist: Array.from({ length: 21 }, (_, i) => ({
            label: `检查项${i}`,
            kind: 'yesNo' as const,
          })),
        },
      ],
    ];
    for (const [message, over] of bad) {
      const result = failure(await as(LEADER)('campaigns', 'start', startInput(over)));
      expect(result.code).toBe('INVALID_INPUT');
      expect([result.message, ...(result.issues ?? []).map((i) => i.message)]).toContain(message);
    }
    const unconfirmed = failure(
      await as(LEADER)('campaigns', 'start', {
        ...startInput(),
        confirm: true,
      } as unknown as StartInput),
    );
    expect(unconfirmed.code).toBe('INVALID_INPUT');
    expect(snapshot()).toBe(before);
  });

  it('only leaders over the node and the command centre start one', async () => {
    const before = snapshot();
    for (const [openid, gridId] of [
      [MEMBER, B1],
      [RESIDENT, SHATOU],
      [LEADER, YANNAN],
      [BRANCH_LEADER, SHATOU],
      [PENDING, SHATOU],
      [LEADER, 'g-nowhere'],
    ] as const) {
      expect(failure(await as(openid)('campaigns', 'start', startInput({ gridId }))).code).toBe(
        'FORBIDDEN',
      );
    }
    expect(
      failure(await as(COMMAND)('campaigns', 'start', startInput({ gridId: 'g-nowhere' }))).code,
    ).toBe('NOT_FOUND');
    expect(snapshot()).toBe(before);
    expect((await start(COMMAND, { gridId: YANNAN })).may.run).toBe(true);
    expect((await start(BRANCH_LEADER, { gridId: B1 })).gridId).toBe(B1);
  });
});

describe('who sees a campaign', () => {
  let town = '';
  let village = '';
  let yannan = '';
  beforeAll(async () => {
    town = (await start(COMMAND, { gridId: 'g-jiujiang', name: '全镇洗楼' })).id;
    village = (await start(LEADER, { name: '沙头社区排查' })).id;
    yannan = (await start(COMMAND, { gridId: YANNAN, name: '烟南村排查' })).id;
  });

  it('staff see those under their nodes and those above that cover them; the rest are refused', async () => {
    const ids = async (openid: string, gridId?: string) =>
      dataOf(
        await as(openid)('campaigns', 'list', { page: 1, ...(gridId && { gridId }) }),
      ).items.map((c) => c.id);
    const contact = await ids(CONTACT1);
    expect(contact).toEqual(expect.arrayContaining([town, village]));
    expect(contact).not.toContain(yannan);
    expect(await ids(YANNAN_LEADER)).toEqual(expect.arrayContaining([town, yannan]));
    expect(await ids(YANNAN_LEADER)).not.toContain(village);
    expect(await ids(COMMAND)).toEqual(expect.arrayContaining([town, village, yannan]));
    expect(await ids(LEADER, B1H1)).toEqual(expect.arrayContaining([town, village]));
    expect(failure(await as(LEADER)('campaigns', 'list', { gridId: YANNAN, page: 1 })).code).toBe(
      'FORBIDDEN',
    );
    expect(failure(await as(RESIDENT)('campaigns', 'list', { page: 1 })).code).toBe('FORBIDDEN');
    expect(
      failure(await as(YANNAN_LEADER)('campaigns', 'detail', { campaignId: village })).code,
    ).toBe('FORBIDDEN');
    expect(failure(await as(LEADER)('campaigns', 'detail', { campaignId: 'c-nowhere' })).code).toBe(
      'FORBIDDEN',
    );
    expect(
      failure(await as(COMMAND)('campaigns', 'detail', { campaignId: 'c-nowhere' })).code,
    ).toBe('NOT_FOUND');
  });

  it('says what each caller may do', async () => {
    const may = async (openid: string, campaignId: string) =>
      dataOf(await as(openid)('campaigns', 'detail', { campaignId })).may;
    expect(await may(LEADER, village)).toEqual({ run: true, assign: true, visit: true });
    expect(await may(BRANCH_LEADER, village)).toEqual({ run: false, assign: true, visit: true });
    expect(await may(CONTACT1, village)).toEqual({ run: false, assign: false, visit: true });
    expect(await may(LEADER, town)).toEqual({ run: false, assign: true, visit: true });
    // Joined by an invite code and not confirmed: looks only.
    expect(await may(PENDING, village)).toEqual({ run: false, assign: false, visit: false });
  });

  it('pages the list, running ones first and the newest first', async () => {
    for (let i = 0; i < 21; i += 1)
      await start(COMMAND, { gridId: 'g-yannan-b1', name: `分页${i}` });
    const first = dataOf(
      await as(YANNAN_LEADER)('campaigns', 'list', { gridId: 'g-yannan-b1', page: 1 }),
    );
    const second = dataOf(
      await as(YANNAN_LEADER)('campaigns', 'list', { gridId: 'g-yannan-b1', page: 2 }),
    );
    // Its own 21, 烟南村's and the town's above it.
    expect(first.total).toBe(24);
    expect(first.items).toHaveLength(20);
    expect(second.items).toHaveLength(4);
    expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(24);
    expect(first.items[0]?.name).toBe('分页20');
  });
});

describe('rounds', () => {
  it('a leader over the node advances round by round, confirmed and audited; then closes', async () => {
    const campaign = await start(LEADER, { rounds: 2 });
    const before = snapshot();
    const advance = (openid: string, round: number) =>
      as(openid)('campaigns', 'advance', { campaignId: campaign.id, round, confirm: true });
    expect(failure(await advance(BRANCH_LEADER, 1)).code).toBe('FORBIDDEN');
    expect(failure(await advance(MEMBER, 1)).code).toBe('FORBIDDEN');
    expect(failure(await advance(YANNAN_LEADER, 1)).code).toBe('FORBIDDEN');
    expect(failure(await advance(LEADER, 2)).message).toBe('当前已是第1轮，请刷新后查看');
    expect(snapshot()).toBe(before);
    // Two taps at once: one advance.
    const [a, b] = await Promise.all([advance(LEADER, 1), advance(LEADER, 1)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(dataOf(await as(LEADER)('campaigns', 'detail', { campaignId: campaign.id })).round).toBe(
      2,
    );
    expect(audits('campaign.advance', campaign.id)).toHaveLength(1);
    expect(failure(await advance(LEADER, 2)).message).toBe('已是最后一轮，请结束排查');
    const close = () =>
      as(LEADER)('campaigns', 'close', { campaignId: campaign.id, confirm: true });
    expect(dataOf(await close()).status).toBe('closed');
    expect(dataOf(await close()).status).toBe('closed');
    expect(audits('campaign.close', campaign.id)).toHaveLength(1);
    expect(
      failure(await visit(LEADER, campaign.id, H1[0] ?? '', 'noHome', { round: 2 })).message,
    ).toBe('该排查已结束');
  });
});

/** A leaf made for a test, with households placed in buildings, inserted as the register makes them. */
let leaves = 0;
async function leafWith(
  spots: { building: string; door: string }[],
  parent = 'g-shatou-b2',
): Promise<{ leafId: string; households: string[] }> {
  leaves += 1;
  const leaf = dataOf(
    await as(LEADER)('grids', 'create', { parentId: parent, name: `测试小组${leaves}` }),
  );
  const path = [...leaf.path.map((p) => p.id), leaf.id];
  const households = spots.map((spot, i) => {
    const id = `h-test-${leaves}-${i + 1}`;
    insert(COLLECTIONS.households, {
      _id: id,
      gridId: leaf.id,
      gridPath: path,
      address: `测试街${spot.building}栋${spot.door}室`,
      code: `T${String(leaves).padStart(2, '0')}${String(i).padStart(3, '0')}`,
      contact: null,
      createdAt: new Date(),
      place: { street: '测试街', building: spot.building, unit: '', door: spot.door },
      rev: 0,
    });
    return id;
  });
  return { leafId: leaf.id, households };
}

describe('assignment', () => {
  let campaignId = '';
  beforeAll(async () => {
    campaignId = (await start(LEADER, { name: '分配测试' })).id;
  });

  it('a whole leaf to its member: her targets in door order', async () => {
    expect(dataOf(await assign(LEADER, campaignId, B1H1, CONTACT1))).toEqual({ assigned: 3 });
    const mine = dataOf(await as(CONTACT1)('campaigns', 'mine', { campaignId, page: 1 }));
    expect(mine).toMatchObject({ total: 3, round: 1, done: 0 });
    expect(mine.items.map((t) => t.id)).toEqual(H1);
    expect(mine.items[0]).toMatchObject({
      kind: 'household',
      label: '沙头社区东街1号',
      assignee: { openid: CONTACT1, name: '罗桂芳' },
      visit: null,
    });
    expect(audits('campaign.assign', campaignId)).toHaveLength(1);
  });

  it('by building: sorted by building, then door, numbers as numbers', async () => {
    const { leafId, households } = await leafWith([
      { building: '2', door: '10' },
      { building: '10', door: '1' },
      { building: '2', door: '2' },
      { building: '2', door: '1' },
      { building: '3', door: '1' },
    ]);
    const options = dataOf(
      await as(LEADER)('campaigns', 'assignOptions', { campaignId, gridId: leafId }),
    );
    expect(options.leaf).toBe(true);
    expect(options.buildings).toEqual([
      { name: '2', targets: 3 },
      { name: '3', targets: 1 },
      { name: '10', targets: 1 },
    ]);
    expect(options.team.map((m) => m.openid)).toEqual(
      expect.arrayContaining([LEADER, 'oGenBranch02', 'oGenSupport01']),
    );
    dataOf(await assign(LEADER, campaignId, leafId, 'oGenSupport01', { building: '2' }));
    dataOf(await assign(LEADER, campaignId, leafId, 'oGenSupport01', { building: '10' }));
    const mine = dataOf(
      await as(LEADER)('campaigns', 'doors', { campaignId, gridId: leafId, page: 1 }),
    );
    expect(mine.items.map((t) => t.label)).toEqual([
      '测试街2栋1室',
      '测试街2栋2室',
      '测试街2栋10室',
      '测试街3栋1室',
      '测试街10栋1室',
    ]);
    expect(mine.items.map((t) => t.assignee?.name ?? null)).toEqual([
      '何丽娟',
      '何丽娟',
      '何丽娟',
      null,
      '何丽娟',
    ]);
    expect(households).toHaveLength(5);
  });

  it('hand-picked (包片), reassigned, taken back; the round’s visits follow', async () => {
    const picked = ['h-demo-resident', 'h-g-shatou-b1-h3-1'];
    dataOf(await assign(LEADER, campaignId, B1H3, MEMBER, { targetIds: picked }));
    dataOf(await visit(MEMBER, campaignId, 'h-g-shatou-b1-h3-1', 'noHome'));
    expect(visitDoc(campaignId, 1, 'h-g-shatou-b1-h3-1')?.['assignee']).toBe(MEMBER);
    dataOf(await assign(BRANCH_LEADER, campaignId, B1H3, 'oGenContact03', { targetIds: picked }));
    expect(dataOf(await as(MEMBER)('campaigns', 'mine', { campaignId, page: 1 })).total).toBe(0);
    expect(
      dataOf(await as('oGenContact03')('campaigns', 'mine', { campaignId, page: 1 })).items.map(
        (t) => t.id,
      ),
      // 新村大街1号 before 18号: numbers in an address count as numbers.
    ).toEqual(['h-g-shatou-b1-h3-1', 'h-demo-resident']);
    expect(visitDoc(campaignId, 1, 'h-g-shatou-b1-h3-1')?.['assignee']).toBe('oGenContact03');
    dataOf(await assign(LEADER, campaignId, B1H3, null, { targetIds: picked }));
    expect(doc(COLLECTIONS.campaignAssignments, `${campaignId}:h-demo-resident`)).toBeNull();
    expect(visitDoc(campaignId, 1, 'h-g-shatou-b1-h3-1')?.['assignee']).toBeNull();
  });

  it('refuses an assignee off the targets’ path, unconfirmed, or a member assigning; writes nothing', async () => {
    const before = snapshot();
    const refusals: [FunctionResult<unknown>, string, string?][] = [
      [
        await assign(LEADER, campaignId, B1H1, CONTACT2),
        'INVALID_INPUT',
        '宋艳不在「沙头社区东街1号」所在网格的队伍中',
      ],
      [
        await assign(LEADER, campaignId, B1H1, PENDING),
        'INVALID_INPUT',
        '该成员不在网格中或尚未确认身份',
      ],
      [await assign(LEADER, campaignId, B1H1, RESIDENT), 'INVALID_INPUT'],
      [await assign(MEMBER, campaignId, B1H1, MEMBER), 'FORBIDDEN'],
      [await assign(CONTACT1, campaignId, B1H1, CONTACT1), 'FORBIDDEN'],
      [await assign(BRANCH_LEADER, campaignId, B2H1, CONTACT2), 'FORBIDDEN'],
      [await assign(YANNAN_LEADER, campaignId, 'g-yannan-b1-h1', 'oGenContact04'), 'FORBIDDEN'],
      [await assign(LEADER, campaignId, 'g-nowhere', CONTACT1), 'FORBIDDEN'],
      [await assign(LEADER, 'c-nowhere', B1H1, CONTACT1), 'FORBIDDEN'],
      [
        await assign(LEADER, campaignId, B1H1, CONTACT1, { targetIds: ['h-g-shatou-b2-h1-1'] }),
        'INVALID_INPUT',
        '有对象不在该网格下，请刷新后重新选择',
      ],
      [
        await assign(LEADER, campaignId, B1, MEMBER, { building: '1' }),
        'INVALID_INPUT',
        '按楼栋分配请进入最末一级网格',
      ],
      [
        await assign(LEADER, campaignId, B1H1, CONTACT1, { building: '1', targetIds: H1 }),
        'INVALID_INPUT',
      ],
    ];
    for (const [result, code, message] of refusals) {
      expect(failure(result).code).toBe(code);
      if (message) expect(failure(result).message).toBe(message);
    }
    expect(snapshot()).toBe(before);
  });

  it('two leaders assigning the same new targets at once: each target once, the later one holds', async () => {
    const { leafId, households } = await leafWith(
      Array.from({ length: 12 }, (_, i) => ({ building: '1', door: String(i + 1) })),
    );
    const results = await Promise.all([
      assign(LEADER, campaignId, leafId, 'oGenSupport01'),
      assign(LEADER, campaignId, leafId, 'oGenBranch02'),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const held = households.map(
      (h) =>
        (
          doc(COLLECTIONS.campaignAssignments, `${campaignId}:${h}`)?.['assignee'] as {
            openid: string;
          }
        ).openid,
    );
    expect(new Set(held).size).toBe(1);
    expect(
      docs(COLLECTIONS.campaignAssignments).filter(
        (a) => a['campaignId'] === campaignId && a['gridId'] === leafId,
      ),
    ).toHaveLength(12);
  });
});

describe('visits', () => {
  let campaignId = '';
  beforeAll(async () => {
    campaignId = (await start(LEADER, { name: '走访测试', maxAttempts: 2 })).id;
    dataOf(await assign(LEADER, campaignId, B1H1, CONTACT1));
  });

  it('已入户 with the checklist answered; the answers are checked against it, a refusal writes nothing', async () => {
    const before = snapshot();
    const bad: [Partial<VisitInput>, string][] = [
      [{ answers: ANSWERS.slice(0, 2) }, '请回答「是否落实测温消毒」'],
      [{ answers: [...ANSWERS, { item: 'q9', yes: true }] }, '回答了不存在的检查项'],
      [
        { answers: [{ item: 'q1', number: 1 }, ...ANSWERS.slice(1)] },
        '「是否有外地返乡人员」的回答不正确',
      ],
      [
        { answers: [...ANSWERS.slice(0, 2), { item: 'q3', choice: '不知道' }] },
        '「是否落实测温消毒」没有「不知道」这个选项',
      ],
      [
        { answers: [ANSWERS[0], { item: 'q2', number: 31 }, ANSWERS[2]] as VisitInput['answers'] },
        '「家中人数」不能大于 30',
      ],
      [{ answers: [...ANSWERS, ANSWERS[0]] as VisitInput['answers'] }, '同一检查项回答了两次'],
      [{ reason: '多余的原因' }, '只有「拒绝」需要填写原因'],
      [{ finding: { kind: 'other' } }, '只有「发现问题」需要选择问题类型'],
    ];
    for (const [over, message] of bad) {
      const result = failure(await visit(CONTACT1, campaignId, H1[0] ?? '', 'entered', over));
      expect([result.code, result.message]).toEqual(['INVALID_INPUT', message]);
    }
    const otherBad: [Outcome, Partial<VisitInput>, string][] = [
      ['refused', { reason: undefined }, '请填写拒绝原因'],
      ['noHome', { answers: ANSWERS }, '「无人在家」不填写检查项'],
      ['finding', { note: '' }, '请说明发现的问题（至少 2 个字）'],
      ['finding', { finding: undefined }, '请选择发现的问题'],
      ['finding', { finding: { kind: 'fever', temperature: 38.2 } }, '请选择发热或有症状的居民'],
      ['finding', { finding: { kind: 'fever', personId: `${H1[0]}-p1` } }, '请填写测量的体温'],
      [
        'finding',
        { finding: { kind: 'fever', personId: `${H1[0]}-p1`, temperature: 36.5 } },
        '体温 37.3℃ 以下时请选择症状',
      ],
      [
        'finding',
        { finding: { kind: 'fever', personId: `${H1[1]}-p1`, temperature: 38.5 } },
        '所选居民不在此户，请刷新后重新选择',
      ],
      [
        'finding',
        { finding: { kind: 'other', temperature: 38 } },
        '体温和症状只在「发热或症状」时填写',
      ],
    ];
    for (const [outcome, over, message] of otherBad) {
      const result = failure(await visit(CONTACT1, campaignId, H1[0] ?? '', outcome, over));
      expect([result.code, result.message]).toEqual(['INVALID_INPUT', message]);
    }
    expect(snapshot()).toBe(before);
    const done = dataOf(
      await visit(CONTACT1, campaignId, H1[0] ?? '', 'entered', {
        answers: [...ANSWERS, { item: 'q4', text: '一切正常' }],
      }),
    );
    expect(done).toMatchObject({
      round: 1,
      outcome: 'entered',
      noHomeCount: 0,
      flagged: false,
      by: '罗桂芳',
      answers: [
        { item: 'q1', value: false },
        { item: 'q2', value: 3 },
        { item: 'q3', value: '已落实' },
        { item: 'q4', value: '一切正常' },
      ],
    });
    const mine = dataOf(await as(CONTACT1)('campaigns', 'mine', { campaignId, page: 1 }));
    expect(mine.done).toBe(1);
    expect(mine.items[0]?.visit?.outcome).toBe('entered');
  });

  it('无人在家 goes to the revisit queue and is flagged after the campaign’s N attempts; a visit settles it', async () => {
    const door = H1[1] ?? '';
    dataOf(await visit(CONTACT1, campaignId, door, 'noHome'));
    const queue = async () =>
      dataOf(await as(CONTACT1)('campaigns', 'revisits', { campaignId, page: 1 })).items;
    expect((await queue()).map((t) => [t.id, t.visit?.noHomeCount, t.visit?.flagged])).toEqual([
      [door, 1, false],
    ]);
    dataOf(await visit(MEMBER, campaignId, door, 'noHome'));
    const flagged = await queue();
    expect(flagged.map((t) => [t.id, t.visit?.noHomeCount, t.visit?.flagged])).toEqual([
      [door, 2, true],
    ]);
    expect(flagged[0]?.assignee?.name).toBe('罗桂芳');
    // The leader sees it under the node, flagged first.
    const third = H1[2] ?? '';
    dataOf(await visit(CONTACT1, campaignId, third, 'noHome'));
    const leaders = dataOf(
      await as(LEADER)('campaigns', 'revisits', { campaignId, gridId: SHATOU, page: 1 }),
    );
    expect(leaders.items.map((t) => t.id)).toEqual([door, third]);
    const coverage = dataOf(
      await as(LEADER)('campaigns', 'coverage', { campaignId, gridId: B1H1, page: 1 }),
    );
    expect(coverage.node.figures).toMatchObject({ targets: 3, entered: 1, noHome: 2, flagged: 1 });
    const settled = dataOf(await visit(CONTACT1, campaignId, door, 'entered'));
    expect(settled).toMatchObject({ outcome: 'entered', noHomeCount: 2, flagged: false });
    expect(settled.attempts.map((a) => a.outcome)).toEqual(['noHome', 'noHome', 'entered']);
    expect((await queue()).map((t) => t.id)).toEqual([third]);
  });

  it('after a settling outcome the round is done for that door: nobody records another', async () => {
    const before = snapshot();
    for (const outcome of ['noHome', 'entered', 'refused'] as const) {
      const result = failure(await visit(MEMBER, campaignId, H1[0] ?? '', outcome));
      expect([result.code, result.message]).toEqual([
        'CONFLICT',
        '本轮该户已由罗桂芳记录为「已入户」',
      ]);
    }
    expect(snapshot()).toBe(before);
  });

  it('staff out of scope, a resident, a missing target or campaign are refused, writing nothing', async () => {
    const before = snapshot();
    const cases: [string, string, string, string][] = [
      [CONTACT2, campaignId, H1[2] ?? '', 'FORBIDDEN'],
      [YANNAN_LEADER, campaignId, YANNAN_HOUSEHOLD, 'FORBIDDEN'],
      [LEADER, campaignId, YANNAN_HOUSEHOLD, 'FORBIDDEN'],
      [RESIDENT, campaignId, 'h-demo-resident', 'FORBIDDEN'],
      [PENDING, campaignId, H1[2] ?? '', 'FORBIDDEN'],
      [LEADER, campaignId, 'h-nowhere', 'FORBIDDEN'],
      [LEADER, 'c-nowhere', H1[2] ?? '', 'FORBIDDEN'],
      [COMMAND, campaignId, 'h-nowhere', 'NOT_FOUND'],
      [COMMAND, 'c-nowhere', H1[2] ?? '', 'NOT_FOUND'],
      [COMMAND, campaignId, YANNAN_HOUSEHOLD, 'INVALID_INPUT'],
    ];
    for (const [openid, campaign, target, code] of cases) {
      expect(failure(await visit(openid, campaign, target, 'noHome')).code).toBe(code);
    }
    expect(failure(await visit(LEADER, campaignId, H1[2] ?? '', 'noHome', { round: 2 })).code).toBe(
      'CONFLICT',
    );
    expect(snapshot()).toBe(before);
  });
});

describe('a visit sent again records nothing new', () => {
  it('the same 50 visits sent twice (at once, then again) are 50 visits', async () => {
    const { leafId, households } = await leafWith(
      Array.from({ length: 50 }, (_, i) => ({
        building: String(1 + (i % 5)),
        door: String(i + 1),
      })),
    );
    const campaignId = (await start(LEADER, { name: '离线同步', checklist: [] })).id;
    const outcomes: Outcome[] = ['entered', 'noHome', 'refused', 'finding'];
    const batch = households.map((targetId, i) => {
      const outcome = outcomes[i % outcomes.length] ?? 'entered';
      return {
        campaignId,
        round: 1,
        targetId,
        clientId: `offline-${i}`,
        outcome,
        ...(outcome === 'refused' && { reason: '不愿开门' }),
        ...(outcome === 'finding' && { note: '楼道堆放杂物', finding: { kind: 'other' as const } }),
      };
    });
    const send = () => Promise.all(batch.map((v) => as(LEADER)('campaigns', 'visit', v)));
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();
    for (const result of [...first, ...second, ...third]) expect(result.ok).toBe(true);
    const stored = docs(COLLECTIONS.visits).filter((v) => v['campaignId'] === campaignId);
    expect(stored).toHaveLength(50);
    for (const v of stored) expect((v['attempts'] as unknown[]).length).toBe(1);
    const coverage = dataOf(
      await as(LEADER)('campaigns', 'coverage', { campaignId, gridId: leafId, page: 1 }),
    ).node.figures;
    expect(coverage).toMatchObject({
      targets: 50,
      entered: 13,
      noHome: 13,
      refused: 12,
      findings: 12,
    });
  });
});

describe('a visit made offline', () => {
  it('keeps the time of the knock, not of the sync; a time the phone cannot have is refused', async () => {
    const { households } = await leafWith([
      { building: '1', door: '1' },
      { building: '1', door: '2' },
    ]);
    const [door, other] = households as [string, string];
    const campaignId = (await start(LEADER, { name: '离线时间', checklist: [] })).id;
    const base = { campaignId, round: 1, outcome: 'refused' as const, reason: '不愿开门' };
    const knockedAt = Date.now() - 3 * 3_600_000;
    dataOf(
      await as(LEADER)('campaigns', 'visit', {
        ...base,
        targetId: door,
        clientId: 'offline-knock',
        knockedAt,
      }),
    );
    const stored = visitDoc(campaignId, 1, door) as { at: Date; attempts: { at: Date }[] };
    expect(new Date(stored.at).getTime()).toBe(knockedAt);
    expect(new Date(stored.attempts[0]?.at ?? 0).getTime()).toBe(knockedAt);

    const before = docs(COLLECTIONS.visits).length;
    for (const [n, bad] of [
      Date.now() + 3_600_000,
      Date.now() - 8 * 24 * 3_600_000,
      1.5,
    ].entries()) {
      const refused = failure(
        await as(LEADER)('campaigns', 'visit', {
          ...base,
          targetId: other,
          clientId: `bad-knock-${n}`,
          knockedAt: bad,
        }),
      );
      expect(refused.code).toBe('INVALID_INPUT');
      expect(refused.issues?.[0]).toMatchObject({
        path: 'knockedAt',
        message: expect.stringMatching(/^走访时间/),
      });
    }
    expect(docs(COLLECTIONS.visits)).toHaveLength(before);
  });
});

describe('a household removed from the register', () => {
  it('leaves its campaigns: its visit no longer counts, coverage stays within its targets', async () => {
    const { leafId, households } = await leafWith([
      { building: '2', door: '1' },
      { building: '2', door: '2' },
    ]);
    const [kept, gone] = households as [string, string];
    const campaignId = (await start(LEADER, { name: '删户后覆盖', checklist: [] })).id;
    for (const targetId of households)
      dataOf(await visit(LEADER, campaignId, targetId, 'entered', { answers: [] }));
    const coverage = async () =>
      dataOf(await as(LEADER)('campaigns', 'coverage', { campaignId, gridId: leafId, page: 1 }))
        .node.figures;
    expect(await coverage()).toMatchObject({ targets: 2, entered: 2 });

    dataOf(await as(LEADER)('register', 'removeHousehold', { householdId: gone, confirm: true }));
    expect(await coverage()).toMatchObject({ targets: 1, entered: 1 });
    expect(visitDoc(campaignId, 1, gone)).toBeNull();
    expect(visitDoc(campaignId, 1, kept)).not.toBeNull();
  });
});

describe('two members at the same door at once', () => {
  it('settling outcomes: exactly one is recorded, the other is told who got there first', async () => {
    const { households } = await leafWith(
      Array.from({ length: 8 }, (_, i) => ({ building: '1', door: String(i + 1) })),
    );
    const campaignId = (await start(LEADER, { name: '并发测试', checklist: [] })).id;
    for (const targetId of households) {
      const [a, b] = await Promise.all([
        visit(LEADER, campaignId, targetId, 'entered', { answers: [] }),
        visit('oGenSupport01', campaignId, targetId, 'refused'),
      ]);
      const winners = [a, b].filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const loser = failure(a.ok ? b : a);
      expect(loser.code).toBe('CONFLICT');
      const stored = visitDoc(campaignId, 1, targetId);
      expect((stored?.['attempts'] as unknown[]).length).toBe(1);
      expect(stored?.['outcome']).toBe(a.ok ? 'entered' : 'refused');
    }
  });

  it('无人在家 against 已入户: 已入户 always stands; 无人在家 counts only if it landed first', async () => {
    const { households } = await leafWith(
      Array.from({ length: 8 }, (_, i) => ({ building: '1', door: String(i + 1) })),
    );
    const campaignId = (await start(LEADER, { name: '并发回访', checklist: [] })).id;
    for (const targetId of households) {
      const [noHome, entered] = await Promise.all([
        visit('oGenSupport01', campaignId, targetId, 'noHome'),
        visit(LEADER, campaignId, targetId, 'entered', { answers: [] }),
      ]);
      expect(entered.ok).toBe(true);
      const stored = visitDoc(campaignId, 1, targetId);
      expect(stored?.['outcome']).toBe('entered');
      const attempts = (stored?.['attempts'] as { outcome: string }[]).map((a) => a.outcome);
      if (noHome.ok) expect(attempts).toEqual(['noHome', 'entered']);
      else {
        expect(failure(noHome).code).toBe('CONFLICT');
        expect(attempts).toEqual(['entered']);
      }
    }
  });
});

describe('findings flow into the workflows that handle them', () => {
  let campaignId = '';
  const fromWuhan = (): ReturnDeclaration => ({
    origin: { province: '湖北省', city: '武汉市', district: '' },
    via: [],
    transport: 'train',
    transportNumber: 'G1002',
    departureDay: addDays(today(), -2),
    arrivalDay: addDays(today(), -1),
    contactWithCases: false,
    symptoms: [],
  });
  const fever = (personId: string, temperature = 38.5) => ({
    note: '入户测温发热',
    finding: { kind: 'fever' as const, personId, temperature },
  });
  const sent = () =>
    server.emulator.ledger.outbox({
      touser: BRANCH_LEADER,
      templateId: SUBSCRIBE_TEMPLATES.feverAlert.id,
    });
  beforeAll(async () => {
    campaignId = (await start(LEADER, { name: '发现问题测试', checklist: [] })).id;
  });

  it('a fever of someone under observation: their 一日一报, the observation escalates, the leader is alerted', async () => {
    const personId = `${H1[0]}-p1`;
    dataOf(await as(LEADER)('returns', 'declare', { personId, declaration: fromWuhan() }));
    server.emulator.ledger.grant(BRANCH_LEADER, SUBSCRIBE_TEMPLATES.feverAlert.id);
    const before = sent().length;
    const input = { clientId: clientId(), ...fever(personId) };
    const recorded = dataOf(await visit(CONTACT1, campaignId, H1[0] ?? '', 'finding', input));
    expect(recorded.finding).toMatchObject({
      kind: 'fever',
      personName: expect.any(String),
      temperature: 38.5,
    });
    expect(recorded.followUp).toMatchObject({ status: 'open' });
    expect(doc(COLLECTIONS.observations, personId)).toMatchObject({
      status: 'escalated',
      alert: { day: today(), notified: true },
    });
    expect(doc(COLLECTIONS.healthReports, `${personId}:${today()}`)).toMatchObject({
      temperature: 38.5,
      abnormal: true,
      reportedBy: CONTACT1,
      proxy: true,
    });
    const messages = sent().slice(before);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.page).toBe('pages/observe/alerts/index?gridId=g-shatou-b1');
    // The same visit sent again sets nothing off twice.
    dataOf(await visit(CONTACT1, campaignId, H1[0] ?? '', 'finding', input));
    expect(sent().slice(before)).toHaveLength(1);
    expect(visitDoc(campaignId, 1, H1[0] ?? '')?.['pendingEffects']).toBe(false);
  });

  it('a fever of someone not under observation: their 一日一报, and the leader told to follow it up', async () => {
    const personId = `${H1[1]}-p1`;
    server.emulator.ledger.grant(BRANCH_LEADER, SUBSCRIBE_TEMPLATES.feverAlert.id);
    const before = sent().length;
    dataOf(await visit(CONTACT1, campaignId, H1[1] ?? '', 'finding', fever(personId, 38.1)));
    expect(doc(COLLECTIONS.healthReports, `${personId}:${today()}`)).toMatchObject({
      temperature: 38.1,
      abnormal: true,
    });
    expect(doc(COLLECTIONS.observations, personId)).toBeNull();
    const messages = sent().slice(before);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.page).toBe(
      `pages/campaigns/findings/index?id=${campaignId}&gridId=g-shatou-b1`,
    );
  });

  it('a report cut short by a crash is filed by the retry of the same visit', async () => {
    const personId = `${H1[2]}-p1`;
    const input = { clientId: clientId(), ...fever(personId, 37.8) };
    dataOf(await visit(CONTACT1, campaignId, H1[2] ?? '', 'finding', input));
    // As if the function stopped after storing the visit: no report, effects still pending.
    store().atomically(() => {
      const report = store().getById(
        store().db,
        COLLECTIONS.healthReports,
        `${personId}:${today()}`,
      );
      if (report) store().remove(report.seq);
      const stored = store().getById(store().db, COLLECTIONS.visits, `${campaignId}:1:${H1[2]}`);
      if (stored)
        store().replace(COLLECTIONS.visits, stored.seq, { ...stored.doc, pendingEffects: true });
    });
    dataOf(await visit(CONTACT1, campaignId, H1[2] ?? '', 'finding', input));
    expect(doc(COLLECTIONS.healthReports, `${personId}:${today()}`)).toMatchObject({
      temperature: 37.8,
    });
    expect(visitDoc(campaignId, 1, H1[2] ?? '')?.['pendingEffects']).toBe(false);
  });

  it('the leader sees open findings and closes each with a note, once; members may not', async () => {
    const list = async (open: boolean) =>
      dataOf(
        await as(LEADER)('campaigns', 'findings', { campaignId, gridId: SHATOU, open, page: 1 }),
      );
    expect((await list(true)).total).toBe(3);
    const close = (openid: string, targetId: string) =>
      as(openid)('campaigns', 'closeFinding', {
        campaignId,
        round: 1,
        targetId,
        note: '已联系社区医生上门复测',
      });
    const before = snapshot();
    expect(failure(await close(CONTACT1, H1[1] ?? '')).code).toBe('FORBIDDEN');
    expect(failure(await close(YANNAN_LEADER, H1[1] ?? '')).code).toBe('FORBIDDEN');
    expect(failure(await close(LEADER, 'h-nowhere')).code).toBe('FORBIDDEN');
    expect(snapshot()).toBe(before);
    const [a, b] = await Promise.all([
      close(LEADER, H1[1] ?? ''),
      close(BRANCH_LEADER, H1[1] ?? ''),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const closed = dataOf(a.ok ? a : b);
    expect(closed.followUp).toMatchObject({ status: 'closed', note: '已联系社区医生上门复测' });
    expect(audits('campaign.closeFinding', `${campaignId}:1:${H1[1]}`)).toHaveLength(1);
    expect((await list(true)).total).toBe(2);
    expect((await list(false)).total).toBe(3);
    expect(failure(await close(LEADER, H1[1] ?? '')).message).toBe('该问题已处理');
  });

  it('an unregistered returnee found at the door is a finding the client turns into 返乡登记', async () => {
    const other = await start(LEADER, { name: '返乡排查', checklist: [] });
    const recorded = dataOf(
      await visit(CONTACT1, other.id, H1[0] ?? '', 'finding', {
        note: '儿子昨天从武汉回来，未登记',
        finding: { kind: 'returnee', personId: `${H1[0]}-p2` },
      }),
    );
    expect(recorded.finding).toMatchObject({ kind: 'returnee', personId: `${H1[0]}-p2` });
    const target = dataOf(
      await as(CONTACT1)('campaigns', 'target', { campaignId: other.id, targetId: H1[0] ?? '' }),
    );
    expect(target.people.map((p) => p.id)).toEqual(
      expect.arrayContaining([`${H1[0]}-p1`, `${H1[0]}-p2`]),
    );
    expect(target.visit?.finding?.kind).toBe('returnee');
  });
});

describe('coverage, counted by the database per leaf and rolled up', () => {
  type Plan =
    'none' | 'entered' | 'refused' | 'finding' | 'noHome1' | 'noHome2' | 'noHomeThenEntered';
  interface PlanNode {
    children: PlanNode[];
    households: { assigned: boolean; plan: Plan }[];
  }
  const plan = fc.constantFrom<Plan>(
    'none',
    'entered',
    'refused',
    'finding',
    'noHome1',
    'noHome2',
    'noHomeThenEntered',
  );
  const household = fc.record({ assigned: fc.boolean(), plan });
  const leaf = fc.record({
    children: fc.constant<PlanNode[]>([]),
    households: fc.array(household, { maxLength: 4 }),
  });
  const branch = fc.record({
    children: fc.array(leaf, { minLength: 1, maxLength: 3 }),
    households: fc.constant<PlanNode['households']>([]),
  });
  const tree = fc.record({
    children: fc.array(fc.oneof(leaf, branch), { minLength: 1, maxLength: 3 }),
    households: fc.constant<PlanNode['households']>([]),
  });

  /** What each plan leaves counted for a household, by brute force. */
  const expected = (households: { assigned: boolean; plan: Plan }[]): CoverageFigures => {
    const count = (p: (h: { assigned: boolean; plan: Plan }) => boolean) =>
      households.filter(p).length;
    return {
      targets: households.length,
      assigned: count((h) => h.assigned),
      entered: count((h) => h.plan === 'entered' || h.plan === 'noHomeThenEntered'),
      findings: count((h) => h.plan === 'finding'),
      refused: count((h) => h.plan === 'refused'),
      noHome: count((h) => h.plan === 'noHome1' || h.plan === 'noHome2'),
      flagged: count((h) => h.plan === 'noHome2'),
      signed: 0,
    };
  };

  let runs = 0;
  it('matches a brute-force count on generated trees, node by node, children lowest first', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (shape) => {
        runs += 1;
        const root = `g-prop${runs}`;
        const nodes: { id: string; path: string[]; plan: PlanNode }[] = [];
        const place = (node: PlanNode, id: string, ancestors: string[]) => {
          insert(COLLECTIONS.grids, {
            _id: id,
            name: id,
            levelName: '测试',
            depth: ancestors.length,
            parentId: ancestors.at(-1) ?? null,
            ancestors,
            childCount: node.children.length,
            counts: { nodes: 0, households: 0, people: 0, members: 0 },
            leader: null,
            createdAt: new Date(),
            updatedAt: new Date(),
          });
          nodes.push({ id, path: [...ancestors, id], plan: node });
          node.children.forEach((child, i) => place(child, `${id}-${i}`, [...ancestors, id]));
        };
        place(shape, root, []);
        insert(COLLECTIONS.memberships, {
          _id: `${root}:${WALKER}`,
          gridId: root,
          gridPath: [root],
          openid: WALKER,
          name: '走访员',
          kind: 'member',
          party: false,
          phoneMasked: null,
          via: null,
          joinedAt: new Date(),
        });
        const campaignId = (
          await start(COMMAND, { gridId: root, name: '生成树', checklist: [], maxAttempts: 2 })
        ).id;
        const under = new Map<string, { assigned: boolean; plan: Plan }[]>();
        for (const node of nodes) {
          const households = node.plan.households.map((h, i) => {
            const id = `h-${node.id}-${i}`;
            insert(COLLECTIONS.households, {
              _id: id,
              gridId: node.id,
              gridPath: node.path,
              address: `生成街${i + 1}号`,
              code: `P${runs}${node.id.length}${i}${node.path.join('').length}`.slice(0, 12) + id,
              contact: null,
              createdAt: new Date(),
              rev: 0,
            });
            for (const id of node.path) under.set(id, [...(under.get(id) ?? []), h]);
            return { id, ...h };
          });
          const picked = households.filter((h) => h.assigned).map((h) => h.id);
          if (picked.length > 0) {
            dataOf(await assign(COMMAND, campaignId, node.id, WALKER, { targetIds: picked }));
          }
          for (const h of households) {
            const knock = (outcome: Outcome) =>
              visit(WALKER, campaignId, h.id, outcome, { answers: undefined });
            const steps: Outcome[] = {
              none: [],
              entered: ['entered'],
              refused: ['refused'],
              finding: ['finding'],
              noHome1: ['noHome'],
              noHome2: ['noHome', 'noHome'],
              noHomeThenEntered: ['noHome', 'entered'],
            }[h.plan] as Outcome[];
            for (const outcome of steps) dataOf(await knock(outcome));
          }
        }
        for (const node of nodes.filter((n) => n.plan.children.length > 0)) {
          const view = dataOf(
            await as(COMMAND)('campaigns', 'coverage', { campaignId, gridId: node.id, page: 1 }),
          );
          const own = expected(under.get(node.id) ?? []);
          expect(view.node.figures).toMatchObject(own);
          expect(view.node.figures.visited).toBe(own.entered + own.findings);
          expect(view.node.figures.entryRate).toBe(
            own.targets === 0 ? null : (own.entered + own.findings) / own.targets,
          );
          expect(view.children.total).toBe(node.plan.children.length);
          for (const row of view.children.items) {
            expect(row.figures).toMatchObject(expected(under.get(row.id) ?? []));
          }
          const rates = view.children.items.map((r) => r.figures.entryRate ?? Infinity);
          expect(rates).toEqual([...rates].sort((a, b) => a - b));
        }
        const walker = dataOf(
          await as(COMMAND)('campaigns', 'members', { campaignId, gridId: root, page: 1 }),
        ).items.find((m) => m.id === WALKER);
        const all = under.get(root) ?? [];
        const mine = expected(all.filter((h) => h.assigned));
        if (mine.targets === 0) expect(walker).toBeUndefined();
        else {
          expect(walker).toMatchObject({
            name: '走访员',
            assigned: mine.targets,
            visited: mine.entered + mine.findings,
            refused: mine.refused,
            noHome: mine.noHome,
            flagged: mine.flagged,
          });
        }
      }),
      { numRuns: 4 },
    );
  });

  it('a leaf’s doors in door order, those not done, each with its assignee; pages of 20', async () => {
    const { leafId, households } = await leafWith(
      Array.from({ length: 25 }, (_, i) => ({
        building: String(1 + Math.floor(i / 10)),
        door: String(1 + (i % 10)),
      })),
    );
    const campaignId = (await start(LEADER, { name: '门户清单', checklist: [] })).id;
    dataOf(
      await assign(LEADER, campaignId, leafId, 'oGenSupport01', {
        targetIds: households.slice(0, 5),
      }),
    );
    for (const h of households.slice(0, 3)) dataOf(await visit(LEADER, campaignId, h, 'refused'));
    dataOf(await visit(LEADER, campaignId, households[3] ?? '', 'noHome'));
    const doors = async (pending: boolean, page: number) =>
      dataOf(await as(LEADER)('campaigns', 'doors', { campaignId, gridId: leafId, pending, page }));
    const all = await doors(false, 1);
    expect(all.total).toBe(25);
    expect(all.items).toHaveLength(20);
    expect(all.items.slice(0, 3).map((d) => d.visit?.outcome)).toEqual([
      'refused',
      'refused',
      'refused',
    ]);
    expect(all.items[0]?.assignee?.name).toBe('何丽娟');
    const left = await doors(true, 1);
    expect(left.total).toBe(22);
    expect(left.items[0]?.id).toBe(households[3]);
    expect(left.items[0]?.visit?.outcome).toBe('noHome');
    expect((await doors(true, 2)).items).toHaveLength(2);
    expect(
      failure(await as(LEADER)('campaigns', 'doors', { campaignId, gridId: B1, page: 1 })).message,
    ).toBe('门户清单请进入最末一级网格查看');
  });

  it('its database calls, and a visit’s, do not grow with the doors under the node', async () => {
    const small = await leafWith([1, 2, 3].map((n) => ({ building: '1', door: String(n) })));
    const big = await leafWith(
      Array.from({ length: 40 }, (_, i) => ({
        building: String(1 + (i % 6)),
        door: String(i + 1),
      })),
    );
    const campaignId = (await start(LEADER, { name: '调用次数', checklist: [] })).id;
    // Every door visited but one in each leaf.
    for (const h of small.households.slice(0, 2))
      dataOf(await visit(LEADER, campaignId, h, 'refused'));
    for (const [i, h] of big.households.slice(0, 39).entries()) {
      dataOf(await visit(LEADER, campaignId, h, i % 2 ? 'noHome' : 'refused'));
    }
    const callsOf = async (run: () => Promise<unknown>) => {
      const before = await databaseCalls();
      await run();
      return (await databaseCalls()) - before;
    };
    const coverageOf = (gridId: string) => () =>
      as(LEADER)('campaigns', 'coverage', { campaignId, gridId, page: 1 });
    expect(await callsOf(coverageOf(big.leafId))).toBe(await callsOf(coverageOf(small.leafId)));
    const doorsOf = (gridId: string) => () =>
      as(LEADER)('campaigns', 'doors', { campaignId, gridId, pending: true, page: 1 });
    expect(await callsOf(doorsOf(big.leafId))).toBe(await callsOf(doorsOf(small.leafId)));
    const lastDoor = (households: string[]) => () =>
      visit(LEADER, campaignId, households.at(-1) ?? '', 'noHome');
    const first = await callsOf(lastDoor(big.households));
    expect(first).toBe(await callsOf(lastDoor(small.households)));
    // The round's first knock: the actor (2), the campaign, the target, the door and its
    // assignment, the write.
    expect(first).toBe(7);
  });
});

describe('moving a node', () => {
  it('carries its campaign records: assignments and visits count where the node now is', async () => {
    const { leafId, households } = await leafWith([{ building: '1', door: '1' }]);
    const campaignId = (await start(LEADER, { name: '迁移网格', checklist: [] })).id;
    dataOf(await assign(LEADER, campaignId, leafId, 'oGenSupport01'));
    dataOf(await visit(LEADER, campaignId, households[0] ?? '', 'refused'));
    const figures = async (gridId: string) =>
      dataOf(await as(LEADER)('campaigns', 'coverage', { campaignId, gridId, page: 1 })).node
        .figures;
    const before = (await figures(B1)).targets;
    dataOf(await as(LEADER)('grids', 'move', { gridId: leafId, newParentId: B1 }));
    expect(visitDoc(campaignId, 1, households[0] ?? '')?.['gridPath']).toEqual([
      'g-jiujiang',
      SHATOU,
      B1,
      leafId,
    ]);
    expect(await figures(B1)).toMatchObject({ targets: before + 1, assigned: 1, refused: 1 });
    expect(await figures('g-shatou-b2')).toMatchObject({ assigned: 0, refused: 0 });
  });
});
