import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  COLLECTIONS,
  IMPORT_SHEETS,
  REGISTER_COLUMNS,
  type FunctionResult,
  type SearchResult,
} from '@gridguard/types';
import {
  householdSearchKeys,
  personSearchKeys,
  SEARCH_KEYS_VERSION,
  type HouseholdDoc,
  type PersonDoc,
} from '@gridguard/server/domain';
import { registerData, searchData, type CloudDatabase } from '@gridguard/server/runtime';
import { sweepSearchIndex } from '@gridguard/server/services/search-sweep';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { idNumberFor, phoneFor } from '../../scripts/demo/builder';
import { actingAs, dataOf } from '../helpers/actions';
import { connectSdk, tempDir, type Cloud } from '../helpers/emulator';
import { gatewayCall, gatewayLogin } from '../helpers/gateway';

/**
 * Every record is findable: each writer of people and households stores keys of the current
 * scheme, and the searchIndexSweep timer re-indexes whatever has none or older ones (records from
 * before search, or before keys were folded), a batch at a time, idempotently.
 */
let server: DemoServer;
let cloud: Cloud;
let db: CloudDatabase;
const APPLICANTS = ['oIndexApplicant1', 'oIndexApplicant2'];
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: APPLICANTS.map((openid, i) => ({
      openid,
      name: `申请人${i + 1}`,
      roleLabel: '新用户',
    })),
  });
  cloud = connectSdk(server.emulator);
  db = cloud.database();
});
afterAll(() => server.close());

const LEADER = 'oDemoLeader';
const MEMBER = 'oDemoVolunteer';
/** Under 沙头社区's first branch, where 李志强 serves too. */
const LEAF = 'g-shatou-b1-h1';
const as = (openid: string) => actingAs(server.emulator, openid);
const store = () => server.emulator.store;
const docs = <T>(collection: string) =>
  [...store().candidates(store().db, collection, undefined)].map((c) => c.doc as T);
const doc = <T>(collection: string, id: string) =>
  (store().getById(store().db, collection, id)?.doc as T | undefined) ?? null;
/** A collection's contents, to show a second run changed nothing. */
const digest = (collection: string) =>
  createHash('sha256')
    .update(
      docs<unknown>(collection)
        .map((d) => JSON.stringify(d))
        .sort()
        .join('\n'),
    )
    .digest('hex');

type Kind = 'people' | 'households';
const found = async (query: string, kind: Kind, gridId = 'g-shatou') => {
  const result: FunctionResult<SearchResult> = await as(LEADER)('search', 'find', {
    gridId,
    query,
    kind,
    page: 1,
  });
  return dataOf(result)
    .items.map((hit) => hit.id)
    .sort();
};
/** Stored with keys of today's scheme, made from what is stored. */
const indexedPerson = (id: string) => {
  const stored = doc<PersonDoc>(COLLECTIONS.people, id);
  expect(stored?.searchKeysVersion).toBe(SEARCH_KEYS_VERSION);
  if (stored) expect(stored.searchKeys).toEqual(personSearchKeys(stored));
};
const indexedHousehold = (id: string) => {
  const stored = doc<HouseholdDoc>(COLLECTIONS.households, id);
  expect(stored?.searchKeysVersion).toBe(SEARCH_KEYS_VERSION);
  if (stored) expect(stored.searchKeys).toEqual(householdSearchKeys(stored));
};
let keys = 0;
const key = () => `k-index-${(keys += 1)}`;

