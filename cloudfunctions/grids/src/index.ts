import cloud from 'wx-server-sdk';
import { gridActions } from '@gridguard/server/services/grids';
import { createRouter, gridData, initCloud, loadActor } from '@gridguard/server/runtime';

initCloud(cloud);
const data = gridData(cloud.database());

/** grids: 网格树：浏览、详情、新建、重命名、移动、删除、网格下的住户. */
export const main = createRouter(cloud, 'grids', gridActions(data), (caller) =>
  loadActor(data, caller.openid),
);
