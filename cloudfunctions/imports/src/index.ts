import cloud from 'wx-server-sdk';
import { importActions } from '@gridguard/server/services/imports';
import {
  cloudFiles,
  createRouter,
  gridData,
  importData,
  initCloud,
  loadActor,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/** imports: 导入登记表：模板、上传校验预览、分批导入（可续传）、导出登记表. */
export const main = createRouter(
  cloud,
  'imports',
  importActions(grids, importData(db), cloudFiles(cloud)),
  (caller) => loadActor(grids, caller.openid),
);
