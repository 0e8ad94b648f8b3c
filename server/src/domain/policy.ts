import type { MemberKind } from '@gridguard/types';
import type { PersonDoc } from './records';

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
  /** The person the record is about, when they use the mini-program themselves. */
  personOpenid?: string | null;
  /** Who registered that person on their behalf (PersonDoc.proxy.byOpenid), if anyone. */
  proxyBy?: string | null;
  /** An errand's requester and its claimer. */
  requesterOpenid?: string;
  claimerOpenid?: string | null;
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
  /** Create, edit and remove households, new door codes, remove and move people: leaders. */
  | 'households.manage'
  /** Add people to any household in scope and edit them: staff (leaders and members), not residents. */
  | 'people.manage'
  /** Register family members and the elderly on their behalf. */
  | 'household.proxy'
  /** Admit someone who asked to join by the door code: the household itself, or a leader. */
  | 'household.admit'
  /**
   * One person's full phone or ID number: leaders (both) and members (phone) in scope; inside a
   * household only one's own, and those of the people one registered by proxy.
   */
  | 'person.revealPhone'
  | 'person.revealIdNumber'
  /** Override a classification, extend or end an observation: leaders only. */
  | 'observation.manage'
  /** Claim and run errands: the team of the household's nodes. */
  | 'errands.serve'
  /** Remind the 今日未报 (a subscribe message, else the call list): confirmed staff in scope. */
  | 'reports.remind'
  /**
   * Confirm receipt of an errand or cancel it: the requester, the person it is for, their
   * household, or a leader over its node on their behalf; never its claimer.
   */
  | 'errand.settle'
  /** Start, advance and close a 排查 campaign, assign its targets, close its findings: leaders. */
  | 'campaign.run'
  /** Record a 排查 visit: confirmed staff of the target's nodes. */
  | 'campaign.visit'
  /**
   * Set up 卡口 sites and their shift plans, fill a shift's gaps (补位), see the fevers turned
   * back (卡口劝返) and export the log: leaders over the site's node.
   */
  | 'checkpoint.run'
  /**
   * Sign up for a site's shifts, check in and out, log who passes and add notes to the log (the
   * gate's own staff know what happened there; a note is signed and never replaces the entry):
   * confirmed staff over it.
   */
  | 'checkpoint.duty'
  /** Write, publish and withdraw 通知公告 for a node's subtree: leaders over it. */
  | 'notice.publish'
  /** Record that a household was told a notice in person or by phone: staff over it. */
  | 'notice.reach';

/**
 * The one answer to "may this caller do this here": the command centre everywhere; a leader in the
 * subtree of their node; a member in the subtree of the nodes they belong to (read, and phones to
 * call); a resident in their own household (family by proxy, errands), seeing in full only their own
 * details and those of the people they registered.
 */
export function may(actor: Actor, permission: Permission, target: Target): boolean {
  // The volunteer who delivered cannot sign for the delivery, whatever else they are.
  if (permission === 'errand.settle' && target.claimerOpenid === actor.openid) return false;
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
  const self = target.personOpenid === actor.openid;
  // Family share a door code, not a right to each other's full ID numbers and phones.
  const ownDetails = self || (ownHousehold && target.proxyBy === actor.openid);

  switch (permission) {
    case 'errands.serve':
    case 'grid.read':
    case 'households.read':
      return underLeader || underMember;
    case 'person.revealPhone':
      return underLeader || underMember || ownDetails;
    case 'person.revealIdNumber':
      return underLeader || ownDetails;
    case 'grid.manage':
    case 'members.manage':
    case 'households.manage':
    case 'observation.manage':
    case 'campaign.run':
    case 'checkpoint.run':
    case 'notice.publish':
      return underLeader;
    case 'grid.restructure':
      return strictlyUnderLeader;
    case 'people.manage':
    case 'campaign.visit':
    case 'checkpoint.duty':
    case 'notice.reach':
    case 'reports.remind':
      return underLeader || underMember;
    case 'household.proxy':
      return ownHousehold || underLeader || underMember;
    case 'household.admit':
      return ownHousehold || underLeader;
    case 'errand.settle':
      return settlesOwnErrand(actor, target) || underLeader;
  }
}

/**
 * An errand settled by its own side (the requester, the person it is for, their household), as
 * opposed to by a leader or the command centre on their behalf, who must give a reason.
 */
export function settlesOwnErrand(actor: Actor, target: Target): boolean {
  if (target.claimerOpenid === actor.openid) return false;
  return (
    (target.householdId !== undefined && target.householdId === actor.householdId) ||
    target.personOpenid === actor.openid ||
    (target.requesterOpenid !== undefined && target.requesterOpenid === actor.openid)
  );
}

/** Stands for "some node below" when asking what a caller could do at their best. */
const BELOW = '\u0000below';

/**
 * Whether the caller could hold the permission anywhere at all: asked before any lookup, so that a
 * caller who never could is refused without the record being read. Derived from `may` with the
 * most favourable targets the caller has (a node below each of theirs, their own household and
 * person, errands they asked for), so the two answers cannot drift apart.
 */
export function mayAnywhere(actor: Actor, permission: Permission): boolean {
  if (actor.command) return true;
  const best: Target[] = actor.memberships.map((m) => ({
    gridPath: [m.gridId, BELOW],
  }));
  if (actor.memberships.length > 0) best.push({ gridPath: [], requesterOpenid: actor.openid });
  if (actor.householdId !== null)
    best.push({
      gridPath: [],
      householdId: actor.householdId,
      personOpenid: actor.openid,
      requesterOpenid: actor.openid,
    });
  return best.some((target) => may(actor, permission, target));
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

/** Where a person sits for the access rules: their node, household, own openid and registrant. */
export const personTarget = (
  p: Pick<PersonDoc, 'gridPath' | 'householdId' | 'openid' | 'proxy'>,
): Target => ({
  gridPath: p.gridPath,
  householdId: p.householdId,
  personOpenid: p.openid,
  proxyBy: p.proxy?.byOpenid ?? null,
});

/** Which of a person's full details the caller may reveal: what views offer, `people.reveal` allows. */
export const revealRights = (
  actor: Actor,
  p: Pick<PersonDoc, 'gridPath' | 'householdId' | 'openid' | 'proxy'>,
): { idNumber: boolean; phone: boolean } => ({
  idNumber: may(actor, 'person.revealIdNumber', personTarget(p)),
  phone: may(actor, 'person.revealPhone', personTarget(p)),
});
