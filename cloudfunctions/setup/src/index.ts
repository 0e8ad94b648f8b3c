import cloud from 'wx-server-sdk';
import { setupActions } from '@gridguard/server/services/setup';
import {
  codeAttempts,
  createRouter,
  gridData,
  initCloud,
  loadActor,
  setupData,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/** setup: 初始化 (the one-time setup code makes the first 指挥部) and the grid's level names. */
export const main = createRouter(
  cloud,
  'setup',
  setupActions(grids, setupData(db), codeAttempts(db), process.env['GRIDGUARD_SETUP_CODE']),
  (caller) => loadActor(grids, caller.openid),
);
