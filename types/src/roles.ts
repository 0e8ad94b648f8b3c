import * as v from 'valibot';

/** What a user may be in the grid; one person can hold several roles at once. */
export const ROLES = ['resident', 'member', 'leader', 'command'] as const;

export const RoleSchema = v.picklist(ROLES);
export type Role = v.InferOutput<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  member: '网格员',
  leader: '网格长',
  command: '指挥部',
};
