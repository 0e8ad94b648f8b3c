import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ENTRY_KIND_LABELS,
  FEVER_THRESHOLD_C,
  maskName,
  PASS_TTL_MS,
  type EntryView,
  type OutsiderFormView,
  type RiskArea,
} from '@gridguard/types';
import { riskAreaOf } from './classify';
import type { EntryDoc, OutsiderFormDoc } from './checkpoint-records';

/**
 * The gate's rules in plain TypeScript: 通行码 signed and read, what a passage's outcome is, the
 * outsider's form ids and short numbers, and what staff lists show of an entry or a form.
 */

/** A new secret for signing passes: 32 random bytes, kept in settings, never sent to a client. */
export const newPassKey = (): string => randomBytes(32).toString('base64url');

const signatureOf = (key: string, body: string) =>
  createHmac('sha256', Buffer.from(key, 'base64url')).update(body).digest('base64url');

/** A pass for a person issued at `now`: the person's id, the time and a nonce, signed. */
export function signPass(key: string, personId: string, now: number): string {
  const body = `${personId}.${now.toString(36)}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${signatureOf(key, body)}`;
}

export type PassReading =
  | { ok: true; personId: string; issuedAt: number; nonce: string }
  | { ok: false; reason: 'forged' | 'expired' };

/**
 * Reads a scanned pass: forged (the signature does not hold) or expired (older than PASS_TTL_MS,
 * or from the future beyond a little clock drift) are refused; use once is the log's business.
 */
export function readPass(key: string, token: string, now: number): PassReading {
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'forged' };
  const [personId = '', issued = '', nonce = '', signature = ''] = parts;
  const expected = Buffer.from(signatureOf(key, `${personId}.${issued}.${nonce}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'forged' };
  const issuedAt = parseInt(issued, 36);
  const drift = 5_000;
  if (!Number.isFinite(issuedAt) || issuedAt > now + drift || now - issuedAt > PASS_TTL_MS)
    return { ok: false, reason: 'expired' };
  return { ok: true, personId, issuedAt, nonce };
}

/** Compares a QR's token with the site's without leaking its length or prefix by timing. */
export function sameToken(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

export const isFever = (temperature: number) => temperature >= FEVER_THRESHOLD_C;

/** One form per outsider per site: resubmitting rewrites it, confirming closes it for good. */
export const outsiderFormIdOf = (siteId: string, openid: string): string =>
  `of-${createHash('sha256').update(`${siteId}\n${openid}`).digest('hex').slice(0, 24)}`;

/** Where the full phone of a form's version is kept: a resubmission may change the phone. */
export const outsiderSecretIdOf = (formId: string, rev: number): string => `${formId}:${rev}`;

/** The four digits the outsider shows at the gate, different for each submission of the form. */
export const formNumberOf = (formId: string, rev: number): string =>
  String(
    parseInt(createHash('sha256').update(`${formId}:${rev}`).digest('hex').slice(0, 8), 16) %
      10_000,
  ).padStart(4, '0');

/** An origin in a risk area in force on `day` (by region code, else by its name). */
export const fromRiskArea = (
  fromCode: string,
  fromName: string,
  areas: readonly RiskArea[],
  day: string,
): boolean =>
  riskAreaOf({ province: fromName, city: '', district: '', code: fromCode }, areas, day) !==
  undefined;

export function toOutsiderFormView(form: OutsiderFormDoc, fromRisk: boolean): OutsiderFormView {
  return {
    id: form._id,
    formId: form._id,
    number: formNumberOf(form._id, form.rev),
    name: maskName(form.name),
    phoneMasked: form.phoneMasked,
    fromName: form.fromName,
    fromRisk,
    destAddress: form.destAddress,
    purpose: form.purpose,
    staying: form.staying,
    plate: form.plate,
    passengers: form.passengers,
    createdAt: form.createdAt.toISOString(),
  };
}

/** What a staff list shows of an entry: masked names, no full phone. */
export function toEntryView(entry: EntryDoc): EntryView {
  const { resident, outsider, vehicle } = entry;
  const who = resident
    ? resident.name
    : outsider
      ? maskName(outsider.name)
      : (vehicle?.plate ?? ENTRY_KIND_LABELS[entry.kind]);
  const detail = resident
    ? resident.address
    : outsider
      ? `来自${outsider.fromName}${outsider.fromRisk ? '（风险地区）' : ''}，去往${outsider.destAddress}，${outsider.purpose}`
      : `${vehicle?.passengers ?? entry.people} 人`;
  return {
    id: entry._id,
    siteId: entry.siteId,
    siteName: entry.siteName,
    at: entry.at.toISOString(),
    day: entry.day,
    kind: entry.kind,
    direction: entry.direction,
    temperature: entry.temperature,
    fever: entry.fever,
    outcome: entry.outcome,
    who: outsider && vehicle ? `${vehicle.plate} ${maskName(outsider.name)}` : who,
    detail,
    via: resident?.via ?? null,
    people: entry.people,
    by: entry.by.name,
    annotations: entry.annotations.map((a) => ({
      by: a.by.name,
      at: a.at.toISOString(),
      text: a.text,
    })),
    phoneMasked: outsider?.phoneMasked ?? null,
  };
}
