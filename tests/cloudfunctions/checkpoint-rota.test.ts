import {
  addDays,
  chinaDay,
  COLLECTIONS,
  ROTA_DAYS_AHEAD,
  shiftMinutes,
  SUBSCRIBE_TEMPLATES,
  type FunctionResult,
  type ShiftView,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import {
  chinaDayIn,
  refusal,
  sameChinaDay,
  shiftFromNow,
  type SiteInput,
} from '../helpers/checkpoints';
import { storedDoc, storedDocs, storeSnapshot, tempDir } from '../helpers/emulator';

/**
 * 卡口 rota through the real functions: sites and their shifts, sign-up races for the last slot,
 * the members' change deadline, 补位 after it, overlaps, check-in windows, hours this week
 * against a brute-force sum, the reminder timer run twice, plan edits that keep crewed shifts,
 * and scope. The site sits on 沙头社区's first group, staffed by 李志强 (its branch) and 罗桂芳
 * (the group itself); 陈建华 leads 沙头社区; 黄伟 leads 烟南村, out of scope.
 */
let server: DemoServer;

const LEADER = 'oDemoLeader';
const MEMBER = 'oDemoVolunteer';
const CONTACT1 = 'oGenContact01';
const RESIDENT = 'oDemoResident';
const YANNAN_LEADER = 'oGenLeader02';
const LEAF = 'g-shatou-b1-h1';
const REMINDER = SUBSCRIBE_TEMPLATES.shiftReminder.id;

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [
      { openid: CONTACT1, name: '罗桂芳', roleLabel: '网格员' },
      { openid: YANNAN_LEADER, name: '黄伟', roleLabel: '网格长' },
    ],
  });
});
afterAll(() => server.close());

const callers = new Map<string, ReturnType<typeof actingAs>>();
const as = (openid: string) => {
  let caller = callers.get(openid);
  if (!caller) {
    caller = actingAs(server.emulator, openid);
    callers.set(openid, caller);
  }
  return caller;
};
const store = () => server.emulator.store;
const docs = (collection: string) => storedDocs(server.emulator, collection);
const shiftDoc = (id: string) => storedDoc(server.emulator, COLLECTIONS.checkpointShifts, id);
const today = () => chinaDay(Date.now());
const dayIn = (n: number) => addDays(today(), n);

let keys = 0;
const siteInput = (over: Partial<SiteInput> = {}): SiteInput => ({
  gridId: LEAF,
  key: `k-site-${(keys += 1)}`,
  name: '东街村口',
  kind: 'village',
  place: '东街牌坊下',
  // 两班交叉: nobody works 7–21.
  plan: [
    { start: '07:00', end: '17:00', need: 2 },
    { start: '11:00', end: '21:00', need: 1 },
  ],
  ...over,
});
const createSite = async (over: Partial<SiteInput> = {}) =>
  dataOf(await as(LEADER)('checkpoints', 'createSite', siteInput(over)));
const shiftsOf = (siteId: string) =>
  docs(COLLECTIONS.checkpointShifts).filter((s) => s['siteId'] === siteId);
const idOf = (siteId: string, day: string, index: number) => `${siteId}:${day}:${index}`;
const codeOf = (result: FunctionResult<unknown>) => refusal(result).code;

