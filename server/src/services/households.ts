import { maskIdNumber, maskPhone, type PersonView } from '@gridguard/types';
import { HOUSEHOLD_CODE_LENGTH, newCode } from '../domain/codes';
import { AppError } from '../domain/errors';
import { revealRights, type Actor } from '../domain/policy';
import type { HouseholdDoc, PersonDoc } from '../domain/records';
import { householdSearchIndex, personSearchIndex } from '../domain/search';
import { pathOf } from '../domain/tree';
import { toHouseholdView, toPersonView } from '../domain/views';
import type { GridData } from '../runtime/data';
import type { RegisterData } from '../runtime/register-data';
import type { ActionHandlers } from '../runtime/router';
import { findInScope, gridInScope, isDuplicateKey, secureRandom } from './common';

interface NewPerson {
  name: string;
  relation: string;
  idNumber?: string | undefined;
  phone?: string | undefined;
}

/**
 * The register's household mark (`rev`), and taking a person back when the mark finds the
 * household gone: every writer that puts someone into a household uses these.
 */
export type HouseholdMarks = Pick<RegisterData, 'touchHousehold' | 'removePerson' | 'dropSecret'>;

/** Households on leaf nodes and family registered by proxy; joining by door code is join-requests.ts. */
export function householdActions(
  data: GridData,
  marks: HouseholdMarks,
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
    // Then the mark, as the register does: a removal that found the household empty before this
    // person came fails on it; one that got there first makes the mark fail, and the person goes.
    if (!(await marks.touchHousehold(household._id))) {
      await marks.removePerson(person);
      await marks.dropSecret(person._id);
      throw new AppError('CONFLICT', '该住户已被删除，请刷新后查看');
    }
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
