import type {
  ActionInput,
  ActionName,
  ActionOutput,
  ActionRequest,
  FunctionResult,
  RouterName,
} from '@gridguard/types';
import { platform } from '../platform';
import { invalidate, type Topic } from './invalidation';
import { WRITE_EFFECTS } from './write-effects';

type ActionCall<R extends RouterName, A extends ActionName<R>> = (
  name: R,
  request: ActionRequest<R, A>,
) => Promise<FunctionResult<ActionOutput<R, A>>>;

/**
 * Calls one action of a router function (grids, members, households, people) with the input and
 * output the shared contract gives that action, so a page never sees the union of all actions.
 * Once a write succeeds, every view showing what it changed is marked stale (write-effects.ts).
 */
export async function callAction<R extends RouterName, A extends ActionName<R>>(
  router: R,
  action: A,
  input: ActionInput<R, A>,
): Promise<FunctionResult<ActionOutput<R, A>>> {
  // The one narrowing cast: the API map types a router's input and output as unions over all its
  // actions, and TypeScript cannot correlate a generic A with the member it picks. The router
  // validates `{ action, ...input }` with A's schema and answers with ActionOutput<R, A>.
  const call = platform.callFunction as ActionCall<R, A>;
  // Object.assign rather than a spread: ActionInput is a conditional type, which spread refuses.
  const result = await call(router, Object.assign({}, input, { action }));
  if (result.ok)
    invalidate((WRITE_EFFECTS[router] as Record<string, readonly Topic[]>)[action] ?? []);
  return result;
}
