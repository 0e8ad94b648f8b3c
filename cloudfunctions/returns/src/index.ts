import cloud from 'wx-server-sdk';
import { returnActions } from '@gridguard/server/services/returns';
import {
  createRouter,
  gridData,
  healthData,
  initCloud,
  loadActor,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/** returns: 返乡登记：申报、自动分类、网格长调整分类、观察状态. */
export const main = createRouter(cloud, 'returns', returnActions(grids, healthData(db)), (caller) =>
  loadActor(grids, caller.openid),
);
