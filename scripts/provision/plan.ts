import type { CollectionDeclaration, IndexDeclaration } from '@gridguard/types';

/**
 * What provisioning does to a CloudBase environment, worked out from the code's own declarations
 * (types/src/collections.ts and each function's config.json) and what the environment already has.
 * Plain data, so `--dry-run` prints it and tests check it without any cloud.
 */

/** Only the functions read and write the database; the client never touches it directly. */
export const COLLECTION_PERMISSION = 'ADMINONLY';

/** A phone may create files and never replace another's (resource.openid is the uploader). */
export const STORAGE_RULE = { read: 'auth != null', write: 'resource.openid == auth.openid' };

/** What the environment has, as far as it could be read; null when it was not (no credentials). */
export type Existing = ReadonlyMap<string, { indexes: readonly string[] }> | null;

export type Step =
  | { kind: 'collection'; name: string; state: 'create' | 'exists' | 'unknown' }
  | {
      kind: 'index';
      collection: string;
      index: IndexDeclaration;
      state: 'create' | 'exists' | 'unknown';
    }
  | { kind: 'permission'; collection: string; permission: typeof COLLECTION_PERMISSION }
  | { kind: 'storageRule'; rule: typeof STORAGE_RULE };

export interface FunctionConfig {
  name: string;
  timeout: number;
  triggers: { name: string; config: string }[];
  openapi: string[];
}

export interface Plan {
  steps: Step[];
  /** Uploaded from DevTools (上传并部署：云端安装依赖), which applies each config.json. */
  functions: FunctionConfig[];
}

export function planFor(
  declarations: readonly CollectionDeclaration[],
  existing: Existing,
  functions: readonly FunctionConfig[],
): Plan {
  const steps: Step[] = [];
  for (const { name, indexes } of declarations) {
    const has = existing?.get(name);
    const state = (found: boolean) => (existing === null ? 'unknown' : found ? 'exists' : 'create');
    steps.push({ kind: 'collection', name, state: state(has !== undefined) });
    for (const index of indexes) {
      steps.push({
        kind: 'index',
        collection: name,
        index,
        state: state(has?.indexes.includes(index.name) ?? false),
      });
    }
    // Set every time: a permission changed by hand in the console is put back.
    steps.push({ kind: 'permission', collection: name, permission: COLLECTION_PERMISSION });
  }
  steps.push({ kind: 'storageRule', rule: STORAGE_RULE });
  return { steps, functions: [...functions] };
}

/** The plan in Chinese, one line a step, for the deployer to read before anything is changed. */
export function describePlan(plan: Plan, envId: string | null): string[] {
  const mark = { create: '将创建', exists: '已存在', unknown: '待创建（未连接环境，无法确认）' };
  const lines = [envId ? `云开发环境：${envId}` : '未提供凭据：只列出声明，不读取环境'];
  for (const step of plan.steps) {
    if (step.kind === 'collection') lines.push(`集合 ${step.name}：${mark[step.state]}`);
    if (step.kind === 'index') {
      const fields = step.index.fields.map(([f, d]) => `${f} ${d === 1 ? '升序' : '降序'}`);
      const unique = step.index.unique ? '，唯一' : '';
      lines.push(`  索引 ${step.index.name}（${fields.join('，')}${unique}）：${mark[step.state]}`);
    }
    if (step.kind === 'permission') lines.push(`  权限：仅管理端可读写（${step.permission}）`);
    if (step.kind === 'storageRule')
      lines.push(`云存储安全规则：读 ${step.rule.read}；写 ${step.rule.write}`);
  }
  for (const f of plan.functions) {
    const triggers = f.triggers.map((t) => `${t.name} ${t.config}`).join('；') || '无定时触发器';
    const openapi = f.openapi.join('、') || '无';
    lines.push(`云函数 ${f.name}：超时 ${f.timeout} 秒，${triggers}，openapi 权限：${openapi}`);
  }
  return lines;
}
