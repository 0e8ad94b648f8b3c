/**
 * 卡口 (router `checkpoints`): counts per shift, site and day; the log's Excel export.
 */
export const LOG_SCHEMAS = {} as const;

export type LogOutputs = Record<never, never>;
