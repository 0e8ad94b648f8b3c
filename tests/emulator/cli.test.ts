import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  killAllEmulators,
  makeTempDir,
  REQUIRED_SDK_ENV_KEYS,
  removeDir,
  startEmulatorProcess,
  type EmulatorProcess,
} from '../helpers/process-emulator';
import { runNodeScript } from '../helpers/process-script';

/**
 * The emulator's command line as a developer uses it: start it, copy its first stdout line into the
 * environment of any Node process, and the unmodified wx-server-sdk there talks to it.
 */
const SDK_PATH = createRequire(__filename).resolve('wx-server-sdk');

/** Plain CommonJS, run by `node` alone: `client.js <sdk path> write|read <_id>`, prints JSON. */
const CLIENT_SCRIPT = `
const [sdkPath, mode, id] = process.argv.slice(2);
const cloud = require(sdkPath);
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const users = cloud.database().collection('users');
(async () => {
  const out = {};
  if (mode === 'write') {
    const createdAt = new Date('2020-02-03T00:00:00.000Z');
    out.added = await users.add({ data: { _id: id, name: '王秀英', createdAt } });
    out.whoami = (await cloud.callFunction({ name: 'whoami', data: {} })).result;
  }
  const { data } = await users.doc(id).get();
  out.read = { ...data, createdAtIsDate: data.createdAt instanceof Date };
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  process.stderr.write(String((e && e.stack) || e));
  process.exit(1);
});
`;

interface ClientOutput {
  added?: unknown;
  whoami?: unknown;
  read: unknown;
}

describe('emulator CLI (node emulator/dist/cli.js)', () => {
  const dirs: string[] = [];
  let clientFile = '';

  const tempDir = (name: string) => {
    const dir = makeTempDir(`gridguard-cli-${name}-`);
    dirs.push(dir);
    return dir;
  };

  const runClient = async (
    emulator: EmulatorProcess,
    mode: 'write' | 'read',
    id: string,
  ): Promise<ClientOutput> => {
    const result = await runNodeScript(clientFile, [SDK_PATH, mode, id], emulator.env);
    if (result.code !== 0) {
      throw new Error(
        `client exited ${result.code}\n${result.stderr}\nemulator stderr:\n${emulator.stderr()}`,
      );
    }
    return JSON.parse(result.stdout) as ClientOutput;
  };

  beforeAll(() => {
    clientFile = path.join(tempDir('client'), 'client.js');
    fs.writeFileSync(clientFile, CLIENT_SCRIPT);
  });

  afterAll(async () => {
    await killAllEmulators();
    dirs.forEach(removeDir);
  });

  it('prints the SDK env as its first stdout line and serves a plain Node script', async () => {
    const emulator = await startEmulatorProcess({ dataDir: tempDir('data') });

    expect(Object.keys(emulator.env)).toEqual(expect.arrayContaining([...REQUIRED_SDK_ENV_KEYS]));
    expect(emulator.env['TENCENTCLOUD_RUNENV']).toBe('SCF');
    // --port 0 picked a real port, and only on loopback.
    expect(emulator.origin).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);

    const out = await runClient(emulator, 'write', 'cli-plain-1');
    expect(out.added).toEqual({ _id: 'cli-plain-1', errMsg: 'collection.add:ok' });
    expect(out.read).toEqual({
      _id: 'cli-plain-1',
      name: '王秀英',
      createdAt: '2020-02-03T00:00:00.000Z',
      createdAtIsDate: true,
    });
    // A plain script carries no OPENID, so the function refuses it as production would.
    expect(out.whoami).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });

    expect(await emulator.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('exits 0 on SIGTERM and serves the same data and credentials after a restart', async () => {
    const dataDir = tempDir('restart');
    const first = await startEmulatorProcess({ dataDir });
    await runClient(first, 'write', 'cli-persist-1');
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const second = await startEmulatorProcess({ dataDir });
    // The signing secret lives in the data folder, so an env line copied earlier stays valid.
    expect(second.env['TENCENTCLOUD_SECRETKEY']).toBe(first.env['TENCENTCLOUD_SECRETKEY']);
    const out = await runClient(second, 'read', 'cli-persist-1');
    expect(out.read).toMatchObject({ _id: 'cli-persist-1', name: '王秀英', createdAtIsDate: true });
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
