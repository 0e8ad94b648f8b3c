import type * as wxCloud from 'wx-server-sdk';

export type Cloud = typeof wxCloud;
export type CloudDatabase = ReturnType<Cloud['database']>;

/**
 * cloud.init with the current environment. The SDK's typings declare `env` as a string, but
 * DYNAMIC_CURRENT_ENV (a symbol) is the documented way to follow the calling environment.
 */
export function initCloud(cloud: Cloud): void {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
}

/** The documents of a query; the SDK's typings return a union that includes void. */
export async function fetchDocs<T>(query: { get(): unknown }): Promise<T[]> {
  const result: unknown = await query.get();
  if (!result || typeof result !== 'object' || !('data' in result) || !Array.isArray(result.data)) {
    throw new Error('the database returned no data array');
  }
  return result.data as T[];
}
