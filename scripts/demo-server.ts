import { randomInt } from 'node:crypto';
import path from 'node:path';
import {
  COLLECTION_DECLARATIONS,
  COLLECTIONS,
  LEVEL_TEMPLATES,
  SETUP_CODE_LENGTH,
  SUBSCRIBE_TEMPLATES,
} from '@gridguard/types';
import { digestSetupCode, newCode } from '@gridguard/server/domain';
import { startEmulator, type DemoUser, type Emulator } from '@gridguard/emulator';
import type { Deployment } from './demo/builder';
import { seedHistory } from './demo/history-seed';
import { DEMO_LOGINS, DEMO_RULES, demoDeployment } from './demo/jiujiang';
import { FUNCTIONS_DIST, H5_DIST } from './paths';

export interface DemoServer {
  url: string;
  emulator: Emulator;
  /** With `empty`: the one-time setup code for 初始化, until someone has used it. */
  setupCode: string | null;
  close(): Promise<void>;
}

/** The local login of an empty environment: whoever deploys GridGuard, before anything exists. */
export const DEPLOYER_LOGIN: DemoUser = {
  openid: 'oDeployer',
  name: '部署管理员',
  roleLabel: '部署管理员（尚未初始化）',
};
/** People to try an empty environment with once it is set up: not in any grid yet. */
export const EMPTY_LOGINS: readonly DemoUser[] = [
  DEPLOYER_LOGIN,
  { openid: 'oFirstResident', name: '和丽华', roleLabel: '新用户' },
  { openid: 'oFirstMember', name: '木文涛', roleLabel: '新用户' },
];

/**
 * The emulator as `npm start` runs it: built functions, the h5 build at `/`, the local login's
 * demo users, and the demo town seeded on first start (never over existing data).
 */
export async function startDemoServer(options: {
  port?: number;
  dataDir: string;
  log?: (line: string) => void;
  /** More people the local login offers, for tests that need many distinct callers. */
  extraLogins?: readonly DemoUser[];
  /** What to seed instead of the demo town (for benchmarks at scale). */
  deployment?: () => Deployment;
  /** False keeps the timer triggers from firing on their own (they can still be fired by hand). */
  startTimers?: boolean;
  /** No town: an environment waiting for its 初始化, with a fresh setup code (`npm start -- --empty`). */
  empty?: boolean;
  /**
   * With the town, its last two weeks too (returns, observations, reports, errands and each past
   * day's 日报), as `npm start` shows it. Off by default: tests count on the plain town.
   */
  history?: boolean;
}): Promise<DemoServer> {
  const emulator = await startEmulator({
    dataDir: path.resolve(options.dataDir),
    port: options.port ?? 0,
    functionsDir: FUNCTIONS_DIST,
    staticDir: H5_DIST,
    collections: COLLECTION_DECLARATIONS,
    demoUsers: [...(options.empty ? EMPTY_LOGINS : DEMO_LOGINS), ...(options.extraLogins ?? [])],
    subscribeTemplates: Object.values(SUBSCRIBE_TEMPLATES).map((t) => ({
      ...t,
      keys: [...t.keys],
    })),
    ...(options.log && { log: options.log }),
    ...(options.startTimers === false && { startTimers: false }),
  });
  const build = options.deployment ?? demoDeployment;
  const setupCode = options.empty ? awaitSetup(emulator) : null;
  // History goes only into a town seeded just now: a restart keeps whatever the data holds.
  if (!options.empty && seedDemoData(emulator, build) && options.history) {
    await seedHistory(emulator, build(), DEMO_RULES);
  }
  return { url: emulator.url, emulator, setupCode, close: () => emulator.close() };
}

/** Seeds the demo town once; a restart keeps whatever the data folder already holds. */
export function seedDemoData(
  emulator: Emulator,
  build: () => Deployment = demoDeployment,
): boolean {
  const { store } = emulator;
  const deployment = build();
  if (store.getById(store.db, COLLECTIONS.grids, deployment.grids[0]?._id)) return false;
  const collections: [string, { _id: string }[]][] = [
    [COLLECTIONS.grids, deployment.grids],
    [COLLECTIONS.memberships, deployment.memberships],
    [COLLECTIONS.households, deployment.households],
    [COLLECTIONS.people, deployment.people],
    [COLLECTIONS.personSecrets, deployment.personSecrets],
    [COLLECTIONS.users, deployment.users],
  ];
  store.atomically(() => {
    for (const [name, docs] of collections) for (const doc of docs) store.insert(name, { ...doc });
    store.insert(COLLECTIONS.settings, { _id: 'classification', ...DEMO_RULES });
    store.insert(COLLECTIONS.settings, {
      _id: 'deployment',
      template: 'jiujiang',
      levels: [...LEVEL_TEMPLATES.jiujiang.levels],
    });
  });
  return true;
}

/**
 * An empty environment's setup code: a fresh one at every start until someone has used it (only
 * its digest is stored, so a restart cannot print the old one); null once set up.
 */
export function awaitSetup(emulator: Emulator): string | null {
  const { store } = emulator;
  const existing = store.getById(store.db, COLLECTIONS.settings, 'setup');
  if (existing?.doc['usedAt'] || store.countAll(store.db, COLLECTIONS.grids) > 0) return null;
  const code = newCode(SETUP_CODE_LENGTH, () => randomInt(0, 2 ** 32) / 2 ** 32);
  const doc = { _id: 'setup', codeDigest: digestSetupCode(code), usedAt: null, usedBy: null };
  store.atomically(() => {
    if (existing) store.replace(COLLECTIONS.settings, existing.seq, doc);
    else store.insert(COLLECTIONS.settings, doc);
  });
  return code;
}
