import cloud from 'wx-server-sdk';
import { releaseDueObservations } from '@gridguard/server/services/release';
import { healthData, initCloud } from '@gridguard/server/runtime';

initCloud(cloud);
const health = healthData(cloud.database());

/**
 * observationSweep: every day at 00:30 China time, releases observations that ended with normal
 * reports. Idempotent, since the platform may run a timer more than once.
 */
export async function main() {
  if (String(cloud.getWXContext().SOURCE ?? '').startsWith('wx_client')) {
    return { ok: false, code: 'FORBIDDEN', message: '该功能只由定时任务运行' };
  }
  return { ok: true, data: await releaseDueObservations(health, new Date()) };
}
