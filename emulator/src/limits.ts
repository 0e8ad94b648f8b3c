/**
 * Every real WeChat Cloud Development limit the emulator imitates, in one place.
 * Sources: ../shared/reference/platform-limits.md and cloudbase-wire-protocol.md.
 */
import { IMPORT_MAX_BYTES, NOTICE_FILE_MAX_BYTES } from '@gridguard/types';

/** database.getDocument: the SDK always sends a limit; 100 is what it sends when none is set. */
export const DB_DEFAULT_LIMIT = 100;
/** Server-side get() returns at most 1000 documents per call (the SDK also clamps on its side). */
export const DB_MAX_LIMIT = 1000;
/** aggregate() without a $limit stage returns 20 documents in production. */
export const AGGREGATE_DEFAULT_LIMIT = 20;
/** Production aggregate results are capped at about 10 000 even with a $limit. */
export const AGGREGATE_MAX_RESULTS = 10_000;

/** An open transaction older than this fails with DATABASE_TRANSACTION_FAIL. */
export const TRANSACTION_MAX_AGE_MS = 30_000;

/** Cloud function timeout: default 3 s, at most 60 s in the WeChat console. */
export const FUNCTION_DEFAULT_TIMEOUT_S = 3;
export const FUNCTION_MAX_TIMEOUT_S = 60;
/**
 * A cold instance's initialisation (loading the code and running its top level) has its own limit,
 * 60 s by default in SCF; the execution timeout starts only when the invocation is handed over.
 */
export const FUNCTION_INIT_TIMEOUT_MS = 60_000;
/** callFunction request text is limited to 100 KB; the response to about 1 MB. */
export const FUNCTION_MAX_REQUEST_BYTES = 100 * 1024;
export const FUNCTION_MAX_RESPONSE_BYTES = 1024 * 1024;

/** A signed request is valid for 600 s after its x-timestamp. */
export const SIGNATURE_VALIDITY_S = 600;

/** A failed (error or timeout) timer invocation is retried twice, a minute apart. */
export const TIMER_RETRIES = 2;
export const TIMER_RETRY_DELAY_MS = 60_000;
/** WeChat timer triggers are written in UTC+8 while functions run in UTC. */
export const TIMER_TIMEZONE = 'Asia/Shanghai';

/** Subscribe message template field limits (sendMessage docs). Lengths are in characters. */
export const SUBSCRIBE_FIELD_LIMITS = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  name: 10,
  phrase: 5,
} as const;

/**
 * The preview's own cap on one photo uploaded through the h5 gateway, not a WeChat limit: the
 * product only uploads compressed phone pictures (receipts, deliveries), and a cap keeps a stray
 * video out of the data folder.
 */
export const GATEWAY_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/**
 * The cap on one filled-in register (.xlsx) uploaded through the h5 gateway: the product's own
 * limit, which the client checks before sending and the imports function checks again, so the
 * preview refuses at the same size a phone would be told about.
 */
export const GATEWAY_IMPORT_MAX_BYTES = IMPORT_MAX_BYTES;

/**
 * The cap on one file of a notice (a picture, the PDF of its official text, a recording of up to
 * ten minutes) uploaded through the h5 gateway: the product's own limit (not a WeChat one), which
 * the client checks before sending.
 */
export const GATEWAY_NOTICE_MAX_BYTES = NOTICE_FILE_MAX_BYTES;

/** Upper bound on one HTTP request body the emulator will read (uploads included). */
export const HTTP_MAX_BODY_BYTES = 50 * 1024 * 1024;

/**
 * The deepest nesting of objects and arrays a function call's data may have at the h5 gateway. Not
 * a WeChat figure: no GridGuard input goes past a handful of levels, and a capped depth keeps a
 * hostile body from overflowing the stack of whatever walks it (the worker's structured clone, the
 * function's schema check).
 */
export const GATEWAY_MAX_JSON_DEPTH = 32;
/** MongoDB refuses documents nested deeper than 100 levels; the SDK endpoint and EJSON decoding use it too. */
export const DB_MAX_NESTING_DEPTH = 100;
/** A body for the emulator's own controls (`/_emulator/*`) is a few small, flat fields. */
export const CONTROL_MAX_BODY_BYTES = 16 * 1024;
export const CONTROL_MAX_JSON_DEPTH = 4;
/** The most subscription credits one `POST /_emulator/subscriptions` grants. */
export const CONTROL_MAX_GRANT = 10_000;
