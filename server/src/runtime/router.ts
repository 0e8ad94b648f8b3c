import * as v from 'valibot';
import {
  ACTION_SCHEMAS,
  type ActionName,
  type ActionOutput,
  type ActionParsed,
  type FunctionResult,
  type RouterName,
} from '@gridguard/types';
import type { Actor } from '../domain/policy';
import {
  handle,
  invalidInput,
  withoutInjectedFields,
  type Caller,
  type WxContextSource,
} from './handler';

export interface ActionContext {
  caller: Caller;
  /** The caller's roles and scope, loaded on first use and kept for the invocation. */
  actor(): Promise<Actor>;
}

export type ActionHandlers<R extends RouterName> = {
  [A in ActionName<R>]: (
    input: ActionParsed<R, A>,
    ctx: ActionContext,
  ) => Promise<ActionOutput<R, A>>;
};

/**
 * One function serving several actions (tcb-router style): `event.action` picks the action, whose
 * shared schema validates the rest of the event before its handler runs.
 */
export function createRouter<R extends RouterName>(
  cloud: WxContextSource,
  router: R,
  handlers: ActionHandlers<R>,
  loadActor: (caller: Caller) => Promise<Actor>,
): (event: unknown) => Promise<FunctionResult<unknown>> {
  const schemas = ACTION_SCHEMAS[router] as Record<string, v.GenericSchema>;
  return async (raw) => {
    const event = withoutInjectedFields(raw) as Record<string, unknown> | null;
    const action = event && typeof event === 'object' ? event['action'] : undefined;
    const schema =
      typeof action === 'string' && Object.hasOwn(schemas, action) ? schemas[action] : undefined;
    if (!schema || !event) return invalidInput([{ path: 'action', message: '未知的操作' }]);
    const input = { ...event };
    delete input['action'];
    const handler = handlers[action as ActionName<R>] as (
      input: unknown,
      ctx: ActionContext,
    ) => Promise<unknown>;
    return handle(cloud, schema, input, (parsed: unknown, caller: Caller) => {
      let actor: Promise<Actor> | undefined;
      return handler(parsed, { caller, actor: () => (actor ??= loadActor(caller)) });
    });
  };
}
