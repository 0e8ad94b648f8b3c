import ExcelJS from 'exceljs';
import {
  COLLECTIONS,
  IMPORT_SHEETS,
  PAGE_SIZE,
  REGISTER_COLUMNS,
  type FunctionResult,
  type PersonHit,
  type SearchResult,
} from '@gridguard/types';
import {
  BROAD_QUERY_MAX_PEOPLE,
  type PersonDoc,
  type PersonSecretDoc,
} from '@gridguard/server/domain';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { idNumberFor, phoneFor } from '../../scripts/demo/builder';
import { actingAs, dataOf } from '../helpers/actions';
import { connectSdk, tempDir, type Cloud } from '../helpers/emulator';

/** 查找: people, households and nodes in the caller's scope, masked, at a fixed cost in DB calls. */
let server: DemoServer;
let cloud: Cloud;
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [{ openid: 'oSearchPending', name: '新来的', roleLabel: '新用户' }],
  });
  cloud = connectSdk(server.emulator);
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const docs = <T>(collection: string) => {
  const store = server.emulator.store;
  return [...store.candidates(store.db, collection, undefined)].map((c) => c.doc as T);
};
const people = () => docs<PersonDoc>(COLLECTIONS.people);
const peopleUnder = (gridId: string) => people().filter((p) => p.gridPath.includes(gridId));

type Kind = 'people' | 'households' | 'nodes';
const find = (openid: string, gridId: string, query: string, kind?: Kind, page = 1) =>
  as(openid)('search', 'find', { gridId, query, page, ...(kind && { kind }) });
const found = async (
  openid: string,
  gridId: string,
  query: string,
  kind?: Kind,
): Promise<SearchResult> => dataOf(await find(openid, gridId, query, kind));
const ids = (result: SearchResult) => result.items.map((hit) => hit.id).sort();
const personHits = (result: SearchResult) =>
  result.items.filter((hit): hit is PersonHit => hit.kind === 'person');

async function databaseCalls(): Promise<number> {
  const reply = await fetch(`${server.url}/_emulator/stats`);
  const { actions } = (await reply.json()) as { actions: Record<string, number> };
  return Object.entries(actions)
    .filter(([name]) => name.startsWith('database.'))
    .reduce((n, [, count]) => n + count, 0);
}
async function callsOf(run: () => Promise<FunctionResult<SearchResult>>) {
  const before = await databaseCalls();
  const result = dataOf(await run());
  return { calls: (await databaseCalls()) - before, total: result.total };
}

