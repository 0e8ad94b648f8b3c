import {
  chinaDay,
  PAGE_SIZE,
  type HouseholdCounts,
  type HouseholdFilter,
  type HouseholdRow,
  type RegisterHouseholdView,
} from '@gridguard/types';
import { HOUSEHOLD_CODE_LENGTH, newCode } from '../domain/codes';
import { householdTags } from '../domain/contacts';
import { AppError } from '../domain/errors';
import { may, personTarget, revealRights, type Actor, type Target } from '../domain/policy';
import type { HouseholdDoc, PersonDoc } from '../domain/records';
import {
  careMarks,
  editPerson,
  householdRemovalRefusal,
  moveRefusal,
  newPerson,
  pathDelta,
  placeFields,
  removalRefusal,
  secretOf,
  submissionId,
} from '../domain/register';
import { householdSearchIndex } from '../domain/search';
import { pathOf } from '../domain/tree';
import { toHouseholdView, toPersonView } from '../domain/views';
import type { ContactData } from '../runtime/contact-data';
import type { GridData } from '../runtime/data';
import type { HouseholdTagData } from '../runtime/household-tag-data';
import type { RegisterData } from '../runtime/register-data';
import type { ActionHandlers } from '../runtime/router';
import { findInScope, gridInScope, secureRandom } from './common';
import { standingToday } from './contacts';

const householdTarget = (h: HouseholdDoc): Target => ({ gridPath: h.gridPath, householdId: h._id });
const staffName = (actor: Actor) =>
  actor.name || actor.memberships.find((m) => m.name)?.name || '网格员';

const DUPLICATE_ID_NUMBER = '该身份证号已有登记；如是搬家，请在原住户使用“迁移”';

/**
 * The register in the hands of grid staff: households on leaf nodes (leaders), people in any
 * household in scope (leaders and members), moving house, new door codes. Each action authorises
 * before it reads, and refuses before it writes.
 */
