import cloud from 'wx-server-sdk';
import { campaignActions } from '@gridguard/server/services/campaigns';
import {
  campaignData,
  createRouter,
  gridData,
  healthData,
  initCloud,
  loadActor,
  sendSubscribe,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/**
 * campaigns: 洗楼/排查 rounds under a node, assignments, visits (one outcome per target per
 * round, idempotent by client id), the revisit queue, findings and coverage rolled up the tree.
 */
export const main = createRouter(
  cloud,
  'campaigns',
  campaignActions(grids, campaignData(db), healthData(db), (message) =>
    sendSubscribe(cloud, message),
  ),
  (caller) => loadActor(grids, caller.openid),
);
