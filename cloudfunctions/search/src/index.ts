import cloud from 'wx-server-sdk';
import { searchActions } from '@gridguard/server/services/search';
import {
  createRouter,
  gridData,
  initCloud,
  loadActor,
  searchData,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/** search: people, households and nodes in the caller's scope, masked as in every list. */
export const main = createRouter(cloud, 'search', searchActions(grids, searchData(db)), (caller) =>
  loadActor(grids, caller.openid),
);
