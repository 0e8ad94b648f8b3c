import cloud from 'wx-server-sdk';
import { WhoamiInputSchema } from '@gridguard/types';
import { describeCaller } from '@gridguard/server/domain';
import { createHandler, identityReader, initCloud } from '@gridguard/server/runtime';

initCloud(cloud);
const reader = identityReader(cloud.database());

/** whoami: the caller's OPENID, roles and grid, read from the database. */
export const main = createHandler(cloud, {
  schema: WhoamiInputSchema,
  run: (_input, caller) => describeCaller(reader, caller.openid),
});
