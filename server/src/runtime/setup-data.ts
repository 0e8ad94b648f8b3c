import {
  COLLECTIONS,
  type ClassificationRules,
  type FeverClinic,
  type LevelTemplate,
} from '@gridguard/types';
import type { GridDoc, MembershipDoc, UserDoc } from '../domain/records';
import type { DeploymentDoc, SetupDoc } from '../domain/setup';
import { fetchDocs, isDuplicateKey, updatedOne, type CloudDatabase } from './cloud';

/** settings/feverClinics: the 发热门诊, and who changed them last. */
export interface StoredClinics {
  clinics: FeverClinic[];
  updatedAt?: Date;
  updatedBy?: { openid: string; name: string };
}

/** settings/classification: the rules, and who changed them last (absent on seeded data). */
export interface StoredRules extends ClassificationRules {
  updatedAt?: Date;
  updatedBy?: { openid: string; name: string };
}

/**
 * The first run's reads and writes. Burning the code is one conditional update of settings/setup
 * (or, when the code came from the function's environment, creating that document): of any number
 * of people entering it at once exactly one succeeds.
 */
export function setupData(db: CloudDatabase) {
  const settings = () => db.collection(COLLECTIONS.settings);
  const grids = () => db.collection(COLLECTIONS.grids);
  const _ = db.command;

  return {
    /** settings/setup, settings/deployment and whether a root exists, read together. */
    async state() {
      const [setup, deployment, roots] = await Promise.all([
        fetchDocs<SetupDoc>(settings().where({ _id: 'setup' }).limit(1)),
        fetchDocs<DeploymentDoc>(settings().where({ _id: 'deployment' }).limit(1)),
        fetchDocs<Pick<GridDoc, '_id'>>(
          grids().where({ parentId: null }).field({ _id: true }).limit(1),
        ),
      ]);
      return {
        setup: setup[0] ?? null,
        deployment: deployment[0] ?? null,
        hasRoot: roots.length > 0,
      };
    },
    /** Marks the code used; false when someone else used it first. */
    async burn(existing: SetupDoc | null, by: { openid: string; name: string }, at: Date) {
      if (existing) {
        return updatedOne(
          await settings()
            .where({ _id: 'setup', usedAt: null })
            .update({ data: { usedAt: at, usedBy: _.set(by), codeDigest: null } }),
        );
      }
      try {
        await settings().add({ data: { _id: 'setup', codeDigest: null, usedAt: at, usedBy: by } });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    /** Creates the root; false when an earlier attempt already did. */
    async addRoot(root: GridDoc): Promise<boolean> {
      try {
        await grids().add({ data: root });
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
    saveLevels: (template: LevelTemplate | null, levels: readonly string[]) =>
      settings()
        .doc('deployment')
        .set({ data: { template, levels: [...levels] } }),
    /** Whether any node sits at this depth or deeper (a level in use cannot be dropped). */
    deepest: async (depth: number) =>
      (
        await fetchDocs<Pick<GridDoc, '_id'>>(
          grids()
            .where({ depth: _.gte(depth) })
            .field({ _id: true })
            .limit(1),
        )
      ).length > 0,
    /** Existing nodes take the new name of their level: one update per level. */
    renameLevels: (levels: readonly string[]) =>
      Promise.all(
        levels.map((levelName, depth) => grids().where({ depth }).update({ data: { levelName } })),
      ),
    /** Makes the user the command centre, keeping whatever else they are. */
    makeCommand: (user: UserDoc) => {
      const { _id, ...rest } = user;
      return db
        .collection(COLLECTIONS.users)
        .doc(_id)
        .set({ data: { ...rest, command: true } });
    },
    /** settings/classification as stored, or null before anyone set it. */
    rules: async () =>
      (await fetchDocs<StoredRules>(settings().where({ _id: 'classification' }).limit(1)))[0] ??
      null,
    /** Replaces the rules whole (set() creates the document the first time). */
    saveRules: (rules: ClassificationRules, by: { openid: string; name: string }, at: Date) =>
      settings()
        .doc('classification')
        .set({ data: { ...rules, updatedAt: at, updatedBy: by } }),
    /** settings/feverClinics as stored, or null before anyone set them. */
    clinics: async () =>
      (await fetchDocs<StoredClinics>(settings().where({ _id: 'feverClinics' }).limit(1)))[0] ??
      null,
    /** Replaces the list whole (set() creates the document the first time). */
    saveClinics: (clinics: FeverClinic[], by: { openid: string; name: string }, at: Date) =>
      settings()
        .doc('feverClinics')
        .set({ data: { clinics, updatedAt: at, updatedBy: by } }),
    /** Who is 指挥部: a handful of people, found by the index on `command`. */
    commanders: () =>
      fetchDocs<UserDoc>(
        db
          .collection(COLLECTIONS.users)
          .where({ command: true })
          .field({ _id: true, name: true })
          .limit(100),
      ),
    /** Confirmed memberships of a person on a top node: who may be made 指挥部. */
    topMemberships: (openid: string) =>
      fetchDocs<MembershipDoc>(
        db
          .collection(COLLECTIONS.memberships)
          .where({ openid, gridPath: _.size(1), pending: _.neq(true) })
          .limit(10),
      ),
    setCommand: (openid: string, command: boolean, roles: readonly string[]) =>
      db
        .collection(COLLECTIONS.users)
        .doc(openid)
        .update({ data: { command, roles: [...roles] } }),
  };
}

export type SetupData = ReturnType<typeof setupData>;
