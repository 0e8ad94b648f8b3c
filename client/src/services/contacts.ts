import Taro from '@tarojs/taro';
import {
  CARE_STATUS_LABELS,
  type CareStatus,
  type CaredPerson,
  type ContactCandidate,
  type ContactHousehold,
  type ContactPerson,
  type HouseholdTags,
  type FunctionResult,
} from '@gridguard/types';
import { keyedPage } from '../hooks/use-paged-list';
import { callAction } from './call-action';
import { platform } from '../platform';
import { revealPersonField } from './people';

export { CARE_STATUS_LABELS };
export type {
  CareStatus,
  CaredPerson,
  ContactCandidate,
  ContactHousehold,
  ContactPerson,
  HouseholdTags,
};
export type { FamilyMemberToday, FamilyToday, StaffToCall } from '@gridguard/types';

/** The caller's household today (each person's report, observation day) and whom to call. */
export function familyToday() {
  return callAction('contacts', 'family', {});
}

/** Calls the household's 户联系 (else 网格长): the number is revealed, audited, and dialled. */
export async function callStaff(): Promise<FunctionResult<null>> {
  const result = await callAction('contacts', 'callStaff', {});
  if (!result.ok) return result;
  await platform.makePhoneCall(result.data.phone, result.data.name);
  return { ok: true, data: null };
}

/** 我联系的住户: the caller's households, 20 a page, with each person's status today. */
export function listMyHouseholds(page: number) {
  return callAction('contacts', 'mine', { page });
}

/** 我照看的居家观察对象: the people whose 关爱协管员 is the caller, the abnormal first. */
export function listCared(page: number) {
  return keyedPage(callAction('contacts', 'cared', { page }), (p) => p.personId);
}

/** The party members of the node and the nodes above: who may contact its households. */
export function contactCandidates(gridId: string) {
  return callAction('contacts', 'candidates', { gridId });
}

/** Names (or with null clears) the contact of households; only call after the user confirmed. */
export function assignContact(householdIds: readonly string[], openid: string | null) {
  return callAction('contacts', 'assign', { householdIds: [...householdIds], openid });
}

/** The team on an observed person's path, and who looks after them now. */
export function carerCandidates(personId: string) {
  return callAction('contacts', 'carers', { personId });
}

/** A leader gives an observed person another 关爱协管员; only call after the user confirmed. */
export function assignCarer(personId: string, openid: string) {
  return callAction('returns', 'assignCarer', { personId, openid });
}

/**
 * One tap to call: the full number is revealed (audited on the server) and, in the mini-program,
 * the dialler opens with it; the number shows for a short while to dial by hand on h5.
 */
export async function revealAndCall(personId: string) {
  const result = await revealPersonField(personId, 'phone');
  if (result.ok && platform.kind === 'weapp') {
    Taro.makePhoneCall({ phoneNumber: result.data.value }).catch(() => {
      // Cancelling the dialler is the user's choice; the number stays on screen to dial by hand.
    });
  }
  return result;
}

/** Tags for a household's line: 观察中 N / 今日未报 N / 异常 N, only those that apply. */
export function householdTagTexts(tags: HouseholdTags): { text: string; kind: string }[] {
  const out: { text: string; kind: string }[] = [];
  if (tags.abnormal > 0) out.push({ text: `异常 ${tags.abnormal}`, kind: 'abnormal' });
  if (tags.notReported > 0) out.push({ text: `今日未报 ${tags.notReported}`, kind: 'notReported' });
  if (tags.observing > 0) out.push({ text: `观察中 ${tags.observing}`, kind: 'observing' });
  return out;
}
