import cloud from 'wx-server-sdk';
import { householdActions } from '@gridguard/server/services/households';
import { joinRequestActions } from '@gridguard/server/services/join-requests';
import {
  codeAttempts,
  createRouter,
  gridData,
  initCloud,
  joinRequestData,
  loadActor,
  registerData,
  sendSubscribe,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const data = gridData(db);
const marks = registerData(db);

/** households: 住户：登记住户、凭门牌码申请加入（家人或网格长确认）、代家人登记. */
export const main = createRouter(
  cloud,
  'households',
  {
    ...householdActions(data, marks),
    ...joinRequestActions(data, joinRequestData(db), marks, codeAttempts(db), (message) =>
      sendSubscribe(cloud, message),
    ),
  },
  (caller) => loadActor(data, caller.openid),
);
