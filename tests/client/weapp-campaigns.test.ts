/** @jest-environment jsdom */
import type {
  ActionInput,
  CampaignView,
  MyTargetsPage,
  TargetDetail,
  TargetRow,
  VisitView,
} from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  pageText,
  settle,
  tapChip,
  tapText,
  typeInto,
  until,
  waitForText,
  type WeappPage,
} from '../helpers/weapp-sim';

type VisitInput = ActionInput<'campaigns', 'visit'>;
const ok = (data: unknown) => Promise.resolve({ result: { ok: true, data } });
const refuse = (code: string, message: string) =>
  Promise.resolve({ result: { ok: false, code, message } });

const campaign: CampaignView = {
  id: 'c-1',
  name: '第一轮洗楼',
  kind: 'household',
  gridId: 'g-village',
  gridName: '沙头社区',
  startDay: '2026-11-30',
  endDay: '2026-12-06',
  rounds: 2,
  round: 1,
  status: 'active',
  checklist: [
    {
      id: 'q1',
      label: '是否有外地返乡人员',
      kind: 'yesNo',
      required: true,
      options: [],
      unit: '',
      min: null,
      max: null,
    },
    {
      id: 'q2',
      label: '家中人数',
      kind: 'number',
      required: true,
      options: [],
      unit: '人',
      min: 0,
      max: 30,
    },
    {
      id: 'q3',
      label: '是否落实测温消毒',
      kind: 'choice',
      required: true,
      options: ['已落实', '未落实'],
      unit: '',
      min: null,
      max: null,
    },
    {
      id: 'q4',
      label: '其他情况',
      kind: 'text',
      required: false,
      options: [],
      unit: '',
      min: null,
      max: null,
    },
  ],
  letter: null,
  letterHash: null,
  maxAttempts: 3,
  createdBy: '陈建华',
  createdAt: '2026-11-30T01:00:00.000Z',
  may: { run: false, assign: false, visit: true },
};

const row = (id: string, label: string, visit: TargetRow['visit'] = null): TargetRow => ({
  id,
  kind: 'household',
  label,
  building: '',
  gridId: 'g-leaf',
  assignee: { openid: 'oMember', name: '罗桂芳' },
  pledge: null,
  visit,
});
const state = (over: Partial<VisitView>): VisitView => ({
  round: 1,
  outcome: 'entered',
  noHomeCount: 0,
  flagged: false,
  by: '罗桂芳',
  at: '2026-11-30T02:00:00.000Z',
  reason: '',
  note: '',
  finding: null,
  followUp: null,
  answers: [],
  attempts: [{ outcome: 'entered', by: '罗桂芳', at: '2026-11-30T02:00:00.000Z' }],
  ...over,
});

