import cloud from 'wx-server-sdk';
import { targetActions } from '@gridguard/server/services/targets';
import {
  createRouter,
  gridData,
  initCloud,
  loadActor,
  targetData,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/** targets: 出租屋 (landlord, tenants, lease dates) and 企业 (负责人, workforce, 复工) on leaf nodes. */
export const main = createRouter(cloud, 'targets', targetActions(grids, targetData(db)), (caller) =>
  loadActor(grids, caller.openid),
);
