/**
 * Application error codes every cloud function may return, with the Chinese text a user sees.
 * Codes are stable API: the client branches on them, never on the message.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '无法识别您的身份，请重新进入小程序',
  NOT_REGISTERED: '您还没有加入任何网格，请先通过邀请码加入',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '要找的记录不存在或已被删除',
  CONFLICT: '操作冲突，请刷新后重试',
  INVITE_INVALID: '邀请码无效、已过期或已用完，请向网格长索取新的邀请码',
  HOUSEHOLD_CODE_INVALID: '门牌码无效，请核对门上张贴的门牌码',
  NODE_NOT_EMPTY: '该网格下还有下级网格、住户、成员、出租屋或企业，不能删除',
  MOVE_CYCLE: '不能把网格移动到它自己或它的下级网格之下',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface FunctionFailure {
  ok: false;
  code: ErrorCode;
  message: string;
  /** Which input fields were wrong, for INVALID_INPUT. */
  issues?: { path: string; message: string }[];
}

export interface FunctionSuccess<T> {
  ok: true;
  data: T;
}

/** What every GridGuard cloud function resolves with; failures are values, not exceptions. */
export type FunctionResult<T> = FunctionSuccess<T> | FunctionFailure;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
