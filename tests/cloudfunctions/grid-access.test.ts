import { COLLECTIONS } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { actingAs } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';

/**
 * The authorisation matrix: every action × every role × in scope and out of scope, through the
 * gateway and the real functions. In scope is 沙头社区's first branch (led from above by 陈建华,
 * served by 李志强); out of scope is 烟南村's branch.
 */
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir() });
});
afterAll(() => server.close());

const IN = 'g-shatou-b1';
const OUT = 'g-yannan-b1';
const OWN_FAMILY = 'h-demo-resident-p2';
const OTHER_PERSON = 'h-g-yannan-b1-h1-1-p1';
const OWN_HOUSEHOLD = 'h-demo-resident';
const OTHER_HOUSEHOLD = 'h-g-yannan-b1-h1-1';

const ROLES = {
  command: 'oDemoCommand',
  leader: 'oDemoLeader',
  member: 'oDemoVolunteer',
  resident: 'oDemoResident',
  newcomer: 'oDemoNewcomer',
} as const;
type RoleName = keyof typeof ROLES;

const as = (role: RoleName) => actingAs(server.emulator, ROLES[role]);

/** Each probe runs one action on one target; the matrix says who may. */
const probes: {
  name: string;
  run: (role: RoleName) => ReturnType<ReturnType<typeof as>>;
  allowed: RoleName[];
}[] = [
  {
    name: 'grids.detail in scope',
    run: (r) => as(r)('grids', 'detail', { gridId: IN }),
    allowed: ['command', 'leader', 'member'],
  },
  {
    name: 'grids.detail out of scope',
    run: (r) => as(r)('grids', 'detail', { gridId: OUT }),
    allowed: ['command'],
  },
  {
    name: 'grids.children in scope',
    run: (r) => as(r)('grids', 'children', { parentId: IN, page: 1 }),
    allowed: ['command', 'leader', 'member'],
  },
  {
    name: 'grids.children out of scope',
    run: (r) => as(r)('grids', 'children', { parentId: OUT, page: 1 }),
    allowed: ['command'],
  },
  {
    name: 'grids.households in scope',
    run: (r) => as(r)('grids', 'households', { gridId: IN, page: 1 }),
    allowed: ['command', 'leader', 'member'],
  },
  {
    name: 'grids.households out of scope',
    run: (r) => as(r)('grids', 'households', { gridId: OUT, page: 1 }),
    allowed: ['command'],
  },
  {
    name: 'grids.rename in scope',
    run: (r) => as(r)('grids', 'rename', { gridId: IN, name: '第一经济社党支部' }),
    allowed: ['command', 'leader'],
  },
  {
    name: 'grids.rename out of scope',
    run: (r) => as(r)('grids', 'rename', { gridId: OUT, name: '第一经济社党支部' }),
    allowed: ['command'],
  },
  {
    name: 'members.invites in scope',
    run: (r) => as(r)('members', 'invites', { gridId: IN }),
    allowed: ['command', 'leader'],
  },
  {
    name: 'members.invites out of scope',
    run: (r) => as(r)('members', 'invites', { gridId: OUT }),
    allowed: ['command'],
  },
  {
    name: 'people.reveal phone, own family',
    run: (r) => as(r)('people', 'reveal', { personId: OWN_FAMILY, field: 'phone' }),
    allowed: ['command', 'leader', 'member', 'resident'],
  },
  {
    name: 'people.reveal phone, out of scope',
    run: (r) => as(r)('people', 'reveal', { personId: OTHER_PERSON, field: 'phone' }),
    allowed: ['command'],
  },
  {
    name: 'people.reveal ID number, own family',
    run: (r) => as(r)('people', 'reveal', { personId: OWN_FAMILY, field: 'idNumber' }),
    allowed: ['command', 'leader', 'resident'],
  },
  {
    name: 'people.reveal ID number, out of scope',
    run: (r) => as(r)('people', 'reveal', { personId: OTHER_PERSON, field: 'idNumber' }),
    allowed: ['command'],
  },
];

