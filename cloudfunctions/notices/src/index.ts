import cloud from 'wx-server-sdk';
import { noticeActions } from '@gridguard/server/services/notices';
import {
  createRouter,
  gridData,
  initCloud,
  loadActor,
  noticeData,
  sendSubscribe,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/**
 * notices: 通知公告 — drafts, publishing to a node's subtree and withdrawal; each reader's
 * notices of their nodes and above, their receipt on first open; reach by household (read, or
 * told at the door or by phone) per node, and the households not reached yet.
 */
export const main = createRouter(
  cloud,
  'notices',
  noticeActions(grids, noticeData(db), (message) => sendSubscribe(cloud, message)),
  (caller) => loadActor(grids, caller.openid),
);
