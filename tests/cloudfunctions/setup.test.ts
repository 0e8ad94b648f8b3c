import { COLLECTIONS, LEVEL_TEMPLATES } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

/**
 * 初始化 on an empty environment: the setup code makes its first user 指挥部, once. Other people
 * try it at the same moment, with wrong codes, and again afterwards.
 */
const OTHERS = Array.from({ length: 4 }, (_, i) => ({
  openid: `oRival${i}`,
  name: `抢先者${i}`,
  roleLabel: '新用户',
}));

let server: DemoServer;
let code = '';
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), empty: true, extraLogins: OTHERS });
  code = server.setupCode ?? '';
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const docs = (collection: string) => storedDocs(server.emulator, collection);
const lijiang = [...LEVEL_TEMPLATES.lijiang.levels];
const claim = (openid: string, withCode: string, rootName = '丽江市') =>
  as(openid)('setup', 'claim', {
    code: withCode,
    name: '王建国',
    rootName,
    template: 'lijiang',
    levels: lijiang,
  });
/** Everything but the wrong-code tallies. */
const snapshot = () =>
  JSON.stringify(
    Object.values(COLLECTIONS)
      .filter((c) => c !== COLLECTIONS.codeAttempts)
      .map((c) => docs(c).sort((a, b) => String(a['_id']).localeCompare(String(b['_id'])))),
  );

describe('初始化', () => {
  it('an empty environment waits for its setup code, stored only as a digest', async () => {
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(dataOf(await as('oDeployer')('setup', 'status', {}))).toEqual({
      needed: true,
      template: null,
      levels: [],
    });
    expect(JSON.stringify(docs(COLLECTIONS.settings))).not.toContain(code);
    expect(docs(COLLECTIONS.grids)).toHaveLength(0);
  });

  it('a wrong code is refused and changes nothing but the tally; five a day and even the right one waits', async () => {
    const before = snapshot();
    const wrong = code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (let i = 0; i < 5; i += 1) {
      expect(await claim('oRival0', wrong)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
        message: '部署码不正确',
      });
    }
    expect(await claim('oRival0', code)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringContaining('输错次数过多'),
    });
    expect(snapshot()).toBe(before);
  });

  it('of several people entering the right code at once, exactly one becomes 指挥部', async () => {
    const results = await Promise.all([
      claim('oDeployer', code),
      claim('oRival1', code, '别的市'),
      claim('oRival2', code, '另一个市'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'CONFLICT')).toHaveLength(2);
    const roots = docs(COLLECTIONS.grids).filter((g) => g['parentId'] === null);
    expect(roots).toHaveLength(1);
    const winner = results.findIndex((r) => r.ok);
    const openid = ['oDeployer', 'oRival1', 'oRival2'][winner] ?? '';
    expect(docs(COLLECTIONS.users).find((u) => u['_id'] === openid)).toMatchObject({
      command: true,
      roles: ['command'],
      gridPath: ['g-root'],
    });
    expect(roots[0]).toMatchObject({ _id: 'g-root', levelName: '市', depth: 0 });
    expect(docs(COLLECTIONS.auditLog).filter((e) => e['action'] === 'setup.claim')).toEqual([
      expect.objectContaining({
        actor: openid,
        detail: expect.objectContaining({ levels: lijiang }),
      }),
    ]);
    // The code is burnt: its digest is gone, and the status says so.
    expect(docs(COLLECTIONS.settings).find((s) => s['_id'] === 'setup')).toMatchObject({
      codeDigest: null,
      usedBy: { openid },
    });
    expect(dataOf(await as('oRival3')('setup', 'status', {}))).toEqual({
      needed: false,
      template: 'lijiang',
      levels: lijiang,
    });
  });

  it('a second setup is refused, whoever tries and with whatever code', async () => {
    const before = snapshot();
    for (const openid of ['oDeployer', 'oRival1', 'oRival3']) {
      expect(await claim(openid, code)).toMatchObject({ ok: false, code: 'CONFLICT' });
    }
    expect(snapshot()).toBe(before);
  });
});

