import { AppError } from '../domain/errors';
import type { Permission } from '../domain/policy';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import { findInScope } from './common';
import { personTarget } from '../domain/policy';

/** The one way to see a full ID number or phone: one field of one person, audited. */
export function peopleActions(data: GridData): ActionHandlers<'people'> {
  return {
    async reveal({ personId, field }, ctx) {
      const permission: Permission =
        field === 'idNumber' ? 'person.revealIdNumber' : 'person.revealPhone';
      const person = await findInScope(
        await ctx.actor(),
        permission,
        () => data.person(personId),
        personTarget,
        '该居民不存在',
      );
      const secret = await data.secretOf(personId);
      const value = secret?.[field];
      if (!value)
        throw new AppError('NOT_FOUND', field === 'idNumber' ? '未登记身份证号' : '未登记手机号');
      await data.record({
        actor: ctx.caller.openid,
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
