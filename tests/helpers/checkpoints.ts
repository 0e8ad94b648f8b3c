import { chinaTime, type ActionInput, type FunctionResult } from '@gridguard/types';

/** What the 卡口 rota tests share: plans around the present moment, and reading refusals. */

export type SiteInput = ActionInput<'checkpoints', 'createSite'>;
type PlanItem = SiteInput['plan'][number];

/** `HH:mm` China time `offsetMinutes` from now, on the minute. */
export const clockIn = (offsetMinutes: number, now = Date.now()): string =>
  chinaTime(now + offsetMinutes * 60_000).slice(11, 16);

/**
 * A plan item starting `offsetMinutes` from now, `minutes` long. Tests that need a shift running
 * now or starting soon use it; near China midnight such a shift would fall on another day, so
 * they check `sameChinaDay` first.
 */
export const shiftFromNow = (offsetMinutes: number, minutes: number, need = 2): PlanItem => ({
  start: clockIn(offsetMinutes),
  end: clockIn(offsetMinutes + minutes),
  need,
});

/** The China day `offsetMinutes` from now: the day a plan item starting then makes its shift on. */
export const chinaDayIn = (offsetMinutes: number): string =>
  chinaTime(Date.now() + offsetMinutes * 60_000).slice(0, 10);

/** True when now and `offsetMinutes` from now are on the same China day. */
export const sameChinaDay = (offsetMinutes: number): boolean =>
  chinaTime(Date.now()).slice(0, 10) ===
  chinaTime(Date.now() + offsetMinutes * 60_000).slice(0, 10);

export const refusal = (result: FunctionResult<unknown>) => {
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.code, message: result.message };
};
