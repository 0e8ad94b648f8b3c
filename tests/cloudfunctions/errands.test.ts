import {
  COLLECTIONS,
  SUBSCRIBE_TEMPLATES,
  type ErrandRequest,
  type ErrandStatus,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { sampleErrand } from '../../scripts/demo/day-activity';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { enlistVolunteers, volunteerLogins } from '../../scripts/demo/volunteers';
import { actingAs, dataOf, errandPhotoId } from '../helpers/actions';
import { connectSdk, tempDir } from '../helpers/emulator';

/** 100 volunteers of 沙头社区's first branch, besides the demo team. */
const VOLUNTEERS = volunteerLogins('oVol', 100);

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    extraLogins: [
      ...VOLUNTEERS,
      { openid: 'oGenLeader02', name: '黄伟', roleLabel: '烟南村网格长' },
    ],
  });
  enlistVolunteers(server.emulator.store, VOLUNTEERS, { party: true });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const resident = () => as('oDemoResident');
const SELF = 'h-demo-resident-p1';
const groceries: ErrandRequest = {
  items: [
    { name: '大米', quantity: '10斤', note: '' },
    { name: '青菜', quantity: '2把', note: '新鲜的' },
  ],
  budget: 80,
  urgency: 2,
  deliveryNote: '放门口，敲门即可',
  contactless: true,
};
const request = async (overrides: Partial<ErrandRequest> = {}) =>
  dataOf(
    await resident()('errands', 'request', {
      personId: SELF,
      request: { ...groceries, ...overrides },
    }),
  );
const errandDoc = (id: string) =>
  server.emulator.store.getById(server.emulator.store.db, COLLECTIONS.errands, id)?.doc;

