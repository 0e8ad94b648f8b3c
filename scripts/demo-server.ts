import path from 'node:path';
import { COLLECTION_DECLARATIONS, COLLECTIONS } from '@gridguard/types';
import { startEmulator, type Emulator } from '@gridguard/emulator';
import { DEMO_GRIDS, DEMO_USERS } from './demo/jiujiang';
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
}): Promise<DemoServer> {
  const emulator = await startEmulator({
    dataDir: path.resolve(options.dataDir),
    port: options.port ?? 0,
    functionsDir: FUNCTIONS_DIST,
    staticDir: H5_DIST,
    collections: COLLECTION_DECLARATIONS,
    demoUsers: DEMO_USERS.map(({ openid, name, roleLabel }) => ({ openid, name, roleLabel })),
    ...(options.log && { log: options.log }),
  });
  seedDemoData(emulator);
  return { url: emulator.url, emulator, close: () => emulator.close() };
}

/** Seeds the demo town once; a restart keeps whatever the data folder already holds. */
export function seedDemoData(emulator: Emulator): boolean {
  const { store } = emulator;
  if (store.getById(store.db, COLLECTIONS.grids, DEMO_GRIDS[0]?._id)) return false;
  const createdAt = new Date('2020-02-03T08:00:00+08:00');
  store.atomically(() => {
    for (const g of DEMO_GRIDS) store.insert(COLLECTIONS.grids, { ...g, createdAt });
    for (const { roleLabel, ...user } of DEMO_USERS)
      store.insert(COLLECTIONS.users, { ...user, createdAt });
  });
  return true;
}
