import { LEVEL_TEMPLATES, PAGE_SIZE, levelNameAt } from '@gridguard/types';
import type { ActionHandlers } from '../runtime/router';
import { AppError } from '../domain/errors';
import { browseRoots, may, revealRights } from '../domain/policy';
import { EMPTY_COUNTS, type GridDoc, type PersonDoc } from '../domain/records';
import { assertMovable, negate, pathOf } from '../domain/tree';
import { toHouseholdView, toMemberView, toNodeView } from '../domain/views';
import type { GridData } from '../runtime/data';
import { newCode } from '../domain/codes';
import { authoriseAnywhere, gridInScope, gridNames, secureRandom } from './common';

/** Used until the command centre configures settings/deployment. */
const DEFAULT_LEVELS: readonly string[] = LEVEL_TEMPLATES.jiujiang.levels;

/**
 * Households live only on leaves, so every record's node is a leaf: the daily report counts per
 * leaf and rolls up. A leaf with households (or rentals, or enterprises) therefore takes no child
 * nodes.
 */
function refuseHouseholdLeaf(parent: GridDoc): void {
  if (parent.childCount > 0) return;
  if (parent.counts.households > 0)
    throw new AppError('CONFLICT', '该网格已登记住户，不能再增加下级网格');
  if ((parent.counts.rentals ?? 0) > 0 || (parent.counts.enterprises ?? 0) > 0)
    throw new AppError('CONFLICT', '该网格已登记出租屋或企业，不能再增加下级网格');
}

