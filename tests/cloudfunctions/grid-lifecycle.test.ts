import { addDays, chinaDay, COLLECTIONS, type GridNodeView } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { actingAs, dataOf } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';

const NEWCOMERS = Array.from({ length: 8 }, (_, i) => ({
  openid: `oJoiner${i}`,
  name: `新成员${i}`,
  roleLabel: '新用户',
}));

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    extraLogins: [
      ...NEWCOMERS,
      { openid: 'oGenLeader02', name: '黄伟', roleLabel: '烟南村网格长' },
    ],
  });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const command = () => as('oDemoCommand');
const leader = () => as('oDemoLeader');
const docs = (collection: string, where: (d: Record<string, unknown>) => boolean) => {
  const store = server.emulator.store;
  return [...store.candidates(store.db, collection, undefined)].map((c) => c.doc).filter(where);
};
const node = async (id: string): Promise<GridNodeView> =>
  dataOf(await command()('grids', 'detail', { gridId: id })).node;

describe('create, rename, delete', () => {
  it('a leader builds under their node; names are unique among siblings; an empty node can be deleted', async () => {
    const created = dataOf(
      await leader()('grids', 'create', { parentId: 'g-shatou-b2', name: '第二户联系党小组' }),
    );
    expect(created).toMatchObject({
      name: '第二户联系党小组',
      levelName: '户联系党小组',
      depth: 3,
      parentId: 'g-shatou-b2',
    });
    expect((await node('g-shatou')).counts.nodes).toBe(
      demoDeployment().grids.filter((g) => g.ancestors.includes('g-shatou')).length + 1,
    );

    expect(
      await leader()('grids', 'create', { parentId: 'g-shatou-b2', name: '第二户联系党小组' }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(
      await leader()('grids', 'create', { parentId: 'g-shatou-b2', name: '  ' }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    dataOf(await leader()('grids', 'rename', { gridId: created.id, name: '第二户联系小组' }));
    expect((await node(created.id)).name).toBe('第二户联系小组');

    expect(
      await leader()('grids', 'remove', { gridId: created.id, confirm: false as unknown as true }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    dataOf(await leader()('grids', 'remove', { gridId: created.id, confirm: true }));
    expect(await command()('grids', 'detail', { gridId: created.id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect((await node('g-shatou-b2')).childCount).toBe(1);
  });

  it('new nodes take their level name from the deployment settings', async () => {
    const store = server.emulator.store;
    const settings = store.getById(store.db, COLLECTIONS.settings, 'deployment');
    store.atomically(
      () =>
        settings &&
        store.replace(COLLECTIONS.settings, settings.seq, {
          ...settings.doc,
          levels: ['小区', '栋', '单元', '楼层'],
        }),
    );
    const unit = dataOf(
      await command()('grids', 'create', { parentId: 'g-shatou-b1', name: '三单元' }),
    );
    expect(unit.levelName).toBe('楼层');
    const floor = dataOf(await command()('grids', 'create', { parentId: unit.id, name: '一楼' }));
    expect(floor.levelName).toBe('第5级网格');
    for (const id of [floor.id, unit.id])
      dataOf(await command()('grids', 'remove', { gridId: id, confirm: true }));
    store.atomically(
      () => settings && store.replace(COLLECTIONS.settings, settings.seq, settings.doc),
    );
  });

  it('a group with households takes no child nodes, so every record sits on a leaf', async () => {
    const before = docs(COLLECTIONS.grids, () => true).length;
    expect(
      await leader()('grids', 'create', { parentId: 'g-shatou-b1-h3', name: '新网格' }),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该网格已登记住户，不能再增加下级网格',
    });
    expect(
      await command()('grids', 'move', { gridId: 'g-shatou-b2', newParentId: 'g-shatou-b1-h3' }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(docs(COLLECTIONS.grids, () => true)).toHaveLength(before);
  });

  it('a node with people, households or members cannot be deleted', async () => {
    expect(
      await command()('grids', 'remove', { gridId: 'g-shatou-b1-h1', confirm: true }),
    ).toMatchObject({ ok: false, code: 'NODE_NOT_EMPTY' });
  });
});

describe('move', () => {
  it('refuses to move a node under itself or its descendants', async () => {
    expect(
      await command()('grids', 'move', { gridId: 'g-shatou', newParentId: 'g-shatou-b1-h3' }),
    ).toMatchObject({ ok: false, code: 'MOVE_CYCLE' });
    expect(
      await command()('grids', 'move', { gridId: 'g-shatou', newParentId: 'g-shatou' }),
    ).toMatchObject({ ok: false, code: 'MOVE_CYCLE' });
  });

  it('carries the subtree: paths of nodes, households, people, members and the work under way, and every counter', async () => {
    const before = {
      shatouB1: await node('g-shatou-b1'),
      yannan: await node('g-yannan'),
      town: await node('g-jiujiang'),
    };
    const moving = await node('g-shatou-b1-h1');
    // Work under way in the subtree: a return and its observation, a report, an errand.
    const walker = 'h-g-shatou-b1-h1-1-p1';
    const today = chinaDay(Date.now());
    dataOf(
      await leader()('returns', 'declare', {
        personId: walker,
        declaration: {
          origin: { province: '湖北省', city: '', district: '' },
          via: [],
          transport: 'train',
          transportNumber: 'G1002',
          departureDay: addDays(today, -1),
          arrivalDay: today,
          contactWithCases: false,
          symptoms: [],
        },
      }),
    );
    dataOf(
      await leader()('reports', 'submit', { personId: walker, temperature: 36.5, symptoms: [] }),
    );
    dataOf(
      await leader()('errands', 'request', {
        personId: walker,
        request: {
          items: [{ name: '大米', quantity: '1袋', note: '' }],
          budget: 50,
          urgency: 2,
          deliveryNote: '',
          contactless: true,
        },
      }),
    );
    const moved = dataOf(
      await command()('grids', 'move', { gridId: 'g-shatou-b1-h1', newParentId: 'g-yannan-b1' }),
    );
    expect(moved.path.map((p) => p.id)).toEqual(['g-jiujiang', 'g-yannan', 'g-yannan-b1']);

    const newPath = ['g-jiujiang', 'g-yannan', 'g-yannan-b1', 'g-shatou-b1-h1'];
    for (const collection of [
      COLLECTIONS.households,
      COLLECTIONS.people,
      COLLECTIONS.memberships,
    ]) {
      const inside = docs(collection, (d) => d['gridId'] === 'g-shatou-b1-h1');
      expect(inside.length).toBeGreaterThan(0);
      for (const d of inside) expect(d['gridPath']).toEqual(newPath);
    }
    // The work follows its people, so the new village's lists and 日报 find it.
    for (const collection of [
      COLLECTIONS.returns,
      COLLECTIONS.observations,
      COLLECTIONS.healthReports,
      COLLECTIONS.errands,
    ]) {
      const theirs = docs(collection, (d) => d['personId'] === walker);
      expect(theirs.length).toBeGreaterThan(0);
      for (const d of theirs) expect(d['gridPath']).toEqual(newPath);
    }
    const observed = dataOf(
      await as('oGenLeader02')('returns', 'list', { gridId: 'g-yannan', page: 1 }),
    );
    expect(observed.items.map((o) => o.personId)).toContain(walker);

    const after = {
      shatouB1: await node('g-shatou-b1'),
      yannan: await node('g-yannan'),
      town: await node('g-jiujiang'),
    };
    const carried = moving.counts;
    expect(after.shatouB1.counts.people).toBe(before.shatouB1.counts.people - carried.people);
    expect(after.shatouB1.counts.nodes).toBe(before.shatouB1.counts.nodes - carried.nodes - 1);
    expect(after.yannan.counts.households).toBe(
      before.yannan.counts.households + carried.households,
    );
    expect(after.yannan.counts.members).toBe(before.yannan.counts.members + carried.members);
    expect(after.town.counts).toEqual(before.town.counts);
    expect(after.shatouB1.childCount).toBe(before.shatouB1.childCount - 1);

    // The leader of 烟南村 now sees the moved node; 沙头社区's leader no longer does.
    expect(await leader()('grids', 'detail', { gridId: 'g-shatou-b1-h1' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('invites and joining', () => {
  const invite = async (
    overrides: { maxUses?: number; kind?: 'member' | 'leader' | 'volunteer'; party?: boolean } = {},
  ) =>
    dataOf(
      await leader()('members', 'invite', {
        gridId: 'g-shatou-b2',
        kind: overrides.kind ?? 'member',
        party: overrides.party ?? true,
        days: 7,
        maxUses: overrides.maxUses ?? 5,
      }),
    );

  it('a joiner becomes a member with the invite kind and party badge; joining twice is harmless', async () => {
    const { code } = await invite();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const joined = dataOf(
      await as('oJoiner0')('members', 'join', {
        code: code.toLowerCase(),
        name: '新成员0',
        phone: '13512345678',
      }),
    );
    expect(joined).toEqual({
      gridId: 'g-shatou-b2',
      gridName: '第二经济社党支部',
      kind: 'member',
      alreadyMember: false,
      pending: true,
    });
    expect(
      dataOf(await as('oJoiner0')('members', 'join', { code, name: '新成员0' })).alreadyMember,
    ).toBe(true);

    const detail = dataOf(await leader()('grids', 'detail', { gridId: 'g-shatou-b2' }));
    expect(detail.members.find((m) => m.openid === 'oJoiner0')).toMatchObject({
      name: '新成员0',
      kind: 'member',
      party: true,
      phoneMasked: '135****5678',
    });
    const [stored] = docs(COLLECTIONS.invites, (d) => d['_id'] === code);
    expect(stored?.['uses']).toBe(1);
    const whoami = await as('oJoiner0')('grids', 'children', { parentId: null, page: 1 });
    expect(dataOf(whoami).items.map((n) => n.id)).toEqual(['g-shatou-b2']);
  });

  it('an invite code only lets the joiner look: numbers, errands and managing wait for a leader to confirm them', async () => {
    const person = docs(
      COLLECTIONS.people,
      (d) => (d['gridPath'] as string[]).includes('g-shatou-b2') && d['phoneMasked'] !== null,
    )[0];
    const personId = String(person?.['_id']);
    const reveal = () => as('oJoiner0')('people', 'reveal', { personId, field: 'phone' });
    const snapshot = () =>
      JSON.stringify(
        Object.values(COLLECTIONS).map((c) =>
          docs(c, () => true).sort((a, b) => String(a['_id']).localeCompare(String(b['_id']))),
        ),
      );
    const before = snapshot();
    expect(dataOf(await leader()('grids', 'detail', { gridId: 'g-shatou-b2' })).members).toEqual(
      expect.arrayContaining([expect.objectContaining({ openid: 'oJoiner0', pending: true })]),
    );
    expect(await reveal()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      dataOf(await as('oJoiner0')('grids', 'detail', { gridId: 'g-shatou-b2' })).can,
    ).toMatchObject({ readHouseholds: true, revealPhone: false });
    // Nobody confirms themselves, and a member who leads nothing confirms nobody.
    for (const who of ['oJoiner0', 'oDemoVolunteer', 'oDemoResident']) {
      expect(
        await as(who)('members', 'confirm', {
          gridId: 'g-shatou-b2',
          openid: 'oJoiner0',
          confirm: true,
        }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(snapshot()).toBe(before);

    expect(
      dataOf(
        await leader()('members', 'confirm', {
          gridId: 'g-shatou-b2',
          openid: 'oJoiner0',
          confirm: true,
        }),
      ),
    ).toMatchObject({ openid: 'oJoiner0', pending: false });
    expect(dataOf(await reveal()).value).toMatch(/^1\d{10}$/);
    expect(
      docs(
        COLLECTIONS.auditLog,
        (e) => e['action'] === 'member.confirm' && e['target'] === 'oJoiner0',
      ),
    ).toHaveLength(1);
  });

  it('a use limit holds under concurrent joins', async () => {
    const { code } = await invite({ maxUses: 3 });
    const results = await Promise.all(
      NEWCOMERS.slice(1).map((u) => as(u.openid)('members', 'join', { code, name: u.name })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'INVITE_INVALID')).toBe(
      true,
    );
  });

  it('a revoked or expired invite is refused', async () => {
    const { code } = await invite();
    dataOf(await leader()('members', 'revoke', { code, confirm: true }));
    expect(await as('oDemoNewcomer')('members', 'join', { code, name: '赵敏' })).toMatchObject({
      ok: false,
      code: 'INVITE_INVALID',
      message: expect.stringContaining('邀请码无效'),
    });
    expect(
      dataOf(await leader()('members', 'invites', { gridId: 'g-shatou-b2' })).map((i) => i.code),
    ).not.toContain(code);

    const expired = await invite();
    const store = server.emulator.store;
    const found = store.getById(store.db, COLLECTIONS.invites, expired.code);
    store.atomically(
      () =>
        found &&
        store.replace(COLLECTIONS.invites, found.seq, {
          ...found.doc,
          expiresAt: new Date(Date.now() - 1000),
        }),
    );
    expect(
      await as('oDemoNewcomer')('members', 'join', { code: expired.code, name: '赵敏' }),
    ).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
  });

  it('a removed member loses access', async () => {
    dataOf(
      await leader()('members', 'remove', {
        gridId: 'g-shatou-b2',
        openid: 'oJoiner0',
        confirm: true,
      }),
    );
    expect(await as('oJoiner0')('grids', 'detail', { gridId: 'g-shatou-b2' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('households, proxy registration, masking and the audit trail', () => {
  it('a resident asks to join by door code, the leader admits her, and she registers family by proxy', async () => {
    const door = docs(COLLECTIONS.households, (d) => d['gridId'] === 'g-shatou-b2-h1')[0];
    const asked = dataOf(
      await as('oDemoNewcomer')('households', 'join', {
        code: String(door?.['code']),
        name: '赵敏',
        relation: '本人',
        idNumber: '11010519491231002X',
        phone: '13611112222',
      }),
    );
    if (asked.status !== 'requested') throw new Error('expected a request');
    expect(asked.request).toMatchObject({
      status: 'pending',
      idNumberMasked: '1101**********002X',
      phoneMasked: '136****2222',
    });
    const again = dataOf(
      await as('oDemoNewcomer')('households', 'join', {
        code: String(door?.['code']),
        name: '赵敏',
        relation: '本人',
      }),
    );
    expect(again).toMatchObject({ status: 'requested', request: { id: asked.request.id } });
    dataOf(await leader()('households', 'approve', { requestId: asked.request.id, confirm: true }));
    const joined = dataOf(await as('oDemoNewcomer')('households', 'mine', {}));
    if (!joined) throw new Error('expected a household');
    expect(joined.people.filter((p) => p.name === '赵敏')).toEqual([
      expect.objectContaining({
        idNumberMasked: '1101**********002X',
        phoneMasked: '136****2222',
        hasWechat: true,
        proxy: null,
      }),
    ]);
    expect(
      dataOf(
        await as('oDemoNewcomer')('households', 'join', {
          code: String(door?.['code']),
          name: '赵敏',
          relation: '本人',
        }),
      ),
    ).toEqual({ status: 'member', householdId: joined.id });

    const grandma = dataOf(
      await as('oDemoNewcomer')('households', 'addPerson', {
        householdId: joined.id,
        name: '赵桂兰',
        relation: '祖父母',
      }),
    );
    expect(grandma).toMatchObject({ proxy: { byName: '赵敏' }, hasWechat: false });
    expect(
      dataOf(await as('oDemoNewcomer')('households', 'mine', {}))?.people.map((p) => p.name),
    ).toContain('赵桂兰');

    expect(
      await as('oDemoNewcomer')('households', 'join', {
        code: 'ZZZZZZ',
        name: '赵敏',
        relation: '本人',
      }),
    ).toMatchObject({ ok: false, code: 'HOUSEHOLD_CODE_INVALID' });
    expect(
      await as('oDemoNewcomer')('households', 'join', {
        code: 'ABCDEF',
        name: '赵敏',
        relation: '本人',
        idNumber: '110105194912310021',
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('no list carries a full ID number or phone', async () => {
    const secrets = docs(COLLECTIONS.personSecrets, () => true)
      .flatMap((s) => [s['idNumber'], s['phone']])
      .filter((v): v is string => typeof v === 'string');
    const lists = [
      await as('oDemoCommand')('grids', 'households', { gridId: 'g-jiujiang', page: 1 }),
      await as('oDemoLeader')('grids', 'households', { gridId: 'g-shatou', page: 1 }),
      await as('oDemoLeader')('grids', 'detail', { gridId: 'g-shatou' }),
      await as('oDemoResident')('households', 'mine', {}),
    ];
    const text = JSON.stringify(lists);
    expect(secrets.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toMatch(/\d{4}\*{10}[\dX]{4}/);
  });

  it('every reveal and every write is in the audit log: who, what, when, where', async () => {
    const { value } = dataOf(
      await as('oDemoLeader')('people', 'reveal', {
        personId: 'h-demo-resident-p1',
        field: 'phone',
      }),
    );
    expect(value).toBe('13800138018');
    const log = docs(COLLECTIONS.auditLog, () => true);
    expect(
      log.find((e) => e['action'] === 'person.reveal' && e['actor'] === 'oDemoLeader'),
    ).toMatchObject({
      actor: 'oDemoLeader',
      target: 'h-demo-resident-p1',
      gridId: 'g-shatou-b1-h3',
      detail: { field: 'phone' },
    });
    expect(
      log.find((e) => e['action'] === 'person.reveal' && e['actor'] === 'oDemoLeader')?.['at'],
    ).toBeInstanceOf(Date);
    const actions = new Set(log.map((e) => e['action']));
    for (const a of [
      'grid.create',
      'grid.rename',
      'grid.remove',
      'grid.move',
      'invite.create',
      'invite.revoke',
      'member.join',
      'member.confirm',
      'member.remove',
      'household.join',
      'person.add',
    ]) {
      expect(actions).toContain(a);
    }
    // The log itself never stores the revealed value.
    expect(JSON.stringify(log)).not.toContain('13800138018');
  });
});
