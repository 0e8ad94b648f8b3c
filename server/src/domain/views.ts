import type { GridNodeView, HouseholdView, MemberView, PersonView, Role } from '@gridguard/types';
import type { GridDoc, HouseholdDoc, MembershipDoc, PersonDoc } from './records';

export function toNodeView(grid: GridDoc, names: ReadonlyMap<string, string>): GridNodeView {
  return {
    id: grid._id,
    name: grid.name,
    levelName: grid.levelName,
    depth: grid.depth,
    parentId: grid.parentId,
    path: grid.ancestors.map((id) => ({ id, name: names.get(id) ?? '' })),
    leader: grid.leader && { name: grid.leader.name, party: grid.leader.party },
    childCount: grid.childCount,
    counts: grid.counts,
  };
}

/** A team member as `viewer` sees them: the page offers no 移出 or 确认身份 on one's own row. */
export function toMemberView(m: MembershipDoc, viewer: string): MemberView {
  return {
    openid: m.openid,
    name: m.name,
    kind: m.kind,
    party: m.party,
    phoneMasked: m.phoneMasked,
    joinedAt: m.joinedAt.toISOString(),
    pending: m.pending === true,
    self: m.openid === viewer,
  };
}

/** Which full values a viewer may reveal of a person (see `revealRights` in policy.ts). */
export type RevealRightsOf = (p: PersonDoc) => { idNumber: boolean; phone: boolean };

export function toPersonView(p: PersonDoc, rightsOf?: RevealRightsOf): PersonView {
  return {
    id: p._id,
    name: p.name,
    relation: p.relation,
    idNumberMasked: p.idNumberMasked,
    phoneMasked: p.phoneMasked,
    proxy: p.proxy && { byName: p.proxy.byName, at: p.proxy.at.toISOString() },
    hasWechat: p.openid !== null,
    ...(rightsOf && { reveal: rightsOf(p) }),
    ...(p.residency && { residency: p.residency }),
    ...(p.care && { care: p.care }),
  };
}

export function toHouseholdView(
  h: HouseholdDoc,
  gridName: string,
  people: readonly PersonDoc[],
  rightsOf?: RevealRightsOf,
): HouseholdView {
  return {
    id: h._id,
    gridId: h.gridId,
    gridName,
    address: h.address,
    code: h.code,
    contact: h.contact && { name: h.contact.name, party: h.contact.party },
    people: people.filter((p) => p.householdId === h._id).map((p) => toPersonView(p, rightsOf)),
  };
}

/** The summary roles whoami reports, from what the user is. */
export function rolesOf(
  user: { command?: boolean; householdId: string | null },
  kinds: readonly string[],
): Role[] {
  const roles: Role[] = [];
  if (user.householdId) roles.push('resident');
  if (kinds.some((k) => k !== 'leader')) roles.push('member');
  if (kinds.includes('leader')) roles.push('leader');
  if (user.command) roles.push('command');
  return roles;
}
