import { PAGE_SIZE, type EnterpriseView, type RentalView } from '@gridguard/types';
import { AppError } from '../domain/errors';
import { may, personTarget, type Actor, type Permission, type Target } from '../domain/policy';
import type { EnterpriseDoc, PersonDoc, RentalDoc } from '../domain/records';
import {
  changeTenants,
  enterpriseEdit,
  landlordRefusal,
  peopleNamedBy,
  rentalChanges,
  rentalFields,
  targetQuery,
  targetSubmissionId,
  toEnterpriseRow,
  toEnterpriseView,
  toRentalRow,
  toRentalView,
} from '../domain/targets';
import { pathOf } from '../domain/tree';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import type { TargetData } from '../runtime/target-data';
import { findInScope, gridInScope, inScope } from './common';

/** Where a rental or an enterprise sits for the policy: its node's path. */
const targetOf = (record: { gridPath: string[] }): Target => ({ gridPath: record.gridPath });

/** Tenants are linked with the rental read again when another write got there first. */
const TENANT_ATTEMPTS = 3;

/**
 * 出租屋 and 企业 under leaf nodes (router `targets`). Reading is for staff in scope
 * (`households.read`); leaders and confirmed members create and edit, and link tenants
 * (`people.manage`, as they register people); leaders remove (`households.manage`). A landlord or
 * a tenant must be a person the caller sees. Each action authorises before it reads, refuses
 * before it writes, and audits every write and every reveal.
 */
