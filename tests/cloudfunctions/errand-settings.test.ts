import { COLLECTIONS, type ErrandRequest, type ErrandSettings } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { enlistVolunteers } from '../../scripts/demo/volunteers';
import { actingAs, dataOf } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';

/** Two volunteers of 沙头社区's first branch, for the timer's two claims. */
const VOLUNTEERS = [
  { openid: 'oSetVol1', name: '志愿者甲', roleLabel: '志愿者' },
  { openid: 'oSetVol2', name: '志愿者乙', roleLabel: '志愿者' },
];

// A server of its own: the limits set here must not reach the other errand tests.
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    extraLogins: VOLUNTEERS,
    startTimers: false,
  });
  enlistVolunteers(server.emulator.store, VOLUNTEERS, { party: false });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const command = () => as('oDemoCommand');
const configure = (settings: ErrandSettings) => command()('errands', 'configure', settings);
const SELF = 'h-demo-resident-p1';
const groceries: ErrandRequest = {
  items: [{ name: '大米', quantity: '10斤', note: '' }],
  budget: 80,
  urgency: 2,
  deliveryNote: '',
  contactless: true,
};
const request = async () =>
  dataOf(await as('oDemoResident')('errands', 'request', { personId: SELF, request: groceries }));

const stored = (collection: string, id: string) =>
  server.emulator.store.getById(server.emulator.store.db, collection, id)?.doc;
const settingsDoc = () => stored(COLLECTIONS.settings, 'errands');
const auditOf = (action: string) =>
  [...server.emulator.store.candidates(server.emulator.store.db, COLLECTIONS.auditLog, undefined)]
    .map((c) => c.doc)
    .filter((e) => e['action'] === action);

