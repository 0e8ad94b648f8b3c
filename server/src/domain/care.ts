import type { MemberKind } from '@gridguard/types';

/** Who looks after one observed person: the node's 网格长 and a 关爱协管员 from the team. */
export interface CarePair {
  leader: { openid: string; name: string } | null;
  carer: { openid: string; name: string } | null;
}

interface PathNode {
  _id: string;
  leader: { openid: string; name: string } | null;
}

interface TeamMember {
  gridId: string;
  openid: string;
  name: string;
  kind: MemberKind;
}

/** 网格员 first, then the cadres sent down to help, then volunteers. */
const CARER_PREFERENCE: readonly MemberKind[] = ['member', 'support', 'volunteer'];

/** A stable spread of people over a team: the same person always lands on the same carer. */
function spread(key: string, size: number): number {
  let h = 0;
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h % size;
}

/**
 * The pair for a person on `path` (root first): the nearest leader up the path, and a carer from
 * the nearest node with a non-leader team, by kind preference, spread over that team.
 */
export function chooseCarePair(
  personId: string,
  path: readonly string[],
  nodes: readonly PathNode[],
  team: readonly TeamMember[],
): CarePair {
  const byId = new Map(nodes.map((n) => [n._id, n]));
  const upwards = [...path].reverse();
  let leader: CarePair['leader'] = null;
  for (const id of upwards) {
    const found = byId.get(id)?.leader;
    if (found) {
      leader = { openid: found.openid, name: found.name };
      break;
    }
  }
  for (const id of upwards) {
    for (const kind of CARER_PREFERENCE) {
      const candidates = team
        .filter((m) => m.gridId === id && m.kind === kind && m.openid !== leader?.openid)
        .sort((a, b) => a.openid.localeCompare(b.openid));
      const chosen = candidates[spread(personId, candidates.length || 1)];
      if (chosen) return { leader, carer: { openid: chosen.openid, name: chosen.name } };
    }
  }
  return { leader, carer: null };
}
