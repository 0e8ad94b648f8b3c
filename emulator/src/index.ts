import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CollectionDeclaration } from '@gridguard/types';
import { systemClock, type Clock } from './clock';
import { DocumentDatabase } from './database/database';
import { FunctionRuntime } from './functions/runtime';
import type { DemoUser } from './http/gateway';
import { createServer, TCB_PATH } from './http/server';
import type { Credentials } from './http/signature';
import { SubscribeLedger } from './openapi/messages';
import { OpenApiService } from './openapi/service';
import type { SubscribeTemplate } from './openapi/subscribe';
import { FileStorage } from './storage/files';
import { DocumentStore } from './store/store';
import { TimerScheduler } from './timers/scheduler';

export { ManualClock, systemClock, type Clock } from './clock';
export type { DemoUser } from './http/gateway';
export type { SentMessage } from './openapi/messages';
export type { SubscribeTemplate } from './openapi/subscribe';
export type { TimerAttempt } from './timers/scheduler';
export { DocumentStore } from './store/store';

export interface EmulatorOptions {
  /** Where the database, storage and credentials live; reused across restarts. */
  dataDir: string;
  /** 0 picks a free port. The emulator binds to 127.0.0.1 only. */
  port?: number;
  envId?: string;
  appId?: string;
  /** Built functions (one folder each with index.js and config.json). */
  functionsDir?: string;
  /** The h5 build to serve at `/`. */
  staticDir?: string;
  collections?: readonly CollectionDeclaration[];
  demoUsers?: readonly DemoUser[];
  /** When given, subscribeMessage.send accepts only these templates (40037 otherwise). */
  subscribeTemplates?: readonly SubscribeTemplate[];
  clock?: Clock;
  /** Fire timer triggers on their schedule (default true). */
  startTimers?: boolean;
  maxWorkersPerFunction?: number;
  log?: (line: string) => void;
}

export interface Emulator {
  url: string;
  port: number;
  envId: string;
  /** Environment variables that point an unmodified wx-server-sdk at this emulator. */
  sdkEnv: Record<string, string>;
  store: DocumentStore;
  database: DocumentDatabase;
  functions: FunctionRuntime;
  timers: TimerScheduler;
  ledger: SubscribeLedger;
  storage: FileStorage;
  clock: Clock;
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_FUNCTIONS_DIR = path.join(REPO_ROOT, 'dist', 'cloudfunctions');

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const envId = options.envId ?? 'local-dev';
  const appId = options.appId ?? 'wxlocalpreview0001';
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const credentials = loadCredentials(options.dataDir);

  const store = new DocumentStore(options.dataDir);
  store.declare(options.collections ?? []);
  const database = new DocumentDatabase(store, clock);
  const ledger = new SubscribeLedger(store.db);
  let baseUrl = '';
  const storage = new FileStorage(options.dataDir, envId, () => baseUrl, credentials.secretKey);
  const templates =
    options.subscribeTemplates && new Map(options.subscribeTemplates.map((t) => [t.id, t]));
  const openapi = new OpenApiService(ledger, clock, templates);
  const actionCounts = new Map<string, number>();

  // The SDK env is known only once the port is: both objects are filled in after listen.
  const sdkEnv: Record<string, string> = {};
  const workerEnv: Record<string, string> = {};
  const functions = new FunctionRuntime({
    functionsDir: options.functionsDir ?? DEFAULT_FUNCTIONS_DIR,
    envId,
    workerEnv,
    // More workers than cores only adds scheduling and GC cost: each one runs the SDK's signing.
    maxWorkersPerFunction: options.maxWorkersPerFunction ?? Math.min(4, os.availableParallelism()),
  });
  const timers = new TimerScheduler(functions, clock, log);
  const server = createServer({
    tcb: { credentials, database, functions, openapi, storage, log, actionCounts },
    gateway: {
      users: options.demoUsers ?? [],
      appId,
      secret: credentials.secretKey,
      functions,
      ledger,
      storage,
    },
    storage,
    timers,
    staticDir: options.staticDir,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  Object.assign(sdkEnv, sdkEnvironment(baseUrl, envId, credentials));
  Object.assign(workerEnv, workerBaseEnv(sdkEnv));
  if (options.startTimers !== false) timers.start();

  return {
    url: baseUrl,
    port,
    envId,
    sdkEnv,
    store,
    database,
    functions,
    timers,
    ledger,
    storage,
    clock,
    async close() {
      timers.stop();
      await functions.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      database.transactions.close();
      store.close();
    },
  };
}

/** What `require('wx-server-sdk')` needs in process.env (cloudbase-wire-protocol.md §1). */
function sdkEnvironment(
  baseUrl: string,
  envId: string,
  credentials: Credentials,
): Record<string, string> {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: envId,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}${TCB_PATH}` }),
    TENCENTCLOUD_SECRETID: credentials.secretId,
    TENCENTCLOUD_SECRETKEY: credentials.secretKey,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
    TCB_ENV: envId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN',
  };
}

/** A worker starts from the emulator's environment minus any identity, plus the SDK variables. */
function workerBaseEnv(sdkEnv: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(WX_|TCB_|TENCENTCLOUD_|SCF_|TRIGGER_SRC)/.test(key)) continue;
    base[key] = value;
  }
  return { ...base, ...sdkEnv };
}

/** The local signing secret, made once per data folder so printed env and logins stay valid. */
function loadCredentials(dataDir: string): Credentials {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const credentials = {
    secretId: 'AKIDlocalemulator',
    secretKey: randomBytes(24).toString('base64url'),
  };
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
