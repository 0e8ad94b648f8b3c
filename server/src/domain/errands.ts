import * as v from 'valibot';
import {
  ERRAND_DEFAULTS,
  ErrandSettingsSchema,
  type ErrandSettings,
  type ErrandSettingsView,
  type ErrandStatus,
} from '@gridguard/types';
import { AppError } from './errors';
import type { ErrandSettingsDoc } from './records';

/** What can happen to an errand, and who does it. */
export type ErrandAction =
  'claim' | 'unclaim' | 'purchase' | 'deliver' | 'confirm' | 'cancel' | 'timeout' | 'autoConfirm';

const TRANSITIONS: Record<ErrandAction, { from: readonly ErrandStatus[]; to: ErrandStatus }> = {
  claim: { from: ['open'], to: 'claimed' },
  unclaim: { from: ['claimed'], to: 'open' },
  timeout: { from: ['claimed'], to: 'open' },
  purchase: { from: ['claimed'], to: 'purchased' },
  deliver: { from: ['purchased'], to: 'delivered' },
  confirm: { from: ['delivered'], to: 'confirmed' },
  autoConfirm: { from: ['delivered'], to: 'confirmed' },
  cancel: { from: ['open'], to: 'cancelled' },
};

const REFUSALS: Partial<Record<ErrandAction, string>> = {
  claim: '该跑腿单已被认领',
  cancel: '已被认领的跑腿单不能取消，请联系认领的志愿者',
};

/** The status after `action`, or a clear error (changing nothing) when it is not allowed now. */
export function nextErrandStatus(current: ErrandStatus, action: ErrandAction): ErrandStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) {
    const refusal =
      current === 'cancelled' ? '该跑腿单已取消' : (REFUSALS[action] ?? '当前状态下不能进行此操作');
    throw new AppError('CONFLICT', refusal);
  }
  return rule.to;
}

/** The statuses in which the claimer holds the errand (and may see the address and phone). */
export const ACTIVE_CLAIM: readonly ErrandStatus[] = ['claimed', 'purchased'];

export const fromStatuses = (action: ErrandAction): readonly ErrandStatus[] =>
  TRANSITIONS[action].from;

const validOr = (schema: v.GenericSchema<number>, value: unknown, fallback: number): number =>
  v.is(schema, value) ? value : fallback;

/**
 * The limits in force: each stored value that is still valid, the default for the rest (nothing
 * stored yet, a field missing, or one edited by hand out of range).
 */
export function errandSettingsOf(doc: ErrandSettingsDoc | null): ErrandSettings {
  const { maxActiveClaims, claimTimeoutMinutes } = ErrandSettingsSchema.entries;
  return {
    maxActiveClaims: validOr(
      maxActiveClaims,
      doc?.maxActiveClaims,
      ERRAND_DEFAULTS.maxActiveClaims,
    ),
    claimTimeoutMinutes: validOr(
      claimTimeoutMinutes,
      doc?.claimTimeoutMinutes,
      ERRAND_DEFAULTS.claimTimeoutMinutes,
    ),
  };
}

/** What 跑腿设置 shows: the limits in force and the last change, by the changer's name. */
export function errandSettingsView(doc: ErrandSettingsDoc | null): ErrandSettingsView {
  return {
    ...errandSettingsOf(doc),
    updatedAt: doc?.updatedAt?.toISOString() ?? null,
    updatedBy: doc?.updatedBy?.name ?? null,
  };
}

/** The reason a stale claim's history gives when the timer returns it to the pool. */
export const timeoutReason = (minutes: number) => `认领后 ${minutes} 分钟未购买，退回待认领`;
