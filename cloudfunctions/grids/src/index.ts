import cloud from 'wx-server-sdk';
import { gridActions } from '@gridguard/server/services/grids';
import { todoActions } from '@gridguard/server/services/todos';
import {
  createRouter,
  errandData,
  gridData,
  healthData,
  initCloud,
  joinRequestData,
  loadActor,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const data = gridData(db);

/** grids: 网格树：浏览、详情、新建、重命名、移动、删除、网格下的住户；今日待办. */
export const main = createRouter(
  cloud,
  'grids',
  {
    ...gridActions(data),
    ...todoActions(data, healthData(db), errandData(db), joinRequestData(db)),
  },
  (caller) => loadActor(data, caller.openid),
);
