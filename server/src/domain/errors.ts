import { ERROR_MESSAGES, type ErrorCode } from '@gridguard/types';

/** A failure the caller should see as `{ ok: false, code, message }`; anything else is INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
