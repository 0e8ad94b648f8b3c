import {
  addDays,
  chinaDay,
  COLLECTIONS,
  type FunctionResult,
  type PersonFieldsInput,
  type ReturnDeclaration,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { connectSdk, storedDoc, storedDocs, storeSnapshot, tempDir } from '../helpers/emulator';

/**
 * 住户登记 by grid staff through the real functions: households on leaf nodes, people with their
 * residency and 重点关爱 marks, moving house, new door codes. In scope is 沙头社区 (led by 陈建华,
 * whose first branch 李志强 serves); out of scope is 烟南村.
 */
let server: DemoServer;
const APPLICANT = 'oRegisterApplicant';
const APPLICANT2 = 'oRegisterApplicant2';
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [
      { openid: APPLICANT, name: '申请人甲', roleLabel: '新用户' },
      { openid: APPLICANT2, name: '申请人乙', roleLabel: '新用户' },
    ],
  });
});
afterAll(() => server.close());

const LEADER = 'oDemoLeader';
const MEMBER = 'oDemoVolunteer';
const RESIDENT = 'oDemoResident';
const COMMAND = 'oDemoCommand';
const LEAF = 'g-shatou-b1-h1';
const OTHER_LEAF = 'g-shatou-b2-h1';
const LEAF_OUT = 'g-yannan-b1-h1';
const HOUSEHOLD = 'h-g-shatou-b1-h1-1';
const HOUSEHOLD_OUT = 'h-g-yannan-b1-h1-1';
const PERSON_OUT = 'h-g-yannan-b1-h1-1-p1';
/** 王秀英 (on WeChat), her husband, and her mother whom she registered by proxy. */
const SELF = 'h-demo-resident-p1';
const HUSBAND = 'h-demo-resident-p2';
const PROXIED = 'h-demo-resident-p3';

const as = (openid: string) => actingAs(server.emulator, openid);
const docs = (collection: string) => storedDocs(server.emulator, collection);
const doc = (collection: string, id: string) => storedDoc(server.emulator, collection, id);
const counts = (gridId: string) =>
  doc(COLLECTIONS.grids, gridId)?.['counts'] as { households: number; people: number };
const audits = (action: string, target?: string) =>
  docs(COLLECTIONS.auditLog).filter(
    (e) => e['action'] === action && (target === undefined || e['target'] === target),
  );
/** Every collection's contents, to show a refusal wrote nothing. */
const snapshot = () => JSON.stringify(storeSnapshot(server.emulator));
/** A valid ID number from its first 17 digits. */
const idOf = (stem: string) => `${stem}${checkDigit(stem)}`;
const ID_A = idOf('11010119900307447');
const ID_B = idOf('11010119900307123');
let keys = 0;
const key = () => `k-test-${(keys += 1)}`;
const person = (over: Partial<PersonFieldsInput> = {}): PersonFieldsInput => ({
  name: '张桂兰',
  relation: '本人',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  residency: 'registered',
  care: ['alone'],
  ...over,
});
const failure = (result: FunctionResult<unknown>) => {
  if (result.ok) throw new Error('expected a refusal');
  return result;
};
const newHousehold = async (gridId: string, door: string) =>
  dataOf(
    await as(LEADER)('register', 'createHousehold', {
      gridId,
      key: key(),
      place: { street: '沙头社区南街', door },
    }),
  );
const today = () => chinaDay(Date.now());
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