describe('我的走访 and the visit form in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  /** The door's visit this round, as the backend has it; a visit call replaces it. */
  let stored: VisitView | null = null;
  /** How the next visit call is answered instead of being recorded, if at all. */
  let refusal: { code: string; message: string } | null = null;
  function backend() {
    stored = null;
    refusal = null;
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string } & Partial<VisitInput>;
      if (call.name !== 'campaigns') return refuse('INTERNAL', '未知调用');
      if (data.action === 'detail') return ok(campaign);
      if (data.action === 'mine') {
        const mine: MyTargetsPage = {
          items: [
            row('h-1', '沙头社区东街1号', state({})),
            row(
              'h-2',
              '沙头社区东街2号',
              state({ outcome: 'noHome', noHomeCount: 3, flagged: true }),
            ),
            row('h-10', '沙头社区东街10号'),
          ],
          page: 1,
          pageSize: 20,
          total: 3,
          round: 1,
          done: 1,
        };
        return ok(mine);
      }
      if (data.action === 'target') {
        const target: TargetDetail = {
          ...row('h-10', '沙头社区东街10号'),
          campaignId: 'c-1',
          round: 1,
          gridName: '第一户联系党小组',
          people: [
            { id: 'h-10-p1', name: '张建国', relation: '本人', mayProxy: true },
            { id: 'h-10-p2', name: '张小军', relation: '子女', mayProxy: true },
          ],
          signer: null,
          visit: stored,
        };
        return ok(target);
      }
      if (data.action === 'visit') {
        if (refusal) return refuse(refusal.code, refusal.message);
        const finding = data.finding
          ? {
              kind: data.finding.kind,
              personId: data.finding.personId ?? null,
              personName: data.finding.personId === 'h-10-p2' ? '张小军' : null,
              temperature: data.finding.temperature ?? null,
              symptoms: data.finding.symptoms ?? [],
            }
          : null;
        stored = state({
          outcome: data.outcome,
          note: data.note ?? '',
          finding,
          followUp: finding ? { status: 'open', note: '', by: null, at: null } : null,
          attempts: [
            { outcome: data.outcome ?? 'entered', by: '罗桂芳', at: '2026-11-30T03:00:00.000Z' },
          ],
        });
        return ok(stored);
      }
      return refuse('INTERNAL', '未知调用');
    });
  }

  it('lists my doors this round in door order, with how far I have come', async () => {
    backend();
    page = openPage('pages/campaigns/mine/index', { id: 'c-1' });
    const text = await waitForText(page, ['沙头社区东街10号', '已完成 1 / 3']);
    expect(text.indexOf('东街1号')).toBeLessThan(text.indexOf('东街2号'));
    expect(text.indexOf('东街2号')).toBeLessThan(text.indexOf('东街10号'));
    for (const piece of ['第 1 轮', '已入户', '无人在家 3 次', '待网格长处理', '未走访']) {
      expect(text).toContain(piece);
    }
    weapp.navigations.length = 0;
    tapText(page, '沙头社区东街10号');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations[0]?.url).toBe('/pages/campaigns/visit/index?id=c-1&targetId=h-10');
  });

  it('已入户: the checklist must be answered; the answers go as the server takes them', async () => {
    backend();
    page = openPage('pages/campaigns/visit/index', { id: 'c-1', targetId: 'h-10' });
    await waitForText(page, ['沙头社区东街10号', '张建国（本人）', '走访结果']);
    tapChip(page, '已入户');
    await waitForText(page, ['是否有外地返乡人员', '家中人数（人）', '是否落实测温消毒']);
    const before = weapp.calls.length;
    tapText(page, '保存走访记录');
    await waitForText(page, '请回答「是否有外地返乡人员」');
    expect(actionCalls(weapp.calls.slice(before), 'campaigns', 'visit')).toHaveLength(0);

    tapChip(page, '否');
    typeInto(page, '家中人数', '4');
    tapChip(page, '已落实');
    await settle();
    tapText(page, '保存走访记录');
    await waitForText(page, '本轮：已入户');
    const [sent] = actionCalls(
      weapp.calls.slice(before),
      'campaigns',
      'visit',
    ) as unknown as VisitInput[];
    expect(sent).toMatchObject({
      campaignId: 'c-1',
      round: 1,
      targetId: 'h-10',
      outcome: 'entered',
      answers: [
        { item: 'q1', yes: false },
        { item: 'q2', number: 4 },
        { item: 'q3', choice: '已落实' },
      ],
    });
    expect(sent?.clientId).toMatch(/^v-[a-z0-9]+-[a-z0-9]+$/);
    // Settled: no form to record another outcome this round.
    expect(pageText(page)).not.toContain('保存走访记录');
  });

  it('a refusal is shown on the form and nothing waits on the phone', async () => {
    backend();
    refusal = { code: 'CONFLICT', message: '本轮该户已由宋艳记录为「已入户」' };
    page = openPage('pages/campaigns/visit/index', { id: 'c-1', targetId: 'h-10' });
    await waitForText(page, '走访结果');
    tapChip(page, '无人在家');
    await settle();
    tapText(page, '保存走访记录');
    await waitForText(page, '本轮该户已由宋艳记录为「已入户」');
    expect(pageText(page)).not.toContain('待同步');
    expect(weapp.storage.get('gridguard.visitQueue') ?? []).toEqual([]);
  });

  it('an unregistered returnee: the visit records the finding, then offers 返乡登记 for them', async () => {
    backend();
    page = openPage('pages/campaigns/visit/index', { id: 'c-1', targetId: 'h-10' });
    await waitForText(page, '走访结果');
    tapChip(page, '发现问题');
    await waitForText(page, '发现的问题');
    tapChip(page, '返乡未登记');
    await waitForText(page, '涉及的居民');
    tapChip(page, '张小军（子女）');
    typeInto(page, '情况说明', '昨天从武汉回来，未登记');
    await settle();
    const before = weapp.calls.length;
    tapText(page, '保存走访记录');
    await waitForText(page, '为张小军代为返乡登记');
    const [sent] = actionCalls(
      weapp.calls.slice(before),
      'campaigns',
      'visit',
    ) as unknown as VisitInput[];
    expect(sent).toMatchObject({
      outcome: 'finding',
      note: '昨天从武汉回来，未登记',
      finding: { kind: 'returnee', personId: 'h-10-p2' },
    });
    weapp.navigations.length = 0;
    tapText(page, '为张小军代为返乡登记');
    await until(() => weapp.navigations.length > 0);
    expect(weapp.navigations[0]?.url).toBe(
      `/pages/return/index?personId=h-10-p2&name=${encodeURIComponent('张小军')}`,
    );
  });

  it('a fever is sent only after the member confirms it will alert the leader', async () => {
    backend();
    page = openPage('pages/campaigns/visit/index', { id: 'c-1', targetId: 'h-10' });
    await waitForText(page, '走访结果');
    tapChip(page, '发现问题');
    await waitForText(page, '发现的问题');
    tapChip(page, '发热或症状');
    await waitForText(page, '体温（℃）');
    tapChip(page, '张建国（本人）');
    typeInto(page, '体温', '38.2');
    typeInto(page, '情况说明', '入户测温发热');
    await settle();
    const before = weapp.calls.length;
    weapp.answerModal(false);
    tapText(page, '保存走访记录');
    await settle();
    expect(weapp.modals.at(-1)?.content).toContain('38.2℃，发热');
    expect(actionCalls(weapp.calls.slice(before), 'campaigns', 'visit')).toHaveLength(0);
    weapp.answerModal(true);
    tapText(page, '保存走访记录');
    await waitForText(page, '已记入该居民今日健康打卡，并提醒网格长');
    const [sent] = actionCalls(
      weapp.calls.slice(before),
      'campaigns',
      'visit',
    ) as unknown as VisitInput[];
    expect(sent?.finding).toEqual({ kind: 'fever', personId: 'h-10-p1', temperature: 38.2 });
  });
});

