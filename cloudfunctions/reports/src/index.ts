import cloud from 'wx-server-sdk';
import { reportActions } from '@gridguard/server/services/reports';
import {
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

/** reports: 一日一报 (one per person per China day; a repeat only updates), today and yesterday, not-reported lists. */
export const main = createRouter(
  cloud,
  'reports',
  reportActions(grids, healthData(db), (message) => sendSubscribe(cloud, message)),
  (caller) => loadActor(grids, caller.openid),
);
