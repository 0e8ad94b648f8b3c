import { addDays, chinaDay, COLLECTIONS, type FunctionResult } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { tempDir } from '../helpers/emulator';
import { gatewayCall, gatewayLogin } from '../helpers/gateway';

/**
 * What the routers refuse before anything runs, through the gateway and the real functions:
 * impossible days, invisible characters, extra fields, huge and deep events.
 */
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
});
afterAll(() => server.close());

const resident = () => actingAs(server.emulator, 'oDemoResident');
const command = () => actingAs(server.emulator, 'oDemoCommand');
const SELF = 'h-demo-resident-p1';
const HOUSEHOLD = 'h-demo-resident';
const today = () => chinaDay(Date.now());
const count = (collection: string) => {
  const { store } = server.emulator;
  return [...store.candidates(store.db, collection, undefined)].length;
};
const issuesOf = (reply: FunctionResult<unknown>) =>
  reply.ok ? [] : (reply.issues ?? []).map((i) => `${i.path}: ${i.message}`);

/** Sends anything, typed or not, as the client's transport would. */
async function raw(
  openid: string,
  router: string,
  event: unknown,
): Promise<FunctionResult<unknown>> {
  const token = await gatewayLogin(server.emulator, openid);
  const reply = await gatewayCall<FunctionResult<unknown>>(server.emulator, token, router, event);
  if (!reply.body.result) throw new Error(`${router} failed: ${reply.body.errMsg}`);
  return reply.body.result;
}

const declaration = (departureDay: string, arrivalDay: string) => ({
  origin: { province: '湖北省', city: '武汉市', district: '' },
  via: [],
  transport: 'train' as const,
  transportNumber: 'G1002',
  departureDay,
  arrivalDay,
  contactWithCases: false,
  symptoms: [],
});

describe('days', () => {
  it('an impossible or far day is refused and no return is stored', async () => {
    const before = count(COLLECTIONS.returns);
    const cases: [string, string, string][] = [
      ['2026-99-99', '2026-99-99', 'declaration.departureDay: 日期不存在'],
      ['0000-00-00', today(), 'declaration.departureDay: 日期不存在'],
      [today(), '9999-12-31', 'declaration.arrivalDay: 日期超出可选范围'],
      ['2034-01-01', '2034-01-02', 'declaration.arrivalDay: 抵达日期不能晚于明天'],
      [
        addDays(today(), -40),
        addDays(today(), -30),
        'declaration.arrivalDay: 抵达日期过早，超出可登记的范围',
      ],
      [addDays(today(), 1), today(), 'declaration.departureDay: 出发日期不能晚于抵达日期'],
    ];
    for (const [departure, arrival, issue] of cases) {
      const reply = await resident()('returns', 'declare', {
        personId: SELF,
        declaration: declaration(departure, arrival),
      });
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(issuesOf(reply)).toContain(issue);
    }
    expect(count(COLLECTIONS.returns)).toBe(before);
  });

  it('a return registered the evening before arriving is taken', async () => {
    const tomorrow = addDays(today(), 1);
    const view = dataOf(
      await resident()('returns', 'declare', {
        personId: SELF,
        declaration: declaration(today(), tomorrow),
      }),
    );
    expect(view).toMatchObject({ startDay: tomorrow });
  });

  it('a dashboard day must be a real day, not after tomorrow', async () => {
    const reply = await command()('dashboard', 'children', {
      gridId: 'g-jiujiang',
      day: addDays(today(), 2),
      page: 1,
    });
    expect(issuesOf(reply)).toEqual(['day: 日期不能晚于明天']);
    expect(
      issuesOf(await command()('dashboard', 'node', { gridId: 'g-jiujiang', day: '2026-02-29' })),
    ).toEqual(['day: 日期不存在']);
  });
});

