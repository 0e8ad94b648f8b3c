import {
  DOOR_CODE,
  readCode,
  RELATIONS,
  SUBSCRIBE_TEMPLATES,
  type CodeReading,
} from '@gridguard/types';
import { platform } from '../platform';
import { callAction } from './call-action';

export type { HouseholdView, JoinOutcome, JoinRequestView, PersonView } from '@gridguard/types';
export { RELATIONS };
export type Relation = (typeof RELATIONS)[number];

/** The caller's own household, or null when they have not joined one. */
export function myHousehold() {
  return callAction('households', 'mine', {});
}

export interface NewPerson {
  name: string;
  relation: Relation;
  idNumber?: string;
  phone?: string;
}

/**
 * Asks to join the household whose door code the resident typed: a member of the household or the
 * grid leader admits them; until then they see nothing of the family.
 */
export function joinHousehold(input: NewPerson & { code: string }) {
  return callAction('households', 'join', input);
}

/**
 * The door code in what the user typed, scanned or opened the page with, or the one reason it is
 * not one (a 0, 1, I, L or O: the code never holds them). Case, full-width characters and grouping
 * spaces do not matter. A poster's QR code holds the bare code, as an invite's does.
 */
export function readDoorCode(raw: string): CodeReading {
  return readCode(raw, DOOR_CODE);
}

/** The door code in `raw`, or null when it cannot be one. */
export function normalizeDoorCode(raw: string): string | null {
  const reading = readDoorCode(raw);
  return reading.ok ? reading.code : null;
}

/** Whether this build can scan a poster's QR code (weapp); the h5 preview types the code. */
export const canScanDoorCode = platform.scanCode !== undefined;

export async function scanDoorCode() {
  if (!platform.scanCode) return { ok: true as const, data: null };
  return platform.scanCode();
}

/** The caller's own request to join (waiting, or the last decision), or null. */
export function myJoinRequest() {
  return callAction('households', 'myRequest', {});
}

/** Takes back one's own waiting request. */
export function withdrawJoinRequest() {
  return callAction('households', 'withdraw', {});
}

/** Requests waiting on the caller: to their own household (null) or under a node they lead. */
export function joinRequests(gridId: string | null, page: number) {
  return callAction('households', 'requests', { gridId, page });
}

export function approveJoinRequest(requestId: string) {
  return callAction('households', 'approve', { requestId, confirm: true });
}

export function rejectJoinRequest(requestId: string) {
  return callAction('households', 'reject', { requestId, reason: '' });
}

/** Registers a family member on their behalf (elderly, children without phones): marked 代登记. */
export function addFamilyMember(householdId: string, input: NewPerson) {
  return callAction('households', 'addPerson', { householdId, ...input });
}

/**
 * Asks for consent to the next 入户申请 message (one-time on WeChat: one consent, one message).
 * Must start inside the tap handler; true when the user allowed it.
 */
export async function askForJoinRequestConsent(): Promise<boolean> {
  const id = SUBSCRIBE_TEMPLATES.joinRequest.id;
  const result = await platform.requestSubscribe([id]);
  return result.ok && result.data[id] === 'accept';
}
