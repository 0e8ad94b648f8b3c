import { COLLECTION_DECLARATIONS } from '@gridguard/types';

/** A `users` document shaped like GridGuard's, over 50 grids so its indexes have real keys. */
export function benchUser(i: number): Record<string, unknown> {
  return {
    _id: `bench-${i.toString().padStart(8, '0')}`,
    name: `居民${i}`,
    roles: ['resident'],
    gridId: `g-bench-${i % 50}`,
    gridPath: ['g-bench-root', `g-bench-${i % 50}`],
    createdAt: new Date(Date.UTC(2020, 1, 3) + i * 1000),
  };
}

/** The declared collection every figure writes to, with its declared indexes. */
export const BENCH_COLLECTION = 'users';

export function declaredIndexes(collection: string): number {
  return COLLECTION_DECLARATIONS.find((c) => c.name === collection)?.indexes.length ?? 0;
}
