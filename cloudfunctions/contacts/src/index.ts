import cloud from 'wx-server-sdk';
import { contactActions } from '@gridguard/server/services/contacts';
import {
  contactData,
  createRouter,
  gridData,
  healthData,
  initCloud,
  loadActor,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/** contacts: 户联系（指定联系党员、我联系的住户）与关爱协管员（可选队伍、我照看的居家观察对象）. */
export const main = createRouter(
  cloud,
  'contacts',
  contactActions(grids, contactData(db), healthData(db)),
  (caller) => loadActor(grids, caller.openid),
);
