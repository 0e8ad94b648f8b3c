import type { GridRef, Role, WhoamiOutput } from '@gridguard/types';

export interface UserRecord {
  _id: string;
  name: string;
  roles: Role[];
  gridId: string | null;
}

export interface GridRecord {
  _id: string;
  name: string;
  levelName: string;
  /** Ancestor ids from the root down, not including the node itself. */
  ancestors: string[];
}

/** What describing a caller needs to read; the runtime implements it on the cloud database. */
export interface IdentityReader {
  findUser(openid: string): Promise<UserRecord | null>;
  findGrids(ids: readonly string[]): Promise<GridRecord[]>;
}

/** Who the caller is in GridGuard: roles and their grid with its path from the root. */
export async function describeCaller(
  reader: IdentityReader,
  openid: string,
): Promise<WhoamiOutput> {
  const user = await reader.findUser(openid);
  if (!user) return { openid, registered: false, name: null, roles: [], grid: null };
  if (!user.gridId)
    return { openid, registered: true, name: user.name, roles: user.roles, grid: null };

  const [own] = await reader.findGrids([user.gridId]);
  if (!own) return { openid, registered: true, name: user.name, roles: user.roles, grid: null };
  const ancestors = await reader.findGrids(own.ancestors);
  const byId = new Map(ancestors.map((g) => [g._id, g]));
  const path: GridRef[] = own.ancestors
    .map((id) => byId.get(id))
    .filter((g): g is GridRecord => g !== undefined)
    .map(toRef);
  return {
    openid,
    registered: true,
    name: user.name,
    roles: user.roles,
    grid: { ...toRef(own), path: [...path, toRef(own)] },
  };
}

const toRef = (g: GridRecord): GridRef => ({ id: g._id, name: g.name, levelName: g.levelName });
