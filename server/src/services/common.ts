import { randomInt } from 'node:crypto';
import type { TemplateName } from '@gridguard/types';
import { AppError } from '../domain/errors';
import { may, type Actor, type Permission, type Target } from '../domain/policy';
import type { GridDoc, PersonDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { ActionContext } from '../runtime/router';

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
  const [actor, person] = await Promise.all([ctx.actor(), grids.person(personId)]);
  if (!person) throw new AppError('NOT_FOUND', '该居民不存在');
  authorise(actor, 'household.proxy', {
    gridPath: person.gridPath,
    householdId: person.householdId,
  });
  return person;
}
