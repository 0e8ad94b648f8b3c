import cloud from 'wx-server-sdk';
import { memberActions } from '@gridguard/server/services/members';
import { createRouter, gridData, initCloud, loadActor } from '@gridguard/server/runtime';

initCloud(cloud);
const data = gridData(cloud.database());

/** members: 成员：邀请码的生成、撤销，加入网格，移除成员. */
export const main = createRouter(cloud, 'members', memberActions(data), (caller) =>
  loadActor(data, caller.openid),
);
