import cloud from 'wx-server-sdk';
import { registerActions } from '@gridguard/server/services/register';
import {
  contactData,
  createRouter,
  gridData,
  householdTagData,
  initCloud,
  loadActor,
  registerData,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/** register: households and people kept by grid staff, moving house, new door codes. */
export const main = createRouter(
  cloud,
  'register',
  registerActions(grids, registerData(db), contactData(db), householdTagData(db)),
  (caller) => loadActor(grids, caller.openid),
);