/** The grid tree: browse, detail, create, rename, move, delete, households under a node. */
export function gridActions(data: GridData): Omit<ActionHandlers<'grids'>, 'todos'> {
  const views = async (nodes: GridDoc[]) => {
    const names = await gridNames(
      data,
      nodes.flatMap((n) => n.ancestors),
    );
    return nodes.map((n) => toNodeView(n, names));
  };

  return {
    async children({ parentId, page }, ctx) {
      const actor = await ctx.actor();
      if (parentId === null) {
        // Where browsing starts: the roots for the command centre, one's own nodes otherwise.
        let roots: GridDoc[];
        if (actor.command) roots = await data.rootGrids();
        else {
          const own = await data.grids(actor.memberships.map((m) => m.gridId));
          const pathOfId = new Map(own.map((g) => [g._id, pathOf(g)]));
          const keep = new Set(browseRoots(actor, pathOfId));
          roots = own.filter((g) => keep.has(g._id));
        }
        return { items: await views(roots), page: 1, pageSize: roots.length, total: roots.length };
      }
      await gridInScope(data, actor, 'grid.read', parentId);
      const { items, total } = await data.children(parentId, page);
      return { items: await views(items), page, pageSize: PAGE_SIZE, total };
    },

    async detail({ gridId }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(data, actor, 'grid.read', gridId);
      const target = { gridPath: pathOf(grid) };
      const [names, members] = await Promise.all([
        gridNames(data, grid.ancestors),
        data.membersOf(gridId),
      ]);
      return {
        node: toNodeView(grid, names),
        members: members.map((m) => toMemberView(m, actor.openid)),
        can: {
          manage: may(actor, 'grid.manage', target),
          restructure: may(actor, 'grid.restructure', target),
          invite: may(actor, 'members.manage', target),
          readHouseholds: may(actor, 'households.read', target),
          registerPeople: may(actor, 'people.manage', target),
          revealPhone: may(actor, 'person.revealPhone', target),
          revealIdNumber: may(actor, 'person.revealIdNumber', target),
        },
      };
    },

    async create({ parentId, name }, ctx) {
      const actor = await ctx.actor();
      if (parentId === null && !actor.command)
        throw new AppError('FORBIDDEN', '只有指挥部可以建立顶级网格');
      const parent =
        parentId === null ? null : await gridInScope(data, actor, 'grid.manage', parentId);
      if (parent) refuseHouseholdLeaf(parent);
      if (await data.siblingNamed(parentId, name))
        throw new AppError('CONFLICT', `同一级已有名为「${name}」的网格`);
      const ancestors = parent ? pathOf(parent) : [];
      const levels = (await data.levelNames()) ?? DEFAULT_LEVELS;
      const now = new Date();
      const doc: GridDoc = {
        _id: `g-${newCode(12, secureRandom).toLowerCase()}`,
        name,
        levelName: levelNameAt(levels, ancestors.length),
        depth: ancestors.length,
        parentId,
        ancestors,
        childCount: 0,
        counts: { ...EMPTY_COUNTS },
        leader: null,
        createdAt: now,
        updatedAt: now,
      };
      await data.addGrid(doc);
      if (parent)
        await Promise.all([
          data.incChildCount(parent._id, 1),
          data.incCounts(ancestors, { nodes: 1 }),
        ]);
      await data.record({
        actor: actor.openid,
        action: 'grid.create',
        gridId: doc._id,
        gridPath: pathOf(doc),
        target: name,
      });
      return toNodeView(doc, await gridNames(data, ancestors));
    },

    async rename({ gridId, name }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(data, actor, 'grid.manage', gridId);
      const sibling = await data.siblingNamed(grid.parentId, name);
      if (sibling && sibling._id !== gridId)
        throw new AppError('CONFLICT', `同一级已有名为「${name}」的网格`);
      await data.renameGrid(gridId, name);
      await data.record({
        actor: actor.openid,
        action: 'grid.rename',
        gridId,
        gridPath: pathOf(grid),
        target: name,
        detail: { from: grid.name },
      });
      return toNodeView({ ...grid, name }, await gridNames(data, grid.ancestors));
    },

    async move({ gridId, newParentId }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'grid.restructure');
      const [grid, newParent] = await Promise.all([
        gridInScope(data, actor, 'grid.restructure', gridId),
        gridInScope(data, actor, 'grid.manage', newParentId),
      ]);
      assertMovable(grid, newParent);
      refuseHouseholdLeaf(newParent);
      if (grid.parentId === newParentId)
        return toNodeView(grid, await gridNames(data, grid.ancestors));
      const moved = { ...grid.counts, nodes: grid.counts.nodes + 1 };
      const oldAncestors = grid.ancestors;
      const newAncestors = pathOf(newParent);
      // Counters first, then paths: every step is a bulk update whose cost is fixed.
      await data.incCounts(oldAncestors, negate(moved));
      await data.incCounts(newAncestors, moved);
      if (grid.parentId) await data.incChildCount(grid.parentId, -1);
      await data.incChildCount(newParentId, 1);
      await data.reroot(gridId, oldAncestors, newAncestors);
      await data.placeGrid(gridId, newParentId, newAncestors, newAncestors.length);
      const placed = {
        ...grid,
        parentId: newParentId,
        ancestors: newAncestors,
        depth: newAncestors.length,
      };
      await data.record({
        actor: actor.openid,
        action: 'grid.move',
        gridId,
        gridPath: pathOf(placed),
        target: grid.name,
        detail: { from: grid.parentId, to: newParentId },
      });
      return toNodeView(placed, await gridNames(data, newAncestors));
    },

    async remove({ gridId }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(data, actor, 'grid.restructure', gridId);
      const { nodes, households, members, rentals = 0, enterprises = 0 } = grid.counts;
      const holds = [nodes, households, members, rentals, enterprises].some((n) => n > 0);
      if (grid.childCount > 0 || holds) throw new AppError('NODE_NOT_EMPTY');
      await data.removeGrid(gridId);
      if (grid.parentId)
        await Promise.all([
          data.incChildCount(grid.parentId, -1),
          data.incCounts(grid.ancestors, { nodes: -1 }),
        ]);
      await data.record({
        actor: actor.openid,
        action: 'grid.remove',
        gridId,
        gridPath: pathOf(grid),
        target: grid.name,
      });
      return { removed: true };
    },

    async households({ gridId, page }, ctx) {
      const actor = await ctx.actor();
      await gridInScope(data, actor, 'households.read', gridId);
      const { items, total } = await data.householdsUnder(gridId, page);
      const [people, names] = await Promise.all([
        data.peopleOf(items.map((h) => h._id)),
        gridNames(
          data,
          items.map((h) => h.gridId),
        ),
      ]);
      return {
        items: items.map((h) =>
          toHouseholdView(h, names.get(h.gridId) ?? '', people as PersonDoc[], (p) =>
            revealRights(actor, p),
          ),
        ),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },
  };
}
