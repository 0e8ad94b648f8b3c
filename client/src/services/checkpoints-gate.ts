import type { Direction } from '@gridguard/types';
import { platform } from '../platform';
import { callAction } from './call-action';

export {
  DIRECTION_LABELS,
  ENTRY_KIND_LABELS,
  ENTRY_OUTCOME_LABELS,
  FEVER_THRESHOLD_C,
  MAX_PASSENGERS,
  PASS_REFRESH_MS,
  type EntryView,
  type LogResult,
  type OutsiderFormView,
  type PassView,
  type ResidentHit,
} from '@gridguard/types';

/** 卡口 at the gate: 通行码, finding residents, outsiders' forms, the log (router `checkpoints`). */

/** A fresh 通行码 for oneself, or a family member one registered or who has no WeChat. */
export const issuePass = (personId?: string) =>
  callAction('checkpoints', 'pass', personId ? { personId } : {});

export type ResidentQuery = { code: string } | { name: string } | { pass: string };
export const findResident = (siteId: string, query: ResidentQuery, page = 1) =>
  callAction('checkpoints', 'findResident', { siteId, ...query, page });

/** The phone's id for one passage: a retry of the same tap sends the same id. */
export const newClientId = () =>
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

interface Passage {
  siteId: string;
  clientId: string;
  direction: Direction;
  temperature: number;
}
export const logResident = (
  p: Passage,
  who: { via: 'code' | 'name'; personId: string } | { via: 'pass'; pass: string },
) => callAction('checkpoints', 'log', { ...p, kind: 'resident', ...who });
export const logOutsider = (p: Passage, formId: string, vehicle: boolean) =>
  callAction('checkpoints', 'log', { ...p, kind: vehicle ? 'vehicle' : 'outsider', formId });
export const logVehicle = (p: Passage, plate: string, passengers: number) =>
  callAction('checkpoints', 'log', { ...p, kind: 'vehicle', vehicle: { plate, passengers } });

export const outsiderWaiting = (siteId: string, page: number) =>
  callAction('checkpoints', 'outsiderWaiting', { siteId, page });
export const outsiderSite = (siteId: string, token: string) =>
  callAction('checkpoints', 'outsiderSite', { siteId, token });
export const submitOutsiderForm = (form: {
  siteId: string;
  token: string;
  name: string;
  phone: string;
  fromCode: string;
  fromName: string;
  destCode?: string;
  destAddress?: string;
  purpose: string;
  staying: boolean;
  plate?: string;
  passengers?: number;
}) => callAction('checkpoints', 'outsiderSubmit', form);

export const siteEntries = (siteId: string, page: number) =>
  callAction('checkpoints', 'entries', { siteId, page });
export const annotateEntry = (entryId: string, text: string) =>
  callAction('checkpoints', 'annotate', { entryId, text });
export const feversUnder = (gridId: string, page: number) =>
  callAction('checkpoints', 'fevers', { gridId, page });

/** Calls an outsider: the phone revealed (audited) and dialled. */
export async function callOutsider(entryId: string, name: string) {
  const result = await callAction('checkpoints', 'revealOutsiderPhone', { entryId });
  if (!result.ok) return result;
  await platform.makePhoneCall(result.data.phone, name);
  return { ok: true as const, data: null };
}

/** Scans a 通行码 with the camera; null when the scan was cancelled. */
export async function scanPass() {
  if (!platform.scanCode) return { ok: true as const, data: null };
  return platform.scanCode();
}
