import type { GridRef, Role, WhoamiOutput } from '@gridguard/types';

export interface UserRecord {
  _id: string;
  name: string;
  roles: Role[];
  gridId: string | null;
  /**
   * The user's grid and its ancestors, root first, ending with gridId: a materialised path, so a
   * subtree's people are one indexed query away and the caller's path is one read.
   */
  gridPath: string[];
  personId?: string | null;
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
  if (!user)
    return { openid, registered: false, name: null, personId: null, roles: [], grid: null };
  const registered = {
    openid,
    registered: true,
    name: user.name,
    personId: user.personId ?? null,
    roles: user.roles,
  };
  if (!user.gridId || user.gridPath.length === 0) return { ...registered, grid: null };

  const grids = new Map((await reader.findGrids(user.gridPath)).map((g) => [g._id, g]));
  const own = grids.get(user.gridId);
  if (!own) return { ...registered, grid: null };
  const path = user.gridPath
    .map((id) => grids.get(id))
    .filter((g): g is GridRecord => g !== undefined)
    .map(toRef);
  return { ...registered, grid: { ...toRef(own), path } };
}

const toRef = (g: GridRecord): GridRef => ({ id: g._id, name: g.name, levelName: g.levelName });
