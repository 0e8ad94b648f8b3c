import { chinaDay, chinaDayStart } from '@gridguard/types';
import { may } from '../domain/policy';
import { pathOf } from '../domain/tree';
import type { GridData } from '../runtime/data';
import type { ErrandData } from '../runtime/errand-data';
import type { HealthData } from '../runtime/health-data';
import type { JoinRequestData } from '../runtime/join-request-data';
import type { ActionHandlers } from '../runtime/router';
import { gridInScope } from './common';

/**
 * 今日待办 on home (router `grids`): what waits on a node's team today, each figure counted by the
 * database with the very query its list pages through, so a tap finds as many as home said. A
 * fixed number of calls (the caller, the node, five counts at once) however large the subtree.
 */
export function todoActions(
  grids: GridData,
  health: HealthData,
  errands: ErrandData,
  joins: JoinRequestData,
  clock: () => Date = () => new Date(),
): Pick<ActionHandlers<'grids'>, 'todos'> {
  return {
    async todos({ gridId }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'grid.read', gridId);
      const target = { gridPath: pathOf(grid) };
      const day = chinaDay(clock());
      // The pool a volunteer opens is that of every node they belong to.
      const poolNodes = actor.memberships.map((m) => m.gridId);
      const [notReported, abnormal, openErrands, joinRequests, newReturns] = await Promise.all([
        health.missingCount(gridId, day),
        health.escalatedCount(gridId),
        poolNodes.length > 0 ? errands.poolCount(poolNodes) : null,
        may(actor, 'households.manage', target) ? joins.underCount(gridId) : null,
        may(actor, 'observation.manage', target)
          ? health.returnsSince(gridId, chinaDayStart(day))
          : null,
      ]);
      return {
        gridId,
        gridName: grid.name,
        notReported,
        abnormal,
        openErrands,
        joinRequests,
        newReturns,
      };
    },
  };
}