describe('every writer stores current keys: what it writes is found', () => {
  it('households.create and households.addPerson (代家人登记)', async () => {
    const household = dataOf(
      await as(LEADER)('households', 'create', { gridId: LEAF, address: '写入巷B座1号' }),
    );
    indexedHousehold(household.id);
    expect(await found(household.code.toLowerCase(), 'households')).toEqual([household.id]);
    expect(await found('写入巷b座', 'households')).toEqual([household.id]);
    const person = dataOf(
      await as(LEADER)('households', 'addPerson', {
        householdId: household.id,
        name: '岑代登',
        relation: '父母',
        phone: '13900001357',
      }),
    );
    indexedPerson(person.id);
    expect(await found('岑代登', 'people')).toEqual([person.id]);
    expect(await found('1357', 'people')).toContain(person.id);
  });

  it('join approvals: a new person, and a listed one linked with the phone the applicant typed', async () => {
    const household = dataOf(
      await as(LEADER)('households', 'create', { gridId: LEAF, address: '写入巷2号' }),
    );
    const listed = dataOf(
      await as(LEADER)('households', 'addPerson', {
        householdId: household.id,
        name: '鲍已列',
        relation: '本人',
      }),
    );
    const ask = async (openid: string, name: string, phone?: string) => {
      const outcome = dataOf(
        await as(openid)('households', 'join', {
          code: household.code,
          name,
          relation: '子女',
          ...(phone && { phone }),
        }),
      );
      if (outcome.status !== 'requested') throw new Error('a request expected');
      dataOf(
        await as(LEADER)('households', 'approve', { requestId: outcome.request.id, confirm: true }),
      );
    };
    await ask(APPLICANTS[0] ?? '', '史新入');
    const joined = docs<PersonDoc>(COLLECTIONS.people).find((p) => p.openid === APPLICANTS[0]);
    if (!joined) throw new Error('the applicant expected in the household');
    indexedPerson(joined._id);
    expect(await found('史新入', 'people')).toEqual([joined._id]);

    await ask(APPLICANTS[1] ?? '', '鲍已列', '13900002468');
    expect(doc<PersonDoc>(COLLECTIONS.people, listed.id)?.openid).toBe(APPLICANTS[1]);
    indexedPerson(listed.id);
    expect(await found('2468', 'people')).toContain(listed.id);
  });

  it('the register: a household made, re-addressed and given a new code; a person added and renamed', async () => {
    const leader = as(LEADER);
    const made = dataOf(
      await leader('register', 'createHousehold', {
        gridId: LEAF,
        key: key(),
        place: { street: '写入苑', building: 'C座', door: '301' },
      }),
    );
    indexedHousehold(made.id);
    expect(await found('写入苑c座', 'households')).toEqual([made.id]);
    dataOf(
      await leader('register', 'editHousehold', {
        householdId: made.id,
        place: { street: '写入苑', building: 'D座', door: '301' },
      }),
    );
    indexedHousehold(made.id);
    expect(await found('写入苑d座', 'households')).toEqual([made.id]);
    expect(await found('写入苑c座', 'households')).toEqual([]);
    const renewed = dataOf(
      await leader('register', 'regenerateCode', { householdId: made.id, confirm: true }),
    );
    indexedHousehold(made.id);
    expect(await found(renewed.code.toLowerCase(), 'households')).toEqual([made.id]);
    expect(await found(made.code, 'households')).toEqual([]);

    // A member at the 流管站 desk adds someone; their ID number ends in X, typed in lower case.
    const added = dataOf(
      await as(MEMBER)('register', 'addPerson', {
        householdId: made.id,
        key: key(),
        person: {
          name: '滕写入',
          relation: '本人',
          idNumber: '11010519491231002X',
          phone: null,
          residency: 'floating',
          care: [],
        },
      }),
    );
    indexedPerson(added.id);
    expect(await found('002x', 'people')).toContain(added.id);
    dataOf(
      await as(MEMBER)('register', 'editPerson', {
        personId: added.id,
        person: {
          name: '殷改名',
          relation: '本人',
          residency: 'floating',
          care: [],
        },
      }),
    );
    indexedPerson(added.id);
    expect(await found('殷改名', 'people')).toEqual([added.id]);
    expect(await found('滕写入', 'people')).toEqual([]);
  });

  it('the import: households and people it makes, and a person it renames', async () => {
    const book = async (name: string) => {
      const levels = ['经济社党支部', '户联系党小组'];
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet(IMPORT_SHEETS.tree).addRow([...levels, '备注']);
      const sheet = workbook.addWorksheet(IMPORT_SHEETS.register);
      sheet.addRow([...levels, ...Object.values(REGISTER_COLUMNS), '备注']);
      sheet.addRow([
        '第一经济社党支部',
        '第一户联系党小组',
        '导入苑E座1号',
        name,
        '本人',
        idNumberFor(55_001),
        phoneFor(55_001),
      ]);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const importBook = async (content: Buffer) => {
      const leader = as(LEADER);
      const { cloudPath } = dataOf(await leader('imports', 'uploadTarget', { gridId: 'g-shatou' }));
      const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
      const { importId } = dataOf(
        await leader('imports', 'preview', { gridId: 'g-shatou', fileId: fileID }),
      );
      for (let i = 0; i < 20; i += 1)
        if (dataOf(await leader('imports', 'commit', { importId })).status === 'done') return;
      throw new Error('the import never finished');
    };
    await importBook(await book('龚导入'));
    const [household] = await found('导入苑e座', 'households');
    const [person] = await found('龚导入', 'people');
    if (!household || !person) throw new Error('the imported household and person expected');
    indexedHousehold(household);
    indexedPerson(person);
    await importBook(await book('龚改名'));
    indexedPerson(person);
    expect(await found('龚改名', 'people')).toEqual([person]);
  });

  it('the demo seed: every person and household', () => {
    const people = docs<PersonDoc>(COLLECTIONS.people);
    const households = docs<HouseholdDoc>(COLLECTIONS.households);
    expect(people.every((p) => p.searchKeysVersion === SEARCH_KEYS_VERSION)).toBe(true);
    expect(households.every((h) => h.searchKeysVersion === SEARCH_KEYS_VERSION)).toBe(true);
  });
});

describe('the searchIndexSweep timer', () => {
  const fire = async () => {
    const reply = await fetch(`${server.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'searchIndexSweep', triggerName: 'every10Minutes' }),
    });
    expect(await reply.json()).toMatchObject({ ok: true });
  };
  const HOUSEHOLD = 'h-index-old';
  const LEAF_B2 = 'g-shatou-b2-h1';
  const gridPath = ['g-jiujiang', 'g-shatou', 'g-shatou-b2', LEAF_B2];
  /** A person as written before search (no keys) or before folding (keys as typed, no version). */
  const oldPerson = (id: string, name: string, phone: string | null, keys?: string[]) => ({
    _id: id,
    householdId: HOUSEHOLD,
    gridId: LEAF_B2,
    gridPath,
    name,
    relation: '其他',
    idNumberMasked: null,
    phoneMasked: phone,
    openid: null,
    proxy: null,
    createdAt: new Date(),
    ...(keys && { searchKeys: keys }),
  });
  const insert = (collection: string, records: Record<string, unknown>[]) =>
    db.collection(collection).add({ data: records });

  it('makes old records findable, and a second run changes nothing', async () => {
    // A household keyed before folding: its door code and `A栋` only as typed.
    await insert(COLLECTIONS.households, [
      {
        _id: HOUSEHOLD,
        gridId: LEAF_B2,
        gridPath,
        address: '旧楼A栋1号',
        code: 'ZZZ9Z9',
        contact: null,
        createdAt: new Date(),
        searchKeys: ['c:ZZZ9Z9', 'a:旧', 'a:旧楼', 'a:旧楼A', 'a:旧楼A栋'],
      },
    ]);
    await insert(COLLECTIONS.people, [
      oldPerson('p-index-old1', '欧阳旧', '138****2580'),
      oldPerson('p-index-old2', 'Ｍａｒｙ旧', null, ['n:Ｍ', 'n:Ｍａ', 'n:Ｍａｒ']),
    ]);
    expect(await found('zzz9z9', 'households')).toEqual([]);
    expect(await found('旧楼a栋', 'households')).toEqual([]);
    expect(await found('欧阳旧', 'people')).toEqual([]);
    expect(await found('2580', 'people')).not.toContain('p-index-old1');
    expect(await found('mar', 'people')).toEqual([]);

    await fire();
    expect(await found('zzz9z9', 'households')).toEqual([HOUSEHOLD]);
    expect(await found('旧楼a栋', 'households')).toEqual([HOUSEHOLD]);
    expect(await found('旧楼Ａ栋1号', 'households')).toEqual([HOUSEHOLD]);
    expect(await found('欧阳旧', 'people')).toEqual(['p-index-old1']);
    expect(await found('2580', 'people')).toContain('p-index-old1');
    expect(await found('mary', 'people')).toEqual(['p-index-old2']);
    indexedHousehold(HOUSEHOLD);
    indexedPerson('p-index-old1');
    indexedPerson('p-index-old2');

    const before = [digest(COLLECTIONS.people), digest(COLLECTIONS.households)];
    await fire();
    expect([digest(COLLECTIONS.people), digest(COLLECTIONS.households)]).toEqual(before);
  });

  it('stops at its batch limit or time budget and leaves the rest for the next run', async () => {
    await insert(
      COLLECTIONS.people,
      Array.from({ length: 5 }, (_, i) => oldPerson(`p-index-batch${i}`, `雷批${i}`, null)),
    );
    const search = searchData(db);
    const oneBatch = { batch: 2, maxBatches: 1, budgetMs: 40_000 };
    const outdated = () =>
      docs<PersonDoc>(COLLECTIONS.people)
        .filter((p) => p._id.startsWith('p-index-batch'))
        .filter((p) => p.searchKeysVersion !== SEARCH_KEYS_VERSION).length;

    // Out of time before the first batch: nothing is touched.
    let now = 0;
    const late = () => (now += 60_000);
    expect(await sweepSearchIndex(search, late, oneBatch)).toEqual({
      households: 0,
      people: 0,
      finished: false,
    });
    expect(outdated()).toBe(5);

    const runs = [];
    for (let run = 0; run < 5; run += 1) {
      const result = await sweepSearchIndex(search, Date.now, oneBatch);
      runs.push([result.people, outdated()]);
      if (result.finished) break;
    }
    // Two a run, then the last one, then a run that finds nothing left.
    expect(runs).toEqual([
      [2, 3],
      [2, 1],
      [1, 0],
    ]);
    expect(await found('雷批', 'people', 'g-shatou-b2')).toHaveLength(5);
  });

  it('never writes keys made from values an edit has changed since they were read', async () => {
    await insert(COLLECTIONS.people, [
      oldPerson('p-index-race1', '邵旧名', null),
      oldPerson('p-index-race2', '汤旧名', null),
    ]);
    const search = searchData(db);
    const read = (await search.outdatedPeople(100)).filter((p) => p._id.startsWith('p-index-race'));
    expect(read).toHaveLength(2);
    const [first, second] = read;
    if (!first || !second) throw new Error('both expected');

    // The register renames one (with keys of today's scheme)...
    dataOf(
      await as(LEADER)('register', 'editPerson', {
        personId: first._id,
        person: { name: '邵新名', relation: '其他', residency: 'floating', care: [] },
      }),
    );
    // ...and a writer that forgot the keys renames the other.
    await registerData(db).updatePerson(second._id, { name: '汤新名' });

    const stale = (p: PersonDoc | Pick<PersonDoc, 'name'>) => ({
      searchKeys: personSearchKeys({ name: p.name, phoneMasked: null, idNumberMasked: null }),
      searchKeysVersion: SEARCH_KEYS_VERSION,
    });
    expect(await search.reindexPerson(first, stale(first))).toBe(false);
    expect(await search.reindexPerson(second, stale(second))).toBe(false);
    indexedPerson(first._id);
    expect(doc<PersonDoc>(COLLECTIONS.people, second._id)?.searchKeysVersion).toBeUndefined();

    // The next run reads the fresh name.
    await sweepSearchIndex(search);
    indexedPerson(second._id);
    expect(await found('汤新名', 'people', 'g-shatou-b2')).toEqual([second._id]);
    expect(await found('汤旧名', 'people', 'g-shatou-b2')).toEqual([]);
    expect(await found('邵新名', 'people', 'g-shatou-b2')).toEqual([first._id]);
  });

  it('refuses to be run from the mini-program, writing nothing', async () => {
    await insert(COLLECTIONS.people, [oldPerson('p-index-client', '韦未扫', null)]);
    const token = await gatewayLogin(server.emulator, 'oDemoCommand');
    const reply = await gatewayCall(server.emulator, token, 'searchIndexSweep', {});
    expect(reply.body.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(doc<PersonDoc>(COLLECTIONS.people, 'p-index-client')?.searchKeys).toBeUndefined();
  });
});