it('a resident requests; the volunteers of the household nodes see the pool, most urgent first', async () => {
  const calm = await request({ urgency: 1 });
  const urgent = await request({
    urgency: 4,
    items: [{ name: '降压药', quantity: '1盒', note: '' }],
  });
  expect(calm).toMatchObject({
    status: 'open',
    requesterName: '王秀英',
    gridName: '第三户联系党小组',
    claimer: null,
  });
  const pool = dataOf(await as('oDemoVolunteer')('errands', 'pool', { page: 1 }));
  expect(pool.items.map((e) => e.id).slice(0, 2)).toEqual([urgent.id, calm.id]);
  // The pool shows no address or phone.
  expect(JSON.stringify(pool)).not.toMatch(/新村大街|13800138018/);
  expect(await as('oDemoNewcomer')('errands', 'pool', { page: 1 })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
});

it('100 concurrent claims on one errand: exactly one winner, the rest told 已被认领', async () => {
  const errand = await request();
  server.emulator.ledger.grant('oDemoResident', SUBSCRIBE_TEMPLATES.errandUpdate.id);
  const results = await Promise.all(
    VOLUNTEERS.map((v) => as(v.openid)('errands', 'claim', { errandId: errand.id })),
  );
  const winners = results.filter((r) => r.ok);
  expect(winners).toHaveLength(1);
  for (const r of results.filter((x) => !x.ok))
    expect(r).toEqual({ ok: false, code: 'CONFLICT', message: '该跑腿单已被认领' });
  const winner = VOLUNTEERS[results.findIndex((r) => r.ok)];
  expect(errandDoc(errand.id)).toMatchObject({
    status: 'claimed',
    claimer: { openid: winner?.openid },
  });
  // Losers hold no slot; the winner holds one.
  const loads = [
    ...server.emulator.store.candidates(
      server.emulator.store.db,
      COLLECTIONS.volunteerLoads,
      undefined,
    ),
  ].map((c) => c.doc);
  expect(loads.filter((l) => (l['active'] as number) > 0).map((l) => l['_id'])).toEqual([
    winner?.openid,
  ]);
  expect(server.emulator.ledger.outbox({ touser: 'oDemoResident' })[0]?.data['phrase2']).toEqual({
    value: '已被认领',
  });
});

it('nobody claims outside their grid, and nothing changes when they try', async () => {
  const errand = await request();
  expect(await as('oGenLeader02')('errands', 'claim', { errandId: errand.id })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(await as('oDemoNewcomer')('errands', 'claim', { errandId: errand.id })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(errandDoc(errand.id)).toMatchObject({ status: 'open', claimer: null });
});

it('a cancelled errand cannot be claimed: the volunteer is told it was cancelled', async () => {
  const errand = await request();
  dataOf(
    await resident()('errands', 'cancel', {
      errandId: errand.id,
      reason: '家人已买到',
      confirm: true,
    }),
  );
  const before = JSON.stringify(errandDoc(errand.id));
  expect(await as('oVol30')('errands', 'claim', { errandId: errand.id })).toEqual({
    ok: false,
    code: 'CONFLICT',
    message: '该跑腿单已取消',
  });
  expect(JSON.stringify(errandDoc(errand.id))).toBe(before);
});

it('a volunteer holds at most 3 active claims, even tapping 5 at once', async () => {
  const open = await Promise.all(Array.from({ length: 5 }, () => request()));
  const results = await Promise.all(
    open.map((e) => as('oVol99')('errands', 'claim', { errandId: e.id })),
  );
  expect(results.filter((r) => r.ok)).toHaveLength(3);
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.message.includes('3 个进行中'))).toBe(
    true,
  );
});

it('a claim refused by the limit writes nothing to the errand, and each claim costs few DB calls', async () => {
  const databaseCalls = async () => {
    const reply = await fetch(`${server.url}/_emulator/stats`);
    const { actions } = (await reply.json()) as { actions: Record<string, number> };
    return Object.entries(actions)
      .filter(([name]) => name.startsWith('database.'))
      .reduce((n, [, count]) => n + count, 0);
  };
  const claim = async (openid: string, errandId: string) => {
    const before = await databaseCalls();
    const result = await as(openid)('errands', 'claim', { errandId });
    return { result, calls: (await databaseCalls()) - before };
  };
  const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => request()));
  if (!a || !b || !c || !d) throw new Error('four errands expected');
  // The caller (user, memberships), the errand, a first slot (counter created), the claim, audit.
  expect(await claim('oVol60', a.id)).toMatchObject({ result: { ok: true }, calls: 7 });
  // Too late: answered from the reads alone.
  expect(await claim('oVol61', a.id)).toMatchObject({ result: { ok: false }, calls: 3 });
  dataOf(await claim('oVol60', b.id).then((r) => r.result));
  dataOf(await claim('oVol60', c.id).then((r) => r.result));
  const untouched = errandDoc(d.id);
  for (let i = 0; i < 3; i += 1) {
    const refused = await claim('oVol60', d.id);
    expect(refused.result).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '您已有 3 个进行中的跑腿单，请先完成再认领',
    });
    // Reads, the slot tried below 1, the counter found, the limit read, the slot tried below it.
    expect(refused.calls).toBe(7);
  }
  expect(errandDoc(d.id)).toEqual(untouched);
  expect(errandDoc(d.id)?.['history']).toHaveLength(1);
});

it('staff ask for someone without WeChat: the errand is theirs to follow in 我的代购 and to cancel', async () => {
  // 李志强 serves 沙头社区's first branch; this household's people were registered without WeChat.
  const WALK_IN = 'h-g-shatou-b1-h1-1-p1';
  const staff = as('oDemoVolunteer');
  const asked = dataOf(
    await staff('errands', 'request', { personId: WALK_IN, request: groceries }),
  );
  expect(errandDoc(asked.id)).toMatchObject({
    personId: WALK_IN,
    householdId: 'h-g-shatou-b1-h1-1',
    requesterOpenid: 'oDemoVolunteer',
    personOpenid: null,
  });
  const mine = dataOf(await staff('errands', 'mine', { page: 1 }));
  expect(mine.items.map((e) => e.id)).toContain(asked.id);
  // Not the resident's: another household's errand stays out of her list.
  const hers = dataOf(await resident()('errands', 'mine', { page: 1 }));
  expect(hers.items.map((e) => e.id)).not.toContain(asked.id);
  // A resident cannot ask for a stranger, whether or not they exist.
  for (const personId of [WALK_IN, 'h-g-shatou-b1-h1-1-p404']) {
    expect(await resident()('errands', 'request', { personId, request: groceries })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  }
  // The requester settles it as the household would: no reason owed to anyone.
  const cancelled = dataOf(
    await staff('errands', 'cancel', { errandId: asked.id, reason: '家人已送到', confirm: true }),
  );
  expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '家人已送到' });
  const listed = dataOf(await staff('errands', 'mine', { page: 1 }));
  expect(listed.items.find((e) => e.id === asked.id)?.cancelReason).toBe('家人已送到');
});

