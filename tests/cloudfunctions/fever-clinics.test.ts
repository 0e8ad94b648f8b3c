/**
 * 发热门诊 through the real SDK (router `setup`): the command centre keeps the list a resident who
 * reports a fever is sent to (replaced whole, audited with before and after); anyone signed in
 * reads it; nobody else changes it, and a refusal writes nothing.
 */
import { COLLECTIONS, MAX_FEVER_CLINICS } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const docs = (collection: string) => storedDocs(server.emulator, collection);
const CLINIC = {
  name: '九江镇卫生院发热门诊',
  address: '九江镇沙头大道1号',
  phone: '0757-86500120',
};

describe('发热门诊', () => {
  it('is empty until the command centre sets it, and anyone signed in reads it', async () => {
    expect(dataOf(await as('oDemoResident')('setup', 'clinics', {}))).toEqual({
      clinics: [],
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('is set by the command centre, whole, with the change audited', async () => {
    const saved = dataOf(
      await as('oDemoCommand')('setup', 'saveClinics', {
        clinics: [{ ...CLINIC, name: ` ${CLINIC.name} ` }],
      }),
    );
    expect(saved).toMatchObject({ clinics: [CLINIC], updatedBy: '九江镇指挥部' });
    expect(dataOf(await as('oDemoNewcomer')('setup', 'clinics', {})).clinics).toEqual([CLINIC]);
    expect(docs(COLLECTIONS.auditLog).filter((d) => d['action'] === 'setup.clinics')).toEqual([
      expect.objectContaining({
        actor: 'oDemoCommand',
        target: 'settings/feverClinics',
        detail: { before: [], after: [CLINIC] },
      }),
    ]);
  });

  it('is changed by nobody else, and a refusal writes nothing', async () => {
    const before = JSON.stringify([docs(COLLECTIONS.settings), docs(COLLECTIONS.auditLog)]);
    for (const openid of ['oDemoLeader', 'oDemoVolunteer', 'oDemoResident'])
      expect(await as(openid)('setup', 'saveClinics', { clinics: [] })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
        message: '只有指挥部可以设置发热门诊',
      });
    expect(JSON.stringify([docs(COLLECTIONS.settings), docs(COLLECTIONS.auditLog)])).toBe(before);
  });

  it('refuses a number that is no number, a blank name, and too many clinics', async () => {
    const command = as('oDemoCommand');
    expect(
      await command('setup', 'saveClinics', { clinics: [{ ...CLINIC, phone: '请打 120' }] }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      await command('setup', 'saveClinics', { clinics: [{ ...CLINIC, name: ' ' }] }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      await command('setup', 'saveClinics', {
        clinics: Array.from({ length: MAX_FEVER_CLINICS + 1 }, () => CLINIC),
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(dataOf(await command('setup', 'clinics', {})).clinics).toEqual([CLINIC]);
  });
});
