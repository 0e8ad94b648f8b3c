import {
  addDays,
  chinaDay,
  COLLECTIONS,
  type EnterpriseFieldsInput,
  type FunctionResult,
  type RentalFieldsInput,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDoc, storedDocs, storeSnapshot, tempDir } from '../helpers/emulator';

/**
 * 出租屋 and 企业 through the real `targets` function. In scope is 沙头社区 (led by 陈建华, whose
 * first branch 李志强 serves); out of scope is 烟南村.
 */
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
});
afterAll(() => server.close());

const LEADER = 'oDemoLeader';
const MEMBER = 'oDemoVolunteer';
const RESIDENT = 'oDemoResident';
const COMMAND = 'oDemoCommand';
const BRANCH = 'g-shatou-b1';
const LEAF = 'g-shatou-b1-h1';
const LEAF_B2 = 'g-shatou-b2-h1';
const LEAF_OUT = 'g-yannan-b1-h1';
/** People of the first leaf: the first of each household has a phone. */
const LANDLORD = 'h-g-shatou-b1-h1-1-p1';
const TENANT_A = 'h-g-shatou-b1-h1-2-p1';
const TENANT_B = 'h-g-shatou-b1-h1-2-p2';
/** In the leader's scope, not in the member's (the second branch). */
const PERSON_B2 = 'h-g-shatou-b2-h1-1-p1';
const PERSON_OUT = 'h-g-yannan-b1-h1-1-p1';

const as = (openid: string) => actingAs(server.emulator, openid);
const store = () => server.emulator.store;
const docs = (collection: string) => storedDocs(server.emulator, collection);
const doc = (collection: string, id: string) => storedDoc(server.emulator, collection, id);
const counts = (gridId: string) =>
  doc(COLLECTIONS.grids, gridId)?.['counts'] as { rentals?: number; enterprises?: number };
const audits = (action: string, target?: string) =>
  docs(COLLECTIONS.auditLog).filter(
    (e) => e['action'] === action && (target === undefined || e['target'] === target),
  );
/** Every collection's contents, to show a refusal wrote nothing. */
const snapshot = () => JSON.stringify(storeSnapshot(server.emulator));
const failure = (result: FunctionResult<unknown>) => {
  if (result.ok) throw new Error('expected a refusal');
  return result;
};
let keys = 0;
const key = () => `k-target-${(keys += 1)}`;
let doors = 0;
/** A rental at a door of its own, so tests never collide on the address. */
const rentalFields = (over: Partial<RentalFieldsInput> = {}): RentalFieldsInput => ({
  place: { street: '沙头社区东街', door: `${100 + (doors += 1)}` },
  rooms: 6,
  landlordId: LANDLORD,
  note: '',
  ...over,
});
let names = 0;
const enterpriseFields = (over: Partial<EnterpriseFieldsInput> = {}): EnterpriseFieldsInput => ({
  name: `沙头五金厂${(names += 1)}`,
  place: { street: '沙头工业区', building: '3', door: '' },
  leaderName: '何振华',
  phone: '13912340001',
  workforce: 45,
  status: 'notResumed',
  note: '',
  ...over,
});
const today = () => chinaDay(Date.now());
const newRental = async (over: Partial<RentalFieldsInput> = {}, gridId = LEAF, by = LEADER) =>
  dataOf(
    await as(by)('targets', 'createRental', { gridId, key: key(), rental: rentalFields(over) }),
  );
const newEnterprise = async (over: Partial<EnterpriseFieldsInput> = {}, gridId = LEAF) =>
  dataOf(
    await as(LEADER)('targets', 'createEnterprise', {
      gridId,
      key: key(),
      enterprise: enterpriseFields(over),
    }),
  );

