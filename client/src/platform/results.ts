import {
  ERROR_MESSAGES,
  isErrorCode,
  type ErrorCode,
  type FunctionFailure,
  type FunctionResult,
} from '@gridguard/types';
import type { SubscribeDecision } from './contract';

/** Shown when the request never got an answer (offline, DNS, timeout), as opposed to a bug. */
export const NETWORK_ERROR_MESSAGE = '网络异常，请检查网络后重试';

export function fail(code: ErrorCode, message: string = ERROR_MESSAGES[code]): FunctionFailure {
  return { ok: false, code, message };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the `{ ok, data } | { ok, code, message }` envelope every function returns. The shape of
 * `data` is trusted: it is typed by the shared API map on both sides and validated at the source.
 */
export function toFunctionResult<T>(raw: unknown): FunctionResult<T> {
  if (!isRecord(raw)) return fail('INTERNAL');
  if (raw.ok === true && 'data' in raw) {
    return { ok: true, data: raw.data as T };
  }
  if (raw.ok === false && isErrorCode(raw.code)) {
    const failure: FunctionFailure = {
      ok: false,
      code: raw.code,
      message:
        typeof raw.message === 'string' && raw.message ? raw.message : ERROR_MESSAGES[raw.code],
    };
    if (Array.isArray(raw.issues)) {
      failure.issues = raw.issues.filter(isIssue);
    }
    return failure;
  }
  return fail('INTERNAL');
}

function isIssue(value: unknown): value is { path: string; message: string } {
  return isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';
}

/** WeChat reports platform failures as `{ errCode, errMsg }`; network trouble is worth telling apart. */
export function platformFailure(error: unknown): FunctionFailure {
  const errMsg = isRecord(error) && typeof error.errMsg === 'string' ? error.errMsg : String(error);
  if (/network|timeout|timed out|offline|ERR_CONNECTION|Failed to fetch/i.test(errMsg)) {
    return fail('INTERNAL', NETWORK_ERROR_MESSAGE);
  }
  return fail('INTERNAL');
}

export function isSubscribeDecision(value: unknown): value is SubscribeDecision {
  return value === 'accept' || value === 'reject' || value === 'ban' || value === 'filter';
}
