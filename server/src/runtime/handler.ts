import * as v from 'valibot';
import {
  ERROR_MESSAGES,
  hasHiddenCharacters,
  type FunctionFailure,
  type FunctionResult,
} from '@gridguard/types';
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
  const shape = eventShapeProblem(event);
  if (shape) return invalidInput([{ path: '', message: shape }]);
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

/**
 * The deepest an event may nest: the deepest real input (request → items → an item → its name) is
 * four levels, so anything near this limit is a probe; the limit also bounds every walk of it.
 */
export const MAX_EVENT_DEPTH = 16;
/**
 * An event's size in characters of keys and strings plus one per value. The largest real input (the
 * command centre's 风险地区 list at its 200 areas) is under 15,000; the platform's cap is 100 KB.
 */
export const MAX_EVENT_SIZE = 32 * 1024;
/** One screen of field errors is enough to fix a form; a reply must not grow with the input. */
export const MAX_ISSUES = 10;
/** A path names a field; an unknown key can be any length, and is echoed back cut short. */
const MAX_PATH_LENGTH = 64;

/**
 * Why an event is refused before any schema sees it (too deep or too large), or null. Walked with
 * an explicit stack, so a deep event cannot overflow the call stack of the check itself.
 */
export function eventShapeProblem(event: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: event, depth: 0 }];
  let size = 0;
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, depth } = next;
    size += typeof value === 'string' ? value.length + 1 : 1;
    if (value !== null && typeof value === 'object') {
      if (depth >= MAX_EVENT_DEPTH) return '提交的内容层级过深';
      if (Array.isArray(value)) {
        if (value.length > MAX_EVENT_SIZE) return '提交的内容过大';
        for (const item of value as unknown[]) stack.push({ value: item, depth: depth + 1 });
      } else {
        const record = value as Record<string, unknown>;
        for (const key of Object.keys(record)) {
          size += key.length;
          stack.push({ value: record[key], depth: depth + 1 });
        }
      }
    }
    if (size > MAX_EVENT_SIZE) return '提交的内容过大';
  }
  return null;
}

const CHINESE = /[\u4e00-\u9fff]/;

/** A schema's own Chinese message, or a plain one for valibot's English defaults (which quote input). */
function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (CHINESE.test(issue.message)) return issue.message;
  return issue.kind === 'schema' ? '格式不正确' : '内容不符合要求';
}

function issuePath(path: string): string {
  const clean = hasHiddenCharacters(path) ? path.replace(/[^\x20-\x7e\u4e00-\u9fff]/g, '?') : path;
  return clean.length > MAX_PATH_LENGTH ? `${clean.slice(0, MAX_PATH_LENGTH)}…` : clean;
}

export function invalidInput(
  issues: readonly (v.BaseIssue<unknown> | { path: string; message: string })[],
): FunctionFailure {
  return {
    ok: false,
    code: 'INVALID_INPUT',
    message: ERROR_MESSAGES.INVALID_INPUT,
    issues: issues
      .slice(0, MAX_ISSUES)
      .map((issue) =>
        'kind' in issue
          ? { path: issuePath(v.getDotPath(issue) ?? ''), message: issueMessage(issue) }
          : { path: issuePath(issue.path), message: issue.message },
      ),
  };
}
