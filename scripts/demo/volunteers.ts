import { COLLECTIONS } from '@gridguard/types';
import type { Emulator } from '@gridguard/emulator';

/** 沙头社区's first branch, root first: where tests and benchmarks put their extra volunteers. */
export const SHATOU_BRANCH_PATH = ['g-jiujiang', 'g-shatou', 'g-shatou-b1'];

/** `count` local logins named 志愿者0…, with openids `${prefix}0`…. */
export function volunteerLogins(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    openid: `${prefix}${i}`,
    name: `志愿者${i}`,
    roleLabel: '志愿者',
  }));
}

/**
 * Makes these people volunteers of the first branch, as joining by invitation would: a membership
 * each, and with `registered` a user record too (whoami then reads their grid).
 */
export function enlistVolunteers(
  store: Emulator['store'],
  volunteers: readonly { openid: string; name: string }[],
  options: { party: boolean; registered?: boolean },
): void {
  const gridId = SHATOU_BRANCH_PATH[SHATOU_BRANCH_PATH.length - 1] as string;
  store.atomically(() => {
    for (const v of volunteers) {
      if (options.registered) {
        store.insert(COLLECTIONS.users, {
          _id: v.openid,
          openid: v.openid,
          name: v.name,
          roles: ['member'],
          gridId,
          gridPath: SHATOU_BRANCH_PATH,
          householdId: null,
          personId: null,
        });
      }
      store.insert(COLLECTIONS.memberships, {
        _id: `${gridId}:${v.openid}`,
        gridId,
        gridPath: SHATOU_BRANCH_PATH,
        openid: v.openid,
        name: v.name,
        kind: 'volunteer',
        party: options.party,
        phoneMasked: null,
        via: null,
        joinedAt: new Date(),
      });
    }
  });
}
