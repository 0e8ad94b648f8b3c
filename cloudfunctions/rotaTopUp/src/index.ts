import cloud from 'wx-server-sdk';
import { topUpRotas } from '@gridguard/server/services/checkpoint-rota';
import { initCloud, rotaData } from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const rota = rotaData(db);

/**
 * rotaTopUp: hourly (the first run after China midnight does the day's work; later runs catch
 * sites that one missed), each open 卡口's shifts are made for the days that came into the rota's
 * window, so nobody has to open the rota for a new day to exist.
 */
export async function main() {
  if (String(cloud.getWXContext().SOURCE ?? '').startsWith('wx_client')) {
    return { ok: false, code: 'FORBIDDEN', message: '该功能只由定时任务运行' };
  }
  return { ok: true, data: await topUpRotas(rota, new Date()) };
}
