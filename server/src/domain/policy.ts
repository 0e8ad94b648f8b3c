import type { MemberKind } from '@gridguard/types';

/** The caller as the access rules see them, loaded once per invocation. */
export interface Actor {
  openid: string;
  name: string;
  /** The command centre (镇指挥部) may do everything. */
  command: boolean;
  memberships: readonly {
    gridId: string;
    kind: MemberKind;
    name?: string;
    party?: boolean;
    /** Joined by an invite code, not yet confirmed by a leader: read-only until then. */
    pending?: boolean;
  }[];
  householdId: string | null;
}

/** Where a record sits: its grid path from the root down, ending with its own node. */
export interface Target {
  gridPath: readonly string[];
  householdId?: string;
}

export type Permission =
  /** See a node, its children, counts and team. */
  | 'grid.read'
  /** Create children under it, rename it. */
  | 'grid.manage'
  /** Move or delete it: only from above, never one's own node. */
  | 'grid.restructure'
  /** Invite, revoke, remove members. */
  | 'members.manage'
  /** See households and their people (masked). */
  | 'households.read'
  | 'households.manage'
  /** Register family members and the elderly on their behalf. */
  | 'household.proxy'
  /** Admit someone who asked to join by the door code: the household itself, or a leader. */
  | 'household.admit'
  | 'person.revealPhone'
  | 'person.revealIdNumber'
  /** Override a classification, extend or end an observation: leaders only. */
  | 'observation.manage'
  /** Claim and run errands: the team of the household's nodes. */
  | 'errands.serve';

/**
 * The one answer to "may this caller do this here": the command centre everywhere; a leader in the
 * subtree of their node; a member in the subtree of the nodes they belong to (read, and phones to
 * call); a resident in their own household.
 */
export function may(actor: Actor, permission: Permission, target: Target): boolean {
  if (actor.command) return true;
  // An invite code only lets someone look (masked): acting, and any full number, wait for a leader.
  const looksOnly = permission === 'grid.read' || permission === 'households.read';
  const counted = actor.memberships.filter((m) => looksOnly || m.pending !== true);
  const leads = counted.filter((m) => m.kind === 'leader').map((m) => m.gridId);
  const serves = counted.filter((m) => m.kind !== 'leader').map((m) => m.gridId);
  const path = target.gridPath;
  const ownNode = path[path.length - 1];
  const underLeader = leads.some((id) => path.includes(id));
  const strictlyUnderLeader = leads.some((id) => path.includes(id) && id !== ownNode);
  const underMember = serves.some((id) => path.includes(id));
  const ownHousehold = target.householdId !== undefined && target.householdId === actor.householdId;

  switch (permission) {
    case 'errands.serve':
      return underLeader || underMember;
    case 'grid.read':
    case 'households.read':
    case 'person.revealPhone':
      return underLeader || underMember || (permission === 'person.revealPhone' && ownHousehold);
    case 'grid.manage':
    case 'members.manage':
    case 'households.manage':
    case 'observation.manage':
    case 'person.revealIdNumber':
      return underLeader || (permission === 'person.revealIdNumber' && ownHousehold);
    case 'grid.restructure':
      return strictlyUnderLeader;
    case 'household.proxy':
      return ownHousehold || underLeader || underMember;
    case 'household.admit':
      return ownHousehold || underLeader;
  }
}

/** The nodes a non-command caller starts browsing from: theirs, minus those inside another. */
export function browseRoots(
  actor: Actor,
  pathOf: ReadonlyMap<string, readonly string[]>,
): string[] {
  const ids = [...new Set(actor.memberships.map((m) => m.gridId))].filter((id) => pathOf.has(id));
  return ids.filter(
    (id) => !ids.some((other) => other !== id && (pathOf.get(id) ?? []).includes(other)),
  );
}