describe('a visit made without a network waits on the phone (待同步)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;
  afterEach(() => {
    page?.detach();
    page = null;
  });

  /** False: every call fails as WeChat does with no network. */
  let online = true;
  let stored: VisitView | null = null;
  const offline = () =>
    Promise.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' });
  function backend() {
    weapp.answerCallFunction((call) => {
      const data = call.data as { action?: string } & Partial<VisitInput>;
      if (!online) return offline();
      if (call.name !== 'campaigns') return refuse('INTERNAL', '未知调用');
      if (data.action === 'detail') return ok(campaign);
      if (data.action === 'mine') {
        return ok({
          items: [row('h-10', '沙头社区东街10号', stored)],
          page: 1,
          pageSize: 20,
          total: 1,
          round: 1,
          done: 0,
        } satisfies MyTargetsPage);
      }
      if (data.action === 'visit') {
        stored = state({ outcome: data.outcome, noHomeCount: 1 });
        return ok(stored);
      }
      return refuse('INTERNAL', '未知调用');
    });
  }

  it('opens a door as last read, keeps the visit with its client id (待同步), sends it when back', async () => {
    // The platform logs each failed call; here they are the point.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    backend();
    page = openPage('pages/campaigns/mine/index', { id: 'c-1' });
    await waitForText(page, ['第一轮洗楼', '沙头社区东街10号', '未走访']);
    page.detach();

    // In a dead spot: the door opens from what 我的走访 read, the visit waits on the phone.
    online = false;
    page = openPage('pages/campaigns/visit/index', { id: 'c-1', targetId: 'h-10' });
    await waitForText(page, ['网络不通：显示的是上次同步的信息', '沙头社区东街10号', '走访结果']);
    tapChip(page, '无人在家');
    await settle();
    const before = weapp.calls.length;
    tapText(page, '保存走访记录');
    await waitForText(page, ['待同步：无人在家', '待同步 1 条走访记录']);
    const [tried] = actionCalls(
      weapp.calls.slice(before),
      'campaigns',
      'visit',
    ) as unknown as VisitInput[];
    const queue = weapp.storage.get('gridguard.visitQueue') as {
      input: VisitInput;
      label: string;
    }[];
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ label: '沙头社区东街10号', input: { outcome: 'noHome' } });
    expect(queue[0]?.input.clientId).toBe(tried?.clientId);
    // Waiting: no second form for the same door.
    expect(pageText(page)).not.toContain('保存走访记录');
    page.detach();

    page = openPage('pages/campaigns/mine/index', { id: 'c-1' });
    await waitForText(page, ['待同步 1 条走访记录', '走访对象加载失败']);
    // Shown again, the page tried to send it at once; the network is still out.
    await settle();
    online = true;
    const synced = weapp.calls.length;
    tapText(page, '立即同步');
    await waitForText(page, ['沙头社区东街10号', '无人在家 1 次']);
    const sent = actionCalls(
      weapp.calls.slice(synced),
      'campaigns',
      'visit',
    ) as unknown as VisitInput[];
    expect(sent).toHaveLength(1);
    expect(sent[0]?.clientId).toBe(tried?.clientId);
    // Synced later, it still carries the moment of the knock.
    expect(typeof tried?.knockedAt).toBe('number');
    expect(sent[0]?.knockedAt).toBe(tried?.knockedAt);
    expect(weapp.storage.get('gridguard.visitQueue')).toEqual([]);
    expect(pageText(page)).not.toContain('待同步');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
