import type { CollectionDeclaration } from '@gridguard/types';
import { COLLECTION_PERMISSION, STORAGE_RULE, type Existing } from './plan';

/**
 * The part of the platform's management library provisioning uses (`@cloudbase/manager-node`'s
 * database, permission and storage services), so the steps can run against a stand-in in tests.
 */
export interface EnvironmentAdmin {
  listCollections(): Promise<string[]>;
  indexesOf(collection: string): Promise<string[]>;
  createCollection(collection: string): Promise<void>;
  createIndexes(
    collection: string,
    indexes: { name: string; fields: readonly (readonly [string, 1 | -1])[]; unique: boolean }[],
  ): Promise<void>;
  setCollectionPermission(
    collection: string,
    permission: typeof COLLECTION_PERMISSION,
  ): Promise<void>;
  setStorageRule(rule: typeof STORAGE_RULE): Promise<void>;
}

/** What the environment has: its collections and their index names. */
export async function readExisting(
  admin: EnvironmentAdmin,
  declarations: readonly CollectionDeclaration[],
): Promise<Existing> {
  const names = new Set(await admin.listCollections());
  const out = new Map<string, { indexes: string[] }>();
  for (const { name } of declarations) {
    if (names.has(name)) out.set(name, { indexes: await admin.indexesOf(name) });
  }
  return out;
}

/**
 * Creates what is missing and sets permissions; never drops or recreates anything (the platform
 * rebuilds an index it is asked to create again), so running it twice changes nothing more.
 */
export async function provision(
  admin: EnvironmentAdmin,
  declarations: readonly CollectionDeclaration[],
  log: (line: string) => void,
): Promise<{ collections: number; indexes: number }> {
  const existing = await readExisting(admin, declarations);
  let collections = 0;
  let indexes = 0;
  for (const { name, indexes: declared } of declarations) {
    const has = existing?.get(name);
    if (!has) {
      await admin.createCollection(name);
      collections += 1;
      log(`已创建集合 ${name}`);
    }
    const missing = declared.filter((i) => !(has?.indexes ?? []).includes(i.name));
    if (missing.length > 0) {
      await admin.createIndexes(
        name,
        missing.map((i) => ({ name: i.name, fields: i.fields, unique: i.unique === true })),
      );
      indexes += missing.length;
      log(`已为 ${name} 创建索引 ${missing.map((i) => i.name).join('、')}`);
    }
    await admin.setCollectionPermission(name, COLLECTION_PERMISSION);
  }
  await admin.setStorageRule(STORAGE_RULE);
  log('已设置集合权限（仅管理端可读写）与云存储安全规则');
  return { collections, indexes };
}
