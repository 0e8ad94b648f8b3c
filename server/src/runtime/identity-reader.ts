import { COLLECTIONS } from '@gridguard/types';
import type { GridRecord, IdentityReader, UserRecord } from '../domain/identity';
import { fetchDocs, type CloudDatabase } from './cloud';

/** IdentityReader on the cloud database: one read for the user, one for any set of grids. */
export function identityReader(db: CloudDatabase): IdentityReader {
  return {
    async findUser(openid) {
      const [user] = await fetchDocs<UserRecord>(
        db.collection(COLLECTIONS.users).where({ _id: openid }).limit(1),
      );
      return user ?? null;
    },
    async findGrids(ids) {
      if (ids.length === 0) return [];
      const query = db
        .collection(COLLECTIONS.grids)
        .where({ _id: db.command.in([...ids]) })
        .limit(ids.length);
      return fetchDocs<GridRecord>(query);
    },
  };
}
