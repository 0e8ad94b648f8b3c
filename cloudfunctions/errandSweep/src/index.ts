import cloud from 'wx-server-sdk';
import { sweepErrands } from '@gridguard/server/services/errand-sweep';
import { errandData, gridData, initCloud } from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);
const errands = errandData(db);

/**
 * errandSweep: every 10 minutes, claims left longer than the configured timeout (跑腿设置) go back
 * to the pool and deliveries left unconfirmed for 24 h are confirmed. Idempotent: every change is a conditional update.
 */
export async function main() {
  if (String(cloud.getWXContext().SOURCE ?? '').startsWith('wx_client')) {
    return { ok: false, code: 'FORBIDDEN', message: '该功能只由定时任务运行' };
  }
  return { ok: true, data: await sweepErrands(grids, errands, new Date()) };
}
