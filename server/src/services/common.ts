import { randomInt } from 'node:crypto';
import { AppError } from '../domain/errors';
import { may, type Actor, type Permission, type Target } from '../domain/policy';
import type { GridDoc } from '../domain/records';
import type { GridData } from '../runtime/data';

export function authorise(actor: Actor, permission: Permission, target: Target): void {
  if (!may(actor, permission, target)) throw new AppError('FORBIDDEN');
}

export async function requireGrid(data: GridData, id: string): Promise<GridDoc> {
  const grid = await data.grid(id);
  if (!grid) throw new AppError('NOT_FOUND', '该网格不存在或已被删除');
  return grid;
}

/** Names of the given grids, for breadcrumbs. */
export async function gridNames(
  data: GridData,
  ids: readonly string[],
): Promise<Map<string, string>> {
  return new Map((await data.grids(ids)).map((g) => [g._id, g.name]));
}

/** Crypto-backed [0, 1) for codes people must not be able to guess. */
export const secureRandom = (): number => randomInt(0, 2 ** 32) / 2 ** 32;

/** Unique-key collisions surface as E11000 in the error message (errCode -502001). */
export function isDuplicateKey(e: unknown): boolean {
  return e instanceof Error && e.message.includes('E11000');
}
