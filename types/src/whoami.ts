import * as v from 'valibot';
import { RoleSchema } from './roles';

/** whoami takes no input; extra keys (such as the injected userInfo) are ignored. */
export const WhoamiInputSchema = v.object({});
export type WhoamiInput = v.InferOutput<typeof WhoamiInputSchema>;

export const GridRefSchema = v.object({
  id: v.string(),
  name: v.string(),
  levelName: v.string(),
});
export type GridRef = v.InferOutput<typeof GridRefSchema>;

export const WhoamiOutputSchema = v.object({
  openid: v.string(),
  /** False for a WeChat user who has not joined any grid yet. */
  registered: v.boolean(),
  name: v.nullable(v.string()),
  /** The caller's own person record in their household, when they have joined one. */
  personId: v.nullable(v.string()),
  roles: v.array(RoleSchema),
  /** The caller's own grid node, with its ancestors from the root down in `path`. */
  grid: v.nullable(
    v.object({
      ...GridRefSchema.entries,
      path: v.array(GridRefSchema),
    }),
  ),
});
export type WhoamiOutput = v.InferOutput<typeof WhoamiOutputSchema>;
