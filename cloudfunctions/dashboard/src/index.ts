import cloud from 'wx-server-sdk';
import { buildReportWorkbook } from '@gridguard/server/excel';
import { dashboardActions } from '@gridguard/server/services/dashboard';
import {
  cloudFiles,
  createRouter,
  dailyData,
  gridData,
  initCloud,
  loadActor,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);
const kit = { files: cloudFiles(cloud), buildWorkbook: buildReportWorkbook };

/** dashboard: 日报看板：节点数据、下级明细、14日趋势、异常名单、立即生成、导出 Excel. */
export const main = createRouter(
  cloud,
  'dashboard',
  dashboardActions(grids, dailyData(db), kit),
  (caller) => loadActor(grids, caller.openid),
);
