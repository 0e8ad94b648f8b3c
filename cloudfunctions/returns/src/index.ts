import cloud from 'wx-server-sdk';
import { returnActions } from '@gridguard/server/services/returns';
import { observationManageActions } from '@gridguard/server/services/observation-manage';
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
const health = healthData(db);

/** returns: 返乡登记：申报、自动分类、网格长调整分类、关爱协管员、解除异常、延长观察、提前解除、观察状态. */
export const main = createRouter(
  cloud,
  'returns',
  { ...returnActions(grids, health), ...observationManageActions(grids, health) },
  (caller) => loadActor(grids, caller.openid),
);
