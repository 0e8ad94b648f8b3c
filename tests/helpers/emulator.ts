import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as WxCloud from 'wx-server-sdk';
import type { CollectionDeclaration } from '@gridguard/types';
import { startEmulator, type Emulator, type EmulatorOptions } from '@gridguard/emulator';

export type Cloud = typeof WxCloud;

export const ROOT = path.resolve(__dirname, '..', '..');
export const TEST_FUNCTIONS_DIR = path.join(ROOT, 'dist', 'test-functions');

/** Collections for conformance tests: one with plain, multikey, nested, date and unique indexes. */
export const TEST_COLLECTIONS: CollectionDeclaration[] = [
  {
    name: 'items',
    indexes: [
      { name: 'status_1', fields: [['status', 1]] },
      { name: 'tags_1', fields: [['tags', 1]] },
      {
        name: 'grid.id_1_qty_-1',
        fields: [
          ['grid.id', 1],
          ['qty', -1],
        ],
      },
      { name: 'at_1', fields: [['at', 1]] },
    ],
  },
  { name: 'people', indexes: [{ name: 'idNumber_1', fields: [['idNumber', 1]], unique: true }] },
  {
    name: 'reports',
    indexes: [
      {
        name: 'personId_1_day_1',
        fields: [
          ['personId', 1],
          ['day', 1],
        ],
        unique: true,
      },
    ],
  },
  { name: 'grids', indexes: [] },
  { name: 'timerRuns', indexes: [] },
];

export interface TestEmulator {
  emulator: Emulator;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'gridguard-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** An in-process emulator on a free port with a fresh data folder and the fixture functions. */
export async function startTestEmulator(
  options: Partial<EmulatorOptions> = {},
): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? tempDir();
  const emulator = await startEmulator({
    dataDir,
    port: 0,
    collections: TEST_COLLECTIONS,
    functionsDir: TEST_FUNCTIONS_DIR,
    startTimers: false,
    ...options,
  });
  return {
    emulator,
    dataDir,
    async close() {
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface EmulatorSession {
  env: TestEmulator;
  emulator: Emulator;
  cloud: Cloud;
  db: ReturnType<Cloud['database']>;
}

/**
 * One emulator for the calling test file, with the real SDK connected to it: started in beforeAll,
 * closed in afterAll. The fields are filled in once beforeAll has run.
 */
export function useEmulator(options: Partial<EmulatorOptions> = {}): EmulatorSession {
  const session = {} as EmulatorSession;
  beforeAll(async () => {
    const env = await startTestEmulator(options);
    const cloud = connectSdk(env.emulator);
    Object.assign(session, { env, emulator: env.emulator, cloud, db: cloud.database() });
  });
  afterAll(() => session.env?.close());
  return session;
}

/**
 * The real, unmodified wx-server-sdk pointed at `emulator` through its environment variables, as
 * a cloud function or a plain script would use it. Each call loads a fresh copy of the SDK.
 */
export function connectSdk(emulator: Emulator, extraEnv: Record<string, string> = {}): Cloud {
  Object.assign(process.env, emulator.sdkEnv, extraEnv);
  let cloud: Cloud | undefined;
  jest.isolateModules(() => {
    cloud = jest.requireActual<Cloud>('wx-server-sdk');
  });
  if (!cloud) throw new Error('wx-server-sdk did not load');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud;
}

/** The error an SDK call rejected with, for asserting on errCode and message. */
export async function rejectionOf(
  promise: Promise<unknown> | unknown,
): Promise<{ errCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { errCode?: number; code?: string; message: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Documents of a collection as stored, read straight from the store (no SDK calls). */
export function storedDocs<T = Record<string, unknown>>(
  emulator: Emulator,
  collection: string,
): T[] {
  const { store } = emulator;
  return [...store.candidates(store.db, collection, undefined)].map((c) => c.doc as T);
}

/** One stored document by id, or null. */
export function storedDoc<T = Record<string, unknown>>(
  emulator: Emulator,
  collection: string,
  id: string,
): T | null {
  const { store } = emulator;
  return (store.getById(store.db, collection, id)?.doc as T | undefined) ?? null;
}

/**
 * Every collection's document count and a digest of its contents: equal before and after a call
 * when the call wrote nothing (not a flag flipped back, not an audit entry).
 */
export function storeSnapshot(
  emulator: Emulator,
): Record<string, { count: number; digest: string }> {
  const store = emulator.store;
  const out: Record<string, { count: number; digest: string }> = {};
  for (const name of store.collectionNames().sort()) {
    const docs = [...store.candidates(store.db, name, undefined)]
      .map((c) => JSON.stringify(c.doc))
      .sort();
    out[name] = {
      count: store.countAll(store.db, name),
      digest: createHash('sha256').update(docs.join('\n')).digest('hex'),
    };
  }
  return out;
}
