import type * as WxCloud from 'wx-server-sdk';
import type { SdkEnv } from './process-emulator';

export type Cloud = typeof WxCloud;
export type Database = ReturnType<Cloud['database']>;

/**
 * A fresh, unmodified wx-server-sdk pointed at one emulator process. The SDK takes its endpoint
 * from process.env when it initialises, so a restarted emulator (on a new port) needs a new SDK
 * instance: jest.isolateModules gives one its own module registry. requireActual only because it
 * is the typed way to require there; nothing is mocked.
 */
export function loadSdk(env: SdkEnv): Cloud {
  // The SDK arms a 3 s "slow request" warning timer per database call and never clears it when
  // the request fails, so requests cut off by a kill would log after the test ends. SILENCE=true
  // skips the timer.
  Object.assign(process.env, env, { SILENCE: 'true' });
  const loaded: { cloud?: Cloud } = {};
  jest.isolateModules(() => {
    loaded.cloud = jest.requireActual<Cloud>('wx-server-sdk');
  });
  const cloud = loaded.cloud;
  if (!cloud) throw new Error('wx-server-sdk did not load');
  // The typings declare env as a string; DYNAMIC_CURRENT_ENV (a symbol) is the documented value.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud;
}

/** The SDK's typings add `void | string` to every promise they return. */
export async function settle<T>(call: Promise<T> | void | string): Promise<T> {
  if (typeof call !== 'object' || call === null || typeof call.then !== 'function') {
    throw new Error(`the SDK returned ${typeof call} instead of a promise`);
  }
  return call;
}

/** Which of `ids` a collection holds, asked by `_id` in pages of 1000 (the SDK's largest limit). */
export async function presentIds(
  db: Database,
  collection: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += 1000) {
    const page = ids.slice(start, start + 1000);
    const result = await settle(
      db
        .collection(collection)
        .where({ _id: db.command.in(page) })
        .field({ _id: true })
        .limit(1000)
        .get(),
    );
    for (const doc of result.data) if (typeof doc['_id'] === 'string') found.add(doc['_id']);
  }
  return found;
}