export function registerActions(
  data: GridData,
  register: RegisterData,
  links: ContactData,
  tags: HouseholdTagData,
): ActionHandlers<'register'> {
  const householdFor = (
    actor: Actor,
    permission: 'households.read' | 'households.manage' | 'people.manage',
    id: string,
  ) => findInScope(actor, permission, () => data.household(id), householdTarget, '该住户不存在');
  const personFor = (actor: Actor, permission: 'households.manage' | 'people.manage', id: string) =>
    findInScope(actor, permission, () => data.person(id), personTarget, '该居民不存在');

  const view = async (household: HouseholdDoc, actor: Actor): Promise<RegisterHouseholdView> => {
    const [people, grid] = await Promise.all([
      data.peopleOf([household._id]),
      data.grid(household.gridId),
    ]);
    const target = householdTarget(household);
    return {
      ...toHouseholdView(household, grid?.name ?? '', people, (p) => revealRights(actor, p)),
      place: household.place ?? null,
      may: {
        manage: may(actor, 'households.manage', target),
        editPeople: may(actor, 'people.manage', target),
      },
    };
  };

  /**
   * A page of the node's households, all of them or only those carrying one tag. A filtered
   * first page takes its total from the chips' counts, so the chip and the heading agree.
   */
  const listed = async (
    gridId: string,
    filter: HouseholdFilter | undefined,
    today: string,
    page: number,
    counts: Promise<HouseholdCounts> | null,
  ): Promise<{ items: HouseholdDoc[]; total: number }> => {
    if (!filter) return data.householdsUnder(gridId, page);
    const [items, total] = await Promise.all([
      tags.page(gridId, filter, today, page),
      counts ? counts.then((c) => c[filter]) : tags.total(gridId, filter, today),
    ]);
    return { items, total };
  };

  /**
   * A page's rows with each household's tags, as 我联系的住户 computes them: its people, their open
   * observations and today's reports, in three calls whatever the page holds.
   */
  const rowsOf = async (items: readonly HouseholdDoc[], today: string): Promise<HouseholdRow[]> => {
    const people = await data.peopleOf(items.map((h) => h._id));
    const standing = await standingToday(
      links,
      people.map((p) => p._id),
      today,
    );
    return items.map((h) => {
      const theirs = people.filter((p) => p.householdId === h._id);
      return {
        id: h._id,
        gridId: h.gridId,
        address: h.address,
        code: h.code,
        people: theirs.length,
        tags: householdTags(theirs.map((p) => standing(p._id).status)),
        care: careMarks(theirs.flatMap((p) => p.care ?? [])),
      };
    });
  };

  /** A changed ID number must not be someone else's already. */
  const refuseTakenIdNumber = async (idNumber: string | null | undefined, self: string | null) => {
    if (idNumber && (await register.holderOf(idNumber, self))) {
      throw new AppError('CONFLICT', DUPLICATE_ID_NUMBER);
    }
  };

  return {
    async households({ gridId, page, filter }, ctx) {
      const actor = await ctx.actor();
      await gridInScope(data, actor, 'households.read', gridId);
      const today = chinaDay(Date.now());
      // The chips' counts come with the first page only: paging on does not recount them.
      const counting = page === 1 ? tags.counts(gridId, today) : null;
      const [{ items, total }, counts] = await Promise.all([
        listed(gridId, filter, today, page, counting),
        counting,
      ]);
      return { items: await rowsOf(items, today), page, pageSize: PAGE_SIZE, total, counts };
    },

    async household({ householdId }, ctx) {
      const actor = await ctx.actor();
      return view(await householdFor(actor, 'households.read', householdId), actor);
    },

    async createHousehold({ gridId, key, place }, ctx) {
      const actor = await ctx.actor();
      // Members too: a walk-in at the 流管站 desk may belong to a household nobody registered yet.
      const grid = await gridInScope(data, actor, 'people.manage', gridId);
      if (grid.childCount > 0) throw new AppError('CONFLICT', '住户只能登记在最末一级网格');
      const id = submissionId('h', actor.openid, key);
      const earlier = await data.household(id);
      if (earlier) {
        // The same submission again (a retry, a double tap): it was made, answer with it.
        if (earlier.gridId !== gridId)
          throw new AppError('CONFLICT', '提交编号已被使用，请重新填写');
        return view(earlier, actor);
      }
      const fields = placeFields(place, '');
      if (await register.sameAddress(gridId, fields.address, null)) {
        throw new AppError('CONFLICT', `本网格已有住址为「${fields.address}」的住户`);
      }
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const code = newCode(HOUSEHOLD_CODE_LENGTH, secureRandom);
        const household: HouseholdDoc = {
          _id: id,
          gridId,
          gridPath: pathOf(grid),
          ...placeFields(place, code),
          code,
          contact: null,
          createdAt: new Date(),
          rev: 0,
        };
        const added = await register.addHousehold(household);
        if (added === 'code') continue;
        if (added === 'exists') {
          const made = await data.household(id);
          if (!made || made.gridId !== gridId) throw new AppError('CONFLICT');
          return view(made, actor);
        }
        await data.incCounts(household.gridPath, { households: 1 });
        await data.record({
          actor: actor.openid,
          action: 'household.create',
          gridId,
          gridPath: household.gridPath,
          target: household._id,
          detail: { address: household.address },
        });
        return view(household, actor);
      }
      throw new AppError('INTERNAL');
    },

    async editHousehold({ householdId, place }, ctx) {
      const actor = await ctx.actor();
      const household = await householdFor(actor, 'households.manage', householdId);
      const fields = placeFields(place, household.code);
      const samePlace = JSON.stringify(household.place ?? null) === JSON.stringify(place);
      if (samePlace && household.address === fields.address) return view(household, actor);
      if (
        fields.address !== household.address &&
        (await register.sameAddress(household.gridId, fields.address, household._id))
      ) {
        throw new AppError('CONFLICT', `本网格已有住址为「${fields.address}」的住户`);
      }
      await register.updateHousehold(household._id, fields);
      if (fields.address !== household.address) {
        await register.readdressRequests(household._id, fields.address);
      }
      await data.record({
        actor: actor.openid,
        action: 'household.edit',
        gridId: household.gridId,
        gridPath: household.gridPath,
        target: household._id,
        detail: { from: household.address, to: fields.address },
      });
      return view({ ...household, ...fields }, actor);
    },

    async removeHousehold({ householdId }, ctx) {
      const actor = await ctx.actor();
      const household = await householdFor(actor, 'households.manage', householdId);
      const { people, pendingRequests } = await register.occupancy(household._id);
      const refusal = householdRemovalRefusal(people, pendingRequests);
      if (refusal) throw new AppError('CONFLICT', refusal);
      if (!(await register.removeHousehold(household))) {
        const now = await data.household(household._id);
        throw new AppError('CONFLICT', now ? '该住户刚有变动，请刷新后重试' : '该住户已被删除');
      }
      await data.incCounts(household.gridPath, { households: -1 });
      await data.record({
        actor: actor.openid,
        action: 'household.remove',
        gridId: household.gridId,
        gridPath: household.gridPath,
        target: household._id,
        detail: { address: household.address },
      });
      return { removed: true };
    },

    async regenerateCode({ householdId }, ctx) {
      const actor = await ctx.actor();
      const household = await householdFor(actor, 'households.manage', householdId);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const code = newCode(HOUSEHOLD_CODE_LENGTH, secureRandom);
        if (code === household.code) continue;
        const set = { code, ...householdSearchIndex({ address: household.address, code }) };
        const outcome = await register.replaceCode(household._id, household.code, set);
        if (outcome === 'duplicate') continue;
        if (outcome === 'stale') {
          const now = await data.household(household._id);
          throw new AppError('CONFLICT', now ? '门牌码刚被他人更换，请刷新查看' : '该住户已被删除');
        }
        await data.record({
          actor: actor.openid,
          action: 'household.regenerateCode',
          gridId: household.gridId,
          gridPath: household.gridPath,
          target: household._id,
        });
        return view({ ...household, ...set }, actor);
      }
      throw new AppError('INTERNAL');
    },

    async addPerson({ householdId, key, person: fields }, ctx) {
      const actor = await ctx.actor();
      const household = await householdFor(actor, 'people.manage', householdId);
      const id = submissionId('p', actor.openid, key);
      const rights = (p: PersonDoc) => revealRights(actor, p);
      const earlier = await data.person(id);
      if (earlier) {
        if (earlier.householdId !== household._id) {
          throw new AppError('CONFLICT', '提交编号已被使用，请重新填写');
        }
        return toPersonView(earlier, rights);
      }
      await refuseTakenIdNumber(fields.idNumber, null);
      const { person, secret } = newPerson(
        id,
        household,
        fields,
        { openid: actor.openid, name: staffName(actor) },
        new Date(),
      );
      if (!(await register.addPerson(person, secret))) {
        const made = await data.person(id);
        if (!made) throw new AppError('CONFLICT');
        return toPersonView(made, rights);
      }
      // Then marks the household: a removal that found it empty before this person came fails on
      // the mark; one that got there first makes the mark fail, and the person goes again.
      if (!(await register.touchHousehold(household._id))) {
        await register.removePerson(person);
        await register.dropSecret(person._id);
        throw new AppError('CONFLICT', '该住户已被删除');
      }
      await data.incCounts(household.gridPath, { people: 1 });
      await data.record({
        actor: actor.openid,
        action: 'person.add',
        gridId: household.gridId,
        gridPath: household.gridPath,
        target: person._id,
        detail: { householdId: household._id, proxy: true },
      });
      return toPersonView(person, rights);
    },

    async editPerson({ personId, person: fields }, ctx) {
      const actor = await ctx.actor();
      const person = await personFor(actor, 'people.manage', personId);
      const stored = secretOf(await register.secret(person._id));
      const edit = editPerson(person, stored, fields);
      const rights = (p: PersonDoc) => revealRights(actor, p);
      if (edit.changed.length === 0) return toPersonView(person, rights);
      if (edit.secret && edit.secret.idNumber !== stored.idNumber) {
        await refuseTakenIdNumber(edit.secret.idNumber, person._id);
      }
      if (edit.secret) await register.setSecret(person._id, edit.secret);
      await register.updatePerson(person._id, edit.set);
      await data.record({
        actor: actor.openid,
        action: 'person.edit',
        gridId: person.gridId,
        gridPath: person.gridPath,
        target: person._id,
        detail: { changed: edit.changed },
      });
      return toPersonView({ ...person, ...edit.set }, rights);
    },

    async removePerson({ personId, reason }, ctx) {
      const actor = await ctx.actor();
      const person = await personFor(actor, 'households.manage', personId);
      const refusal = removalRefusal(person, await register.ties(person._id));
      if (refusal) throw new AppError('CONFLICT', refusal);
      if (!(await register.removeUnlinkedPerson(person))) {
        throw new AppError(
          'CONFLICT',
          '该居民刚有变动（已删除、迁移或已用微信加入），请刷新后查看',
        );
      }
      await register.dropSecret(person._id);
      await data.incCounts(person.gridPath, { people: -1 });
      await data.record({
        actor: actor.openid,
        action: 'person.remove',
        gridId: person.gridId,
        gridPath: person.gridPath,
        target: person._id,
        detail: { householdId: person.householdId, name: person.name, reason },
      });
      return { removed: true };
    },

    async movePerson({ personId, householdId, relation }, ctx) {
      const actor = await ctx.actor();
      const person = await personFor(actor, 'households.manage', personId);
      const target = await householdFor(actor, 'households.manage', householdId);
      const rights = (p: PersonDoc) => revealRights(actor, p);
      // Already there: a retry of a move that went through.
      if (person.householdId === target._id) return toPersonView(person, rights);
      const refusal = moveRefusal(await register.ties(person._id));
      if (refusal) throw new AppError('CONFLICT', refusal);
      const to = {
        householdId: target._id,
        gridId: target.gridId,
        gridPath: [...target.gridPath],
        relation,
      };
      if (!(await register.movePerson(person, to))) {
        const now = await data.person(person._id);
        if (now?.householdId === target._id) return toPersonView(now, rights);
        throw new AppError('CONFLICT', '该居民已被删除或已迁移，请刷新后查看');
      }
      // As when adding: the person first, then the mark that a removal of the household checks.
      if (!(await register.touchHousehold(target._id))) {
        await register.movePerson({ ...person, ...to }, person);
        throw new AppError('CONFLICT', '要迁入的住户已被删除');
      }
      const { leave, enter } = pathDelta(person.gridPath, target.gridPath);
      await Promise.all([
        data.incCounts(leave, { people: -1 }),
        data.incCounts(enter, { people: 1 }),
        person.openid
          ? register.moveUser(person.openid, person._id, {
              householdId: to.householdId,
              gridId: to.gridId,
              gridPath: to.gridPath,
            })
          : Promise.resolve(),
      ]);
      await data.record({
        actor: actor.openid,
        action: 'person.move',
        gridId: target.gridId,
        gridPath: target.gridPath,
        target: person._id,
        detail: {
          from: { householdId: person.householdId, gridId: person.gridId },
          to: { householdId: target._id, gridId: target.gridId },
        },
      });
      return toPersonView({ ...person, ...to }, rights);
    },
  };
}
