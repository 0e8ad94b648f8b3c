import cloud from 'wx-server-sdk';
import { reportActions } from '@gridguard/server/services';
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

/** reports: 一日一报：提交（每人每天一份，重复提交只更新）、今日与昨日、未报名单. */
export const main = createRouter(cloud, 'reports', reportActions(grids, healthData(db)), (caller) =>
  loadActor(grids, caller.openid),
);
