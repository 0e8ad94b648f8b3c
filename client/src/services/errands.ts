import {
  ERRAND_DEFAULTS,
  ERRAND_SETTING_RANGES,
  ERRAND_STATUS_LABELS,
  checkErrandSettings,
  type ErrandRequest,
  type ErrandSettings,
  type ErrandSettingsView,
  type ErrandStatus,
  type ErrandView,
} from '@gridguard/types';
import { callAction } from './call-action';

export type { ErrandRequest, ErrandSettings, ErrandSettingsView, ErrandStatus, ErrandView };
export { ERRAND_DEFAULTS, ERRAND_SETTING_RANGES, ERRAND_STATUS_LABELS, checkErrandSettings };

/** The four urgencies the router takes (1 whenever … 4 today), most urgent first for the chips. */
export const URGENCY_OPTIONS = [
  { value: '4', label: '今天急需（如药品）' },
  { value: '3', label: '明天前' },
  { value: '2', label: '三天内' },
  { value: '1', label: '不急' },
] as const;
export type UrgencyChoice = (typeof URGENCY_OPTIONS)[number]['value'];

export function urgencyLabel(urgency: number): string {
  return URGENCY_OPTIONS.find((option) => Number(option.value) === urgency)?.label ?? '不急';
}

/** The steps an errand goes through, in order; cancelled leaves the line after the first. */
export const ERRAND_STEPS: readonly ErrandStatus[] = [
  'open',
  'claimed',
  'purchased',
  'delivered',
  'confirmed',
];

/** Yuan with two decimals at most, as a receipt prints it: ¥25.5 → ¥25.50. */
export function formatYuan(amount: number): string {
  return `¥${amount.toFixed(2)}`;
}

/** 大米 10斤、青菜 2把 — the items on one line. */
export function itemsLine(errand: Pick<ErrandView, 'items'>): string {
  return errand.items.map((item) => `${item.name} ${item.quantity}`).join('、');
}

/** A new request for oneself or a family member (proxy); it goes into the pool at once. */
export function requestErrand(personId: string, request: ErrandRequest) {
  return callAction('errands', 'request', { personId, request });
}

/** Only while nobody has claimed it; the dialog's confirmation travels with the reason. */
export function cancelErrand(errandId: string, reason: string) {
  return callAction('errands', 'cancel', { errandId, reason, confirm: true });
}

/** The household's errands, newest first. */
export function listMyErrands(page: number) {
  return callAction('errands', 'mine', { page });
}

/** The household confirms as is; a leader confirming on its behalf gives a reason (audited). */
export function confirmReceipt(errandId: string, reason?: string) {
  return callAction('errands', 'confirm', { errandId, ...(reason && { reason }) });
}

/** Open errands in the caller's nodes, the most urgent and oldest first. */
export function listPool(page: number) {
  return callAction('errands', 'pool', { page });
}

/** 抢单: exactly one volunteer wins; the others get CONFLICT. */
export function claimErrand(errandId: string) {
  return callAction('errands', 'claim', { errandId });
}

/** What the caller has claimed, most recently changed first. */
export function listClaims(page: number) {
  return callAction('errands', 'claims', { page });
}

/** Gives a claimed errand back to the pool. */
export function unclaimErrand(errandId: string, reason: string) {
  return callAction('errands', 'unclaim', { errandId, reason });
}

export function recordPurchase(errandId: string, amount: number, receiptFileId: string) {
  return callAction('errands', 'purchase', { errandId, amount, receiptFileId });
}

export function recordDelivery(errandId: string, photoFileId: string) {
  return callAction('errands', 'deliver', { errandId, photoFileId });
}

/** The requester's name, address and phone, for the active claimer only; audited on the server. */
export function errandContact(errandId: string) {
  return callAction('errands', 'contact', { errandId });
}

/** A node's errands, its whole subtree, newest first: the leader's view. */
export function listNodeErrands(gridId: string, page: number) {
  return callAction('errands', 'subtree', { gridId, page });
}

/** The caller's own record as a volunteer: delivered errands, newest month first. */
export function volunteerRecord() {
  return callAction('errands', 'record', {});
}

/** 跑腿设置 in force (the claim limit and the claim timeout), with the last change. */
export function errandSettings() {
  return callAction('errands', 'settings', {});
}

/** The command centre's new limits; the router checks them with the same schema, and the role. */
export function configureErrands(settings: ErrandSettings) {
  return callAction('errands', 'configure', settings);
}
