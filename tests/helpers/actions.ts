import type { Emulator } from '@gridguard/emulator';
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  FunctionResult,
  RouterName,
} from '@gridguard/types';
import { gatewayCall, gatewayLogin } from './gateway';

/** Calls router actions through the h5 gateway as one demo user, as the client does. */
export function actingAs(emulator: Emulator, openid: string) {
  let token: Promise<string> | undefined;
  return async <R extends RouterName, A extends ActionName<R>>(
    router: R,
    action: A,
    input: ActionInput<R, A>,
  ): Promise<FunctionResult<ActionOutput<R, A>>> => {
    token ??= gatewayLogin(emulator, openid);
    const reply = await gatewayCall<FunctionResult<ActionOutput<R, A>>>(
      emulator,
      await token,
      router,
      { action, ...(input as object) },
    );
    if (!reply.body.result) throw new Error(`${router}.${action} failed: ${reply.body.errMsg}`);
    return reply.body.result;
  };
}

/** The data of a successful result, or a thrown error naming the code. */
export function dataOf<T>(result: FunctionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.data;
}

/**
 * A proof photo's file id at the path the server names for this claimer and errand (the step
 * checks the path; tests that read the picture back upload to it first).
 */
export async function errandPhotoId(
  call: ReturnType<typeof actingAs>,
  errandId: string,
  kind: 'receipt' | 'delivery',
): Promise<string> {
  const { cloudPath } = dataOf(await call('errands', 'photoTarget', { errandId, kind }));
  return `cloud://local.test/${cloudPath}`;
}