export function targetActions(data: GridData, targets: TargetData): ActionHandlers<'targets'> {
  const rentalFor = (actor: Actor, permission: Permission, id: string) =>
    findInScope(actor, permission, () => targets.rental(id), targetOf, '该出租屋不存在');
  const enterpriseFor = (actor: Actor, permission: Permission, id: string) =>
    findInScope(actor, permission, () => targets.enterprise(id), targetOf, '该企业不存在');
  const gridName = async (gridId: string) => (await data.grid(gridId))?.name ?? '';

  /** People named on a rental, each of whom the caller must see: refused alike when missing. */
  const peopleInScope = async (actor: Actor, ids: readonly string[], role: '房东' | '租客') => {
    const found = new Map((await data.peopleByIds(ids)).map((p) => [p._id, p]));
    return ids.map((id) =>
      inScope(
        actor,
        found.get(id) ?? null,
        (p) => may(actor, 'households.read', personTarget(p)),
        `该${role}不存在`,
        `所选${role}不在您负责的网格内`,
      ),
    );
  };

  const rentalView = async (
    rental: RentalDoc,
    actor: Actor,
    known: { gridName?: string; people?: readonly PersonDoc[] } = {},
  ): Promise<RentalView> => {
    const named = peopleNamedBy([rental], true);
    const have = new Map((known.people ?? []).map((p) => [p._id, p]));
    const missing = named.filter((id) => !have.has(id));
    const [name, more] = await Promise.all([
      known.gridName ?? gridName(rental.gridId),
      missing.length > 0 ? data.peopleByIds(missing) : Promise.resolve([]),
    ]);
    for (const p of more) have.set(p._id, p);
    const target = targetOf(rental);
    return toRentalView(
      rental,
      name,
      have,
      (p) => may(actor, 'person.revealPhone', personTarget(p)),
      {
        edit: may(actor, 'people.manage', target),
        remove: may(actor, 'households.manage', target),
      },
    );
  };

  const enterpriseView = async (
    enterprise: EnterpriseDoc,
    actor: Actor,
    name?: string,
  ): Promise<EnterpriseView> => {
    const target = targetOf(enterprise);
    return toEnterpriseView(enterprise, name ?? (await gridName(enterprise.gridId)), {
      edit: may(actor, 'people.manage', target),
      remove: may(actor, 'households.manage', target),
      revealPhone: may(actor, 'person.revealPhone', target),
    });
  };

  /** A record with the submission's id already exists: a retry, unless it is elsewhere. */
  const sameSubmission = <T extends { gridId: string }>(made: T, gridId: string): T => {
    if (made.gridId !== gridId) throw new AppError('CONFLICT', '提交编号已被使用，请重新填写');
    return made;
  };

  const onLeaf = async (actor: Actor, gridId: string, what: string) => {
    // Members too, as for households: the desk registers what walks in.
    const grid = await gridInScope(data, actor, 'people.manage', gridId);
    if (grid.childCount > 0) throw new AppError('CONFLICT', `${what}只能登记在最末一级网格`);
    return grid;
  };

  return {
    async rentals({ gridId, page, query }, ctx) {
      const actor = await ctx.actor();
      await gridInScope(data, actor, 'households.read', gridId);
      const { items, total } = await targets.rentalsUnder(
        gridId,
        page,
        query === undefined ? undefined : targetQuery(query, ['address']),
      );
      const landlords = await data.peopleByIds(peopleNamedBy(items, false));
      const people = new Map(landlords.map((p) => [p._id, p]));
      return {
        items: items.map((r) => toRentalRow(r, people)),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async rental({ rentalId }, ctx) {
      const actor = await ctx.actor();
      return rentalView(await rentalFor(actor, 'households.read', rentalId), actor);
    },

    async createRental({ gridId, key, rental: fields }, ctx) {
      const actor = await ctx.actor();
      const grid = await onLeaf(actor, gridId, '出租屋');
      const id = targetSubmissionId('r', actor.openid, key);
      const earlier = await targets.rental(id);
      if (earlier) return rentalView(sameSubmission(earlier, gridId), actor);
      const landlords = await peopleInScope(actor, [fields.landlordId], '房东');
      const now = new Date();
      const rental: RentalDoc = {
        _id: id,
        gridId,
        gridPath: pathOf(grid),
        ...rentalFields(fields),
        tenants: [],
        createdBy: actor.openid,
        createdAt: now,
        updatedAt: now,
        rev: 0,
      };
      const added = await targets.addRental(rental);
      if (added === 'taken') {
        throw new AppError('CONFLICT', `本网格已有地址为「${rental.address}」的出租屋`);
      }
      if (added === 'exists') {
        const made = await targets.rental(id);
        if (!made) throw new AppError('CONFLICT');
        return rentalView(sameSubmission(made, gridId), actor);
      }
      await data.incCounts(rental.gridPath, { rentals: 1 });
      await data.record({
        actor: actor.openid,
        action: 'rental.create',
        gridId,
        gridPath: rental.gridPath,
        target: id,
        detail: { address: rental.address, landlordId: rental.landlordId },
      });
      return rentalView(rental, actor, { gridName: grid.name, people: landlords });
    },

    async editRental({ rentalId, rental: fields }, ctx) {
      const actor = await ctx.actor();
      const rental = await rentalFor(actor, 'people.manage', rentalId);
      const next = rentalFields(fields);
      const changed = rentalChanges(rental, next);
      if (changed.length === 0) return rentalView(rental, actor);
      const landlords = changed.includes('landlord')
        ? await peopleInScope(actor, [next.landlordId], '房东')
        : [];
      const refusal = landlordRefusal(next.landlordId, rental.tenants);
      if (refusal) throw new AppError('CONFLICT', refusal);
      const updatedAt = new Date();
      const outcome = await targets.updateRental(rental._id, { ...next, updatedAt });
      if (outcome === 'taken') {
        throw new AppError('CONFLICT', `本网格已有地址为「${next.address}」的出租屋`);
      }
      if (outcome === 'gone') throw new AppError('CONFLICT', '该出租屋已被删除');
      await data.record({
        actor: actor.openid,
        action: 'rental.edit',
        gridId: rental.gridId,
        gridPath: rental.gridPath,
        target: rental._id,
        detail: { changed },
      });
      return rentalView({ ...rental, ...next, updatedAt, rev: rental.rev + 1 }, actor, {
        people: landlords,
      });
    },

    async removeRental({ rentalId }, ctx) {
      const actor = await ctx.actor();
      const rental = await rentalFor(actor, 'households.manage', rentalId);
      if (!(await targets.removeRental(rental._id))) {
        throw new AppError('CONFLICT', '该出租屋已被删除');
      }
      await data.incCounts(rental.gridPath, { rentals: -1 });
      await data.record({
        actor: actor.openid,
        action: 'rental.remove',
        gridId: rental.gridId,
        gridPath: rental.gridPath,
        target: rental._id,
        detail: {
          address: rental.address,
          landlordId: rental.landlordId,
          tenants: rental.tenants.map((t) => t.personId),
        },
      });
      return { removed: true };
    },

    async setTenants({ rentalId, changes }, ctx) {
      const actor = await ctx.actor();
      let rental = await rentalFor(actor, 'people.manage', rentalId);
      // Whoever is given a lease must be someone the caller sees; anyone may be let go.
      const linked = await peopleInScope(
        actor,
        changes.flatMap((c) => (c.lease ? [c.personId] : [])),
        '租客',
      );
      for (let attempt = 0; attempt < TENANT_ATTEMPTS; attempt += 1) {
        const change = changeTenants(rental, changes);
        const { added, updated, removed } = change;
        // Already so: a retry of a change that went through, or nothing to do.
        if (added.length + updated.length + removed.length === 0) {
          return rentalView(rental, actor, { people: linked });
        }
        const at = new Date();
        if (await targets.setTenants(rental._id, rental.rev, change.tenants, at)) {
          await data.record({
            actor: actor.openid,
            action: 'rental.tenants',
            gridId: rental.gridId,
            gridPath: rental.gridPath,
            target: rental._id,
            detail: { added, updated, removed },
          });
          const now = { ...rental, tenants: change.tenants, updatedAt: at, rev: rental.rev + 1 };
          return rentalView(now, actor, { people: linked });
        }
        const again = await targets.rental(rental._id);
        if (!again) throw new AppError('CONFLICT', '该出租屋已被删除');
        rental = again;
      }
      throw new AppError('CONFLICT', '该出租屋正在被他人修改，请刷新后重试');
    },

    async enterprises({ gridId, page, query, status }, ctx) {
      const actor = await ctx.actor();
      await gridInScope(data, actor, 'households.read', gridId);
      const { items, total } = await targets.enterprisesUnder(
        gridId,
        page,
        query === undefined ? undefined : targetQuery(query, ['name', 'address']),
        status,
      );
      return { items: items.map(toEnterpriseRow), page, pageSize: PAGE_SIZE, total };
    },

    async enterprise({ enterpriseId }, ctx) {
      const actor = await ctx.actor();
      return enterpriseView(await enterpriseFor(actor, 'households.read', enterpriseId), actor);
    },

    async createEnterprise({ gridId, key, enterprise: fields }, ctx) {
      const actor = await ctx.actor();
      const grid = await onLeaf(actor, gridId, '企业');
      const id = targetSubmissionId('e', actor.openid, key);
      const earlier = await targets.enterprise(id);
      if (earlier) return enterpriseView(sameSubmission(earlier, gridId), actor);
      const { set, phone } = enterpriseEdit({ enterprise: null, phone: null }, fields);
      const now = new Date();
      const enterprise: EnterpriseDoc = {
        _id: id,
        gridId,
        gridPath: pathOf(grid),
        ...set,
        createdBy: actor.openid,
        createdAt: now,
        updatedAt: now,
      };
      // The full number is written once, beside the masked record, never into it.
      if (phone) await targets.setPhone(id, phone);
      const added = await targets.addEnterprise(enterprise);
      if (added === 'taken') {
        if (phone) await targets.setPhone(id, null);
        throw new AppError('CONFLICT', `本网格已有名为「${enterprise.name}」的企业`);
      }
      if (added === 'exists') {
        const made = await targets.enterprise(id);
        if (!made) throw new AppError('CONFLICT');
        return enterpriseView(sameSubmission(made, gridId), actor);
      }
      await data.incCounts(enterprise.gridPath, { enterprises: 1 });
      await data.record({
        actor: actor.openid,
        action: 'enterprise.create',
        gridId,
        gridPath: enterprise.gridPath,
        target: id,
        detail: { name: enterprise.name },
      });
      return enterpriseView(enterprise, actor, grid.name);
    },

    async editEnterprise({ enterpriseId, enterprise: fields }, ctx) {
      const actor = await ctx.actor();
      const enterprise = await enterpriseFor(actor, 'people.manage', enterpriseId);
      const stored = await targets.phoneOf(enterprise._id);
      const { set, phone, changed } = enterpriseEdit({ enterprise, phone: stored }, fields);
      if (changed.length === 0) return enterpriseView(enterprise, actor);
      const phoneChanged = changed.includes('phone');
      if (phoneChanged) await targets.setPhone(enterprise._id, phone);
      const updatedAt = new Date();
      const outcome = await targets.updateEnterprise(enterprise._id, { ...set, updatedAt });
      if (outcome !== 'ok') {
        // Refused after the number was written: it goes back to what the record still shows.
        if (phoneChanged) await targets.setPhone(enterprise._id, stored);
        throw new AppError(
          'CONFLICT',
          outcome === 'taken' ? `本网格已有名为「${set.name}」的企业` : '该企业已被删除',
        );
      }
      await data.record({
        actor: actor.openid,
        action: 'enterprise.edit',
        gridId: enterprise.gridId,
        gridPath: enterprise.gridPath,
        target: enterprise._id,
        detail: { changed },
      });
      return enterpriseView({ ...enterprise, ...set, updatedAt }, actor);
    },

    async removeEnterprise({ enterpriseId }, ctx) {
      const actor = await ctx.actor();
      const enterprise = await enterpriseFor(actor, 'households.manage', enterpriseId);
      if (!(await targets.removeEnterprise(enterprise._id))) {
        throw new AppError('CONFLICT', '该企业已被删除');
      }
      await targets.setPhone(enterprise._id, null);
      await data.incCounts(enterprise.gridPath, { enterprises: -1 });
      await data.record({
        actor: actor.openid,
        action: 'enterprise.remove',
        gridId: enterprise.gridId,
        gridPath: enterprise.gridPath,
        target: enterprise._id,
        detail: { name: enterprise.name },
      });
      return { removed: true };
    },

    async revealEnterprisePhone({ enterpriseId }, ctx) {
      const actor = await ctx.actor();
      const enterprise = await enterpriseFor(actor, 'person.revealPhone', enterpriseId);
      const value = await targets.phoneOf(enterprise._id);
      if (!value) throw new AppError('NOT_FOUND', '未登记手机号');
      await data.record({
        actor: actor.openid,
        action: 'enterprise.reveal',
        gridId: enterprise.gridId,
        gridPath: enterprise.gridPath,
        target: enterprise._id,
        detail: { field: 'phone' },
      });
      return { value };
    },
  };
}