describe('one errand from claim to confirmation', () => {
  let id = '';
  const volunteer = () => as('oVol7');
  beforeAll(async () => {
    id = (await request()).id;
    dataOf(await volunteer()('errands', 'claim', { errandId: id }));
  });

  it('shows the address and phone to the claimer only, while the claim is active (audited)', async () => {
    expect(dataOf(await volunteer()('errands', 'contact', { errandId: id }))).toEqual({
      name: '王秀英',
      address: '沙头社区新村大街18号',
      phone: '13800138018',
    });
    expect(await as('oVol8')('errands', 'contact', { errandId: id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await as('oDemoLeader')('errands', 'contact', { errandId: id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const store = server.emulator.store;
    const audit = [...store.candidates(store.db, COLLECTIONS.auditLog, undefined)].map(
      (c) => c.doc,
    );
    expect(audit.find((e) => e['action'] === 'errand.contact' && e['target'] === id)).toMatchObject(
      { actor: 'oVol7' },
    );
  });

  it('refuses illegal steps and changes nothing', async () => {
    const before = JSON.stringify(errandDoc(id));
    expect(
      await volunteer()('errands', 'deliver', {
        errandId: id,
        photoFileId: await errandPhotoId(volunteer(), id, 'delivery'),
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(
      await resident()('errands', 'cancel', { errandId: id, reason: '不需要了', confirm: true }),
    ).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('不能取消') });
    expect(
      await as('oVol8')('errands', 'purchase', {
        errandId: id,
        amount: 10,
        receiptFileId: 'cloud://x/r.jpg',
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(JSON.stringify(errandDoc(id))).toBe(before);
  });

  it('purchase with an uploaded receipt photo, deliver, confirm; the contact closes after delivery', async () => {
    const cloud = connectSdk(server.emulator);
    const { cloudPath } = dataOf(
      await volunteer()('errands', 'photoTarget', { errandId: id, kind: 'receipt' }),
    );
    const { fileID } = (await cloud.uploadFile({
      cloudPath,
      fileContent: Buffer.from('receipt-bytes'),
    })) as { fileID: string };
    expect(
      dataOf(
        await volunteer()('errands', 'purchase', {
          errandId: id,
          amount: 76.5,
          receiptFileId: fileID,
        }),
      ),
    ).toMatchObject({ status: 'purchased', amountSpent: 76.5, receiptFileId: fileID });
    const downloaded = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer };
    expect(downloaded.fileContent.toString()).toBe('receipt-bytes');
    // A receipt is not a doorstep photo, and another volunteer's folder is not the claimer's.
    expect(
      await volunteer()('errands', 'deliver', { errandId: id, photoFileId: fileID }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const stranger = await errandPhotoId(volunteer(), id, 'delivery');
    expect(
      await volunteer()('errands', 'deliver', {
        errandId: id,
        photoFileId: stranger.replace('oVol7', 'oVol8'),
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      await as('oVol8')('errands', 'photoTarget', { errandId: id, kind: 'delivery' }),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    dataOf(await volunteer()('errands', 'deliver', { errandId: id, photoFileId: stranger }));
    expect(await volunteer()('errands', 'contact', { errandId: id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(dataOf(await resident()('errands', 'confirm', { errandId: id })).status).toBe(
      'confirmed',
    );
    expect((errandDoc(id)?.['history'] as { action: string }[]).map((h) => h.action)).toEqual([
      'request',
      'claim',
      'purchase',
      'deliver',
      'confirm',
    ]);
    expect(dataOf(await volunteer()('errands', 'claims', { page: 1 })).items[0]).toMatchObject({
      id,
      status: 'confirmed',
    });
  });
});

describe('the errand timer', () => {
  const fire = () =>
    fetch(`${server.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'errandSweep', triggerName: 'every10Minutes' }),
    });
  const age = (id: string, patch: (d: Record<string, unknown>) => Record<string, unknown>) => {
    const store = server.emulator.store;
    store.atomically(() => {
      const found = store.getById(store.db, COLLECTIONS.errands, id);
      if (found) store.replace(COLLECTIONS.errands, found.seq, patch(found.doc));
    });
  };

  it('returns a stale claim to the pool and frees the slot; confirms an old delivery; twice changes nothing more', async () => {
    const stale = (await request()).id;
    dataOf(await as('oVol20')('errands', 'claim', { errandId: stale }));
    age(stale, (d) => ({
      ...d,
      claimer: { ...(d['claimer'] as object), at: new Date(Date.now() - 3 * 3600_000) },
    }));
    const delivered = (await request()).id;
    dataOf(await as('oVol21')('errands', 'claim', { errandId: delivered }));
    dataOf(
      await as('oVol21')('errands', 'purchase', {
        errandId: delivered,
        amount: 5,
        receiptFileId: await errandPhotoId(as('oVol21'), delivered, 'receipt'),
      }),
    );
    dataOf(
      await as('oVol21')('errands', 'deliver', {
        errandId: delivered,
        photoFileId: await errandPhotoId(as('oVol21'), delivered, 'delivery'),
      }),
    );
    age(delivered, (d) => ({ ...d, deliveredAt: new Date(Date.now() - 25 * 3600_000) }));
    await fire();
    await fire();
    expect(errandDoc(stale)).toMatchObject({ status: 'open', claimer: null });
    expect(errandDoc(delivered)).toMatchObject({ status: 'confirmed' });
    const history = errandDoc(stale)?.['history'] as { action: string }[];
    expect(history.filter((h) => h.action === 'timeout')).toHaveLength(1);
    const load = server.emulator.store.getById(
      server.emulator.store.db,
      COLLECTIONS.volunteerLoads,
      'oVol20',
    )?.doc;
    expect(load?.['active']).toBe(0);
  });
});

describe("a volunteer's record", () => {
  it('counts delivered errands per China month, newest first, and only their own', async () => {
    const { store } = server.emulator;
    const person = demoDeployment().people.find((p) => p._id === 'h-demo-resident-p1');
    if (!person) throw new Error('the demo resident is missing');
    const claimed = new Date('2020-01-20T00:00:00Z');
    const errand = (
      id: string,
      openid: string,
      status: ErrandStatus,
      deliveredAt: Date | null,
    ) => ({
      ...sampleErrand(person, status, claimed, deliveredAt, {
        openid,
        name: '',
        party: true,
        at: claimed,
      }),
      _id: id,
    });
    store.atomically(() => {
      // 23:59 on 31 January China time, and 00:30 on 1 February China time (still January in UTC).
      store.insert(
        COLLECTIONS.errands,
        errand('rec-1', 'oVol99', 'confirmed', new Date('2020-01-31T15:59:00Z')),
      );
      store.insert(
        COLLECTIONS.errands,
        errand('rec-2', 'oVol99', 'delivered', new Date('2020-01-31T16:30:00Z')),
      );
      store.insert(
        COLLECTIONS.errands,
        errand('rec-3', 'oVol99', 'confirmed', new Date('2020-02-10T02:00:00Z')),
      );
      store.insert(COLLECTIONS.errands, errand('rec-4', 'oVol99', 'purchased', null));
      store.insert(
        COLLECTIONS.errands,
        errand('rec-5', 'oVol98', 'confirmed', new Date('2020-02-10T02:00:00Z')),
      );
    });
    expect(dataOf(await as('oVol99')('errands', 'record', {}))).toEqual({
      total: 3,
      months: [
        { month: '2020-02', done: 2 },
        { month: '2020-01', done: 1 },
      ],
    });
  });
});
