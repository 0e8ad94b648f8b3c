import cloud from 'wx-server-sdk';
import { sweepSearchIndex } from '@gridguard/server/services/search-sweep';
import { initCloud, searchData } from '@gridguard/server/runtime';

initCloud(cloud);
const search = searchData(cloud.database());

/**
 * searchIndexSweep: every 10 minutes (offset from errandSweep), people and households whose search
 * keys are missing or made by an older scheme are re-indexed, in batches within the time budget;
 * whatever is left waits for the next run. Idempotent: every write is conditional.
 */
export async function main() {
  if (String(cloud.getWXContext().SOURCE ?? '').startsWith('wx_client')) {
    return { ok: false, code: 'FORBIDDEN', message: '该功能只由定时任务运行' };
  }
  return { ok: true, data: await sweepSearchIndex(search) };
}
