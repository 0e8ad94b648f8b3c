import type { GATE_SCHEMAS } from '@gridguard/types';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';

/** 卡口 (router `checkpoints`): 通行码, outsiders' forms by the site QR, the gate's log. */
export function gateActions(
  grids: GridData,
): Pick<ActionHandlers<'checkpoints'>, keyof typeof GATE_SCHEMAS> {
  void grids;
  return {};
}
