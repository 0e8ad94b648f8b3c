import cloud from 'wx-server-sdk';
import { errandActions } from '@gridguard/server/services/errands';
import {
  createRouter,
  errandData,
  gridData,
  initCloud,
  loadActor,
  sendSubscribe,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/**
 * errands: 跑腿代购 — request, pool, 抢单 (exactly one winner), steps, contact while claimed, and
 * 跑腿设置 (the command centre's limits).
 */
export const main = createRouter(
  cloud,
  'errands',
  errandActions(grids, errandData(db), (message) => sendSubscribe(cloud, message)),
  (caller) => loadActor(grids, caller.openid),
);
