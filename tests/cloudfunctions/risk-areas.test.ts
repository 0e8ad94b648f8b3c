import { addDays, chinaDay, COLLECTIONS, type ReturnDeclaration } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

/** The command centre's 风险地区: set by region code, audited, used by the next return. */
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const docs = (collection: string) => storedDocs(server.emulator, collection);
const today = () => chinaDay(Date.now());
const WUHAN = {
  province: '湖北省',
  city: '武汉市',
  district: '',
  code: '420100',
  level: 'high' as const,
  since: '2020-01-23',
};

describe('风险地区', () => {
  it('only the command centre reads or changes them; a refusal writes nothing', async () => {
    const before = JSON.stringify([docs(COLLECTIONS.settings), docs(COLLECTIONS.auditLog)]);
    for (const openid of ['oDemoLeader', 'oDemoVolunteer', 'oDemoResident']) {
      expect(await as(openid)('setup', 'rules', {})).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
      expect(
        await as(openid)('setup', 'saveRules', { riskAreas: [WUHAN], observationDays: 14 }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(
      await as('oDemoCommand')('setup', 'saveRules', {
        riskAreas: [WUHAN, { ...WUHAN, level: 'medium' }],
        observationDays: 14,
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      await as('oDemoCommand')('setup', 'saveRules', {
        riskAreas: [{ ...WUHAN, code: '4201' }],
        observationDays: 40,
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.stringify([docs(COLLECTIONS.settings), docs(COLLECTIONS.auditLog)])).toBe(before);
  });

  it('the command centre sets them, audited with before and after, and the next return is classified by code', async () => {
    const shown = dataOf(await as('oDemoCommand')('setup', 'rules', {}));
    expect(shown.riskAreas.map((a) => a.province)).toContain('湖北省');
    const saved = dataOf(
      await as('oDemoCommand')('setup', 'saveRules', { riskAreas: [WUHAN], observationDays: 21 }),
    );
    expect(saved).toMatchObject({
      riskAreas: [WUHAN],
      observationDays: 21,
      updatedBy: '九江镇指挥部',
    });
    expect(
      docs(COLLECTIONS.auditLog).find((e) => e['action'] === 'setup.rules')?.['detail'],
    ).toMatchObject({
      before: { riskAreas: shown.riskAreas, observationDays: 14 },
      after: { riskAreas: [WUHAN], observationDays: 21 },
    });

    // Typed as 「武汉」, picked as 江岸区 (420102): the code decides.
    const declaration: ReturnDeclaration = {
      origin: { province: '武汉', city: '', district: '', code: '420102' },
      via: [],
      transport: 'train',
      transportNumber: 'G1002',
      departureDay: addDays(today(), -2),
      arrivalDay: addDays(today(), -1),
      contactWithCases: false,
      symptoms: [],
    };
    const observed = dataOf(
      await as('oDemoResident')('returns', 'declare', {
        personId: 'h-demo-resident-p2',
        declaration,
      }),
    );
    expect(observed).toMatchObject({ class: 'central', totalDays: 21 });
    expect(observed.reasons).toContain('来自高风险地区（湖北省武汉市）');
  });
});

describe('the longest list', () => {
  it('200 areas (the limit) fit in one save', async () => {
    const riskAreas = Array.from({ length: 200 }, (_, i) => ({
      province: '湖北省',
      city: '某某市',
      district: `第${i}区`,
      code: String(420101 + i),
      level: 'medium' as const,
      since: '2020-01-23',
    }));
    expect(
      dataOf(await as('oDemoCommand')('setup', 'saveRules', { riskAreas, observationDays: 14 }))
        .riskAreas,
    ).toHaveLength(200);
  });
});
