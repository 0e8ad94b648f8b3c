/**
 * 卡口 (router `checkpoints`): sites, shift plans, the rota, sign-up, 补位, duty check-in and out, reminders.
 */
export const ROTA_SCHEMAS = {} as const;

export type RotaOutputs = Record<never, never>;