describe('who may use the register', () => {
  it('refuses residents, members on leaders’ actions, and anything out of scope or missing, writing nothing', async () => {
    const before = snapshot();
    const place = { street: '越权街', door: '1' };
    const refusals: [string, Promise<FunctionResult<unknown>>][] = [];
    const refuse = (label: string, call: Promise<FunctionResult<unknown>>) =>
      refusals.push([label, call]);
    for (const openid of [RESIDENT, MEMBER, LEADER]) {
      const call = as(openid);
      // Out of scope for all three (烟南村).
      refuse(`${openid} households out`, call('register', 'households', { gridId: LEAF_OUT }));
      refuse(
        `${openid} household out`,
        call('register', 'household', { householdId: HOUSEHOLD_OUT }),
      );
      refuse(
        `${openid} create out`,
        call('register', 'createHousehold', { gridId: LEAF_OUT, key: key(), place }),
      );
      refuse(
        `${openid} edit out`,
        call('register', 'editHousehold', { householdId: HOUSEHOLD_OUT, place }),
      );
      refuse(
        `${openid} remove out`,
        call('register', 'removeHousehold', { householdId: HOUSEHOLD_OUT, confirm: true }),
      );
      refuse(
        `${openid} code out`,
        call('register', 'regenerateCode', { householdId: HOUSEHOLD_OUT, confirm: true }),
      );
      refuse(
        `${openid} add out`,
        call('register', 'addPerson', { householdId: HOUSEHOLD_OUT, key: key(), person: person() }),
      );
      refuse(
        `${openid} editPerson out`,
        call('register', 'editPerson', { personId: PERSON_OUT, person: person() }),
      );
      refuse(
        `${openid} removePerson out`,
        call('register', 'removePerson', {
          personId: PERSON_OUT,
          reason: '登记有误',
          confirm: true,
        }),
      );
      refuse(
        `${openid} move out`,
        call('register', 'movePerson', {
          personId: PERSON_OUT,
          householdId: HOUSEHOLD,
          relation: '其他',
          confirm: true,
        }),
      );
      refuse(
        `${openid} move into out`,
        call('register', 'movePerson', {
          personId: 'h-g-shatou-b1-h1-2-p1',
          householdId: HOUSEHOLD_OUT,
          relation: '其他',
          confirm: true,
        }),
      );
      // Missing records answer exactly like those out of scope.
      refuse(
        `${openid} household missing`,
        call('register', 'household', { householdId: 'h-nowhere' }),
      );
      refuse(
        `${openid} editPerson missing`,
        call('register', 'editPerson', { personId: 'p-nobody', person: person() }),
      );
      refuse(
        `${openid} create missing`,
        call('register', 'createHousehold', { gridId: 'g-nowhere', key: key(), place }),
      );
    }
    // Even in their own household, a resident is no staff.
    const resident = as(RESIDENT);
    refuse(
      'resident household own',
      resident('register', 'household', { householdId: 'h-demo-resident' }),
    );
    refuse(
      'resident add own',
      resident('register', 'addPerson', {
        householdId: 'h-demo-resident',
        key: key(),
        person: person(),
      }),
    );
    refuse(
      'resident edit own',
      resident('register', 'editPerson', {
        personId: PROXIED,
        person: person({ idNumber: undefined, phone: undefined }),
      }),
    );
    refuse('resident households', resident('register', 'households', { gridId: LEAF }));
    // A member keeps people (and opens a walk-in's household), never edits or removes households,
    // door codes, removals or moves.
    const member = as(MEMBER);
    refuse('member edit', member('register', 'editHousehold', { householdId: HOUSEHOLD, place }));
    refuse(
      'member remove',
      member('register', 'removeHousehold', { householdId: HOUSEHOLD, confirm: true }),
    );
    refuse(
      'member code',
      member('register', 'regenerateCode', { householdId: HOUSEHOLD, confirm: true }),
    );
    refuse(
      'member removePerson',
      member('register', 'removePerson', {
        personId: `${HOUSEHOLD}-p3`,
        reason: '登记有误',
        confirm: true,
      }),
    );
    refuse(
      'member move',
      member('register', 'movePerson', {
        personId: `${HOUSEHOLD}-p3`,
        householdId: 'h-g-shatou-b1-h1-2',
        relation: '其他',
        confirm: true,
      }),
    );
    // A member of the first branch does not reach the second.
    refuse(
      'member add b2',
      member('register', 'addPerson', {
        householdId: 'h-g-shatou-b2-h1-1',
        key: key(),
        person: person(),
      }),
    );
    for (const [label, call] of refusals) {
      const result = failure(await call);
      expect([label, result.code]).toEqual([label, 'FORBIDDEN']);
    }
    // The command centre, who may see everything, is told what is missing.
    const command = as(COMMAND);
    expect(failure(await command('register', 'household', { householdId: 'h-nowhere' })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      failure(await command('register', 'editPerson', { personId: 'p-nobody', person: person() }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      failure(
        await command('register', 'removeHousehold', { householdId: 'h-nowhere', confirm: true }),
      ).code,
    ).toBe('NOT_FOUND');
    expect(snapshot()).toBe(before);
  });

  it('lets members read, add and edit people in scope, and the command centre act anywhere', async () => {
    const page = dataOf(await as(MEMBER)('register', 'households', { gridId: LEAF }));
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({ gridId: LEAF, people: 3, care: [] });
    const household = dataOf(await as(MEMBER)('register', 'household', { householdId: HOUSEHOLD }));
    expect(household.may).toEqual({ manage: false, editPeople: true });
    expect(household.people).toHaveLength(3);
    const led = dataOf(await as(LEADER)('register', 'household', { householdId: HOUSEHOLD }));
    expect(led.may).toEqual({ manage: true, editPeople: true });
    const out = dataOf(await as(COMMAND)('register', 'household', { householdId: HOUSEHOLD_OUT }));
    expect(out.may).toEqual({ manage: true, editPeople: true });
  });
});

describe('households', () => {
  it('creates one on a leaf with its place, counted, searchable and audited; a retry makes no second', async () => {
    const path = ['g-jiujiang', 'g-shatou', 'g-shatou-b1', LEAF];
    const before = path.map(counts);
    const input = {
      gridId: LEAF,
      key: key(),
      place: { street: '碧桂园', building: '3', unit: '2', door: '501' },
    };
    const made = dataOf(await as(LEADER)('register', 'createHousehold', input));
    expect(made).toMatchObject({
      gridId: LEAF,
      address: '碧桂园3栋2单元501室',
      place: { street: '碧桂园', building: '3', unit: '2', door: '501' },
      people: [],
    });
    expect(made.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    const stored = doc(COLLECTIONS.households, made.id);
    expect(stored?.['searchKeys']).toEqual(
      expect.arrayContaining([`c:${made.code.toLowerCase()}`, 'a:碧桂园3栋']),
    );
    expect(stored?.['gridPath']).toEqual(path);
    expect(path.map(counts).map((c) => c.households)).toEqual(before.map((c) => c.households + 1));
    expect(audits('household.create', made.id)).toHaveLength(1);

    // The same submission twice more, one of them at the same instant: the same household.
    const again = await Promise.all([
      as(LEADER)('register', 'createHousehold', input),
      as(LEADER)('register', 'createHousehold', input),
    ]);
    expect(again.map((r) => dataOf(r).id)).toEqual([made.id, made.id]);
    expect(docs(COLLECTIONS.households).filter((h) => h['address'] === made.address)).toHaveLength(
      1,
    );
    expect(path.map(counts).map((c) => c.households)).toEqual(before.map((c) => c.households + 1));
    expect(audits('household.create', made.id)).toHaveLength(1);

    // A village door: 号, not 室.
    const village = await newHousehold(LEAF, '12');
    expect(village.address).toBe('沙头社区南街12号');
  });

  it('refuses a node with children and a second household at the same address, writing nothing', async () => {
    const before = snapshot();
    const branch = failure(
      await as(LEADER)('register', 'createHousehold', {
        gridId: 'g-shatou-b1',
        key: key(),
        place: { street: '沙头社区东街', door: '99' },
      }),
    );
    expect(branch).toMatchObject({ code: 'CONFLICT', message: '住户只能登记在最末一级网格' });
    const twice = failure(
      await as(LEADER)('register', 'createHousehold', {
        gridId: LEAF,
        key: key(),
        place: { street: '沙头社区东街', door: '1' },
      }),
    );
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toContain('沙头社区东街1号');
    const invalid = failure(
      await as(LEADER)('register', 'createHousehold', {
        gridId: LEAF,
        key: key(),
        place: { street: '' },
      }),
    );
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(invalid.issues?.[0]?.path).toBe('place.street');
    expect(snapshot()).toBe(before);
  });

  it('edits the place: address, search keys and pending requests follow; an unchanged edit writes nothing', async () => {
    const household = await newHousehold(LEAF, '20');
    const asked = dataOf(
      await as(APPLICANT)('households', 'join', {
        code: household.code,
        name: '申请人甲',
        relation: '其他',
      }),
    );
    expect(asked.status).toBe('requested');
    const edited = dataOf(
      await as(LEADER)('register', 'editHousehold', {
        householdId: household.id,
        place: { street: '沙头社区南街', building: 'A座', door: '20' },
      }),
    );
    expect(edited.address).toBe('沙头社区南街A座20室');
    const stored = doc(COLLECTIONS.households, household.id);
    expect(stored?.['address']).toBe('沙头社区南街A座20室');
    // Keys are folded (domain/search.ts): `a座` finds `A座`.
    expect(stored?.['searchKeys']).toEqual(expect.arrayContaining(['a:沙头社区南街a座']));
    expect(stored?.['searchKeys']).toContain(`c:${household.code.toLowerCase()}`);
    expect(docs(COLLECTIONS.joinRequests).find((r) => r['openid'] === APPLICANT)?.['address']).toBe(
      '沙头社区南街A座20室',
    );
    expect(audits('household.edit', household.id)).toHaveLength(1);
    const before = snapshot();
    dataOf(
      await as(LEADER)('register', 'editHousehold', {
        householdId: household.id,
        place: { street: '沙头社区南街', building: 'A座', door: '20' },
      }),
    );
    expect(snapshot()).toBe(before);
    // Nor may it land on another household's address.
    expect(
      failure(
        await as(LEADER)('register', 'editHousehold', {
          householdId: household.id,
          place: { street: '沙头社区东街', door: '1' },
        }),
      ).code,
    ).toBe('CONFLICT');
    expect(snapshot()).toBe(before);
  });

  it('regenerates the door code: the old one stops working, the new one joins', async () => {
    const household = await newHousehold(LEAF, '30');
    expect(
      failure(
        await as(LEADER)('register', 'regenerateCode', {
          householdId: household.id,
        } as never),
      ).code,
    ).toBe('INVALID_INPUT');
    const renewed = dataOf(
      await as(LEADER)('register', 'regenerateCode', { householdId: household.id, confirm: true }),
    );
    expect(renewed.code).not.toBe(household.code);
    const keysNow = doc(COLLECTIONS.households, household.id)?.['searchKeys'] as string[];
    expect(keysNow).toContain(`c:${renewed.code.toLowerCase()}`);
    expect(keysNow).not.toContain(`c:${household.code.toLowerCase()}`);
    expect(audits('household.regenerateCode', household.id)).toHaveLength(1);
    expect(
      failure(
        await as(APPLICANT2)('households', 'join', {
          code: household.code,
          name: '申请人乙',
          relation: '其他',
        }),
      ).code,
    ).toBe('HOUSEHOLD_CODE_INVALID');
    expect(
      dataOf(
        await as(APPLICANT2)('households', 'join', {
          code: renewed.code,
          name: '申请人乙',
          relation: '其他',
        }),
      ).status,
    ).toBe('requested');
  });

  it('removes only an empty household, after confirmation; of two removals at once one wins', async () => {
    // Still has people.
    const before = snapshot();
    const full = failure(
      await as(LEADER)('register', 'removeHousehold', { householdId: HOUSEHOLD, confirm: true }),
    );
    expect(full).toMatchObject({ code: 'CONFLICT' });
    expect(full.message).toContain('还有 3 人');
    // Someone is waiting to be let in (the applicant of the edit test).
    const waited = docs(COLLECTIONS.joinRequests).find((r) => r['openid'] === APPLICANT);
    const waiting = failure(
      await as(LEADER)('register', 'removeHousehold', {
        householdId: String(waited?.['householdId']),
        confirm: true,
      }),
    );
    expect(waiting.message).toContain('申请加入');
    expect(
      failure(await as(LEADER)('register', 'removeHousehold', { householdId: HOUSEHOLD } as never))
        .code,
    ).toBe('INVALID_INPUT');
    expect(snapshot()).toBe(before);

    const empty = await newHousehold(LEAF, '40');
    const path = ['g-jiujiang', 'g-shatou', 'g-shatou-b1', LEAF];
    const counted = path.map((id) => counts(id).households);
    const both = await Promise.all([
      as(LEADER)('register', 'removeHousehold', { householdId: empty.id, confirm: true }),
      as(COMMAND)('register', 'removeHousehold', { householdId: empty.id, confirm: true }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    // The loser read it before it went (CONFLICT) or after (the command centre: NOT_FOUND).
    expect(['CONFLICT', 'NOT_FOUND']).toContain(failure(both.find((r) => !r.ok)!).code);
    expect(doc(COLLECTIONS.households, empty.id)).toBeNull();
    expect(path.map((id) => counts(id).households)).toEqual(counted.map((n) => n - 1));
    expect(audits('household.remove', empty.id)).toHaveLength(1);
  });

  it('never removes a household a person is being added to at the same time', async () => {
    for (let round = 0; round < 4; round += 1) {
      const household = await newHousehold(LEAF, `5${round}`);
      const [removed, added] = await Promise.all([
        as(LEADER)('register', 'removeHousehold', { householdId: household.id, confirm: true }),
        as(MEMBER)('register', 'addPerson', {
          householdId: household.id,
          key: key(),
          person: person({ idNumber: null, phone: null, name: `并发${round}` }),
        }),
      ]);
      // Exactly one of them happened, and no person is left without a household.
      expect([removed.ok, added.ok].filter(Boolean)).toHaveLength(1);
      const left = docs(COLLECTIONS.people).filter((p) => p['householdId'] === household.id);
      expect(left).toHaveLength(added.ok ? 1 : 0);
      expect(doc(COLLECTIONS.households, household.id) === null).toBe(removed.ok);
    }
  });
});

describe('people', () => {
  it('adds a person: full numbers only in personSecrets, masked and searchable, counted; a retry adds nobody', async () => {
    const household = await newHousehold(LEAF, '60');
    const path = ['g-jiujiang', 'g-shatou', 'g-shatou-b1', LEAF];
    const before = path.map((id) => counts(id).people);
    const input = {
      householdId: household.id,
      key: key(),
      person: person({ care: ['alone', 'disabled', 'alone'] }),
    };
    const added = dataOf(await as(MEMBER)('register', 'addPerson', input));
    expect(added).toMatchObject({
      name: '张桂兰',
      idNumberMasked: '1101**********002X',
      phoneMasked: '139****5678',
      residency: 'registered',
      care: ['alone', 'disabled'],
      hasWechat: false,
      proxy: { byName: '李志强' },
    });
    const stored = doc(COLLECTIONS.people, added.id);
    expect(JSON.stringify(stored)).not.toContain('11010519491231002X');
    expect(JSON.stringify(stored)).not.toContain('13912345678');
    expect(stored?.['searchKeys']).toEqual(['n:张', 'n:张桂', 'n:张桂兰', 'p:5678', 'i:002x']);
    expect(doc(COLLECTIONS.personSecrets, added.id)).toMatchObject({
      idNumber: '11010519491231002X',
      phone: '13912345678',
    });
    expect(JSON.stringify(audits('person.add', added.id))).not.toContain('13912345678');
    expect(path.map((id) => counts(id).people)).toEqual(before.map((n) => n + 1));

    const retried = await Promise.all([
      as(MEMBER)('register', 'addPerson', input),
      as(MEMBER)('register', 'addPerson', input),
    ]);
    expect(retried.map((r) => dataOf(r).id)).toEqual([added.id, added.id]);
    expect(docs(COLLECTIONS.people).filter((p) => p['householdId'] === household.id)).toHaveLength(
      1,
    );
    expect(path.map((id) => counts(id).people)).toEqual(before.map((n) => n + 1));
    expect(audits('person.add', added.id)).toHaveLength(1);

    const rows = dataOf(await as(LEADER)('register', 'households', { gridId: LEAF }));
    expect(rows.total).toBeGreaterThan(3);
    const all = [rows];
    for (let n = 2; (n - 1) * rows.pageSize < rows.total; n += 1)
      all.push(dataOf(await as(LEADER)('register', 'households', { gridId: LEAF, page: n })));
    const row = all.flatMap((p) => p.items).find((h) => h.id === household.id);
    expect(row).toMatchObject({ people: 1, care: ['alone', 'disabled'] });
  });

  it('refuses a bad checksum per field and an ID number already registered, writing nothing', async () => {
    const before = snapshot();
    const bad = failure(
      await as(LEADER)('register', 'addPerson', {
        householdId: HOUSEHOLD,
        key: key(),
        person: person({ idNumber: '110105194912310021' }),
      }),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues).toContainEqual({ path: 'person.idNumber', message: '身份证号校验位不正确' });
    const taken = failure(
      await as(LEADER)('register', 'addPerson', {
        householdId: HOUSEHOLD,
        key: key(),
        person: person(),
      }),
    );
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toContain('已有登记');
    expect(snapshot()).toBe(before);
  });

  it('edits a person: masks, secrets and search keys follow; an absent number is kept, null erases it', async () => {
    const household = await newHousehold(LEAF, '61');
    const added = dataOf(
      await as(LEADER)('register', 'addPerson', {
        householdId: household.id,
        key: key(),
        person: person({ idNumber: ID_A, phone: '13700001111' }),
      }),
    );
    const edited = dataOf(
      await as(MEMBER)('register', 'editPerson', {
        personId: added.id,
        person: person({
          name: '李春梅',
          idNumber: undefined,
          phone: '13600002222',
          residency: 'floating',
          care: ['hardship'],
        }),
      }),
    );
    expect(edited).toMatchObject({
      name: '李春梅',
      idNumberMasked: `1101**********${ID_A.slice(-4)}`,
      phoneMasked: '136****2222',
      residency: 'floating',
      care: ['hardship'],
    });
    expect(doc(COLLECTIONS.personSecrets, added.id)).toMatchObject({
      idNumber: ID_A,
      phone: '13600002222',
    });
    expect(doc(COLLECTIONS.people, added.id)?.['searchKeys']).toEqual([
      'n:李',
      'n:李春',
      'n:李春梅',
      'p:2222',
      `i:${ID_A.slice(-4).toLowerCase()}`,
    ]);
    expect(audits('person.edit', added.id)[0]?.['detail']).toEqual({
      changed: ['name', 'phone', 'residency', 'care'],
    });
    // null erases the phone; the ID number stays.
    const erased = dataOf(
      await as(MEMBER)('register', 'editPerson', {
        personId: added.id,
        person: person({
          name: '李春梅',
          idNumber: undefined,
          phone: null,
          residency: 'floating',
          care: ['hardship'],
        }),
      }),
    );
    expect(erased.phoneMasked).toBeNull();
    expect(doc(COLLECTIONS.personSecrets, added.id)).toMatchObject({ phone: null, idNumber: ID_A });
    expect(doc(COLLECTIONS.people, added.id)?.['searchKeys']).toEqual([
      'n:李',
      'n:李春',
      'n:李春梅',
      `i:${ID_A.slice(-4).toLowerCase()}`,
    ]);
    // The same edit again changes and audits nothing.
    const before = snapshot();
    dataOf(
      await as(MEMBER)('register', 'editPerson', {
        personId: added.id,
        person: person({
          name: '李春梅',
          idNumber: undefined,
          phone: undefined,
          residency: 'floating',
          care: ['hardship'],
        }),
      }),
    );
    expect(snapshot()).toBe(before);
  });

  it('lets staff edit someone registered by proxy, and only residency and marks of someone on WeChat', async () => {
    const proxied = dataOf(
      await as(MEMBER)('register', 'editPerson', {
        personId: PROXIED,
        person: {
          name: '王桂英',
          relation: '父母',
          residency: 'registered',
          care: ['alone', 'disabled'],
        },
      }),
    );
    expect(proxied).toMatchObject({ residency: 'registered', care: ['alone', 'disabled'] });
    // Her daughter still sees her, marks and all, in 我的家庭.
    const mine = dataOf(await as(RESIDENT)('households', 'mine', {}));
    expect(mine?.people.find((p) => p.id === PROXIED)).toMatchObject({
      care: ['alone', 'disabled'],
    });

    const self = dataOf(
      await as(LEADER)('register', 'editPerson', {
        personId: SELF,
        person: { name: '王秀英', relation: '本人', residency: 'resident', care: [] },
      }),
    );
    expect(self).toMatchObject({ residency: 'resident', hasWechat: true });
    const before = snapshot();
    const renamed = failure(
      await as(LEADER)('register', 'editPerson', {
        personId: SELF,
        person: { name: '王秀芳', relation: '本人', residency: 'resident', care: [] },
      }),
    );
    expect(renamed.code).toBe('CONFLICT');
    expect(renamed.message).toContain('由本人维护');
    expect(snapshot()).toBe(before);
  });

  it('removes a person with a reason, audited and uncounted; refuses WeChat users, active observations and errands', async () => {
    const household = await newHousehold(LEAF, '70');
    const added = dataOf(
      await as(MEMBER)('register', 'addPerson', {
        householdId: household.id,
        key: key(),
        person: person({ idNumber: ID_B }),
      }),
    );
    const before = snapshot();
    const refusals = [
      await as(LEADER)('register', 'removePerson', {
        personId: SELF,
        reason: '已搬走',
        confirm: true,
      }),
      await as(LEADER)('register', 'removePerson', {
        personId: added.id,
        reason: '',
        confirm: true,
      }),
      await as(LEADER)('register', 'removePerson', {
        personId: added.id,
        reason: '登记有误',
      } as never),
    ].map(failure);
    expect(refusals.map((r) => r.code)).toEqual(['CONFLICT', 'INVALID_INPUT', 'INVALID_INPUT']);
    expect(refusals[0]?.message).toContain('迁移');
    expect(snapshot()).toBe(before);

    // Under observation, then with an errand under way: refused with the reason, nothing written.
    dataOf(await as(LEADER)('returns', 'declare', { personId: HUSBAND, declaration: fromWuhan() }));
    let snap = snapshot();
    const observed = failure(
      await as(LEADER)('register', 'removePerson', {
        personId: HUSBAND,
        reason: '登记有误',
        confirm: true,
      }),
    );
    expect(observed.message).toBe('该居民正在居家观察，不能删除');
    expect(snapshot()).toBe(snap);
    const errand = dataOf(
      await as(MEMBER)('errands', 'request', {
        personId: added.id,
        request: {
          items: [{ name: '大米', quantity: '1袋', note: '' }],
          budget: 80,
          urgency: 2,
          deliveryNote: '放门口',
          contactless: true,
        },
      }),
    );
    snap = snapshot();
    const busy = failure(
      await as(LEADER)('register', 'removePerson', {
        personId: added.id,
        reason: '登记有误',
        confirm: true,
      }),
    );
    expect(busy.message).toBe('该居民有未完成的跑腿代购，不能删除');
    expect(snapshot()).toBe(snap);
    dataOf(
      await as(MEMBER)('errands', 'cancel', {
        errandId: errand.id,
        reason: '不需要了',
        confirm: true,
      }),
    );

    const path = ['g-jiujiang', 'g-shatou', 'g-shatou-b1', LEAF];
    const counted = path.map((id) => counts(id).people);
    const both = await Promise.all([
      as(LEADER)('register', 'removePerson', {
        personId: added.id,
        reason: '登记有误',
        confirm: true,
      }),
      as(COMMAND)('register', 'removePerson', {
        personId: added.id,
        reason: '重复登记',
        confirm: true,
      }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(doc(COLLECTIONS.people, added.id)).toBeNull();
    expect(doc(COLLECTIONS.personSecrets, added.id)).toBeNull();
    expect(path.map((id) => counts(id).people)).toEqual(counted.map((n) => n - 1));
    const entries = audits('person.remove', added.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.['detail']).toMatchObject({ householdId: household.id });
    expect(['登记有误', '重复登记']).toContain(
      (entries[0]?.['detail'] as { reason: string }).reason,
    );
  });
});

describe('moving house', () => {
  it('moves a person with their history to a household on another node, counters on both paths', async () => {
    const from = await newHousehold(LEAF, '80');
    const to = await newHousehold(OTHER_LEAF, '81');
    const moved = dataOf(
      await as(LEADER)('register', 'addPerson', {
        householdId: from.id,
        key: key(),
        person: person({ name: '周婆婆', idNumber: null, phone: null }),
      }),
    );
    // A return, an observation and a report, then the observation ends.
    dataOf(
      await as(LEADER)('returns', 'declare', { personId: moved.id, declaration: fromWuhan() }),
    );
    dataOf(
      await as(MEMBER)('reports', 'submit', {
        personId: moved.id,
        temperature: 36.5,
        symptoms: [],
      }),
    );
    let snap = snapshot();
    const refused = failure(
      await as(LEADER)('register', 'movePerson', {
        personId: moved.id,
        householdId: to.id,
        relation: '父母',
        confirm: true,
      }),
    );
    expect(refused.message).toBe('该居民正在居家观察，解除观察后才能迁移');
    expect(snapshot()).toBe(snap);
    await connectSdk(server.emulator)
      .database()
      .collection(COLLECTIONS.observations)
      .doc(moved.id)
      .update({ data: { status: 'released' } });

    const leaves = ['g-shatou-b1', LEAF];
    const enters = ['g-shatou-b2', OTHER_LEAF];
    const shared = ['g-jiujiang', 'g-shatou'];
    const before = [...leaves, ...enters, ...shared].map((id) => counts(id).people);
    const input = {
      personId: moved.id,
      householdId: to.id,
      relation: '父母' as const,
      confirm: true as const,
    };
    const result = dataOf(await as(LEADER)('register', 'movePerson', input));
    expect(result).toMatchObject({ id: moved.id, relation: '父母' });
    expect(doc(COLLECTIONS.people, moved.id)).toMatchObject({
      householdId: to.id,
      gridId: OTHER_LEAF,
      gridPath: ['g-jiujiang', 'g-shatou', 'g-shatou-b2', OTHER_LEAF],
    });
    const after = [...leaves, ...enters, ...shared].map((id) => counts(id).people);
    expect(after).toEqual([
      before[0]! - 1,
      before[1]! - 1,
      before[2]! + 1,
      before[3]! + 1,
      before[4],
      before[5],
    ]);
    // A retry changes nothing more.
    snap = snapshot();
    dataOf(await as(LEADER)('register', 'movePerson', input));
    expect(snapshot()).toBe(snap);
    expect(audits('person.move', moved.id)).toHaveLength(1);
    // The history is still theirs, and still found through them.
    expect(docs(COLLECTIONS.returns).filter((r) => r['personId'] === moved.id)).toHaveLength(1);
    expect(docs(COLLECTIONS.healthReports).filter((r) => r['personId'] === moved.id)).toHaveLength(
      1,
    );
    const status = dataOf(await as(LEADER)('returns', 'status', { personId: moved.id }));
    expect(status.observation).toMatchObject({ personId: moved.id, status: 'released' });
    expect(status.declaration?.origin.city).toBe('武汉市');
    // The old household is empty now and may go.
    dataOf(
      await as(LEADER)('register', 'removeHousehold', { householdId: from.id, confirm: true }),
    );
  });

  it('moves someone on WeChat with their user record; a member may not move anyone', async () => {
    const to = await newHousehold(LEAF, '90');
    expect(
      failure(
        await as(MEMBER)('register', 'movePerson', {
          personId: SELF,
          householdId: to.id,
          relation: '本人',
          confirm: true,
        }),
      ).code,
    ).toBe('FORBIDDEN');
    dataOf(
      await as(LEADER)('register', 'movePerson', {
        personId: SELF,
        householdId: to.id,
        relation: '本人',
        confirm: true,
      }),
    );
    expect(doc(COLLECTIONS.users, RESIDENT)).toMatchObject({
      householdId: to.id,
      gridId: LEAF,
      gridPath: ['g-jiujiang', 'g-shatou', 'g-shatou-b1', LEAF],
      personId: SELF,
    });
    const mine = dataOf(await as(RESIDENT)('households', 'mine', {}));
    expect(mine?.id).toBe(to.id);
    expect(mine?.people.map((p) => p.id)).toEqual([SELF]);
  });
});

describe('the 流管站 desk: a walk-in without WeChat', () => {
  it('a member opens the household, registers her, declares her return and reports for her', async () => {
    const desk = as(MEMBER);
    const household = dataOf(
      await desk('register', 'createHousehold', {
        gridId: LEAF,
        key: key(),
        place: { street: '沙头社区北街', door: '7' },
      }),
    );
    const walkIn = dataOf(
      await desk('register', 'addPerson', {
        householdId: household.id,
        key: key(),
        person: person({
          name: '罗秀兰',
          idNumber: `11010519500101${'123'}${checkDigit('11010519500101123')}`,
          phone: '13700001111',
          residency: 'floating',
          care: [],
        }),
      }),
    );
    expect(walkIn.hasWechat).toBe(false);
    const declared = dataOf(
      await desk('returns', 'declare', { personId: walkIn.id, declaration: fromWuhan() }),
    );
    expect(declared).toMatchObject({ personId: walkIn.id, name: '罗秀兰', status: 'observing' });
    dataOf(
      await desk('reports', 'submit', {
        personId: walkIn.id,
        temperature: 36.6,
        symptoms: [],
      }),
    );
    expect(dataOf(await desk('reports', 'today', { personId: walkIn.id }))).toMatchObject({
      today: { temperature: 36.6, day: today() },
    });
    // Out of scope stays out of reach for the desk, whatever it may do at home.
    expect(
      failure(
        await desk('register', 'createHousehold', {
          gridId: LEAF_OUT,
          key: key(),
          place: { street: '烟南村', door: '1' },
        }),
      ).code,
    ).toBe('FORBIDDEN');
  });
});

/** The check digit of a 17-digit ID stem. */
function checkDigit(stem: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(stem[i]), 0);
  return '10X98765432'[sum % 11] ?? '0';
}