describe('sites', () => {
  it('creates a site once per form key, with its shifts for the coming days', async () => {
    const input = siteInput();
    const first = dataOf(await as(LEADER)('checkpoints', 'createSite', input));
    const again = dataOf(await as(LEADER)('checkpoints', 'createSite', input));
    expect(again.id).toBe(first.id);
    expect(docs(COLLECTIONS.checkpointSites).filter((s) => s['_id'] === first.id)).toHaveLength(1);
    const made = shiftsOf(first.id);
    expect(made).toHaveLength(ROTA_DAYS_AHEAD * 2);
    expect(new Set(made.map((s) => s['day']))).toEqual(
      new Set(Array.from({ length: ROTA_DAYS_AHEAD }, (_, i) => dayIn(i))),
    );
    expect(made.every((s) => s['filled'] === 0 && s['uncovered'] === 1)).toBe(true);
    // The QR is the leader's: a member sees the site without it.
    expect(first.qrPath).toBe(
      `pages/checkpoints/outsider/index?site=${first.id}&t=${first.qrToken}`,
    );
    const seen = dataOf(await as(MEMBER)('checkpoints', 'site', { siteId: first.id }));
    expect(seen).toMatchObject({ qrToken: null, qrPath: null, may: { run: false, duty: true } });
  });

  it("lists a node's sites for its staff, with those above it the caller may staff", async () => {
    const above = await createSite({ gridId: 'g-shatou-b1', name: '支部路口' });
    const onLeaf = await createSite({ name: '东街南口' });
    const ids = (r: { items: { id: string }[] }) => r.items.map((s) => s.id);
    const contact = dataOf(await as(CONTACT1)('checkpoints', 'sites', { gridId: LEAF, page: 1 }));
    // 罗桂芳 serves the group only: the branch's site is not hers to staff.
    expect(ids(contact)).toContain(onLeaf.id);
    expect(ids(contact)).not.toContain(above.id);
    const member = dataOf(await as(MEMBER)('checkpoints', 'sites', { gridId: LEAF, page: 1 }));
    expect(ids(member)).toEqual(expect.arrayContaining([onLeaf.id, above.id]));
  });
});

