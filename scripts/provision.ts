import { randomInt } from 'node:crypto';
import CloudBase from '@cloudbase/manager-node';
import { newCode } from '@gridguard/server/domain';
import { COLLECTION_DECLARATIONS, SETUP_CODE_LENGTH } from '@gridguard/types';
import { provision, readExisting, type EnvironmentAdmin } from './provision/apply';
import { FUNCTIONS_SRC } from './paths';
import { functionConfigs } from './provision/functions';
import { describePlan, planFor } from './provision/plan';

/**
 * `npm run provision [-- --dry-run]`: creates a CloudBase environment's collections, indexes and
 * permissions from the code's declarations. Credentials come only from the environment
 * (TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, optional TENCENTCLOUD_SESSIONTOKEN, and
 * GRIDGUARD_ENV_ID); they are never written anywhere or printed.
 */
function managerAdmin(manager: CloudBase): EnvironmentAdmin {
  return {
    async listCollections() {
      const names: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await manager.database.listCollections({ MgoOffset: offset, MgoLimit: 100 });
        const batch = (page.Collections ?? []).map((c) => c.CollectionName);
        names.push(...batch);
        if (batch.length < 100) return names;
      }
    },
    async indexesOf(collection) {
      const info = await manager.database.describeCollection(collection);
      return (info.Indexes ?? []).map((i) => i.Name);
    },
    async createCollection(collection) {
      await manager.database.createCollectionIfNotExists(collection);
    },
    async createIndexes(collection, indexes) {
      await manager.database.updateCollection(collection, {
        CreateIndexes: indexes.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIndexKeys: i.fields.map(([field, direction]) => ({
              Name: field,
              Direction: String(direction),
            })),
            MgoIsUnique: i.unique,
          },
        })),
      });
    },
    async setCollectionPermission(collection, permission) {
      await manager.permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: collection,
        permission,
      });
    },
    async setStorageRule(rule) {
      await manager.storage.setStorageAcl('CUSTOM', rule);
    },
  };
}

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const secretId = process.env['TENCENTCLOUD_SECRETID'];
  const secretKey = process.env['TENCENTCLOUD_SECRETKEY'];
  const envId = process.env['GRIDGUARD_ENV_ID'];
  const token = process.env['TENCENTCLOUD_SESSIONTOKEN'];
  const connected = Boolean(secretId && secretKey && envId);
  if (!connected && !dryRun) {
    console.error(
      '缺少凭据：请设置环境变量 TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY 与 GRIDGUARD_ENV_ID（不会被保存或打印），或加 --dry-run 只查看计划。',
    );
    process.exit(2);
  }
  const admin = connected
    ? managerAdmin(
        new CloudBase({
          secretId: secretId ?? '',
          secretKey: secretKey ?? '',
          envId: envId ?? '',
          ...(token && { token }),
        }),
      )
    : null;
  const existing = admin ? await readExisting(admin, COLLECTION_DECLARATIONS) : null;
  const plan = planFor(COLLECTION_DECLARATIONS, existing, functionConfigs(FUNCTIONS_SRC));
  for (const line of describePlan(plan, connected ? (envId ?? null) : null)) console.log(line);
  if (dryRun || !admin) return;
  // Only its digest is ever stored: this line is the one place the code is shown.
  const code = newCode(SETUP_CODE_LENGTH, () => randomInt(0, 2 ** 32) / 2 ** 32);
  const done = await provision(admin, COLLECTION_DECLARATIONS, (line) => console.log(line));
  console.log(`完成：新建集合 ${done.collections} 个，新建索引 ${done.indexes} 个。`);
  console.log(
    `部署码：${code}。上传云函数 setup 后，在云开发控制台 → 云函数 → setup → 配置 → 环境变量添加 GRIDGUARD_SETUP_CODE=${code}；第一个在小程序「初始化」页输入它的人成为指挥部，用后即作废。`,
  );
}

main().catch((e: unknown) => {
  // The message only: a request's details could carry the signed headers.
  console.error('开通失败：', e instanceof Error ? e.message : String(e));
  process.exit(1);
});