describe('levels', () => {
  const command = () =>
    String(docs(COLLECTIONS.users).find((u) => u['command'] === true)?.['_id'] ?? '');

  it('the command centre builds below the root with the chosen level names', async () => {
    const county = dataOf(
      await as(command())('grids', 'create', { parentId: 'g-root', name: '古城区' }),
    );
    expect(county).toMatchObject({ levelName: '县(区)', depth: 1 });
  });

  it('renames the levels, existing nodes included, audited; nobody else may', async () => {
    const renamed = ['地级市', '区县', '街道', '社区', '小组'];
    const before = snapshot();
    for (const openid of ['oRival3', 'oFirstResident']) {
      expect(await as(openid)('setup', 'levels', { levels: renamed })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
    expect(snapshot()).toBe(before);
    expect(dataOf(await as(command())('setup', 'levels', { levels: renamed }))).toMatchObject({
      levels: renamed,
    });
    expect(
      docs(COLLECTIONS.grids)
        .map((g) => [g['depth'], g['levelName']])
        .sort(),
    ).toEqual([
      [0, '地级市'],
      [1, '区县'],
    ]);
    expect(
      docs(COLLECTIONS.auditLog).find((e) => e['action'] === 'setup.levels')?.['detail'],
    ).toEqual({ before: lijiang, after: renamed });
    // A level with nodes in it cannot be dropped: 大研街道 sits on the third.
    const county = docs(COLLECTIONS.grids).find((g) => g['depth'] === 1);
    dataOf(
      await as(command())('grids', 'create', {
        parentId: String(county?.['_id']),
        name: '大研街道',
      }),
    );
    const tree = JSON.stringify(docs(COLLECTIONS.grids));
    expect(await as(command())('setup', 'levels', { levels: ['地级市', '区县'] })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringContaining('不能删去该层级'),
    });
    expect(JSON.stringify(docs(COLLECTIONS.grids))).toBe(tree);
    dataOf(await as(command())('setup', 'levels', { levels: ['地级市', '区县', '街道'] }));
  });
});

describe('more command-centre users', () => {
  const command = () =>
    String(docs(COLLECTIONS.users).find((u) => u['command'] === true)?.['_id'] ?? '');

  it('only a confirmed member of the top node can be made 指挥部; a code alone never does it', async () => {
    const boss = command();
    const invite = dataOf(
      await as(boss)('members', 'invite', { gridId: 'g-root', kind: 'member', maxUses: 1 }),
    );
    dataOf(await as('oFirstMember')('members', 'join', { code: invite.code, name: '木文涛' }));
    const before = snapshot();
    expect(
      await as(boss)('setup', 'grantCommand', { openid: 'oFirstMember', confirm: true }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    for (const who of ['oFirstMember', 'oRival3']) {
      expect(
        await as(who)('setup', 'grantCommand', { openid: 'oFirstMember', confirm: true }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await as(who)('setup', 'commanders', {})).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
    expect(snapshot()).toBe(before);

    dataOf(
      await as(boss)('members', 'confirm', {
        gridId: 'g-root',
        openid: 'oFirstMember',
        confirm: true,
      }),
    );
    expect(
      dataOf(await as(boss)('setup', 'grantCommand', { openid: 'oFirstMember', confirm: true })),
    ).toEqual({ openid: 'oFirstMember', name: '木文涛' });
    expect(
      dataOf(await as(boss)('setup', 'commanders', {}))
        .items.map((c) => c.openid)
        .sort(),
    ).toEqual([boss, 'oFirstMember'].sort());
    // The new one acts as 指挥部 at once: a second top-level node, say.
    dataOf(await as('oFirstMember')('grids', 'create', { parentId: null, name: '玉龙县' }));
  });

  it('takes it back from another, never from oneself, audited', async () => {
    const boss = command();
    expect(
      await as('oFirstMember')('setup', 'revokeCommand', { openid: 'oFirstMember', confirm: true }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    dataOf(await as('oFirstMember')('setup', 'revokeCommand', { openid: boss, confirm: true }));
    expect(docs(COLLECTIONS.users).find((u) => u['_id'] === boss)).toMatchObject({
      command: false,
    });
    expect(
      docs(COLLECTIONS.auditLog)
        .filter((e) => String(e['action']).endsWith('Command'))
        .map((e) => [e['action'], e['target']]),
    ).toEqual([
      ['setup.grantCommand', 'oFirstMember'],
      ['setup.revokeCommand', boss],
    ]);
  });
});

describe('a first run that stopped half-way', () => {
  it('is finished by the one who burnt the code, and by nobody else', async () => {
    const other = await startDemoServer({ dataDir: tempDir(), empty: true, extraLogins: OTHERS });
    try {
      const { store } = other.emulator;
      // The code was burnt, then the function stopped before the root was created.
      store.atomically(() => {
        const found = store.getById(store.db, COLLECTIONS.settings, 'setup');
        if (!found) throw new Error('no setup document');
        store.replace(COLLECTIONS.settings, found.seq, {
          ...found.doc,
          codeDigest: null,
          usedAt: new Date(),
          usedBy: { openid: 'oDeployer', name: '王建国' },
        });
      });
      const call = (openid: string) =>
        actingAs(other.emulator, openid)('setup', 'claim', {
          code: 'ABCDEFGHJK',
          name: '王建国',
          rootName: '丽江市',
          template: 'lijiang',
          levels: lijiang,
        });
      expect(await call('oRival0')).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect(dataOf(await call('oDeployer'))).toMatchObject({ rootId: 'g-root' });
      // Finished, it is a second setup like any other.
      expect(await call('oDeployer')).toMatchObject({ ok: false, code: 'CONFLICT' });
      const grids = [...store.candidates(store.db, COLLECTIONS.grids, undefined)];
      expect(grids).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
