import { randomInt } from 'node:crypto';
import type { TemplateName } from '@gridguard/types';
import { AppError } from '../domain/errors';
import {
  may,
  mayAnywhere,
  personTarget,
  type Actor,
  type Permission,
  type Target,
} from '../domain/policy';
import type { GridDoc, PersonDoc } from '../domain/records';
import { pathOf } from '../domain/tree';
import type { GridData } from '../runtime/data';
import type { ActionContext } from '../runtime/router';

export function authorise(actor: Actor, permission: Permission, target: Target): void {
  if (!may(actor, permission, target)) throw new AppError('FORBIDDEN');
}

/** Refuses, before anything is looked up, a caller who could not hold the permission anywhere. */
export function authoriseAnywhere(actor: Actor, permission: Permission, message?: string): void {
  if (!mayAnywhere(actor, permission)) throw new AppError('FORBIDDEN', message);
}

/**
 * The record, if the caller may act on it. A missing record is refused exactly like one out of
 * scope, so nobody learns what exists beyond their reach; only the command centre, who may see
 * everything, is told that it is missing.
 */
export function inScope<T>(
  actor: Actor,
  record: T | null,
  allowed: (record: T) => boolean,
  missing: string,
  refusal?: string,
): T {
  if (record !== null && allowed(record)) return record;
  if (record === null && actor.command) throw new AppError('NOT_FOUND', missing);
  throw new AppError('FORBIDDEN', refusal);
}

/**
 * Authorise, then look up: a caller who holds the permission nowhere is refused before the read,
 * and a missing record answers like one out of scope (see `inScope`).
 */
export async function findInScope<T>(
  actor: Actor,
  permission: Permission,
  lookup: () => Promise<T | null>,
  targetOf: (record: T) => Target,
  missing: string,
): Promise<T> {
  authoriseAnywhere(actor, permission);
  return inScope(actor, await lookup(), (r) => may(actor, permission, targetOf(r)), missing);
}

/** A grid node the caller holds the permission on (see `findInScope`). */
export function gridInScope(
  data: GridData,
  actor: Actor,
  permission: Permission,
  gridId: string,
): Promise<GridDoc> {
  return findInScope(
    actor,
    permission,
    () => data.grid(gridId),
    (g) => ({ gridPath: pathOf(g) }),
    '该网格不存在或已被删除',
  );
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

export { isDuplicateKey } from '../runtime/cloud';

/** Sends one subscribe message; the runtime implements it on cloud.openapi. */
export type Notify = (message: {
  touser: string;
  template: TemplateName;
  page: string;
  data: Record<string, string>;
}) => Promise<'sent' | 'noCredit' | 'failed'>;

export const short = (text: string, max: number) =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;

/** The person, if the caller may act for them: themselves, family by proxy, or a member in scope. */
export async function personFor(
  grids: GridData,
  personId: string,
  ctx: ActionContext,
): Promise<PersonDoc> {
  return findInScope(
    await ctx.actor(),
    'household.proxy',
    () => grids.person(personId),
    personTarget,
    '该居民不存在',
  );
}
