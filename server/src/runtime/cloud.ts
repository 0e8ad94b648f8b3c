import { PAGE_SIZE } from '@gridguard/types';
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

/** The first document a query finds, or null. */
export async function firstDoc<T>(query: {
  limit(n: number): { get(): unknown };
}): Promise<T | null> {
  return (await fetchDocs<T>(query.limit(1)))[0] ?? null;
}

/** Adds a document under its own id; false when the id is taken (the same add again). */
export async function addOnce(
  collection: { add(options: { data: object }): unknown },
  doc: { _id: string },
): Promise<boolean> {
  try {
    await collection.add({ data: doc });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** How many documents a query matches. */
export async function countDocs(query: { count(): unknown }): Promise<number> {
  return ((await query.count()) as { total: number }).total;
}

/** A filtered query, as `collection(…).where(…)` gives it. */
export type CloudQuery = ReturnType<ReturnType<CloudDatabase['collection']>['where']>;

/**
 * One page of a query (PAGE_SIZE, `page` from 1) and the total it matches: two calls, whatever
 * the page. `order` sorts the query; the count needs no order.
 */
export async function pagedDocs<T>(
  query: CloudQuery,
  order: (q: CloudQuery) => CloudQuery,
  page: number,
): Promise<{ items: T[]; total: number }> {
  const [items, total] = await Promise.all([
    fetchDocs<T>(
      order(query)
        .skip((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE),
    ),
    countDocs(query),
  ]);
  return { items, total };
}

/**
 * An update's fields with every nested object written whole. The SDK sends a plain object in an
 * update as dotted paths (`claimer.openid`), which MongoDB refuses under a field that is null
 * ("Cannot create field"); `_.set` replaces the field instead, as the code means.
 */
export function wholeObjects(
  db: CloudDatabase,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const _ = db.command;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      value !== null &&
      typeof value === 'object' &&
      Object.getPrototypeOf(value) === Object.prototype
        ? _.set(value)
        : value,
    ]),
  );
}

/** A conditional update's answer: true when it changed the one document it was aimed at. */
export function updatedOne(result: unknown): boolean {
  return (result as { stats: { updated: number } }).stats.updated === 1;
}

/** Unique-key collisions surface as E11000 in the error message (errCode -502001). */
export function isDuplicateKey(e: unknown): boolean {
  return e instanceof Error && e.message.includes('E11000');
}