describe('查找', () => {
  it('a leader finds people by the start of a name, the last four of a phone or an ID number, in their subtree only', async () => {
    const inShatou = peopleUnder('g-shatou').find((p) => p.openid === null && p.phoneMasked);
    const inYannan = peopleUnder('g-yannan')[0];
    if (!inShatou?.phoneMasked || !inShatou.idNumberMasked || !inYannan)
      throw new Error('demo people expected');

    const byName = await found('oDemoLeader', 'g-shatou', inShatou.name.slice(0, 2), 'people');
    expect(byName).toMatchObject({ kind: 'people', match: 'name', page: 1 });
    expect(ids(byName)).toContain(inShatou._id);
    const hit = personHits(byName).find((h) => h.id === inShatou._id);
    expect(hit).toMatchObject({
      kind: 'person',
      householdId: inShatou.householdId,
      gridId: inShatou.gridId,
      matched: 'name',
      person: {
        name: inShatou.name,
        phoneMasked: inShatou.phoneMasked,
        idNumberMasked: inShatou.idNumberMasked,
        reveal: { idNumber: true, phone: true },
      },
    });
    expect(hit?.address).toMatch(/^沙头社区/);
    expect(hit?.path[0]).toEqual({ id: 'g-shatou', name: '沙头社区' });
    expect(hit?.path.at(-1)?.id).toBe(inShatou.gridId);

    const phone = await found('oDemoLeader', 'g-shatou', inShatou.phoneMasked.slice(-4));
    expect(phone.match).toBe('last4');
    expect(personHits(phone).find((h) => h.id === inShatou._id)?.matched).toBe('phone');
    const id = await found('oDemoLeader', 'g-shatou', inShatou.idNumberMasked.slice(-4));
    expect(ids(id)).toContain(inShatou._id);
    // A full name longer than the indexed three characters is matched in full.
    expect(ids(await found('oDemoLeader', 'g-shatou', `${inShatou.name}子孙`))).toEqual([]);

    // 烟南村 is not theirs: its people are not found from 沙头社区, and it cannot be searched.
    expect(ids(await found('oDemoLeader', 'g-shatou', inYannan.name, 'people'))).toEqual([]);
    expect(await find('oDemoLeader', 'g-yannan', inYannan.name)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    // The command centre finds them from the town.
    expect(ids(await found('oDemoCommand', 'g-jiujiang', inYannan.name))).toContain(inYannan._id);
  });

  it('finds households by the start of an address or the door code, and nodes by name', async () => {
    const byCode = await found('oDemoLeader', 'g-shatou', 'wxy2h8');
    expect(byCode).toMatchObject({ kind: 'households', match: 'doorCode', total: 1 });
    const [household] = byCode.items;
    expect(household).toMatchObject({
      kind: 'household',
      id: 'h-demo-resident',
      gridId: 'g-shatou-b1-h3',
      household: { address: '沙头社区新村大街18号', code: 'WXY2H8' },
    });
    if (household?.kind !== 'household') throw new Error('a household expected');
    expect(household.household.people.map((p) => p.name).sort()).toEqual(
      ['王秀英', '冯国庆', '王桂英'].sort(),
    );
    expect(household.path.map((p) => p.name)).toEqual([
      '沙头社区',
      '第一经济社党支部',
      '第三户联系党小组',
    ]);

    const byAddress = await found('oDemoLeader', 'g-shatou', '沙头社区新村', 'households');
    expect(byAddress.match).toBe('address');
    expect(ids(byAddress)).toContain('h-demo-resident');
    expect(byAddress.items.every((h) => h.kind === 'household')).toBe(true);
    // Longer than the indexed eight characters: the rest is matched too.
    const exact = await found('oDemoLeader', 'g-shatou', '沙头社区新村大街18号', 'households');
    expect(ids(exact)).toEqual(['h-demo-resident']);

    const nodes = await found('oDemoLeader', 'g-shatou', '户联系', 'nodes');
    expect(nodes.match).toBe('nodeName');
    expect(nodes.items.length).toBeGreaterThan(0);
    expect(nodes.items.every((h) => h.kind === 'node' && h.path[0]?.id === 'g-shatou')).toBe(true);
    expect(ids(nodes)).not.toContain('g-yannan-b1-h1');
    expect(ids(await found('oDemoCommand', 'g-jiujiang', '户联系', 'nodes'))).toContain(
      'g-yannan-b1-h1',
    );
  });

  it('a member searches only the nodes they belong to; residents and newcomers are refused; a missing node answers like one out of reach', async () => {
    // 李志强 serves 第一经济社党支部 of 沙头社区.
    const theirs = peopleUnder('g-shatou-b1')[0];
    const beside = peopleUnder('g-shatou-b2')[0];
    if (!theirs || !beside) throw new Error('demo people expected');
    expect(ids(await found('oDemoVolunteer', 'g-shatou-b1', theirs.name))).toContain(theirs._id);
    expect(ids(await found('oDemoVolunteer', 'g-shatou-b1', beside.name))).toEqual([]);
    const hit = personHits(await found('oDemoVolunteer', 'g-shatou-b1', theirs.name))[0];
    // Members may reveal phones to call, never ID numbers.
    expect(hit?.person.reveal).toEqual({ idNumber: false, phone: true });
    for (const gridId of ['g-shatou', 'g-shatou-b2', 'g-nowhere'])
      expect(await find('oDemoVolunteer', gridId, '王')).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    for (const openid of ['oDemoResident', 'oDemoNewcomer'])
      for (const gridId of ['g-shatou-b1-h3', 'g-nowhere'])
        for (const kind of ['people', 'households', 'nodes'] as const)
          expect(await find(openid, gridId, '王', kind)).toMatchObject({
            ok: false,
            code: 'FORBIDDEN',
          });
    expect(await find('oDemoCommand', 'g-nowhere', '王')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await find('oDemoLeader', 'g-nowhere', '王')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('someone who joined by an invite code and is not confirmed sees results masked only', async () => {
    const invite = dataOf(
      await as('oDemoLeader')('members', 'invite', {
        gridId: 'g-shatou-b1',
        kind: 'member',
        party: false,
        days: 7,
        maxUses: 5,
      }),
    );
    dataOf(await as('oSearchPending')('members', 'join', { code: invite.code, name: '新来的' }));
    const result = await found('oSearchPending', 'g-shatou-b1', '王秀英');
    expect(personHits(result).map((h) => h.person.reveal)).toEqual([
      { idNumber: false, phone: false },
    ]);
  });

  it('results carry masked numbers only, never a full one', async () => {
    const secrets = docs<PersonSecretDoc>(COLLECTIONS.personSecrets);
    const full = secrets.flatMap((s) => [s.idNumber, s.phone]).filter((v): v is string => !!v);
    const replies = await Promise.all(
      ['王', '沙', '8018', 'WXY2H8'].flatMap((query) =>
        (['people', 'households'] as const).map((kind) =>
          found('oDemoCommand', 'g-jiujiang', query, kind),
        ),
      ),
    );
    const text = JSON.stringify(replies);
    expect(replies.some((r) => r.total > 0)).toBe(true);
    for (const value of full) expect(text).not.toContain(value);
  });

  it('refuses an empty, too long or too deep query', async () => {
    for (const input of [
      { gridId: 'g-shatou', query: '   ', page: 1 },
      { gridId: 'g-shatou', query: '王'.repeat(21), page: 1 },
      { gridId: 'g-shatou', query: '王', page: 51 },
    ])
      expect(await as('oDemoLeader')('search', 'find', input)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
  });

  it('a person added by proxy is found at once, and the results come a page at a time', async () => {
    const leader = as('oDemoLeader');
    const household = dataOf(
      await leader('households', 'create', { gridId: 'g-shatou-b2-h1', address: '查找巷1号' }),
    );
    expect(ids(await found('oDemoLeader', 'g-shatou', household.code))).toEqual([household.id]);
    expect(ids(await found('oDemoLeader', 'g-shatou', '查找巷', 'households'))).toEqual([
      household.id,
    ]);
    const added: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 3; i += 1) {
      const person = dataOf(
        await leader('households', 'addPerson', {
          householdId: household.id,
          name: `诸葛${String.fromCharCode(0x4e00 + i)}`,
          relation: '其他',
          ...(i === 0 && { phone: '13912345678', idNumber: idNumberFor(77_001) }),
        }),
      );
      added.push(person.id);
    }
    const first = await found('oDemoLeader', 'g-shatou', '诸葛');
    expect(first).toMatchObject({ total: PAGE_SIZE + 3, pageSize: PAGE_SIZE });
    expect(first.items).toHaveLength(PAGE_SIZE);
    const second = dataOf(await find('oDemoLeader', 'g-shatou', '诸葛', 'people', 2));
    expect(second.items).toHaveLength(3);
    expect([...ids(first), ...ids(second)].sort()).toEqual([...added].sort());
    expect(ids(await found('oDemoLeader', 'g-shatou', '5678'))).toContain(added[0]);
    expect(ids(await found('oDemoLeader', 'g-shatou', idNumberFor(77_001).slice(-4)))).toContain(
      added[0],
    );
    // Not from a node beside it.
    expect(await found('oDemoLeader', 'g-shatou-b1', '诸葛')).toMatchObject({ total: 0 });
  });

  it('people and households an import creates are found, and a renamed person by the new name only', async () => {
    const levels = ['经济社党支部', '户联系党小组'];
    const book = async (name: string) => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet(IMPORT_SHEETS.tree).addRow([...levels, '备注']);
      const sheet = workbook.addWorksheet(IMPORT_SHEETS.register);
      sheet.addRow([...levels, ...Object.values(REGISTER_COLUMNS), '备注']);
      sheet.addRow([
        '第一经济社党支部',
        '第一户联系党小组',
        '导入街7号',
        name,
        '本人',
        idNumberFor(66_001),
        phoneFor(66_001),
      ]);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const leader = as('oDemoLeader');
    const importBook = async (content: Buffer) => {
      const { cloudPath } = dataOf(await leader('imports', 'uploadTarget', { gridId: 'g-shatou' }));
      const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
      const view = dataOf(
        await leader('imports', 'preview', { gridId: 'g-shatou', fileId: fileID }),
      );
      expect(view.errorCount).toBe(0);
      for (let i = 0; i < 20; i += 1)
        if (
          dataOf(await leader('imports', 'commit', { importId: view.importId })).status === 'done'
        )
          return;
      throw new Error('the import never finished');
    };
    await importBook(await book('上官燕'));
    const imported = personHits(await found('oDemoLeader', 'g-shatou', '上官燕'));
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ address: '导入街7号', gridId: 'g-shatou-b1-h1' });
    expect(ids(await found('oDemoLeader', 'g-shatou', phoneFor(66_001).slice(-4)))).toContain(
      imported[0]?.id,
    );
    expect(ids(await found('oDemoLeader', 'g-shatou', '导入街', 'households'))).toHaveLength(1);

    // The same ID number under another name: the person is renamed, their keys follow.
    await importBook(await book('欧阳燕'));
    expect(ids(await found('oDemoLeader', 'g-shatou', '上官'))).toEqual([]);
    expect(ids(await found('oDemoLeader', 'g-shatou', '欧阳燕'))).toEqual([imported[0]?.id]);
  });

  it('refuses one character of a name or an address over a node of more than 5,000 people', async () => {
    // 1-character queries are fine in the demo town (a few hundred people)...
    expect(await found('oDemoCommand', 'g-jiujiang', '王')).toMatchObject({ match: 'name' });
    // ...and refused once the town holds a city's people; two characters still go.
    const store = server.emulator.store;
    const town = store.getById(store.db, COLLECTIONS.grids, 'g-jiujiang');
    if (!town) throw new Error('the town expected');
    const counts = town.doc['counts'] as Record<string, number>;
    store.atomically(() =>
      store.replace(COLLECTIONS.grids, town.seq, {
        ...town.doc,
        counts: { ...counts, people: BROAD_QUERY_MAX_PEOPLE + 1 },
      }),
    );
    try {
      const refused = await find('oDemoCommand', 'g-jiujiang', '王');
      expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      if (!refused.ok) expect(refused.message).toContain('至少输入姓名的前两个字');
      expect(await find('oDemoCommand', 'g-jiujiang', '沙', 'households')).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
      expect(await found('oDemoCommand', 'g-jiujiang', '王秀')).toMatchObject({ match: 'name' });
      expect(await found('oDemoCommand', 'g-jiujiang', '8018')).toMatchObject({ match: 'last4' });
      expect(await found('oDemoCommand', 'g-shatou', '王')).toMatchObject({ match: 'name' });
    } finally {
      store.atomically(() => store.replace(COLLECTIONS.grids, town.seq, town.doc));
    }
  });

  it('costs the same few DB calls at a resident group as at the town', async () => {
    for (const [query, kind] of [
      ['王秀', 'people'],
      ['8018', 'people'],
      ['WXY2H8', 'households'],
      ['第三户', 'nodes'],
    ] as const) {
      const small = await callsOf(() =>
        find('oDemoCommand', kind === 'nodes' ? 'g-shatou-b1' : 'g-shatou-b1-h3', query, kind),
      );
      const large = await callsOf(() => find('oDemoCommand', 'g-jiujiang', query, kind));
      expect(small.total).toBeGreaterThan(0);
      expect(large.total).toBeGreaterThanOrEqual(small.total);
      expect(large.calls).toBe(small.calls);
      // The caller (2), the node, a page and its count, the page's households or people, names.
      expect(large.calls).toBeLessThanOrEqual(7);
    }
  });
});