describe('text', () => {
  it.each([
    ['a right-to-left override', '王\u202e英'],
    ['a zero-width space', '王\u200b英'],
    ['a BOM inside', '王\ufeff英'],
    ['a control character', '王\u0007英'],
    ['a line break', '王\n英'],
    ['a lone surrogate', '王\ud800英'],
  ])('a name with %s is refused with the field named', async (_label, name) => {
    const before = count(COLLECTIONS.people);
    const reply = await resident()('households', 'addPerson', {
      householdId: HOUSEHOLD,
      name,
      relation: '子女',
    });
    expect(issuesOf(reply)).toEqual(['name: 包含无法显示的字符']);
    expect(count(COLLECTIONS.people)).toBe(before);
  });

  it('a name is stored trimmed and in NFC', async () => {
    const person = dataOf(
      await resident()('households', 'addPerson', {
        householdId: HOUSEHOLD,
        name: '  Jose\u0301 ',
        relation: '其他',
      }),
    );
    expect(person.name).toBe('José');
  });

  it('a report note may have line breaks; an errand reason may not', async () => {
    const report = dataOf(
      await resident()('reports', 'submit', {
        personId: SELF,
        temperature: 36.5,
        symptoms: [],
        note: '上午有点累\r\n下午好了',
      }),
    );
    expect(report.note).toBe('上午有点累\n下午好了');
    expect(
      issuesOf(
        await resident()('returns', 'override', {
          personId: SELF,
          class: 'key',
          reason: '复查\n结果',
        }),
      ),
    ).toEqual(['reason: 包含无法显示的字符']);
  });

  it('an operator or a spaced string where an id goes is refused', async () => {
    for (const gridId of [{ $ne: null }, 'g-shatou ', 'g-\u200bshatou', '../g-shatou']) {
      const reply = await raw('oDemoCommand', 'grids', { action: 'detail', gridId });
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(issuesOf(reply)[0]).toMatch(/^gridId: /);
    }
  });
});

describe('shape', () => {
  it('an extra field is refused, __proto__ and constructor too', async () => {
    const payloads = [
      { action: 'detail', gridId: 'g-shatou', gridPath: ['x'] },
      JSON.parse('{"action":"detail","gridId":"g-shatou","__proto__":{"isAdmin":true}}'),
      { action: 'detail', gridId: 'g-shatou', constructor: { prototype: { isAdmin: true } } },
    ] as unknown[];
    for (const payload of payloads) {
      const reply = await raw('oDemoCommand', 'grids', payload);
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(issuesOf(reply)[0]).toMatch(/: 包含无法识别的字段$/);
    }
  });

  it('a 10,000-element bad array gets a short reply of at most 10 issues', async () => {
    const reply = await raw('oDemoResident', 'reports', {
      action: 'submit',
      personId: SELF,
      temperature: 36.5,
      symptoms: new Array<string>(10_000).fill('x'),
    });
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(reply.ok === false && reply.issues?.length).toBeLessThanOrEqual(10);
    expect(Buffer.byteLength(JSON.stringify(reply))).toBeLessThan(2_000);
  });

  it('a deep or large event is refused before validation', async () => {
    const nested = (levels: number) => {
      let deep: unknown = 'x';
      for (let i = 0; i < levels; i += 1) deep = { a: deep };
      return deep;
    };
    // 20 levels pass the preview's gateway (32) and are refused by the function itself (16);
    // 200 are refused by the gateway before any function runs: both as INVALID_INPUT.
    expect(
      issuesOf(await raw('oDemoResident', 'reports', { action: 'today', personId: nested(20) })),
    ).toEqual([': 提交的内容层级过深']);
    expect(
      issuesOf(await raw('oDemoResident', 'reports', { action: 'today', personId: nested(200) })),
    ).toEqual([expect.stringMatching(/^: 提交的内容层级过深/)]);
    expect(
      issuesOf(
        await raw('oDemoResident', 'reports', { action: 'today', personId: 'x'.repeat(40_000) }),
      ),
    ).toEqual([': 提交的内容过大']);
  });
});
