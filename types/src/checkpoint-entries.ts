/**
 * 卡口 (router `checkpoints`): 通行码, outsiders' forms by the site QR, the gate's log, fevers turned back.
 */
export const GATE_SCHEMAS = {} as const;

export type GateOutputs = Record<never, never>;
