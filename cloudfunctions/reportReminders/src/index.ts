import cloud from 'wx-server-sdk';
import { remindNotReported } from '@gridguard/server/services/reminders';
import { gridData, healthData, initCloud, sendSubscribe } from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);
const health = healthData(db);

/**
 * reportReminders: every day at 10:00 China time, reminds whoever under observation has not
 * reported: a subscribe message when they granted one, else a call on their member's list.
 */
export async function main() {
  if (String(cloud.getWXContext().SOURCE ?? '').startsWith('wx_client')) {
    return { ok: false, code: 'FORBIDDEN', message: '该功能只由定时任务运行' };
  }
  const data = await remindNotReported(grids, health, (m) => sendSubscribe(cloud, m), new Date());
  return { ok: true, data };
}