describe('who may keep the registers', () => {
  it('refuses residents, anyone out of scope and records that do not exist, writing nothing', async () => {
    const rental = await newRental();
    const enterprise = await newEnterprise();
    const outRental = await newRental({ landlordId: PERSON_OUT }, LEAF_OUT, COMMAND);
    const outEnterprise = dataOf(
      await as(COMMAND)('targets', 'createEnterprise', {
        gridId: LEAF_OUT,
        key: key(),
        enterprise: enterpriseFields(),
      }),
    );
    const before = snapshot();
    const refusals: [string, Promise<FunctionResult<unknown>>][] = [];
    const refuse = (label: string, call: Promise<FunctionResult<unknown>>) =>
      refusals.push([label, call]);
    for (const openid of [RESIDENT, MEMBER, LEADER]) {
      const call = as(openid);
      for (const [where, rentalId, enterpriseId, gridId] of [
        ['out', outRental.id, outEnterprise.id, LEAF_OUT],
        ['missing', 'r-nowhere', 'e-nowhere', 'g-nowhere'],
      ] as const) {
        const label = `${openid} ${where}`;
        refuse(`${label} rentals`, call('targets', 'rentals', { gridId }));
        refuse(`${label} rental`, call('targets', 'rental', { rentalId }));
        refuse(
          `${label} createRental`,
          call('targets', 'createRental', { gridId, key: key(), rental: rentalFields() }),
        );
        refuse(
          `${label} editRental`,
          call('targets', 'editRental', { rentalId, rental: rentalFields() }),
        );
        refuse(
          `${label} removeRental`,
          call('targets', 'removeRental', { rentalId, confirm: true }),
        );
        refuse(
          `${label} setTenants`,
          call('targets', 'setTenants', {
            rentalId,
            changes: [{ personId: TENANT_A, lease: null }],
          }),
        );
        refuse(`${label} enterprises`, call('targets', 'enterprises', { gridId }));
        refuse(`${label} enterprise`, call('targets', 'enterprise', { enterpriseId }));
        refuse(
          `${label} createEnterprise`,
          call('targets', 'createEnterprise', {
            gridId,
            key: key(),
            enterprise: enterpriseFields(),
          }),
        );
        refuse(
          `${label} editEnterprise`,
          call('targets', 'editEnterprise', { enterpriseId, enterprise: enterpriseFields() }),
        );
        refuse(
          `${label} removeEnterprise`,
          call('targets', 'removeEnterprise', { enterpriseId, confirm: true }),
        );
        refuse(`${label} reveal`, call('targets', 'revealEnterprisePhone', { enterpriseId }));
      }
    }
    // A resident is no staff, even where they live.
    const resident = as(RESIDENT);
    refuse('resident rentals own', resident('targets', 'rentals', { gridId: 'g-shatou-b1-h3' }));
    refuse('resident rental', resident('targets', 'rental', { rentalId: rental.id }));
    refuse(
      'resident reveal',
      resident('targets', 'revealEnterprisePhone', { enterpriseId: enterprise.id }),
    );
    // A member keeps rentals and enterprises, but removes neither.
    const member = as(MEMBER);
    refuse(
      'member removeRental',
      member('targets', 'removeRental', { rentalId: rental.id, confirm: true }),
    );
    refuse(
      'member removeEnterprise',
      member('targets', 'removeEnterprise', { enterpriseId: enterprise.id, confirm: true }),
    );
    // A member of the first branch does not reach the second.
    refuse(
      'member create b2',
      member('targets', 'createRental', { gridId: LEAF_B2, key: key(), rental: rentalFields() }),
    );
    for (const [label, call] of refusals) {
      const result = failure(await call);
      expect([label, result.code]).toEqual([label, 'FORBIDDEN']);
    }
    // Missing and out of scope answer alike; only the command centre is told what is missing.
    const leader = as(LEADER);
    expect(await leader('targets', 'rental', { rentalId: 'r-nowhere' })).toEqual(
      await leader('targets', 'rental', { rentalId: outRental.id }),
    );
    const command = as(COMMAND);
    expect(failure(await command('targets', 'rental', { rentalId: 'r-nowhere' })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      failure(await command('targets', 'enterprise', { enterpriseId: 'e-nowhere' })).code,
    ).toBe('NOT_FOUND');
    expect(snapshot()).toBe(before);
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const rental = await newRental();
    const enterprise = await newEnterprise();
    const before = snapshot();
    const call = as(LEADER);
    const cases: [string, Promise<FunctionResult<unknown>>, string][] = [
      [
        'no rooms',
        call('targets', 'createRental', {
          gridId: LEAF,
          key: key(),
          rental: rentalFields({ rooms: 0 }),
        }),
        '出租间数应为 1–200',
      ],
      [
        'too many rooms',
        call('targets', 'createRental', {
          gridId: LEAF,
          key: key(),
          rental: rentalFields({ rooms: 201 }),
        }),
        '出租间数应为 1–200',
      ],
      [
        'half a room',
        call('targets', 'editRental', {
          rentalId: rental.id,
          rental: rentalFields({ rooms: 1.5 }),
        }),
        '出租间数应为整数',
      ],
      [
        'no landlord',
        call('targets', 'createRental', {
          gridId: LEAF,
          key: key(),
          rental: rentalFields({ landlordId: '' }),
        }),
        '请选择房东',
      ],
      [
        'no street',
        call('targets', 'createRental', {
          gridId: LEAF,
          key: key(),
          rental: rentalFields({ place: { street: ' ' } }),
        }),
        '请填写街道、村或小区（至少 2 个字）',
      ],
      [
        'impossible lease day',
        call('targets', 'setTenants', {
          rentalId: rental.id,
          changes: [{ personId: TENANT_A, lease: { start: '2026-02-30' } }],
        }),
        '日期不存在',
      ],
      [
        'lease ends before it starts',
        call('targets', 'setTenants', {
          rentalId: rental.id,
          changes: [{ personId: TENANT_A, lease: { start: today(), end: addDays(today(), -1) } }],
        }),
        '租期结束日期不能早于开始日期',
      ],
      [
        'lease far ahead',
        call('targets', 'setTenants', {
          rentalId: rental.id,
          changes: [{ personId: TENANT_A, lease: { start: today(), end: addDays(today(), 2000) } }],
        }),
        '租期结束日期不能晚于 5 年后',
      ],
      [
        'a tenant twice',
        call('targets', 'setTenants', {
          rentalId: rental.id,
          changes: [
            { personId: TENANT_A, lease: { start: today() } },
            { personId: TENANT_A, lease: null },
          ],
        }),
        '同一名租客只能出现一次',
      ],
      [
        'nothing to do',
        call('targets', 'setTenants', { rentalId: rental.id, changes: [] }),
        '请选择要登记或移除的租客',
      ],
      [
        'negative workforce',
        call('targets', 'editEnterprise', {
          enterpriseId: enterprise.id,
          enterprise: enterpriseFields({ workforce: -1 }),
        }),
        '职工人数应为 0–100000',
      ],
      [
        'workforce too large',
        call('targets', 'createEnterprise', {
          gridId: LEAF,
          key: key(),
          enterprise: enterpriseFields({ workforce: 100_001 }),
        }),
        '职工人数应为 0–100000',
      ],
      [
        'unknown status',
        call('targets', 'createEnterprise', {
          gridId: LEAF,
          key: key(),
          enterprise: { ...enterpriseFields(), status: 'open' as 'resumed' },
        }),
        '请选择复工状态',
      ],
      [
        'short phone',
        call('targets', 'createEnterprise', {
          gridId: LEAF,
          key: key(),
          enterprise: enterpriseFields({ phone: '1391234' }),
        }),
        '手机号应为 11 位数字',
      ],
      [
        'hidden characters',
        call('targets', 'createEnterprise', {
          gridId: LEAF,
          key: key(),
          enterprise: enterpriseFields({ name: '沙头\u202e五金厂' }),
        }),
        '包含无法显示的字符',
      ],
      [
        'unconfirmed removal',
        call('targets', 'removeRental', {
          rentalId: rental.id,
          confirm: false as true,
        }),
        '请先确认此操作',
      ],
    ];
    for (const [label, pending, message] of cases) {
      const result = failure(await pending);
      expect([label, result.code, result.issues?.map((i) => i.message)]).toEqual([
        label,
        'INVALID_INPUT',
        expect.arrayContaining([message]),
      ]);
    }
    expect(snapshot()).toBe(before);
  });
});

describe('rentals', () => {
  it('a member opens one on a leaf: landlord masked, counted up the path, audited', async () => {
    const before = { leaf: counts(LEAF), town: counts('g-jiujiang') };
    const view = await newRental({ rooms: 12, note: '二楼整层出租' }, LEAF, MEMBER);
    expect(view).toMatchObject({
      gridId: LEAF,
      gridName: '第一户联系党小组',
      rooms: 12,
      note: '二楼整层出租',
      landlordId: LANDLORD,
      landlord: {
        id: LANDLORD,
        householdId: 'h-g-shatou-b1-h1-1',
        phoneMasked: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/),
        mayRevealPhone: true,
      },
      tenants: [],
      may: { edit: true, remove: false },
    });
    expect(view.address).toMatch(/^沙头社区东街\d+号$/);
    expect(counts(LEAF).rentals).toBe((before.leaf.rentals ?? 0) + 1);
    expect(counts('g-jiujiang').rentals).toBe((before.town.rentals ?? 0) + 1);
    expect(audits('rental.create', view.id)).toEqual([
      expect.objectContaining({ actor: MEMBER, gridId: LEAF }),
    ]);
    // The leader sees the same rental, and may remove it.
    const seen = dataOf(await as(LEADER)('targets', 'rental', { rentalId: view.id }));
    expect(seen.may).toEqual({ edit: true, remove: true });
  });

  it('lives only on a leaf, and one to an address there', async () => {
    const before = snapshot();
    expect(
      failure(
        await as(LEADER)('targets', 'createRental', {
          gridId: BRANCH,
          key: key(),
          rental: rentalFields(),
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: '出租屋只能登记在最末一级网格' });
    expect(snapshot()).toBe(before);
    const first = await newRental();
    const again = failure(
      await as(LEADER)('targets', 'createRental', {
        gridId: LEAF,
        key: key(),
        rental: rentalFields({ place: first.place }),
      }),
    );
    expect(again).toMatchObject({
      code: 'CONFLICT',
      message: `本网格已有地址为「${first.address}」的出租屋`,
    });
    // The same address on another leaf is another rental.
    await newRental({ place: first.place }, 'g-shatou-b1-h3');
  });

  it('of two made at once for one address, exactly one is kept', async () => {
    const place = rentalFields().place;
    const results = await Promise.all(
      [LEADER, MEMBER].map((by) =>
        as(by)('targets', 'createRental', {
          gridId: LEAF,
          key: key(),
          rental: rentalFields({ place }),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ ok: false, code: 'CONFLICT' }),
    ]);
    const kept = docs(COLLECTIONS.rentals).filter(
      (r) => r['gridId'] === LEAF && r['address'] === `${place.street}${place.door ?? ''}号`,
    );
    expect(kept).toHaveLength(1);
  });

  it('a retried submission lands on the same rental, counted and audited once', async () => {
    const submission = { gridId: LEAF, key: key(), rental: rentalFields() };
    const before = counts(LEAF).rentals ?? 0;
    const [a, b] = await Promise.all([
      as(MEMBER)('targets', 'createRental', submission),
      as(MEMBER)('targets', 'createRental', submission),
    ]);
    const c = await as(MEMBER)('targets', 'createRental', submission);
    const ids = [a, b, c].map((r) => dataOf(r).id);
    expect(new Set(ids).size).toBe(1);
    expect(docs(COLLECTIONS.rentals).filter((r) => r['_id'] === ids[0])).toHaveLength(1);
    expect(counts(LEAF).rentals).toBe(before + 1);
    expect(audits('rental.create', ids[0])).toHaveLength(1);
    // The same key elsewhere is a mistake, not a retry.
    expect(
      failure(
        await as(MEMBER)('targets', 'createRental', { ...submission, gridId: 'g-shatou-b1-h3' }),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: '提交编号已被使用，请重新填写' });
  });

  it('takes as landlord only a person the caller sees', async () => {
    const before = snapshot();
    for (const landlordId of [PERSON_OUT, 'p-nobody']) {
      expect(
        failure(
          await as(LEADER)('targets', 'createRental', {
            gridId: LEAF,
            key: key(),
            rental: rentalFields({ landlordId }),
          }),
        ),
      ).toEqual({ ok: false, code: 'FORBIDDEN', message: '所选房东不在您负责的网格内' });
    }
    // The leader reaches the second branch; the member does not.
    expect(
      failure(
        await as(MEMBER)('targets', 'createRental', {
          gridId: LEAF,
          key: key(),
          rental: rentalFields({ landlordId: PERSON_B2 }),
        }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(snapshot()).toBe(before);
    const made = await newRental({ landlordId: PERSON_B2 });
    expect(made.landlord?.id).toBe(PERSON_B2);
  });

  it('links tenants in scope with their lease, and unlinks them', async () => {
    const rental = await newRental();
    const start = addDays(today(), -30);
    const end = addDays(today(), 335);
    const linked = dataOf(
      await as(MEMBER)('targets', 'setTenants', {
        rentalId: rental.id,
        changes: [
          { personId: TENANT_A, lease: { start, end } },
          { personId: TENANT_B, lease: { start } },
        ],
      }),
    );
    expect(linked.tenants).toEqual([
      {
        personId: TENANT_A,
        person: expect.objectContaining({ id: TENANT_A, mayRevealPhone: true }),
        leaseStart: start,
        leaseEnd: end,
      },
      {
        personId: TENANT_B,
        person: expect.objectContaining({ id: TENANT_B, phoneMasked: null }),
        leaseStart: start,
        leaseEnd: null,
      },
    ]);
    expect(audits('rental.tenants', rental.id)).toEqual([
      expect.objectContaining({
        detail: { added: [TENANT_A, TENANT_B], updated: [], removed: [] },
      }),
    ]);
    // The same link again (a retry) changes nothing and audits nothing.
    dataOf(
      await as(MEMBER)('targets', 'setTenants', {
        rentalId: rental.id,
        changes: [{ personId: TENANT_A, lease: { start, end } }],
      }),
    );
    expect(audits('rental.tenants', rental.id)).toHaveLength(1);
    // New dates for one, and the other leaves.
    const changed = dataOf(
      await as(MEMBER)('targets', 'setTenants', {
        rentalId: rental.id,
        changes: [
          { personId: TENANT_A, lease: { start, end: null } },
          { personId: TENANT_B, lease: null },
        ],
      }),
    );
    expect(changed.tenants.map((t) => [t.personId, t.leaseEnd])).toEqual([[TENANT_A, null]]);
    expect(audits('rental.tenants', rental.id)[1]).toMatchObject({
      detail: { added: [], updated: [TENANT_A], removed: [TENANT_B] },
    });
    expect(doc(COLLECTIONS.rentals, rental.id)?.['tenants']).toEqual([
      { personId: TENANT_A, leaseStart: start, leaseEnd: null },
    ]);
  });

  it('refuses a tenant out of scope or missing, and the landlord as tenant, writing nothing', async () => {
    const rental = await newRental();
    const before = snapshot();
    const link = (personId: string, by = MEMBER) =>
      as(by)('targets', 'setTenants', {
        rentalId: rental.id,
        changes: [
          { personId: TENANT_A, lease: { start: today() } },
          { personId, lease: { start: today() } },
        ],
      });
    expect(failure(await link(PERSON_OUT))).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '所选租客不在您负责的网格内',
    });
    expect(failure(await link('p-nobody'))).toEqual(failure(await link(PERSON_OUT)));
    expect(failure(await link(PERSON_B2)).code).toBe('FORBIDDEN');
    expect(failure(await link(LANDLORD))).toMatchObject({
      code: 'CONFLICT',
      message: '房东不能同时登记为本出租屋的租客',
    });
    expect(snapshot()).toBe(before);
    // The command centre is told a person does not exist.
    expect(failure(await link('p-nobody', COMMAND))).toMatchObject({
      code: 'NOT_FOUND',
      message: '该租客不存在',
    });
  });

  it('of two tenant changes at once, both land', async () => {
    const rental = await newRental();
    await Promise.all(
      [TENANT_A, TENANT_B].map((personId) =>
        as(LEADER)('targets', 'setTenants', {
          rentalId: rental.id,
          changes: [{ personId, lease: { start: today() } }],
        }),
      ),
    );
    const now = dataOf(await as(LEADER)('targets', 'rental', { rentalId: rental.id }));
    expect(now.tenants.map((t) => t.personId).sort()).toEqual([TENANT_A, TENANT_B].sort());
  });

  it('edits its fields, refuses the landlord a tenant already is, and audits field names', async () => {
    const rental = await newRental();
    dataOf(
      await as(LEADER)('targets', 'setTenants', {
        rentalId: rental.id,
        changes: [{ personId: TENANT_A, lease: { start: today() } }],
      }),
    );
    const fields = rentalFields({ place: rental.place, rooms: 9, landlordId: TENANT_B });
    const edited = dataOf(
      await as(MEMBER)('targets', 'editRental', { rentalId: rental.id, rental: fields }),
    );
    expect(edited).toMatchObject({ rooms: 9, landlordId: TENANT_B, landlord: { id: TENANT_B } });
    expect(edited.tenants).toHaveLength(1);
    expect(audits('rental.edit', rental.id)).toEqual([
      expect.objectContaining({ detail: { changed: ['rooms', 'landlord'] } }),
    ]);
    // Saving the same again writes nothing; refusals neither.
    const other = await newRental();
    const before = snapshot();
    dataOf(await as(MEMBER)('targets', 'editRental', { rentalId: rental.id, rental: fields }));
    expect(
      failure(
        await as(MEMBER)('targets', 'editRental', {
          rentalId: rental.id,
          rental: { ...fields, landlordId: TENANT_A },
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: '该居民是本出租屋的租客，不能同时作为房东' });
    // Onto another rental's address: refused by the unique address.
    expect(
      failure(
        await as(MEMBER)('targets', 'editRental', {
          rentalId: rental.id,
          rental: { ...fields, place: other.place },
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: `本网格已有地址为「${other.address}」的出租屋` });
    expect(snapshot()).toBe(before);
  });

  it('lists a node’s rentals a page at a time, found by the start of the address', async () => {
    const street = `沙头社区北街${Date.now() % 1000}`;
    for (let i = 1; i <= 3; i += 1) await newRental({ place: { street, door: `${i}` } });
    await newRental({ place: { street, door: '1' } }, 'g-shatou-b1-h3');
    const page = dataOf(await as(MEMBER)('targets', 'rentals', { gridId: BRANCH, query: street }));
    expect(page.total).toBe(4);
    expect(page.items.map((r) => r.address)).toEqual([
      `${street}1号`,
      `${street}1号`,
      `${street}2号`,
      `${street}3号`,
    ]);
    expect(page.items[0]).toMatchObject({
      rooms: 6,
      tenants: 0,
      landlord: { phoneMasked: expect.stringMatching(/\*{4}/) },
    });
    // Past the keys' length, the whole query must still match; spaces and full width are forgiven.
    const exact = dataOf(
      await as(MEMBER)('targets', 'rentals', { gridId: LEAF, query: `${street} 2` }),
    );
    expect(exact.items.map((r) => r.address)).toEqual([`${street}2号`]);
    const all = dataOf(await as(LEADER)('targets', 'rentals', { gridId: 'g-shatou', page: 1 }));
    expect(all.items).toHaveLength(Math.min(all.total, 20));
    expect(all.total).toBe(
      docs(COLLECTIONS.rentals).filter((r) => (r['gridPath'] as string[]).includes('g-shatou'))
        .length,
    );
  });

  it('shows a tenant whose record was removed as gone, to be unlinked', async () => {
    const household = dataOf(
      await as(LEADER)('register', 'createHousehold', {
        gridId: LEAF,
        key: key(),
        place: { street: '沙头社区东街', door: `租${(doors += 1)}` },
      }),
    );
    const tenant = dataOf(
      await as(LEADER)('register', 'addPerson', {
        householdId: household.id,
        key: key(),
        person: { name: '租客甲', relation: '本人', residency: 'floating' },
      }),
    );
    const rental = await newRental();
    dataOf(
      await as(LEADER)('targets', 'setTenants', {
        rentalId: rental.id,
        changes: [{ personId: tenant.id, lease: { start: today() } }],
      }),
    );
    dataOf(
      await as(LEADER)('register', 'removePerson', {
        personId: tenant.id,
        reason: '重复登记',
        confirm: true,
      }),
    );
    const view = dataOf(await as(LEADER)('targets', 'rental', { rentalId: rental.id }));
    expect(view.tenants).toEqual([
      { personId: tenant.id, person: null, leaseStart: today(), leaseEnd: null },
    ]);
    const after = dataOf(
      await as(LEADER)('targets', 'setTenants', {
        rentalId: rental.id,
        changes: [{ personId: tenant.id, lease: null }],
      }),
    );
    expect(after.tenants).toEqual([]);
  });

  it('keeps its landlord in the register: removing them waits until another answers for it', async () => {
    const household = dataOf(
      await as(LEADER)('register', 'createHousehold', {
        gridId: LEAF,
        key: key(),
        place: { street: '沙头社区东街', door: `房东${(doors += 1)}` },
      }),
    );
    const landlord = dataOf(
      await as(LEADER)('register', 'addPerson', {
        householdId: household.id,
        key: key(),
        person: { name: '房东乙', relation: '本人', residency: 'registered' },
      }),
    );
    const rental = await newRental({ landlordId: landlord.id });
    const before = snapshot();
    const remove = () =>
      as(LEADER)('register', 'removePerson', {
        personId: landlord.id,
        reason: '登记有误',
        confirm: true,
      });
    expect(failure(await remove())).toMatchObject({
      code: 'CONFLICT',
      message: '该居民是 1 处出租屋的房东，请先在出租屋中更换房东',
    });
    expect(snapshot()).toBe(before);
    dataOf(
      await as(LEADER)('targets', 'editRental', {
        rentalId: rental.id,
        rental: rentalFields({ place: rental.place }),
      }),
    );
    expect(dataOf(await remove())).toEqual({ removed: true });
  });

  it('a leader removes one, counted down and audited; a second removal is refused', async () => {
    const rental = await newRental();
    const before = counts(LEAF).rentals ?? 0;
    expect(
      dataOf(await as(LEADER)('targets', 'removeRental', { rentalId: rental.id, confirm: true })),
    ).toEqual({ removed: true });
    expect(doc(COLLECTIONS.rentals, rental.id)).toBeNull();
    expect(counts(LEAF).rentals).toBe(before - 1);
    expect(audits('rental.remove', rental.id)).toEqual([
      expect.objectContaining({
        actor: LEADER,
        detail: { address: rental.address, landlordId: LANDLORD, tenants: [] },
      }),
    ]);
    const snap = snapshot();
    expect(
      failure(await as(LEADER)('targets', 'removeRental', { rentalId: rental.id, confirm: true }))
        .code,
    ).toBe('FORBIDDEN');
    expect(snapshot()).toBe(snap);
  });
});

describe('enterprises', () => {
  const PHONE = '13912345678';

  it('keeps the full phone only in enterpriseSecrets; lists and views carry it masked', async () => {
    const made = await newEnterprise({ phone: PHONE, status: 'applied', workforce: 120 });
    expect(made).toMatchObject({
      phoneMasked: '139****5678',
      status: 'applied',
      workforce: 120,
      may: { edit: true, remove: true, revealPhone: true },
    });
    expect(doc(COLLECTIONS.enterpriseSecrets, made.id)).toEqual({ _id: made.id, phone: PHONE });
    const everywhere = store()
      .collectionNames()
      .filter((c) => c !== COLLECTIONS.enterpriseSecrets)
      .flatMap((c) => docs(c).map((d) => JSON.stringify(d)));
    expect(everywhere.filter((d) => d.includes(PHONE))).toEqual([]);
    const list = dataOf(await as(MEMBER)('targets', 'enterprises', { gridId: BRANCH }));
    expect(JSON.stringify(list)).not.toContain(PHONE);
    expect(list.items.find((e) => e.id === made.id)).toMatchObject({ phoneMasked: '139****5678' });
    expect(counts(LEAF).enterprises).toBeGreaterThan(0);
  });

  it('reveals the phone to staff in scope, audited; residents and others are refused', async () => {
    const made = await newEnterprise({ phone: PHONE });
    expect(
      dataOf(await as(MEMBER)('targets', 'revealEnterprisePhone', { enterpriseId: made.id })),
    ).toEqual({ value: PHONE });
    expect(audits('enterprise.reveal', made.id)).toEqual([
      expect.objectContaining({ actor: MEMBER, detail: { field: 'phone' } }),
    ]);
    const without = await newEnterprise({ phone: null });
    expect(without.phoneMasked).toBeNull();
    expect(
      failure(await as(MEMBER)('targets', 'revealEnterprisePhone', { enterpriseId: without.id })),
    ).toMatchObject({ code: 'NOT_FOUND', message: '未登记手机号' });
    expect(audits('enterprise.reveal', without.id)).toEqual([]);
  });

  it('edits: an absent phone keeps it, a new one replaces it, null erases it', async () => {
    const made = await newEnterprise({ phone: PHONE });
    const { phone: _omitted, ...rest } = enterpriseFields({ name: made.name });
    const kept = dataOf(
      await as(MEMBER)('targets', 'editEnterprise', {
        enterpriseId: made.id,
        enterprise: { ...rest, status: 'resumed' },
      }),
    );
    expect(kept).toMatchObject({ phoneMasked: '139****5678', status: 'resumed' });
    expect(doc(COLLECTIONS.enterpriseSecrets, made.id)?.['phone']).toBe(PHONE);
    const replaced = dataOf(
      await as(MEMBER)('targets', 'editEnterprise', {
        enterpriseId: made.id,
        enterprise: { ...rest, status: 'resumed', phone: '13700001111' },
      }),
    );
    expect(replaced.phoneMasked).toBe('137****1111');
    expect(doc(COLLECTIONS.enterpriseSecrets, made.id)?.['phone']).toBe('13700001111');
    const erased = dataOf(
      await as(MEMBER)('targets', 'editEnterprise', {
        enterpriseId: made.id,
        enterprise: { ...rest, status: 'resumed', phone: null },
      }),
    );
    expect(erased.phoneMasked).toBeNull();
    expect(doc(COLLECTIONS.enterpriseSecrets, made.id)).toBeNull();
    expect(audits('enterprise.edit', made.id).map((a) => a['detail'])).toEqual([
      { changed: ['status'] },
      { changed: ['phone'] },
      { changed: ['phone'] },
    ]);
  });

  it('one name per node: a clash on create or edit is refused and the phone stays', async () => {
    const first = await newEnterprise({ phone: PHONE });
    const second = await newEnterprise({ phone: '13600002222' });
    const before = snapshot();
    expect(
      failure(
        await as(LEADER)('targets', 'createEnterprise', {
          gridId: LEAF,
          key: key(),
          enterprise: enterpriseFields({ name: first.name }),
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: `本网格已有名为「${first.name}」的企业` });
    expect(
      failure(
        await as(LEADER)('targets', 'editEnterprise', {
          enterpriseId: second.id,
          enterprise: enterpriseFields({ name: first.name, phone: '13600003333' }),
        }),
      ).code,
    ).toBe('CONFLICT');
    expect(snapshot()).toBe(before);
  });

  it('a retried submission lands on the same enterprise', async () => {
    const submission = { gridId: LEAF, key: key(), enterprise: enterpriseFields() };
    const results = await Promise.all([
      as(MEMBER)('targets', 'createEnterprise', submission),
      as(MEMBER)('targets', 'createEnterprise', submission),
    ]);
    const ids = results.map((r) => dataOf(r).id);
    expect(ids[0]).toBe(ids[1]);
    expect(audits('enterprise.create', ids[0])).toHaveLength(1);
  });

  it('lists by status, and finds by the start of the name or of the address', async () => {
    const tag = `${Date.now() % 100000}`;
    await newEnterprise({ name: `九江${tag}纺织厂`, status: 'resumed' });
    await newEnterprise({ name: `九江${tag}食品厂`, status: 'notResumed' });
    await newEnterprise({
      name: `华南${tag}五金`,
      place: { street: `九江${tag}工业园` },
      status: 'closed',
    });
    const found = (query: string, status?: 'resumed') =>
      as(MEMBER)('targets', 'enterprises', { gridId: BRANCH, query, ...(status && { status }) });
    expect(dataOf(await found(`九江${tag}`)).items.map((e) => e.name)).toEqual(
      [`华南${tag}五金`, `九江${tag}纺织厂`, `九江${tag}食品厂`].sort(),
    );
    expect(dataOf(await found(`九江${tag}`, 'resumed')).items.map((e) => e.name)).toEqual([
      `九江${tag}纺织厂`,
    ]);
    // Longer than the keys: the name or the address must start with all of it.
    expect(dataOf(await found(`九江${tag}食品`)).items.map((e) => e.name)).toEqual([
      `九江${tag}食品厂`,
    ]);
    expect(dataOf(await found(`九江${tag}工业`)).items.map((e) => e.name)).toEqual([
      `华南${tag}五金`,
    ]);
  });

  it('a leader removes one with its phone', async () => {
    const made = await newEnterprise({ phone: PHONE });
    const before = counts(LEAF).enterprises ?? 0;
    dataOf(
      await as(LEADER)('targets', 'removeEnterprise', { enterpriseId: made.id, confirm: true }),
    );
    expect(doc(COLLECTIONS.enterprises, made.id)).toBeNull();
    expect(doc(COLLECTIONS.enterpriseSecrets, made.id)).toBeNull();
    expect(counts(LEAF).enterprises).toBe(before - 1);
    expect(audits('enterprise.remove', made.id)).toHaveLength(1);
  });
});

describe('the tree around them', () => {
  it('a leaf holding one takes no children and cannot be removed; a move carries it along', async () => {
    const leaf = dataOf(
      await as(LEADER)('grids', 'create', { parentId: BRANCH, name: `出租屋组${doors}` }),
    );
    const rental = await newRental({}, leaf.id);
    const enterprise = await newEnterprise({}, leaf.id);
    expect(
      failure(await as(LEADER)('grids', 'create', { parentId: leaf.id, name: '下级' })),
    ).toMatchObject({
      code: 'CONFLICT',
      message: '该网格已登记出租屋或企业，不能再增加下级网格',
    });
    expect(
      failure(await as(LEADER)('grids', 'remove', { gridId: leaf.id, confirm: true })).code,
    ).toBe('NODE_NOT_EMPTY');
    const b1 = counts(BRANCH);
    const b2 = counts('g-shatou-b2');
    const town = counts('g-shatou');
    dataOf(await as(LEADER)('grids', 'move', { gridId: leaf.id, newParentId: 'g-shatou-b2' }));
    expect(doc(COLLECTIONS.rentals, rental.id)?.['gridPath']).toEqual([
      'g-jiujiang',
      'g-shatou',
      'g-shatou-b2',
      leaf.id,
    ]);
    expect(doc(COLLECTIONS.enterprises, enterprise.id)?.['gridPath']).toContain('g-shatou-b2');
    expect(counts(BRANCH)).toMatchObject({
      rentals: (b1.rentals ?? 0) - 1,
      enterprises: (b1.enterprises ?? 0) - 1,
    });
    expect(counts('g-shatou-b2')).toMatchObject({
      rentals: (b2.rentals ?? 0) + 1,
      enterprises: (b2.enterprises ?? 0) + 1,
    });
    expect(counts('g-shatou')).toMatchObject({
      rentals: town.rentals,
      enterprises: town.enterprises,
    });
    // The member of the first branch no longer reaches it.
    expect(failure(await as(MEMBER)('targets', 'rental', { rentalId: rental.id })).code).toBe(
      'FORBIDDEN',
    );
    dataOf(await as(LEADER)('targets', 'removeRental', { rentalId: rental.id, confirm: true }));
    dataOf(
      await as(LEADER)('targets', 'removeEnterprise', {
        enterpriseId: enterprise.id,
        confirm: true,
      }),
    );
    dataOf(await as(LEADER)('grids', 'remove', { gridId: leaf.id, confirm: true }));
  });
});
