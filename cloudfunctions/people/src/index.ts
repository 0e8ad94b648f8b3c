import cloud from 'wx-server-sdk';
import { peopleActions } from '@gridguard/server/services/people';
import { createRouter, gridData, initCloud, loadActor } from '@gridguard/server/runtime';

initCloud(cloud);
const data = gridData(cloud.database());

/** people: 居民信息：查看完整身份证号或手机号（留痕）. */
export const main = createRouter(cloud, 'people', peopleActions(data), (caller) =>
  loadActor(data, caller.openid),
);