describe.each(probes)('$name', ({ run, allowed }) => {
  it.each(Object.keys(ROLES) as RoleName[])('%s', async (role) => {
    const result = await run(role);
    if (allowed.includes(role)) {
      expect(result).toMatchObject({ ok: true });
    } else {
      // Refused with a clear code, and nothing of the record in the answer.
      expect(result).toEqual({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' });
    }
  });
});

describe('writes out of scope change nothing', () => {
  const auditCount = () =>
    server.emulator.store.countAll(server.emulator.store.db, COLLECTIONS.auditLog);

  it.each([
    [
      'member creates a child',
      () => as('member')('grids', 'create', { parentId: IN, name: '越权网格' }),
    ],
    [
      'leader creates a child out of scope',
      () => as('leader')('grids', 'create', { parentId: OUT, name: '越权网格' }),
    ],
    [
      'resident invites',
      () =>
        as('resident')('members', 'invite', {
          gridId: IN,
          kind: 'member',
          party: false,
          days: 7,
          maxUses: 5,
        }),
    ],
    [
      'member invites',
      () =>
        as('member')('members', 'invite', {
          gridId: IN,
          kind: 'member',
          party: false,
          days: 7,
          maxUses: 5,
        }),
    ],
    [
      'leader adds a person to a household out of scope',
      () =>
        as('leader')('households', 'addPerson', {
          householdId: OTHER_HOUSEHOLD,
          name: '越权',
          relation: '其他',
        }),
    ],
    [
      'resident adds a person to another household',
      () =>
        as('resident')('households', 'addPerson', {
          householdId: OTHER_HOUSEHOLD,
          name: '越权',
          relation: '其他',
        }),
    ],
    [
      'newcomer adds a person',
      () =>
        as('newcomer')('households', 'addPerson', {
          householdId: OWN_HOUSEHOLD,
          name: '越权',
          relation: '其他',
        }),
    ],
    [
      'member removes a node',
      () => as('member')('grids', 'remove', { gridId: 'g-shatou-b1-h1', confirm: true }),
    ],
    [
      'leader removes their own node',
      () => as('leader')('grids', 'remove', { gridId: 'g-shatou', confirm: true }),
    ],
    [
      'member moves a node',
      () => as('member')('grids', 'move', { gridId: 'g-shatou-b1-h1', newParentId: 'g-shatou-b2' }),
    ],
  ])('%s', async (_name, write) => {
    const store = server.emulator.store;
    const before = {
      audit: auditCount(),
      grids: store.countAll(store.db, COLLECTIONS.grids),
      people: store.countAll(store.db, COLLECTIONS.people),
    };
    expect(await write()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect({
      audit: auditCount(),
      grids: store.countAll(store.db, COLLECTIONS.grids),
      people: store.countAll(store.db, COLLECTIONS.people),
    }).toEqual(before);
  });
});

describe('what the detail page offers matches the policy', () => {
  const can = async (role: RoleName, gridId: string) => {
    const result = await as(role)('grids', 'detail', { gridId });
    return result.ok ? result.data.can : result.code;
  };

  it('a leader manages their own node but restructures only below it; a member reads and calls', async () => {
    expect(await can('leader', 'g-shatou')).toEqual({
      manage: true,
      restructure: false,
      invite: true,
      readHouseholds: true,
      revealPhone: true,
      revealIdNumber: true,
    });
    expect(await can('leader', IN)).toMatchObject({ restructure: true });
    expect(await can('member', IN)).toEqual({
      manage: false,
      restructure: false,
      invite: false,
      readHouseholds: true,
      revealPhone: true,
      revealIdNumber: false,
    });
  });

  it('a leader cannot remove themselves', async () => {
    expect(
      await as('leader')('members', 'remove', {
        gridId: 'g-shatou',
        openid: ROLES.leader,
        confirm: true,
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('browsing', () => {
  it('each caller starts from their own nodes; the command centre from the town', async () => {
    const roots = async (role: RoleName) => {
      const result = await as(role)('grids', 'children', { parentId: null, page: 1 });
      return result.ok ? result.data.items.map((n) => n.name) : result.code;
    };
    expect(await roots('command')).toEqual(['九江镇']);
    expect(await roots('leader')).toEqual(['沙头社区']);
    expect(await roots('member')).toEqual(['第一经济社党支部']);
    expect(await roots('resident')).toEqual([]);
  });

  it('counts come from the materialised counters and match the data', async () => {
    const d = demoDeployment();
    const under = (id: string) => ({
      households: d.households.filter((h) => h.gridPath.includes(id)).length,
      people: d.people.filter((p) => p.gridPath.includes(id)).length,
      members: d.memberships.filter((m) => m.gridPath.includes(id)).length,
      nodes: d.grids.filter((g) => g.ancestors.includes(id)).length,
    });
    const result = await as('command')('grids', 'children', { parentId: 'g-jiujiang', page: 1 });
    const shatou = result.ok ? result.data.items.find((n) => n.id === 'g-shatou') : undefined;
    expect(shatou?.counts).toEqual(under('g-shatou'));
    expect(shatou?.leader).toEqual({ name: '陈建华', party: true });
    expect(shatou?.path).toEqual([{ id: 'g-jiujiang', name: '九江镇' }]);
  });
});
