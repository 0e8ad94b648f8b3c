import path from 'node:path';
import {
  COLLECTION_DECLARATIONS,
  COLLECTIONS,
  LEVEL_TEMPLATES,
  SUBSCRIBE_TEMPLATES,
} from '@gridguard/types';
import { startEmulator, type DemoUser, type Emulator } from '@gridguard/emulator';
import type { Deployment } from './demo/builder';
import { DEMO_LOGINS, DEMO_RULES, demoDeployment } from './demo/jiujiang';
import { FUNCTIONS_DIST, H5_DIST } from './paths';

export interface DemoServer {
  url: string;
  emulator: Emulator;
  close(): Promise<void>;
}

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
}): Promise<DemoServer> {
  const emulator = await startEmulator({
    dataDir: path.resolve(options.dataDir),
    port: options.port ?? 0,
    functionsDir: FUNCTIONS_DIST,
    staticDir: H5_DIST,
    collections: COLLECTION_DECLARATIONS,
    demoUsers: [...DEMO_LOGINS, ...(options.extraLogins ?? [])],
    subscribeTemplates: Object.values(SUBSCRIBE_TEMPLATES).map((t) => ({
      ...t,
      keys: [...t.keys],
    })),
    ...(options.log && { log: options.log }),
    ...(options.startTimers === false && { startTimers: false }),
  });
  seedDemoData(emulator, options.deployment ?? demoDeployment);
  return { url: emulator.url, emulator, close: () => emulator.close() };
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
