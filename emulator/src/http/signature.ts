import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { tcbErrors } from '../errors';
import { SIGNATURE_VALIDITY_S } from '../limits';

/** What a signed request carried, as the server received it. */
export interface SignedRequest {
  method: string;
  host: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /** Body parameters: parsed JSON values, or multipart text fields and binary parts. */
  params: Record<string, unknown>;
}

export interface Credentials {
  secretId: string;
  secretKey: string;
}

const AUTH_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=([^,]*),)? SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

/**
 * Checks a TC3-HMAC-SHA256 "tcb" signature (cloudbase-wire-protocol.md §3) against the local
 * credentials, and throws a TcbError saying why when it does not hold.
 */
export function verifySignature(req: SignedRequest, credentials: Credentials, nowMs: number): void {
  const header = firstHeader(req.headers['authorization']);
  const match = header && AUTH_PATTERN.exec(header);
  if (!match) throw tcbErrors.signatureInvalid('missing or malformed authorization header');
  const [, secretId, date, signedParams = '', signedHeaders = '', signature = ''] = match;
  if (secretId !== credentials.secretId) {
    throw tcbErrors.signatureInvalid(
      `unknown SecretId ${secretId}; use the credentials the emulator printed`,
    );
  }
  const timestamp = Number(firstHeader(req.headers['x-timestamp']));
  if (!Number.isInteger(timestamp)) throw tcbErrors.signatureInvalid('missing x-timestamp header');
  if (Math.abs(nowMs / 1000 - timestamp) > SIGNATURE_VALIDITY_S) {
    throw tcbErrors.signatureInvalid(
      `signature expired: x-timestamp ${timestamp} is more than 600 s away`,
    );
  }
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) {
    throw tcbErrors.signatureInvalid('credential date does not match x-timestamp');
  }

  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames
    .map((name) => `${name}:${canonicalHeaderValue(name, req)}`)
    .join('\n');
  const canonicalRequest = [
    req.method.toLowerCase(),
    `//${req.host}${req.path}`,
    req.rawQuery,
    `${canonicalHeaders}\n`,
    signedHeaders,
    payloadHash(req.params, signedParams === '' ? [] : signedParams.split(';')),
  ].join('\n');
  const scope = `${date}/tcb/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonicalRequest)}`;
  const expected = hmac(signingKey(credentials.secretKey, date as string), stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw tcbErrors.signatureInvalid(
      'signature does not match: the request was signed with another key',
    );
  }
}

/** The derived key changes once a day; deriving it costs three HMACs per request otherwise. */
let cachedKey: { secretKey: string; date: string; key: Buffer } | undefined;

function signingKey(secretKey: string, date: string): Buffer {
  if (cachedKey?.secretKey !== secretKey || cachedKey.date !== date) {
    const kDate = hmac(`TC3${secretKey}`, date);
    const kService = hmac(kDate, 'tcb');
    cachedKey = { secretKey, date, key: hmac(kService, 'tc3_request') };
  }
  return cachedKey.key;
}

function canonicalHeaderValue(name: string, req: SignedRequest): string {
  const raw = (name === 'host' ? req.host : firstHeader(req.headers[name])) ?? '';
  const value = raw.trim().toLowerCase();
  return name === 'content-type' && value.startsWith('multipart/form-data')
    ? 'multipart/form-data'
    : value;
}

function payloadHash(params: Record<string, unknown>, keys: string[]): string {
  const byKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(params)) byKey.set(signedKeyName(key), value);
  const hash = createHash('sha256');
  for (const key of keys) {
    const value = byKey.get(key);
    if (value === undefined) continue;
    const bytes = Buffer.isBuffer(value)
      ? value
      : (typeof value === 'string' ? value : JSON.stringify(value)).trim();
    if (bytes.length === 0) continue;
    hash.update(`&${key}=`);
    hash.update(bytes);
    hash.update('\r\n');
  }
  return hash.digest('hex');
}

/** The signer lowercases keys and URL-encodes them the way COS does. */
function signedKeyName(key: string): string {
  return encodeURIComponent(key.toLowerCase().trim()).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) =>
  createHmac('sha256', key).update(text).digest();
