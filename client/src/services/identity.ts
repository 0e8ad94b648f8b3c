import {
  ROLE_LABELS,
  type FunctionResult,
  type GridRef,
  type Role,
  type WhoamiOutput,
} from '@gridguard/types';
import { platform, type DevLogin } from '../platform';

export type { DemoUser, DevLogin } from '../platform';

export type Identity = WhoamiOutput;
export type IdentityGrid = NonNullable<WhoamiOutput['grid']>;

/** Who the caller is, as the backend sees them (WeChat OPENID on weapp, the demo user on h5). */
export function fetchIdentity(): Promise<FunctionResult<Identity>> {
  return platform.callFunction('whoami', {});
}

/** The local-preview login, present only in the h5 build. */
export const devLogin: DevLogin | undefined = platform.devLogin;

export function roleLabels(roles: readonly Role[]): string[] {
  return roles.map((role) => ROLE_LABELS[role]);
}

/** Root-to-node names, e.g. 九江镇 › 沙头社区 › 第一经济社党支部 › 第三户联系党小组. */
export function gridPathNames(grid: IdentityGrid): string[] {
  const last: GridRef | undefined = grid.path[grid.path.length - 1];
  // `path` lists the ancestors; tolerate a backend that also appends the node itself.
  const chain = last?.id === grid.id ? grid.path : [...grid.path, grid];
  return chain.map((node) => node.name);
}

export const GRID_PATH_SEPARATOR = ' › ';
