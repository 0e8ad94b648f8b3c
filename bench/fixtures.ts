/** A `users` document shaped like GridGuard's, over 50 grids so the gridId index has keys. */
export function benchUser(i: number): Record<string, unknown> {
  return {
    _id: `bench-${i.toString().padStart(8, '0')}`,
    name: `居民${i}`,
    roles: ['resident'],
    gridId: `g-bench-${i % 50}`,
    createdAt: new Date(Date.UTC(2020, 1, 3) + i * 1000),
  };
}

/** The declared collection every figure writes to (one index, gridId_1). */
export const BENCH_COLLECTION = 'users';
