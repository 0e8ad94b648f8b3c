import { PAGE_SIZE, type SearchHit, type SearchPlace } from '@gridguard/types';
import { revealRights, type Permission } from '../domain/policy';
import type { GridDoc } from '../domain/records';
import { AppError } from '../domain/errors';
import { BROAD_QUERY_MAX_PEOPLE, personMatched, planSearch } from '../domain/search';
import { pathOf } from '../domain/tree';
import { toHouseholdView, toNodeView, toPersonView } from '../domain/views';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import type { SearchData } from '../runtime/search-data';
import { gridInScope, gridNames } from './common';

/**
 * Finding people, households and nodes under a node the caller may read: members and leaders in
 * their own subtrees, the command centre anywhere; residents and newcomers are refused before
 * anything is read. Results are masked as every list is; a full number is still one audited
 * `people.reveal`. A search is 5 to 7 database calls wherever it is made: the caller (2), the
 * node (1), the matches' ids (1), then, when the page is not empty, its documents (1), their
 * households or people (1) and the names on their paths (1).
 */
export function searchActions(grids: GridData, search: SearchData): ActionHandlers<'search'> {
  return {
    async find({ gridId, query, kind, page }, ctx) {
      const actor = await ctx.actor();
      const plan = planSearch(query, kind);
      const permission: Permission = plan.kind === 'nodes' ? 'grid.read' : 'households.read';
      const scope = await gridInScope(grids, actor, permission, gridId);
      if (plan.broad && scope.counts.people > BROAD_QUERY_MAX_PEOPLE)
        throw new AppError(
          'INVALID_INPUT',
          `该网格人数较多，请至少输入${plan.match === 'name' ? '姓名' : '住址'}的前两个字`,
        );
      const below = (gridPath: readonly string[]) => {
        const from = gridPath.indexOf(scope._id);
        return from < 0 ? [...gridPath] : gridPath.slice(from);
      };
      const placesOf = (names: ReadonlyMap<string, string>, gridPath: readonly string[]) =>
        below(gridPath).map((id): SearchPlace => ({ id, name: names.get(id) ?? '' }));
      const result = (items: SearchHit[], total: number) => ({
        kind: plan.kind,
        match: plan.match,
        items,
        page,
        pageSize: PAGE_SIZE,
        total,
      });
      const rightsOf = (p: Parameters<typeof revealRights>[1]) => revealRights(actor, p);

      if (plan.kind === 'nodes') {
        const { items, total } = await search.nodes(scope._id, plan, page);
        if (items.length === 0) return result([], total);
        const names = await gridNames(
          grids,
          items.flatMap((g: GridDoc) => pathOf(g)),
        );
        return result(
          items.map((g) => ({
            kind: 'node',
            id: g._id,
            gridId: g._id,
            path: placesOf(names, pathOf(g)),
            node: toNodeView(g, names),
          })),
          total,
        );
      }

      if (plan.kind === 'households') {
        const { items, total } = await search.households(scope._id, plan, page);
        if (items.length === 0) return result([], total);
        const [people, names] = await Promise.all([
          grids.peopleOf(items.map((h) => h._id)),
          gridNames(
            grids,
            items.flatMap((h) => below(h.gridPath)),
          ),
        ]);
        return result(
          items.map((h) => ({
            kind: 'household',
            id: h._id,
            gridId: h.gridId,
            path: placesOf(names, h.gridPath),
            household: toHouseholdView(h, names.get(h.gridId) ?? '', people, rightsOf),
          })),
          total,
        );
      }

      const { items, total } = await search.people(scope._id, plan, page);
      if (items.length === 0) return result([], total);
      const [households, names] = await Promise.all([
        search.householdsByIds(items.map((p) => p.householdId)),
        gridNames(
          grids,
          items.flatMap((p) => below(p.gridPath)),
        ),
      ]);
      const addressOf = new Map(households.map((h) => [h._id, h.address]));
      return result(
        items.map((p) => ({
          kind: 'person',
          id: p._id,
          gridId: p.gridId,
          path: placesOf(names, p.gridPath),
          person: toPersonView(p, rightsOf),
          householdId: p.householdId,
          address: addressOf.get(p.householdId) ?? '',
          matched: personMatched(p, plan),
        })),
        total,
      );
    },
  };
}
