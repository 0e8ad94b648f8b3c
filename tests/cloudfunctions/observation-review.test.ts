/**
 * The leader's side of home observation through the real SDK: the stored declaration handed back
 * for editing, the queue narrowed by status and class, the fever alert that opens 异常提醒, and
 * 解除异常 (returns.resolve) with its refusals.
 */
import {
  addDays,
  alertsPagePath,
  chinaDay,
  COLLECTIONS,
  SUBSCRIBE_TEMPLATES,
  type ReturnDeclaration,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    extraLogins: [
      { openid: 'oGenLeader02', name: '黄伟', roleLabel: '烟南村网格长' },
      { openid: 'oGenBranch01', name: '黄德明', roleLabel: '第一经济社网格长' },
    ],
  });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const resident = () => as('oDemoResident');
const leader = () => as('oDemoLeader');
/** 王秀英, her husband and her mother, all in 第三户联系党小组 under 沙头社区. */
const SELF = 'h-demo-resident-p1';
const HUSBAND = 'h-demo-resident-p2';
const MOTHER = 'h-demo-resident-p3';
/** 黄伟 leads 烟南村, a sibling of 沙头社区: a leader, but not of these people. */
const OTHER_LEADER = 'oGenLeader02';
const today = () => chinaDay(Date.now());
const observationDoc = (personId: string) => {
  const store = server.emulator.store;
  return store.getById(store.db, COLLECTIONS.observations, personId)?.doc;
};
const audits = (action: string) => {
  const store = server.emulator.store;
  return [...store.candidates(store.db, COLLECTIONS.auditLog, undefined)]
    .map((c) => c.doc)
    .filter((d) => d['action'] === action);
};

const declaration = (
  province: string,
  arrivalDay: string,
  extra: Partial<ReturnDeclaration> = {},
): ReturnDeclaration => ({
  origin: { province, city: '', district: '' },
  via: [],
  transport: 'train',
  transportNumber: 'G1002',
  departureDay: addDays(arrivalDay, -1),
  arrivalDay,
  contactWithCases: false,
  symptoms: [],
  ...extra,
});

