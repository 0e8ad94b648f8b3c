import { ERRAND_DEFAULTS } from '@gridguard/types';
import { errandSettingsOf, fromStatuses, timeoutReason } from '../domain/errands';
import type { GridData } from '../runtime/data';
import type { ErrandData } from '../runtime/errand-data';
import { auditErrand } from './errands';

const SWEEP_BATCH = 100;

/**
 * The errand timer: claims left without progress for the configured time return to the pool,
 * deliveries left unconfirmed for 24 h are confirmed. Conditional updates make a second run change nothing.
 */
export async function sweepErrands(
  grids: GridData,
  errands: ErrandData,
  now: Date,
): Promise<{ returned: number; confirmed: number }> {
  let returned = 0;
  let confirmed = 0;
  const { claimTimeoutMinutes } = errandSettingsOf(await errands.settings());
  const staleClaims = await errands.claimedBefore(
    new Date(now.getTime() - claimTimeoutMinutes * 60_000),
    SWEEP_BATCH,
  );
  for (const e of staleClaims) {
    const entry = {
      at: now,
      action: 'timeout',
      by: 'system',
      reason: timeoutReason(claimTimeoutMinutes),
    };
    if (
      e.claimer &&
      (await errands.advance(
        e._id,
        fromStatuses('timeout'),
        e.claimer.openid,
        { status: 'open', claimer: null },
        entry,
      ))
    ) {
      await errands.releaseSlot(e.claimer.openid);
      await auditErrand(grids, e, 'system', 'timeout');
      returned += 1;
    }
  }
  const unconfirmed = await errands.deliveredBefore(
    new Date(now.getTime() - ERRAND_DEFAULTS.autoConfirmHours * 3600_000),
    SWEEP_BATCH,
  );
  for (const e of unconfirmed) {
    const entry = { at: now, action: 'autoConfirm', by: 'system' };
    if (
      await errands.advance(
        e._id,
        fromStatuses('autoConfirm'),
        null,
        { status: 'confirmed' },
        entry,
      )
    ) {
      await auditErrand(grids, e, 'system', 'autoConfirm');
      confirmed += 1;
    }
  }
  return { returned, confirmed };
}
