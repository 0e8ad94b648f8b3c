import * as v from 'valibot';
import { ERROR_MESSAGES, type FunctionFailure, type FunctionResult } from '@gridguard/types';
import { AppError } from '../domain/errors';

/** Who is calling, taken only from cloud.getWXContext(). */
export interface Caller {
  openid: string;
  source: string;
}

/** The part of wx-server-sdk a handler needs: the injected identity. */
export interface WxContextSource {
  getWXContext(): { OPENID?: string; SOURCE?: string };
}

export interface HandlerSpec<TSchema extends v.GenericSchema, TOutput> {
  schema: TSchema;
  run(input: v.InferOutput<TSchema>, caller: Caller): Promise<TOutput>;
}

/**
 * The shape of every client-facing function: validate the event with the shared schema, identify
 * the caller from the WeChat context, run the domain, and turn failures into `{ok:false}` values.
 */
export function createHandler<TSchema extends v.GenericSchema, TOutput>(
  cloud: WxContextSource,
  spec: HandlerSpec<TSchema, TOutput>,
): (event: unknown) => Promise<FunctionResult<TOutput>> {
  return (event) => handle(cloud, spec.schema, withoutInjectedFields(event), spec.run);
}

/** Validate → identify → run → map errors, shared by single handlers and routers. */
export async function handle<TSchema extends v.GenericSchema, TOutput>(
  cloud: WxContextSource,
  schema: TSchema,
  event: unknown,
  run: (input: v.InferOutput<TSchema>, caller: Caller) => Promise<TOutput>,
): Promise<FunctionResult<TOutput>> {
  const parsed = v.safeParse(schema, event);
  if (!parsed.success) return invalidInput(parsed.issues);
  const context = cloud.getWXContext();
  if (!context.OPENID) return failure(new AppError('UNAUTHENTICATED'));
  try {
    const data = await run(parsed.output, { openid: context.OPENID, source: context.SOURCE ?? '' });
    return { ok: true, data };
  } catch (e) {
    if (e instanceof AppError) return failure(e);
    // Logged without the event: it may carry personal data.
    console.error(
      `[${process.env.TCB_SEQID ?? 'local'}] unexpected error`,
      e instanceof Error ? e.stack : e,
    );
    return failure(new AppError('INTERNAL'));
  }
}

/** WeChat adds userInfo to the event of a mini-program call; it is not the caller's input. */
export function withoutInjectedFields(event: unknown): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event;
  const rest: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  delete rest['userInfo'];
  return rest;
}

export function failure(error: AppError): FunctionFailure {
  return { ok: false, code: error.code, message: error.message };
}

export function invalidInput(
  issues: readonly (v.BaseIssue<unknown> | { path: string; message: string })[],
): FunctionFailure {
  return {
    ok: false,
    code: 'INVALID_INPUT',
    message: ERROR_MESSAGES.INVALID_INPUT,
    issues: issues.map((issue) =>
      'kind' in issue ? { path: v.getDotPath(issue) ?? '', message: issue.message } : issue,
    ),
  };
}
