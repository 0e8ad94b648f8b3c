import cloud from 'wx-server-sdk';
import { householdActions } from '@gridguard/server/services/households';
import { createRouter, gridData, initCloud, loadActor } from '@gridguard/server/runtime';

initCloud(cloud);
const data = gridData(cloud.database());

/** households: 住户：登记住户、凭门牌码加入、代家人登记. */
export const main = createRouter(cloud, 'households', householdActions(data), (caller) =>
  loadActor(data, caller.openid),
);
