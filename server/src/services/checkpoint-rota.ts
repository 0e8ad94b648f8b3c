import type { ROTA_SCHEMAS } from '@gridguard/types';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';

/** 卡口 (router `checkpoints`): sites, shift plans, the rota, sign-up, 补位, duty check-in and out. */
export function rotaActions(
  grids: GridData,
): Pick<ActionHandlers<'checkpoints'>, keyof typeof ROTA_SCHEMAS> {
  void grids;
  return {};
}
