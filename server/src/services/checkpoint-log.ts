import type { LOG_SCHEMAS } from '@gridguard/types';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';

/** 卡口 (router `checkpoints`): counts per shift, site and day; the log's Excel export. */
export function logActions(
  grids: GridData,
): Pick<ActionHandlers<'checkpoints'>, keyof typeof LOG_SCHEMAS> {
  void grids;
  return {};
}