describe('returns.status hands back the declaration to edit', () => {
  it('is empty before the first registration', async () => {
    expect(dataOf(await resident()('returns', 'status', { personId: HUSBAND }))).toEqual({
      observation: null,
      declaration: null,
    });
  });

  it('returns the latest declaration as registered, with the observation', async () => {
    const first = declaration('湖北省', addDays(today(), -3), {
      via: [{ province: '江西省', city: '九江市', district: '' }],
    });
    dataOf(await resident()('returns', 'declare', { personId: SELF, declaration: first }));
    const status = dataOf(await resident()('returns', 'status', { personId: SELF }));
    expect(status.declaration).toEqual(first);
    expect(status.observation).toMatchObject({
      class: 'central',
      dayNumber: 4,
      lastReportDay: null,
      alert: null,
    });

    // A later registration (another arrival) is the one the form opens with.
    const second = declaration('湖北省', addDays(today(), -2), { transportNumber: 'G1004' });
    dataOf(await resident()('returns', 'declare', { personId: SELF, declaration: second }));
    expect(dataOf(await resident()('returns', 'status', { personId: SELF })).declaration).toEqual(
      second,
    );
  });

  it('is not shown to someone outside the household and the grid', async () => {
    expect(await as('oDemoNewcomer')('returns', 'status', { personId: SELF })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('returns.list filters', () => {
  beforeAll(async () => {
    dataOf(
      await resident()('returns', 'declare', {
        personId: MOTHER,
        declaration: declaration('广西', today()),
      }),
    );
    dataOf(
      await resident()('returns', 'declare', {
        personId: HUSBAND,
        declaration: declaration('浙江省', today(), {
          origin: { province: '浙江省', city: '温州市', district: '' },
        }),
      }),
    );
  });

  const list = async (
    openid: string,
    filter: { status?: 'observing' | 'escalated'; class?: 'routine' | 'key' | 'central' } = {},
  ) => as(openid)('returns', 'list', { gridId: 'g-shatou', page: 1, ...filter });
  const ids = async (filter: Parameters<typeof list>[1]) =>
    dataOf(await list('oDemoLeader', filter)).items.map((o) => o.personId);

  it('narrows to one class, counting only that class', async () => {
    expect(await ids({})).toEqual([SELF, HUSBAND, MOTHER]);
    const routine = dataOf(await list('oDemoLeader', { class: 'routine' }));
    expect(routine.items.map((o) => [o.personId, o.class])).toEqual([[MOTHER, 'routine']]);
    expect(routine.total).toBe(1);
    expect(await ids({ class: 'key' })).toEqual([HUSBAND]);
  });

  it('lists the escalated, newest alert first, with the alert reason', async () => {
    expect(await ids({ status: 'escalated' })).toEqual([]);
    dataOf(
      await resident()('reports', 'submit', { personId: SELF, temperature: 38.2, symptoms: [] }),
    );
    dataOf(
      await resident()('reports', 'submit', {
        personId: MOTHER,
        temperature: 36.8,
        symptoms: ['cough'],
      }),
    );
    const escalated = dataOf(await list('oDemoLeader', { status: 'escalated' }));
    expect(escalated.items.map((o) => [o.personId, o.alert?.reason])).toEqual([
      [MOTHER, '申报有症状'],
      [SELF, '体温 38.2℃'],
    ]);
    expect(escalated.items[1]).toMatchObject({ lastReportDay: today(), status: 'escalated' });
    expect(await ids({ status: 'escalated', class: 'central' })).toEqual([SELF]);
    expect(await ids({ status: 'observing' })).toEqual([HUSBAND]);
  });

  it('refuses an unknown class or status with the field named', async () => {
    const bad = await leader()('returns', 'list', {
      gridId: 'g-shatou',
      page: 1,
      class: 'vip' as 'key',
    });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!bad.ok && bad.issues?.[0]?.path).toBe('class');
    const released = await leader()('returns', 'list', {
      gridId: 'g-shatou',
      page: 1,
      status: 'released' as 'escalated',
    });
    expect(!released.ok && released.issues?.[0]?.path).toBe('status');
  });

  it('keeps the scope: a leader of another village is refused, a member reads', async () => {
    expect(await list(OTHER_LEADER, { status: 'escalated' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(
      dataOf(
        await as('oDemoVolunteer')('returns', 'list', {
          gridId: 'g-shatou-b1',
          page: 1,
          status: 'escalated',
        }),
      ).total,
    ).toBe(2);
  });
});

describe('the fever alert message', () => {
  it('opens 异常提醒 for the node of the nearest leader', async () => {
    // 第一经济社党支部 (g-shatou-b1) has its own leader, nearer to 王秀英 than 陈建华.
    server.emulator.ledger.grant('oGenBranch01', SUBSCRIBE_TEMPLATES.feverAlert.id);
    dataOf(
      await resident()('reports', 'submit', { personId: SELF, temperature: 38.5, symptoms: [] }),
    );
    const sent = server.emulator.ledger.outbox({
      touser: 'oGenBranch01',
      templateId: SUBSCRIBE_TEMPLATES.feverAlert.id,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.page).toBe('pages/observe/alerts/index?gridId=g-shatou-b1');
    expect(sent[0]?.page).toBe(alertsPagePath('g-shatou-b1'));
  });
});

describe('returns.resolve (解除异常)', () => {
  it('is refused to members and to a leader out of scope, changing nothing', async () => {
    const before = observationDoc(SELF);
    for (const openid of ['oDemoVolunteer', OTHER_LEADER, 'oDemoResident']) {
      expect(
        await as(openid)('returns', 'resolve', { personId: SELF, reason: '上门复测体温正常' }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' });
    }
    expect(observationDoc(SELF)).toEqual(before);
  });

  it('refuses a missing or too short reason with the field named, changing nothing', async () => {
    const before = observationDoc(SELF);
    for (const reason of ['好', ' ', 'x'.repeat(101)]) {
      const bad = await leader()('returns', 'resolve', { personId: SELF, reason });
      expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(!bad.ok && bad.issues?.[0]).toMatchObject({ path: 'reason' });
    }
    // Nobody of that id: refused like someone out of scope, so the answer tells nothing.
    expect(
      await leader()('returns', 'resolve', { personId: 'p-nobody', reason: '上门复测体温正常' }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(observationDoc(SELF)).toEqual(before);
  });

  it('a leader in scope clears the escalation; the history and the audit log record it', async () => {
    const view = dataOf(
      await leader()('returns', 'resolve', {
        personId: SELF,
        reason: '  上门复测体温36.6，无症状 ',
      }),
    );
    expect(view).toMatchObject({ personId: SELF, status: 'observing', class: 'central' });
    // The alert stays readable as the last one raised; the person is observed as before.
    expect(view.alert).toMatchObject({ reason: '体温 38.5℃' });
    const stored = observationDoc(SELF) as { status: string; history: { event: string }[] };
    expect(stored.status).toBe('observing');
    expect(stored.history.at(-1)).toEqual({
      day: today(),
      event: 'deescalate',
      reason: '上门复测体温36.6，无症状',
    });
    expect(audits('observation.resolve')).toEqual([
      expect.objectContaining({
        actor: 'oDemoLeader',
        target: SELF,
        detail: { alert: '体温 38.5℃', reason: '上门复测体温36.6，无症状' },
      }),
    ]);
    const escalated = dataOf(
      await leader()('returns', 'list', { gridId: 'g-shatou', page: 1, status: 'escalated' }),
    );
    expect(escalated.items.map((o) => o.personId)).toEqual([MOTHER]);
  });

  it('a person not escalated is refused with a clear message, changing nothing', async () => {
    const before = observationDoc(SELF);
    expect(await leader()('returns', 'resolve', { personId: SELF, reason: '再次确认' })).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该居民当前没有异常需要解除',
    });
    expect(observationDoc(SELF)).toEqual(before);
    expect(audits('observation.resolve')).toHaveLength(1);
  });

  it('the leader of the nearer node may resolve too', async () => {
    const view = dataOf(
      await as('oGenBranch01')('returns', 'resolve', {
        personId: MOTHER,
        reason: '电话回访，咳嗽已好转',
      }),
    );
    expect(view.status).toBe('observing');
  });

  it('two leaders resolving at once: one does, the other is told there is nothing left', async () => {
    dataOf(
      await resident()('reports', 'submit', { personId: SELF, temperature: 38.4, symptoms: [] }),
    );
    expect(observationDoc(SELF)?.['status']).toBe('escalated');
    expect(
      (observationDoc(SELF)?.['history'] as { event: string; reason: string }[]).at(-1),
    ).toEqual(expect.objectContaining({ event: 'escalate', reason: '体温 38.4℃' }));
    const deescalations = () =>
      (observationDoc(SELF)?.['history'] as { event: string }[]).filter(
        (h) => h.event === 'deescalate',
      ).length;
    const before = deescalations();
    const results = await Promise.all([
      leader()('returns', 'resolve', { personId: SELF, reason: '上门复测正常' }),
      as('oGenBranch01')('returns', 'resolve', { personId: SELF, reason: '电话回访正常' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', message: '该居民当前没有异常需要解除' }),
    ]);
    expect(deescalations()).toBe(before + 1);
    expect(observationDoc(SELF)?.['status']).toBe('observing');
  });
});

describe('returns.resolved (已处理)', () => {
  it('keeps every resolution under the node, newest first, with its reading, check and checker', async () => {
    const list = dataOf(await leader()('returns', 'resolved', { gridId: 'g-shatou', page: 1 }));
    // Two resolutions of 王秀英 (the race above recorded one) and one of her mother.
    expect(list.total).toBe(3);
    expect(list.items.map((a) => [a.personId, a.alert.reason])).toEqual([
      [SELF, '体温 38.4℃'],
      [MOTHER, expect.any(String)],
      [SELF, '体温 38.5℃'],
    ]);
    expect(['上门复测正常', '电话回访正常']).toContain(list.items[0]?.resolution);
    expect(list.items[1]).toMatchObject({ resolution: '电话回访，咳嗽已好转' });
    expect(list.items[2]).toMatchObject({
      name: '王秀英',
      alert: { temperature: 38.5 },
      resolution: '上门复测体温36.6，无症状',
      resolvedBy: '陈建华',
      resolvedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
    });
    // The branch sees its own; a node beside it sees none of them.
    const branch = dataOf(
      await leader()('returns', 'resolved', { gridId: 'g-shatou-b1', page: 1 }),
    );
    expect(branch.total).toBe(3);
    const beside = dataOf(
      await leader()('returns', 'resolved', { gridId: 'g-shatou-b2', page: 1 }),
    );
    expect(beside.items).toEqual([]);
  });

  it('is refused out of scope, whether or not the node exists', async () => {
    for (const [openid, gridId] of [
      [OTHER_LEADER, 'g-shatou'],
      ['oDemoResident', 'g-shatou'],
      [OTHER_LEADER, 'g-nowhere'],
    ] as const) {
      expect(await as(openid)('returns', 'resolved', { gridId, page: 1 })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
  });
});

describe('the 网格长 + 关爱协管员 pair', () => {
  it('is assigned when the observation starts: the nearest leader and the nearest team member', async () => {
    dataOf(
      await resident()('returns', 'declare', {
        personId: HUSBAND,
        declaration: declaration('广东省', addDays(today(), -1), { transportNumber: 'G1010' }),
      }),
    );
    const status = dataOf(await resident()('returns', 'status', { personId: HUSBAND }));
    // 第三户联系党小组 has no leader of its own: 第一经济社's 黄德明; its own 网格员 梁志明 cares.
    expect(status.observation?.care).toEqual({ leader: '黄德明', carer: '梁志明' });
  });

  it('a leader in scope may give the person another carer from the teams on their path', async () => {
    const view = dataOf(
      await leader()('returns', 'assignCarer', { personId: HUSBAND, openid: 'oDemoVolunteer' }),
    );
    expect(view.care).toEqual({ leader: '黄德明', carer: '李志强' });
    expect(observationDoc(HUSBAND)?.['care']).toMatchObject({
      carer: { openid: 'oDemoVolunteer', name: '李志强' },
    });
    expect(audits('observation.assignCarer')).toEqual([
      expect.objectContaining({ actor: 'oDemoLeader', target: HUSBAND }),
    ]);
  });

  it('refuses someone outside the path, a member, and a leader out of scope, changing nothing', async () => {
    expect(
      await leader()('returns', 'assignCarer', { personId: HUSBAND, openid: 'oGenLeader02' }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await as('oDemoVolunteer')('returns', 'assignCarer', {
        personId: HUSBAND,
        openid: 'oDemoVolunteer',
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await as(OTHER_LEADER)('returns', 'assignCarer', {
        personId: HUSBAND,
        openid: 'oGenContact03',
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(observationDoc(HUSBAND)?.['care']).toMatchObject({
      carer: { openid: 'oDemoVolunteer' },
    });
  });
});
