import type { CoverageFigures } from '@gridguard/types';
import { mergeLeafCounts, rollUpCoverage, type CampaignDoc } from '../domain/campaigns';
import { planChunks } from '../domain/rollup';
import type { CampaignData, CampaignNode } from '../runtime/campaign-data';
import { AGGREGATE_ROWS } from '../runtime/daily-data';

/**
 * Coverage of every node of a subtree in each of the given rounds, counted by the database per
 * leaf and rolled up: per group of subtrees (small enough for one per-leaf aggregate, as the 日报
 * groups them) one count of targets, one of assignments, one of signed letters (letter campaigns
 * only), and one of visits per round. The calls
 * depend on the nodes and the rounds, never on the doors.
 */
export async function coverageByRound(
  data: CampaignData,
  campaign: Pick<CampaignDoc, '_id' | 'kind' | 'letter'>,
  nodes: readonly CampaignNode[],
  rounds: readonly number[],
): Promise<Map<number, Map<string, CoverageFigures>>> {
  const groups = planChunks(nodes, AGGREGATE_ROWS);
  const [standing, visited] = await Promise.all([
    Promise.all(
      groups.flatMap((roots) => [
        data.targetsPerLeaf(campaign.kind, roots),
        data.assignedPerLeaf(campaign._id, roots),
        // Signed 责任书 stand across rounds, like the targets; only letter campaigns have them.
        ...(campaign.letter === null ? [] : [data.signedPerLeaf(campaign._id, roots)]),
      ]),
    ),
    Promise.all(
      rounds.map((round) =>
        Promise.all(groups.map((roots) => data.visitsPerLeaf(campaign._id, round, roots))),
      ),
    ),
  ]);
  return new Map(
    rounds.map((round, i) => [
      round,
      rollUpCoverage(nodes, mergeLeafCounts([...standing, ...(visited[i] ?? [])])),
    ]),
  );
}
