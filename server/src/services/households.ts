import { maskIdNumber, maskPhone, type PersonView } from '@gridguard/types';
import { HOUSEHOLD_CODE_LENGTH, newCode } from '../domain/codes';
import { AppError } from '../domain/errors';
import { revealRights, type Actor } from '../domain/policy';
import type { HouseholdDoc, PersonDoc } from '../domain/records';
import { householdSearchIndex, personSearchIndex } from '../domain/search';
import { pathOf } from '../domain/tree';
import { toHouseholdView, toPersonView } from '../domain/views';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import { findInScope, gridInScope, isDuplicateKey, secureRandom } from './common';

interface NewPerson {
  name: string;
  relation: string;
  idNumber?: string | undefined;
  phone?: string | undefined;
}

/** Households on leaf nodes and family registered by proxy; joining by door code is join-requests.ts. */
export function householdActions(
  data: GridData,
): Pick<ActionHandlers<'households'>, 'create' | 'mine' | 'addPerson'> {
  /** The household as the viewer sees it: masked values, and which of them they may reveal. */
  const view = async (household: HouseholdDoc, viewer: Actor) => {
    const [people, grid] = await Promise.all([
      data.peopleOf([household._id]),
      data.grid(household.gridId),
    ]);
    return toHouseholdView(household, grid?.name ?? '', people, (p) => revealRights(viewer, p));
  };

  /** A person record with masked copies; the full ID number and phone go to personSecrets. */
  const addPerson = async (
    household: HouseholdDoc,
    input: NewPerson,
    proxyBy: Actor,
  ): Promise<PersonDoc> => {
    const masked = {
      name: input.name,
      idNumberMasked: input.idNumber ? maskIdNumber(input.idNumber) : null,
      phoneMasked: input.phone ? maskPhone(input.phone) : null,
    };
    const person: PersonDoc = {
      _id: `p-${newCode(14, secureRandom).toLowerCase()}`,
      householdId: household._id,
      gridId: household.gridId,
      gridPath: household.gridPath,
      ...masked,
      relation: input.relation,
      openid: null,
      proxy: { byOpenid: proxyBy.openid, byName: proxyBy.name, at: new Date() },
      createdAt: new Date(),
      ...personSearchIndex(masked),
    };
    await data.addPerson(person, { idNumber: input.idNumber ?? null, phone: input.phone ?? null });
    await data.incCounts(household.gridPath, { people: 1 });
    return person;
  };

  return {
    async create({ gridId, address }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(data, actor, 'households.manage', gridId);
      if (grid.childCount > 0) throw new AppError('CONFLICT', '住户只能登记在最末一级网格');
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const code = newCode(HOUSEHOLD_CODE_LENGTH, secureRandom);
        const household: HouseholdDoc = {
          _id: `h-${newCode(14, secureRandom).toLowerCase()}`,
          gridId,
          gridPath: pathOf(grid),
          address,
          code,
          contact: null,
          createdAt: new Date(),
          ...householdSearchIndex({ address, code }),
        };
        try {
          await data.addHousehold(household);
        } catch (e) {
          if (isDuplicateKey(e)) continue;
          throw e;
        }
        await data.incCounts(household.gridPath, { households: 1 });
        await data.record({
          actor: actor.openid,
          action: 'household.create',
          gridId,
          gridPath: household.gridPath,
          target: household._id,
        });
        return toHouseholdView(household, grid.name, []);
      }
      throw new AppError('INTERNAL');
    },

    async mine(_input, ctx) {
      const actor = await ctx.actor();
      const household = actor.householdId ? await data.household(actor.householdId) : null;
      return household ? view(household, actor) : null;
    },

    async addPerson({ householdId, ...input }, ctx): Promise<PersonView> {
      const actor = await ctx.actor();
      const household = await findInScope(
        actor,
        'household.proxy',
        () => data.household(householdId),
        (h) => ({ gridPath: h.gridPath, householdId: h._id }),
        '该住户不存在',
      );
      const person = await addPerson(household, input, actor);
      await data.record({
        actor: actor.openid,
        action: 'person.add',
        gridId: household.gridId,
        gridPath: household.gridPath,
        target: person._id,
        detail: { proxy: true },
      });
      return toPersonView(person, (p) => revealRights(actor, p));
    },
  };
}
