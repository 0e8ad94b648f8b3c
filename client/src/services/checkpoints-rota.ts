import {
  SUBSCRIBE_TEMPLATES,
  type FunctionResult,
  type ShiftPlanItem,
  type SiteKind,
} from '@gridguard/types';
import { platform } from '../platform';
import { callAction } from './call-action';

export {
  CHANGE_DEADLINE_DAYS_BEFORE,
  MAX_CREW_PER_SHIFT,
  MAX_SHIFTS_PER_DAY,
  SITE_KIND_LABELS,
  SITE_KINDS,
  shiftMinutes,
  type LoadRow,
  type RotaView,
  type ShiftPlanItem,
  type ShiftView,
  type SiteKind,
  type SiteRow,
  type SiteView,
  type StaffLoadView,
} from '@gridguard/types';
export { submissionKey } from './register';

export interface SiteFields {
  name: string;
  kind: SiteKind;
  place: string;
  plan: ShiftPlanItem[];
}

/** The plans most gates ran in 2020: round the clock in three, or two crossing day shifts. */
export const PLAN_PRESETS: { label: string; plan: ShiftPlanItem[] }[] = [
  {
    label: '三班倒（3×8 小时）',
    plan: [
      { start: '00:00', end: '08:00', need: 2 },
      { start: '08:00', end: '16:00', need: 2 },
      { start: '16:00', end: '00:00', need: 2 },
    ],
  },
  {
    label: '两班交叉（07–17 / 11–21）',
    plan: [
      { start: '07:00', end: '17:00', need: 2 },
      { start: '11:00', end: '21:00', need: 2 },
    ],
  },
];

export const listSites = (gridId: string, page: number) =>
  callAction('checkpoints', 'sites', { gridId, page });
export const getSite = (siteId: string) => callAction('checkpoints', 'site', { siteId });
/** `key`: chosen once per form, so a retry answers with the same site. */
export const createSite = (gridId: string, key: string, fields: SiteFields) =>
  callAction('checkpoints', 'createSite', { gridId, key, ...fields });
export const editSite = (siteId: string, fields: Partial<SiteFields>) =>
  callAction('checkpoints', 'editSite', { siteId, ...fields });
/** Only call after the user confirmed. */
export const closeSite = (siteId: string) =>
  callAction('checkpoints', 'closeSite', { siteId, confirm: true });
export const renewSiteQr = (siteId: string) =>
  callAction('checkpoints', 'renewQr', { siteId, confirm: true });
export const getRota = (siteId: string, from?: string) =>
  callAction('checkpoints', 'rota', { siteId, ...(from && { from }) });
export const listUncovered = (gridId: string, page: number) =>
  callAction('checkpoints', 'uncovered', { gridId, page });
/**
 * 报名, first asking for consent to the reminder before the shift (a one-time subscription on
 * WeChat, so it must start inside the tap); a refusal only means no reminder.
 */
export async function signUp(shiftId: string) {
  await platform.requestSubscribe([SUBSCRIBE_TEMPLATES.shiftReminder.id]);
  return callAction('checkpoints', 'signUp', { shiftId });
}
/** Only call after the user confirmed. */
export const leaveShift = (shiftId: string) =>
  callAction('checkpoints', 'leave', { shiftId, confirm: true });
export const fillShift = (shiftId: string, openid: string) =>
  callAction('checkpoints', 'fill', { shiftId, openid });
/** Only call after the user confirmed. */
export const unfillShift = (shiftId: string, openid: string) =>
  callAction('checkpoints', 'unfill', { shiftId, openid, confirm: true });
export const getStaffLoad = (siteId: string) => callAction('checkpoints', 'staffLoad', { siteId });
export const listMyShifts = (page: number) => callAction('checkpoints', 'myShifts', { page });
export const checkIn = (shiftId: string) => callAction('checkpoints', 'checkIn', { shiftId });
export const checkOut = (shiftId: string) => callAction('checkpoints', 'checkOut', { shiftId });

/** Calls someone on a shift: the number is revealed (audited), then dialled. */
export async function callCrew(shiftId: string, openid: string): Promise<FunctionResult<null>> {
  const result = await callAction('checkpoints', 'callCrew', { shiftId, openid });
  if (!result.ok) return result;
  await platform.makePhoneCall(result.data.phone, result.data.name);
  return { ok: true, data: null };
}

/** `8 小时`, `7.5 小时`. */
export const hoursText = (minutes: number): string =>
  `${Math.round((minutes / 60) * 10) / 10} 小时`;

/** Who was there: 已到岗 once checked in; 未到岗 when the shift has begun and they have not. */
export function dutyMark(
  crew: { checkedInAt: string | null; checkedOutAt: string | null },
  shift: { startAt: string },
  now = Date.now(),
): string | null {
  if (crew.checkedOutAt) return '已签退';
  if (crew.checkedInAt) return '已到岗';
  return now >= Date.parse(shift.startAt) ? '未到岗' : null;
}
