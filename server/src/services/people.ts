import { AppError } from '../domain/errors';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import { authorise } from './common';

/** The one way to see a full ID number or phone: one field of one person, audited. */
export function peopleActions(data: GridData): ActionHandlers<'people'> {
  return {
    async reveal({ personId, field }, ctx) {
      const [actor, person] = await Promise.all([ctx.actor(), data.person(personId)]);
      if (!person) throw new AppError('NOT_FOUND', '该居民不存在');
      const target = { gridPath: person.gridPath, householdId: person.householdId };
      authorise(
        actor,
        field === 'idNumber' ? 'person.revealIdNumber' : 'person.revealPhone',
        target,
      );
      const secret = await data.secretOf(personId);
      const value = secret?.[field];
      if (!value)
        throw new AppError('NOT_FOUND', field === 'idNumber' ? '未登记身份证号' : '未登记手机号');
      await data.record({
        actor: actor.openid,
        action: 'person.reveal',
        gridId: person.gridId,
        gridPath: person.gridPath,
        target: personId,
        detail: { field },
      });
      return { value };
    },
  };
}
