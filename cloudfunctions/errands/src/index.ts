import cloud from 'wx-server-sdk';
import { errandActions } from '@gridguard/server/services/errands';
import { errandPhotoActions } from '@gridguard/server/services/errand-photos';
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
const errands = errandData(db);

/**
 * errands: 跑腿代购 — request, pool, 抢单 (exactly one winner), steps with their photos (named by the server), contact while claimed, and
 * 跑腿设置 (the command centre's limits).
 */
export const main = createRouter(
  cloud,
  'errands',
  {
    ...errandActions(grids, errands, (message) => sendSubscribe(cloud, message)),
    ...errandPhotoActions(errands),
  },
  (caller) => loadActor(grids, caller.openid),
);