describe('signing up', () => {
  it('gives the last slot to exactly one of two members racing for it', async () => {
    const site = await createSite();
    const shiftId = idOf(site.id, dayIn(2), 1);
    const results = await Promise.all([
      as(MEMBER)('checkpoints', 'signUp', { shiftId }),
      as(CONTACT1)('checkpoints', 'signUp', { shiftId }),
    ]);
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost.map(refusal)).toEqual([
      { code: 'CONFLICT', message: '该班次已报满，请选择其他班次' },
    ]);
    const stored = shiftDoc(shiftId);
    expect(stored).toMatchObject({ filled: 1, uncovered: 0 });
    expect(stored?.['crew']).toHaveLength(1);
    // A retry by the winner changes nothing.
    const winner = (won[0] as { ok: true; data: ShiftView }).data.crew[0]?.openid ?? '';
    dataOf(await as(winner)('checkpoints', 'signUp', { shiftId }));
    expect(shiftDoc(shiftId)).toMatchObject({ filled: 1, rev: 1 });
  });

  it('lets members change a shift until the day before it, and a leader fill it after', async () => {
    // Today's shift starts in five minutes: past the members' deadline, not ended. (In the last
    // 35 minutes of a China day it would be tomorrow's, and the premise would not hold.)
    expect(sameChinaDay(35)).toBe(true);
    const site = await createSite({
      plan: [shiftFromNow(5, 30, 1), { start: '00:00', end: '00:30', need: 1 }],
    });
    const todays = idOf(site.id, today(), 0);
    const tomorrow = idOf(site.id, dayIn(1), 1);
    const refused = refusal(await as(MEMBER)('checkpoints', 'signUp', { shiftId: todays }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('报名已截止');
    expect(shiftDoc(todays)).toMatchObject({ filled: 0, rev: 0 });
    // Tomorrow's is open to members until today ends: sign up, leave, sign up again.
    dataOf(await as(MEMBER)('checkpoints', 'signUp', { shiftId: tomorrow }));
    const left = dataOf(
      await as(MEMBER)('checkpoints', 'leave', { shiftId: tomorrow, confirm: true }),
    );
    expect(left).toMatchObject({ filled: 0, mine: false, open: true, changeUntil: today() });
    dataOf(await as(MEMBER)('checkpoints', 'signUp', { shiftId: tomorrow }));
    expect(shiftDoc(tomorrow)).toMatchObject({ filled: 1, rev: 3 });
    // 补位 after the deadline; the member cannot leave it themselves any more.
    const filled = dataOf(
      await as(LEADER)('checkpoints', 'fill', { shiftId: todays, openid: MEMBER }),
    );
    expect(filled.crew).toEqual([expect.objectContaining({ openid: MEMBER, source: 'leader' })]);
    expect(
      codeOf(await as(MEMBER)('checkpoints', 'leave', { shiftId: todays, confirm: true })),
    ).toBe('CONFLICT');
    expect(shiftDoc(todays)).toMatchObject({ filled: 1 });
    // Someone outside the site's team cannot be put on it.
    expect(
      codeOf(await as(LEADER)('checkpoints', 'fill', { shiftId: tomorrow, openid: RESIDENT })),
    ).toBe('INVALID_INPUT');
    dataOf(
      await as(LEADER)('checkpoints', 'unfill', {
        shiftId: tomorrow,
        openid: MEMBER,
        confirm: true,
      }),
    );
    expect(shiftDoc(tomorrow)).toMatchObject({ filled: 0, uncovered: 1 });
  });

  it('refuses a shift that overlaps one the member already has, at any site', async () => {
    const site = await createSite();
    const other = await createSite({ name: '东街北口' });
    dataOf(await as(CONTACT1)('checkpoints', 'signUp', { shiftId: idOf(site.id, dayIn(4), 0) }));
    const before = storeSnapshot(server.emulator);
    for (const shiftId of [idOf(site.id, dayIn(4), 1), idOf(other.id, dayIn(4), 0)]) {
      const refused = refusal(await as(CONTACT1)('checkpoints', 'signUp', { shiftId }));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toContain('时间重叠');
    }
    expect(storeSnapshot(server.emulator)).toEqual(before);
    // The next day's shift does not overlap.
    dataOf(await as(CONTACT1)('checkpoints', 'signUp', { shiftId: idOf(site.id, dayIn(5), 1) }));
  });

  it('shows a leader the uncovered shifts first, and lists them as the gap list', async () => {
    const site = await createSite({ plan: [{ start: '08:00', end: '16:00', need: 1 }] });
    dataOf(await as(MEMBER)('checkpoints', 'signUp', { shiftId: idOf(site.id, dayIn(7), 0) }));
    const rota = dataOf(
      await as(LEADER)('checkpoints', 'rota', { siteId: site.id, from: dayIn(7) }),
    );
    // The window ends at day 13: days 8–13 uncovered first, then the crewed day 7.
    expect(rota.shifts.map((s) => s.id)).toEqual([
      ...[8, 9, 10, 11, 12, 13].map((n) => idOf(site.id, dayIn(n), 0)),
      idOf(site.id, dayIn(7), 0),
    ]);
    const memberRota = dataOf(
      await as(MEMBER)('checkpoints', 'rota', { siteId: site.id, from: dayIn(7) }),
    );
    expect(memberRota.shifts[0]?.id).toBe(idOf(site.id, dayIn(7), 0));
    const gaps = dataOf(await as(LEADER)('checkpoints', 'uncovered', { gridId: LEAF, page: 1 }));
    expect(gaps.items.every((s) => s.uncovered)).toBe(true);
    const starts = gaps.items.map((s) => s.startAt);
    expect(starts).toEqual([...starts].sort());
    expect(gaps.total).toBeGreaterThan(gaps.items.length);
  });

  it('tops up the days missing from the window when the rota is read', async () => {
    const site = await createSite();
    const last = idOf(site.id, dayIn(ROTA_DAYS_AHEAD - 1), 0);
    const stored = store().getById(store().db, COLLECTIONS.checkpointShifts, last);
    store().atomically(() => store().remove(stored?.seq ?? -1));
    expect(shiftDoc(last)).toBeNull();
    await Promise.all([
      as(MEMBER)('checkpoints', 'rota', { siteId: site.id, from: dayIn(7) }),
      as(LEADER)('checkpoints', 'rota', { siteId: site.id, from: dayIn(7) }),
    ]);
    expect(shiftDoc(last)).toMatchObject({ filled: 0, start: '07:00' });
    expect(shiftsOf(site.id)).toHaveLength(ROTA_DAYS_AHEAD * 2);
  });
});

describe('plans and closing', () => {
  it('applies a new plan from the day after tomorrow and keeps crewed shifts as they are', async () => {
    const site = await createSite();
    const crewed = idOf(site.id, dayIn(3), 0);
    dataOf(await as(MEMBER)('checkpoints', 'signUp', { shiftId: crewed }));
    dataOf(
      await as(LEADER)('checkpoints', 'editSite', {
        siteId: site.id,
        plan: [
          { start: '00:00', end: '08:00', need: 1 },
          { start: '08:00', end: '16:00', need: 2 },
          { start: '16:00', end: '00:00', need: 1 },
        ],
      }),
    );
    // Tomorrow is as it was planned.
    expect(shiftDoc(idOf(site.id, dayIn(1), 1))).toMatchObject({ start: '11:00', planVersion: 1 });
    // The crewed shift stays, with its crew and times; the day's other shifts follow the new plan.
    expect(shiftDoc(crewed)).toMatchObject({ start: '07:00', filled: 1, planVersion: 1 });
    expect(shiftDoc(idOf(site.id, dayIn(3), 1))).toMatchObject({ start: '08:00', planVersion: 2 });
    expect(shiftDoc(idOf(site.id, dayIn(4), 0))).toMatchObject({ start: '00:00', end: '08:00' });
    expect(shiftDoc(idOf(site.id, dayIn(4), 2))).toMatchObject({ start: '16:00' });
    const night = shiftDoc(idOf(site.id, dayIn(4), 2));
    expect((night?.['endAt'] as Date).getTime() - (night?.['startAt'] as Date).getTime()).toBe(
      8 * 3_600_000,
    );
  });

  it('a new QR retires the printed one at once; forms waiting stay; only leaders renew it', async () => {
    const site = await createSite();
    const printed = site.qrToken ?? '';
    const form = dataOf(
      await as(RESIDENT)('checkpoints', 'outsiderSubmit', {
        siteId: site.id,
        token: printed,
        name: '张来访',
        phone: '13912345678',
        fromCode: '440600',
        fromName: '广东省佛山市',
        destAddress: '东街 3 号',
        purpose: '探亲',
        staying: false,
      }),
    );
    const before = storeSnapshot(server.emulator);
    expect(
      codeOf(await as(MEMBER)('checkpoints', 'renewQr', { siteId: site.id, confirm: true })),
    ).toBe('FORBIDDEN');
    expect(storeSnapshot(server.emulator)).toEqual(before);

    const renewed = dataOf(
      await as(LEADER)('checkpoints', 'renewQr', { siteId: site.id, confirm: true }),
    );
    expect(renewed.qrToken).not.toBe(printed);
    expect(renewed.qrPath).toContain(renewed.qrToken ?? 'none');
    const open = (token: string) =>
      as(RESIDENT)('checkpoints', 'outsiderSite', { siteId: site.id, token });
    expect(codeOf(await open(printed))).toBe('FORBIDDEN');
    expect(dataOf(await open(renewed.qrToken ?? ''))).toMatchObject({ siteId: site.id });
    const waiting = dataOf(
      await as(LEADER)('checkpoints', 'outsiderWaiting', { siteId: site.id, page: 1 }),
    );
    expect(waiting.items.map((f) => f.formId)).toEqual([form.formId]);

    dataOf(await as(LEADER)('checkpoints', 'closeSite', { siteId: site.id, confirm: true }));
    expect(
      codeOf(await as(LEADER)('checkpoints', 'renewQr', { siteId: site.id, confirm: true })),
    ).toBe('CONFLICT');
  });

  it('closes a site on confirmation: no more sign-ups, empty future shifts go', async () => {
    const site = await createSite();
    dataOf(await as(LEADER)('checkpoints', 'closeSite', { siteId: site.id, confirm: true }));
    expect(
      codeOf(await as(MEMBER)('checkpoints', 'signUp', { shiftId: idOf(site.id, dayIn(5), 0) })),
    ).toBe('CONFLICT');
    expect(
      shiftsOf(site.id).filter((s) => (s['startAt'] as Date).getTime() > Date.now()),
    ).toHaveLength(0);
  });
});

describe('days coming into the rota', () => {
  const fireTopUp = async () => {
    const response = await fetch(`${server.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'rotaTopUp', triggerName: 'hourly' }),
    });
    return ((await response.json()) as { ok: boolean }).ok;
  };
  const siteDoc = (id: string) => storedDoc(server.emulator, COLLECTIONS.checkpointSites, id);
  const lastDay = () => dayIn(ROTA_DAYS_AHEAD - 1);
  /**
   * As if the site's shifts were made three days ago and nobody opened its rota since: the last
   * three days of the window have none. `stored` false: a site from before `shiftsThrough` was kept.
   */
  const rewind = (siteId: string, stored: boolean) =>
    store().atomically(() => {
      const through = dayIn(ROTA_DAYS_AHEAD - 4);
      for (const shift of [
        ...store().candidates(store().db, COLLECTIONS.checkpointShifts, undefined),
      ])
        if (shift.doc['siteId'] === siteId && String(shift.doc['day']) > through)
          store().remove(shift.seq);
      const site = store().getById(store().db, COLLECTIONS.checkpointSites, siteId);
      if (!site) throw new Error(`no site ${siteId}`);
      const { shiftsThrough: _, ...rest } = site.doc;
      store().replace(COLLECTIONS.checkpointSites, site.seq, {
        ...rest,
        ...(stored && { shiftsThrough: through }),
      });
    });

  it('the hourly timer makes the new days of every open site, once however often it runs', async () => {
    const site = await createSite();
    const older = await createSite();
    const closed = await createSite();
    dataOf(await as(LEADER)('checkpoints', 'closeSite', { siteId: closed.id, confirm: true }));
    expect(siteDoc(site.id)?.['shiftsThrough']).toBe(lastDay());
    rewind(site.id, true);
    rewind(older.id, false);
    rewind(closed.id, true);
    const closedShifts = shiftsOf(closed.id).length;

    expect(await fireTopUp()).toBe(true);
    const made = docs(COLLECTIONS.checkpointShifts).length;
    expect(await fireTopUp()).toBe(true);
    expect(docs(COLLECTIONS.checkpointShifts)).toHaveLength(made);
    for (const id of [site.id, older.id]) {
      expect(siteDoc(id)?.['shiftsThrough']).toBe(lastDay());
      expect(new Set(shiftsOf(id).map((s) => s['day']))).toEqual(
        new Set(Array.from({ length: ROTA_DAYS_AHEAD }, (_, i) => dayIn(i))),
      );
      expect(shiftsOf(id)).toHaveLength(ROTA_DAYS_AHEAD * 2);
    }
    expect(shiftDoc(idOf(site.id, lastDay(), 1))).toMatchObject({ start: '11:00', filled: 0 });
    // A closed site gets no new days.
    expect(shiftsOf(closed.id)).toHaveLength(closedShifts);
  });
});

describe('on duty', () => {
  // A shift open to check-in now (it starts in 40 minutes) and one starting in 80, each on the
  // China day its start falls on: the tests hold at any hour. They miss the shift of an earlier
  // test that 李志强 was put on (from 5 to 35 minutes ahead).
  const aroundNow = () =>
    createSite({
      name: '东街值守点',
      plan: [shiftFromNow(40, 30), shiftFromNow(80, 60)],
    });

  it('checks in only the crew, within the window, once', async () => {
    const site = await aroundNow();
    const now = idOf(site.id, chinaDayIn(40), 0);
    // A day on which 李志强 has no other shift: this one runs at the clock's time, whatever it is.
    const later = idOf(site.id, dayIn(6), 0);
    dataOf(await as(LEADER)('checkpoints', 'fill', { shiftId: now, openid: MEMBER }));
    dataOf(await as(LEADER)('checkpoints', 'fill', { shiftId: later, openid: MEMBER }));
    expect(codeOf(await as(CONTACT1)('checkpoints', 'checkIn', { shiftId: now }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await as(MEMBER)('checkpoints', 'checkIn', { shiftId: later }))).toBe('CONFLICT');
    const first = dataOf(await as(MEMBER)('checkpoints', 'checkIn', { shiftId: now }));
    const again = dataOf(await as(MEMBER)('checkpoints', 'checkIn', { shiftId: now }));
    const mine = (v: ShiftView) => v.crew.find((c) => c.openid === MEMBER);
    expect(mine(first)?.checkedInAt).not.toBeNull();
    expect(mine(again)?.checkedInAt).toBe(mine(first)?.checkedInAt);
    const out = dataOf(await as(MEMBER)('checkpoints', 'checkOut', { shiftId: now }));
    expect(mine(out)?.checkedOutAt).not.toBeNull();
    // The leader calls him (audited); 罗桂芳, not on the shift, may not.
    expect(
      dataOf(await as(LEADER)('checkpoints', 'callCrew', { shiftId: now, openid: MEMBER })),
    ).toEqual({ name: '李志强', phone: '13700137002' });
    expect(
      docs(COLLECTIONS.auditLog).filter(
        (e) => e['action'] === 'crew.reveal' && e['target'] === MEMBER,
      ),
    ).toHaveLength(1);
    expect(
      codeOf(await as(CONTACT1)('checkpoints', 'callCrew', { shiftId: now, openid: MEMBER })),
    ).toBe('FORBIDDEN');
    // 我的班次: the running shift first, then the later one.
    const my = dataOf(await as(MEMBER)('checkpoints', 'myShifts', { page: 1 }));
    const ids = my.items.map((s) => s.id);
    expect(ids.indexOf(now)).toBeLessThan(ids.indexOf(later));
  });

  it('reminds each crew member once before the shift, however often the timer runs', async () => {
    const site = await aroundNow();
    const soon = idOf(site.id, chinaDayIn(80), 1);
    dataOf(await as(LEADER)('checkpoints', 'fill', { shiftId: soon, openid: CONTACT1 }));
    server.emulator.ledger.grant(CONTACT1, REMINDER, 3);
    const fire = () =>
      fetch(`${server.url}/_emulator/timers/fire`, {
        method: 'POST',
        body: JSON.stringify({ functionName: 'shiftReminders', triggerName: 'every10Minutes' }),
      });
    await fire();
    await fire();
    expect(server.emulator.ledger.outbox({ touser: CONTACT1, templateId: REMINDER })).toHaveLength(
      1,
    );
    const crew = shiftDoc(soon)?.['crew'] as { openid: string; remindedAt: unknown }[];
    expect(crew.find((c) => c.openid === CONTACT1)?.remindedAt).toBeInstanceOf(Date);
  });

  it("counts each staff member's hours this week by the database, those with none included", async () => {
    const site = await createSite();
    const load = dataOf(await as(LEADER)('checkpoints', 'staffLoad', { siteId: site.id }));
    const inWeek = (day: unknown) =>
      typeof day === 'string' && day >= load.weekStart && day <= load.weekEnd;
    const brute = new Map<string, number>();
    for (const shift of docs(COLLECTIONS.checkpointShifts)) {
      if (!inWeek(shift['day'])) continue;
      for (const c of shift['crew'] as { openid: string }[]) {
        const minutes = shiftMinutes(shift['start'] as string, shift['end'] as string);
        brute.set(c.openid, (brute.get(c.openid) ?? 0) + minutes);
      }
    }
    const rows = new Map(load.rows.map((r) => [r.openid, r.minutes]));
    expect([...rows.keys()]).toEqual(expect.arrayContaining([LEADER, MEMBER, CONTACT1]));
    for (const [openid, minutes] of rows) expect(minutes).toBe(brute.get(openid) ?? 0);
    expect(load.rows.some((r) => r.minutes === 0)).toBe(true);
    const minutes = load.rows.map((r) => r.minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    expect(addDays(load.weekStart, 6)).toBe(load.weekEnd);
  });
});

describe('database calls', () => {
  const databaseCalls = async (): Promise<number> => {
    const reply = await fetch(`${server.url}/_emulator/stats`);
    const { actions } = (await reply.json()) as { actions: Record<string, number> };
    return Object.entries(actions)
      .filter(([name]) => name.startsWith('database.'))
      .reduce((n, [, count]) => n + count, 0);
  };
  const callsOf = async (run: () => Promise<FunctionResult<unknown>>) => {
    const before = await databaseCalls();
    dataOf(await run());
    return (await databaseCalls()) - before;
  };

  it('spends a fixed number per action, however many sites and shifts there are', async () => {
    const measure = async (day: number) => {
      const site = await createSite();
      const shiftId = idOf(site.id, dayIn(day), 1);
      return {
        createSite: await callsOf(() => as(LEADER)('checkpoints', 'createSite', siteInput())),
        sites: await callsOf(() => as(MEMBER)('checkpoints', 'sites', { gridId: LEAF, page: 1 })),
        rota: await callsOf(() => as(MEMBER)('checkpoints', 'rota', { siteId: site.id })),
        signUp: await callsOf(() => as(MEMBER)('checkpoints', 'signUp', { shiftId })),
        leave: await callsOf(() => as(MEMBER)('checkpoints', 'leave', { shiftId, confirm: true })),
        fill: await callsOf(() => as(LEADER)('checkpoints', 'fill', { shiftId, openid: CONTACT1 })),
        staffLoad: await callsOf(() => as(LEADER)('checkpoints', 'staffLoad', { siteId: site.id })),
        myShifts: await callsOf(() => as(CONTACT1)('checkpoints', 'myShifts', { page: 1 })),
        uncovered: await callsOf(() =>
          as(LEADER)('checkpoints', 'uncovered', { gridId: LEAF, page: 1 }),
        ),
      };
    };
    const first = await measure(9);
    // More sites and crews under the node: the same calls.
    for (let i = 0; i < 4; i += 1) {
      const more = await createSite();
      dataOf(
        await as(LEADER)('checkpoints', 'fill', {
          shiftId: idOf(more.id, dayIn(10 + i), 0),
          openid: MEMBER,
        }),
      );
    }
    expect(await measure(8)).toEqual(first);
    // Two of each are the caller's roles (user and memberships), read once per invocation.
    expect(first).toEqual({
      createSite: 7,
      sites: 5,
      rota: 4,
      signUp: 6,
      leave: 5,
      fill: 7,
      staffLoad: 5,
      myShifts: 4,
      uncovered: 5,
    });
  });
});

describe('scope', () => {
  it('refuses out of scope whether or not the site exists, and writes nothing', async () => {
    const site = await createSite();
    const before = storeSnapshot(server.emulator);
    const shiftId = idOf(site.id, dayIn(3), 0);
    const missing = idOf('cs-nowhere', dayIn(3), 0);
    for (const id of [site.id, 'cs-nowhere']) {
      expect(refusal(await as(YANNAN_LEADER)('checkpoints', 'site', { siteId: id }))).toEqual(
        refusal(await as(YANNAN_LEADER)('checkpoints', 'site', { siteId: site.id })),
      );
      expect(codeOf(await as(YANNAN_LEADER)('checkpoints', 'staffLoad', { siteId: id }))).toBe(
        'FORBIDDEN',
      );
    }
    for (const id of [shiftId, missing]) {
      expect(codeOf(await as(YANNAN_LEADER)('checkpoints', 'signUp', { shiftId: id }))).toBe(
        'FORBIDDEN',
      );
      expect(
        codeOf(await as(YANNAN_LEADER)('checkpoints', 'fill', { shiftId: id, openid: MEMBER })),
      ).toBe('FORBIDDEN');
    }
    expect(codeOf(await as(RESIDENT)('checkpoints', 'signUp', { shiftId }))).toBe('FORBIDDEN');
    expect(codeOf(await as(MEMBER)('checkpoints', 'fill', { shiftId, openid: MEMBER }))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(await as(YANNAN_LEADER)('checkpoints', 'createSite', siteInput({ gridId: LEAF }))),
    ).toBe('FORBIDDEN');
    expect(storeSnapshot(server.emulator)).toEqual(before);
  });
});
