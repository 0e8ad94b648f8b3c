import { addDays, chinaDayStart, OUTCOMES, SETTLED_OUTCOMES, type Outcome } from '@gridguard/types';
import type { GridDoc, HouseholdDoc } from '@gridguard/server/domain';
import type { CampaignDoc, VisitDoc } from '@gridguard/server/domain/campaigns';
import { seededRandom } from './day-activity';

/**
 * 洗楼 campaigns around a register and the visits they recorded, for the 日报's sweep figures:
 * one over the whole tree in its second round (so first-round visits must not count), one nested
 * inside it on a node of its own (its doors count for both), one closed and one not yet begun
 * (neither counts). Visits fall on the day and the day before, some minutes from midnight.
 * Deterministic for a seed, so tests and the bench count the same records by brute force.
 */
export interface SweepActivity {
  campaigns: CampaignDoc[];
  visits: VisitDoc[];
}

/** Share of each campaign's doors with a visit in a round. */
export const DEFAULT_VISIT_SHARE = 0.5;

const VISITOR = { openid: 'oSweepMember', name: '排查队员' };

export function sweepActivity(
  grids: readonly GridDoc[],
  households: readonly HouseholdDoc[],
  day: string,
  seed: number,
  visitShare = DEFAULT_VISIT_SHARE,
): SweepActivity {
  const next = seededRandom(seed);
  const root = grids.find((g) => g.parentId === null) ?? grids[0];
  if (!root) return { campaigns: [], visits: [] };
  const inner = grids.filter((g) => g.parentId !== null && g.childCount > 0);
  const nested = inner[Math.floor(next() * inner.length)] ?? root;
  const campaign = (
    id: string,
    node: GridDoc,
    round: number,
    status: CampaignDoc['status'],
    startDay: string,
  ): CampaignDoc => ({
    _id: id,
    name: `${node.name}洗楼${id}`,
    kind: 'household',
    gridId: node._id,
    gridPath: [...node.ancestors, node._id],
    gridName: node.name,
    startDay,
    endDay: addDays(startDay, 10),
    rounds: 3,
    round,
    status,
    checklist: [],
    letter: null,
    maxAttempts: 3,
    createdBy: VISITOR,
    createdAt: chinaDayStart(startDay),
    updatedAt: chinaDayStart(startDay),
    history: [],
  });
  const campaigns = [
    campaign('cmp-city', root, 2, 'active', addDays(day, -3)),
    campaign('cmp-nested', nested, 1, 'active', day),
    campaign('cmp-closed', root, 1, 'closed', addDays(day, -9)),
    campaign('cmp-ahead', root, 1, 'active', addDays(day, 1)),
  ];

  const dayStart = chinaDayStart(day).getTime();
  const minute = 60_000;
  // Today, yesterday, or within ten minutes either side of midnight China time.
  const when = (): Date => {
    const r = next();
    if (r < 0.4) return new Date(dayStart + Math.floor(next() * 24 * 60) * minute);
    if (r < 0.7) return new Date(dayStart - (1 + Math.floor(next() * 24 * 60)) * minute);
    return new Date(dayStart + (Math.floor(next() * 21) - 10) * minute + 1);
  };
  const visits: VisitDoc[] = [];
  const visit = (c: CampaignDoc, round: number, h: HouseholdDoc): VisitDoc => {
    const outcome = OUTCOMES[Math.floor(next() * OUTCOMES.length)] as Outcome;
    const at = when();
    return {
      _id: `${c._id}:${round}:${h._id}`,
      campaignId: c._id,
      round,
      kind: 'household',
      targetId: h._id,
      gridId: h.gridId,
      gridPath: h.gridPath,
      label: h.address,
      building: '',
      sortKey: h.address,
      assignee: VISITOR.openid,
      outcome,
      noHomeCount: outcome === 'noHome' ? 1 : 0,
      flagged: false,
      answers: [],
      reason: outcome === 'refused' ? '不愿开门' : '',
      note: '',
      finding:
        outcome === 'finding'
          ? { kind: 'other', personId: null, personName: null, temperature: null, symptoms: [] }
          : null,
      followUp: outcome === 'finding' ? { status: 'open', note: '', by: null, at: null } : null,
      by: VISITOR,
      at,
      attempts: [{ clientId: `${h._id}-${round}`, outcome, by: VISITOR, at }],
      rev: 1,
      pendingEffects: false,
    };
  };
  for (const c of campaigns) {
    const doors = households.filter((h) => h.gridPath.includes(c.gridId));
    for (let round = 1; round <= c.round; round += 1)
      for (const h of doors) if (next() < visitShare) visits.push(visit(c, round, h));
  }
  return { campaigns, visits };
}

/** A node's sweep figures counted the obvious way, for checking the 日报's. */
export function bruteForceSweep(
  activity: SweepActivity,
  households: readonly HouseholdDoc[],
  day: string,
  nodeId: string,
) {
  const from = chinaDayStart(day).getTime();
  const to = chinaDayStart(addDays(day, 1)).getTime();
  const underWay = activity.campaigns.filter((c) => c.status === 'active' && c.startDay <= day);
  const current = activity.visits.filter(
    (v) =>
      v.gridPath.includes(nodeId) &&
      underWay.some((c) => c._id === v.campaignId && c.round === v.round),
  );
  return {
    sweepTargets: underWay.reduce(
      (sum, c) =>
        sum +
        households.filter((h) => h.gridPath.includes(nodeId) && h.gridPath.includes(c.gridId))
          .length,
      0,
    ),
    sweepSettled: current.filter((v) => SETTLED_OUTCOMES.includes(v.outcome)).length,
    sweepVisitedToday: current.filter((v) => v.at.getTime() >= from && v.at.getTime() < to).length,
    sweepFindings: current.filter((v) => v.outcome === 'finding').length,
  };
}
