import fs from 'node:fs';
import path from 'node:path';
import { COLLECTION_DECLARATIONS, COLLECTIONS } from '@gridguard/types';
import { FUNCTIONS_SRC } from '../../scripts/paths';
import { provision, type EnvironmentAdmin } from '../../scripts/provision/apply';
import { functionConfigs } from '../../scripts/provision/functions';
import { describePlan, planFor, STORAGE_RULE } from '../../scripts/provision/plan';

/** A CloudBase environment in memory, as the management library would see and change it. */
function environment(initial: Record<string, string[]> = {}) {
  const collections = new Map(Object.entries(initial).map(([k, v]) => [k, [...v]]));
  const calls: string[] = [];
  const permissions = new Map<string, string>();
  let storageRule: unknown = null;
  const admin: EnvironmentAdmin = {
    listCollections: () => Promise.resolve([...collections.keys()]),
    indexesOf: (c) => Promise.resolve([...(collections.get(c) ?? [])]),
    createCollection(c) {
      calls.push(`collection ${c}`);
      if (!collections.has(c)) collections.set(c, []);
      return Promise.resolve();
    },
    createIndexes(c, indexes) {
      for (const i of indexes) calls.push(`index ${c}.${i.name}${i.unique ? ' unique' : ''}`);
      collections.get(c)?.push(...indexes.map((i) => i.name));
      return Promise.resolve();
    },
    setCollectionPermission(c, p) {
      permissions.set(c, p);
      return Promise.resolve();
    },
    setStorageRule(rule) {
      storageRule = rule;
      return Promise.resolve();
    },
  };
  return { admin, calls, permissions, storage: () => storageRule, collections };
}

const declaredIndexes = COLLECTION_DECLARATIONS.reduce((n, c) => n + c.indexes.length, 0);

describe('the provisioning plan', () => {
  it('without credentials lists every declared collection, index (unique kept) and permission', () => {
    const plan = planFor(COLLECTION_DECLARATIONS, null, []);
    const collections = plan.steps.filter((s) => s.kind === 'collection');
    expect(collections.map((s) => s.name).sort()).toEqual(Object.values(COLLECTIONS).sort());
    expect(collections.every((s) => s.state === 'unknown')).toBe(true);
    const indexes = plan.steps.flatMap((s) => (s.kind === 'index' ? [s] : []));
    expect(indexes).toHaveLength(declaredIndexes);
    expect(
      indexes.filter((s) => s.index.unique).map((s) => `${s.collection}.${s.index.name}`),
    ).toEqual(['households.code_1', 'rentals.gridId_1_address_1', 'enterprises.gridId_1_name_1']);
    const permissions = plan.steps.flatMap((s) => (s.kind === 'permission' ? [s] : []));
    expect(permissions.map((s) => s.collection).sort()).toEqual(
      collections.map((s) => s.name).sort(),
    );
    expect(permissions.every((s) => s.permission === 'ADMINONLY')).toBe(true);
    expect(plan.steps.at(-1)).toEqual({ kind: 'storageRule', rule: STORAGE_RULE });
    expect(describePlan(plan, null)[0]).toContain('未提供凭据');
  });

  it('against an environment tells what exists from what will be created', () => {
    const existing = new Map([[COLLECTIONS.households, { indexes: ['gridPath_1'] }]]);
    const plan = planFor(COLLECTION_DECLARATIONS, existing, []);
    const state = (name: string) =>
      plan.steps.find((s) => s.kind === 'collection' && s.name === name);
    expect(state(COLLECTIONS.households)).toMatchObject({ state: 'exists' });
    expect(state(COLLECTIONS.users)).toMatchObject({ state: 'create' });
    const index = (name: string) =>
      plan.steps.find(
        (s) =>
          s.kind === 'index' && s.collection === COLLECTIONS.households && s.index.name === name,
      );
    expect(index('gridPath_1')).toMatchObject({ state: 'exists' });
    expect(index('code_1')).toMatchObject({ state: 'create' });
    expect(describePlan(plan, 'gg-prod-1a2b')[0]).toBe('云开发环境：gg-prod-1a2b');
  });

  it("carries every function's config.json: timeout, timer triggers, openapi permissions", () => {
    const folders = fs
      .readdirSync(FUNCTIONS_SRC)
      .filter((f) => fs.existsSync(path.join(FUNCTIONS_SRC, f, 'config.json')));
    const lines = describePlan(planFor([], null, functionConfigs(FUNCTIONS_SRC)), null);
    expect(lines.filter((l) => l.startsWith('云函数 '))).toHaveLength(folders.length);
    expect(lines.find((l) => l.startsWith('云函数 dailyReport'))).toContain(
      'evening 0 0 20 * * * *',
    );
  });
});

describe('provisioning an environment', () => {
  it('creates every collection and index on an empty one, and sets permissions and the storage rule', async () => {
    const env = environment();
    const done = await provision(env.admin, COLLECTION_DECLARATIONS, () => undefined);
    expect(done).toEqual({ collections: COLLECTION_DECLARATIONS.length, indexes: declaredIndexes });
    expect(env.calls).toContain('index households.code_1 unique');
    expect([...env.permissions.values()].every((p) => p === 'ADMINONLY')).toBe(true);
    expect(env.permissions.size).toBe(COLLECTION_DECLARATIONS.length);
    expect(env.storage()).toEqual(STORAGE_RULE);
  });

  it('run again, or on an environment that has part of it, creates only what is missing', async () => {
    const env = environment({ [COLLECTIONS.users]: ['gridId_1'], other: ['x_1'] });
    await provision(env.admin, COLLECTION_DECLARATIONS, () => undefined);
    // An index that exists is never asked for again (the platform would rebuild it).
    expect(env.calls).not.toContain('index users.gridId_1');
    expect(env.calls).not.toContain(`collection ${COLLECTIONS.users}`);
    env.calls.length = 0;
    const again = await provision(env.admin, COLLECTION_DECLARATIONS, () => undefined);
    expect(again).toEqual({ collections: 0, indexes: 0 });
    expect(env.calls).toEqual([]);
    // What the environment had besides is left alone.
    expect(env.collections.get('other')).toEqual(['x_1']);
  });
});