describe('跑腿设置', () => {
  it('are the defaults until the command centre sets them, for anyone signed in', async () => {
    expect(settingsDoc()).toBeUndefined();
    const defaults = {
      maxActiveClaims: 3,
      claimTimeoutMinutes: 120,
      updatedAt: null,
      updatedBy: null,
    };
    expect(dataOf(await as('oDemoVolunteer')('errands', 'settings', {}))).toEqual(defaults);
    expect(dataOf(await as('oDemoResident')('errands', 'settings', {}))).toEqual(defaults);
  });

  it('the command centre sets them: read back by a volunteer, audited with before and after', async () => {
    const saved = dataOf(await configure({ maxActiveClaims: 5, claimTimeoutMinutes: 60 }));
    expect(saved).toEqual({
      maxActiveClaims: 5,
      claimTimeoutMinutes: 60,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedBy: '九江镇指挥部',
    });
    expect(dataOf(await as('oDemoVolunteer')('errands', 'settings', {}))).toEqual(saved);
    expect(settingsDoc()).toMatchObject({
      maxActiveClaims: 5,
      claimTimeoutMinutes: 60,
      updatedBy: { openid: 'oDemoCommand', name: '九江镇指挥部' },
    });
    expect(auditOf('errand.settings')).toEqual([
      expect.objectContaining({
        actor: 'oDemoCommand',
        target: 'settings/errands',
        detail: {
          before: { maxActiveClaims: 3, claimTimeoutMinutes: 120 },
          after: { maxActiveClaims: 5, claimTimeoutMinutes: 60 },
        },
      }),
    ]);
  });

  it('a leader or a volunteer may not change them, and nothing is written', async () => {
    const before = JSON.stringify(settingsDoc());
    const audits = auditOf('errand.settings').length;
    for (const openid of ['oDemoLeader', 'oDemoVolunteer', 'oDemoResident']) {
      expect(
        await as(openid)('errands', 'configure', { maxActiveClaims: 9, claimTimeoutMinutes: 15 }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '只有指挥部可以修改跑腿设置' });
    }
    expect(JSON.stringify(settingsDoc())).toBe(before);
    expect(auditOf('errand.settings')).toHaveLength(audits);
  });

  it('refuses values out of range or not whole, in Chinese, and writes nothing', async () => {
    const before = JSON.stringify(settingsDoc());
    const bad: [ErrandSettings, string][] = [
      [{ maxActiveClaims: 0, claimTimeoutMinutes: 60 }, '每人同时办理的单数为 1–10'],
      [{ maxActiveClaims: 11, claimTimeoutMinutes: 60 }, '每人同时办理的单数为 1–10'],
      [{ maxActiveClaims: 2.5, claimTimeoutMinutes: 60 }, '每人同时办理的单数为 1–10，须为整数'],
      [{ maxActiveClaims: 3, claimTimeoutMinutes: 14 }, '认领超时为 15–1440 分钟'],
      [{ maxActiveClaims: 3, claimTimeoutMinutes: 1441 }, '认领超时为 15–1440 分钟'],
      [{ maxActiveClaims: 3, claimTimeoutMinutes: 30.5 }, '认领超时为 15–1440 分钟，须为整数'],
    ];
    for (const [settings, message] of bad) {
      const result = await configure(settings);
      expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(!result.ok && result.issues?.[0]?.message).toBe(message);
    }
    const text = await command()('errands', 'configure', {
      maxActiveClaims: '3' as unknown as number,
      claimTimeoutMinutes: 60,
    });
    expect(text).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.stringify(settingsDoc())).toBe(before);
  });

  it('with a limit of 2, a volunteer tapping 5 errands at once holds exactly 2', async () => {
    dataOf(await configure({ maxActiveClaims: 2, claimTimeoutMinutes: 120 }));
    const open = await Promise.all(Array.from({ length: 5 }, () => request()));
    const results = await Promise.all(
      open.map((e) => as('oDemoVolunteer')('errands', 'claim', { errandId: e.id })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    for (const r of results.filter((x) => !x.ok))
      expect(r).toMatchObject({
        ok: false,
        code: 'CONFLICT',
        message: expect.stringContaining('2 个进行中'),
      });
    const held = open
      .map((e) => stored(COLLECTIONS.errands, e.id))
      .filter((d) => (d?.['claimer'] as { openid: string } | null)?.openid === 'oDemoVolunteer');
    expect(held).toHaveLength(2);
    expect(held.every((d) => d?.['status'] === 'claimed')).toBe(true);
    expect(stored(COLLECTIONS.volunteerLoads, 'oDemoVolunteer')?.['active']).toBe(2);
  });

  it('with a 30-minute timeout, the timer returns a claim 45 minutes old and keeps one 20 minutes old', async () => {
    dataOf(await configure({ maxActiveClaims: 3, claimTimeoutMinutes: 30 }));
    const age = (id: string, minutes: number) => {
      const { store } = server.emulator;
      store.atomically(() => {
        const found = store.getById(store.db, COLLECTIONS.errands, id);
        if (!found) throw new Error(`errand ${id} is missing`);
        const claimer = found.doc['claimer'] as object;
        store.replace(COLLECTIONS.errands, found.seq, {
          ...found.doc,
          claimer: { ...claimer, at: new Date(Date.now() - minutes * 60_000) },
        });
      });
    };
    const stale = (await request()).id;
    const fresh = (await request()).id;
    dataOf(await as('oSetVol1')('errands', 'claim', { errandId: stale }));
    dataOf(await as('oSetVol2')('errands', 'claim', { errandId: fresh }));
    age(stale, 45);
    age(fresh, 20);
    const fired = await fetch(`${server.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'errandSweep', triggerName: 'every10Minutes' }),
    });
    expect(fired.ok).toBe(true);
    expect(stored(COLLECTIONS.errands, stale)).toMatchObject({ status: 'open', claimer: null });
    const history = stored(COLLECTIONS.errands, stale)?.['history'] as {
      action: string;
      reason?: string;
    }[];
    expect(history.at(-1)).toMatchObject({
      action: 'timeout',
      reason: '认领后 30 分钟未购买，退回待认领',
    });
    expect(stored(COLLECTIONS.errands, fresh)).toMatchObject({
      status: 'claimed',
      claimer: { openid: 'oSetVol2' },
    });
    expect(stored(COLLECTIONS.volunteerLoads, 'oSetVol1')?.['active']).toBe(0);
    expect(stored(COLLECTIONS.volunteerLoads, 'oSetVol2')?.['active']).toBe(1);
  });
});
