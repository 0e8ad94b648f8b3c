import cloud from 'wx-server-sdk';
import { remindShifts } from '@gridguard/server/services/checkpoint-rota';
import { initCloud, rotaData, sendSubscribe } from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const rota = rotaData(db);

/**
 * shiftReminders: every 10 minutes, the crew of 卡口 shifts starting within the next two hours get
 * one subscribe message each (within the credit they granted); never twice for one shift.
 */
export async function main() {
  if (String(cloud.getWXContext().SOURCE ?? '').startsWith('wx_client')) {
    return { ok: false, code: 'FORBIDDEN', message: '该功能只由定时任务运行' };
  }
  return { ok: true, data: await remindShifts(rota, (m) => sendSubscribe(cloud, m), new Date()) };
}
