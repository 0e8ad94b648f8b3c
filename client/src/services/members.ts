import {
  INVITE_CODE,
  MEMBER_KIND_LABELS,
  MEMBER_KINDS,
  readCode,
  type CodeReading,
  type MemberKind,
} from '@gridguard/types';
import { platform } from '../platform';
import { callAction } from './call-action';

export type { InviteView, JoinResult, MemberKind, MemberView } from '@gridguard/types';

export const MEMBER_KIND_OPTIONS = MEMBER_KINDS.map((kind) => ({
  value: kind,
  label: MEMBER_KIND_LABELS[kind],
}));

export function memberKindLabel(kind: MemberKind): string {
  return MEMBER_KIND_LABELS[kind];
}

/** Limits of the invite schema, repeated here only to word the form's hints and checks. */
export const INVITE_DAYS = { min: 1, max: 30, default: 7 } as const;
export const INVITE_USES = { min: 1, max: 200, default: 20 } as const;

export interface NewInvite {
  gridId: string;
  kind: MemberKind;
  party: boolean;
  days: number;
  maxUses: number;
}

export function createInvite(input: NewInvite) {
  return callAction('members', 'invite', input);
}

/** The node's invites that can still be used (not expired, revoked or used up). */
export function listInvites(gridId: string) {
  return callAction('members', 'invites', { gridId });
}

/** Only call after the user confirmed. */
export function revokeInvite(code: string) {
  return callAction('members', 'revoke', { code, confirm: true });
}

export function joinByInvite(input: { code: string; name: string; phone?: string }) {
  return callAction('members', 'join', input);
}

/** Confirms someone who joined by an invite code; only call after the user confirmed. */
export function confirmMember(gridId: string, openid: string) {
  return callAction('members', 'confirm', { gridId, openid, confirm: true });
}

/** Only call after the user confirmed. */
export function removeMember(gridId: string, openid: string) {
  return callAction('members', 'remove', { gridId, openid, confirm: true });
}

/**
 * The invite code in what the user typed or scanned, or the one reason it is not one. Case,
 * full-width characters and grouping spaces do not matter; a scanned text of any other shape is
 * rejected rather than sent.
 */
export function readInviteCode(raw: string): CodeReading {
  return readCode(raw, INVITE_CODE);
}

/** The invite code in `raw`, or null when it cannot be one. */
export function normalizeInviteCode(raw: string): string | null {
  const reading = readInviteCode(raw);
  return reading.ok ? reading.code : null;
}

/** Whether this build can scan an invite QR code (weapp); the h5 preview types it instead. */
export const canScanInviteCode = platform.scanCode !== undefined;

export async function scanInviteCode() {
  if (!platform.scanCode) return { ok: true as const, data: null };
  return platform.scanCode();
}
