import * as v from 'valibot';
import { normalizeCode, readCode, type CodeKind } from './codes';

/**
 * Free text and identifiers as every schema takes them. Text typed on a phone may carry characters
 * nobody sees: controls, zero-width joiners, a BOM, bidi overrides that make `王秀英` display as
 * something else, private-use glyphs, or half of a surrogate pair. Stored, they split one name into
 * two that look the same, reorder an address on a gate guard's list and break exports, so they are
 * refused (never silently dropped: the person should see what they sent is not what they typed).
 */

export const HIDDEN_TEXT_MESSAGE = '包含无法显示的字符';

/**
 * Controls (Cc), format characters (Cf: zero-width, BOM, bidi marks, overrides and isolates),
 * lone surrogates (Cs), private use (Co), the line and paragraph separators, and the Hangul fillers
 * that render as blank letters.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\u2028\u2029\u115F\u1160\u3164\uFFA0]/u;

/** True when `text` holds a character that cannot be shown; `\n` is allowed in multi-line text. */
export function hasHiddenCharacters(text: string, multiline = false): boolean {
  return HIDDEN.test(multiline ? text.replace(/\n/g, '') : text);
}

/** NFC, one kind of line break (for multi-line text), then trimmed. */
export function cleanText(text: string, multiline = false): string {
  const normal = text.normalize('NFC');
  return (multiline ? normal.replace(/\r\n?/g, '\n') : normal).trim();
}

export interface TextRules {
  /** Fewest characters once trimmed, and what to say when there are fewer. */
  min?: { length: number; message: string };
  max: { length: number; message: string };
  /** Only notes take line breaks; names, addresses, reasons and codes stay on one line. */
  multiline?: boolean;
  /** Said when the value is not a string at all (left out, or a number or an object). */
  missing?: string;
}

/**
 * A free-text field: string → NFC → trimmed → no hidden characters → length. Every free-text
 * field of every action uses this, so a new field gets the same rules by using it.
 */
export function textSchema(rules: TextRules) {
  const multiline = rules.multiline ?? false;
  const min = rules.min ?? { length: 0, message: rules.max.message };
  return v.pipe(
    v.string(rules.missing ?? min.message),
    v.transform((text: string) => cleanText(text, multiline)),
    v.check((text: string) => !hasHiddenCharacters(text, multiline), HIDDEN_TEXT_MESSAGE),
    v.minLength(min.length, min.message),
    v.maxLength(rules.max.length, rules.max.message),
  );
}

/** Stored ids: `g-…`, `h-…-p1`, `e-…`, openids (`o…`, WeChat's base64url alphabet). */
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const ID_MAX_LENGTH = 64;

/**
 * An id the client hands back as it got it, restricted to the characters ids are made of: an
 * operator-looking, spaced or invisible string is refused before it reaches a query.
 */
export function idSchema(label: string) {
  return v.pipe(
    v.string(`缺少${label}`),
    v.minLength(1, `缺少${label}`),
    v.maxLength(ID_MAX_LENGTH, `${label}过长`),
    v.regex(ID_PATTERN, `${label}格式不正确`),
  );
}

/**
 * Invite and door codes (`codes.ts`): typed by people, so case, full-width characters and grouping
 * spaces or dashes are forgiven; anything else is refused with the one reason it is not a code.
 */
export function codeSchema(kind: CodeKind) {
  return v.pipe(
    v.string(`请输入${kind.name}`),
    v.transform(normalizeCode),
    v.check(
      (code: string) => readCode(code, kind).ok,
      (issue) => {
        const reading = readCode(String(issue.input), kind);
        return reading.ok ? `${kind.name}不正确` : reading.reason;
      },
    ),
  );
}

export const UNKNOWN_FIELD_MESSAGE = '包含无法识别的字段';
export const MISSING_FIELD_MESSAGE = '缺少必填项';
export const NOT_AN_OBJECT_MESSAGE = '内容格式不正确';

/** Which of the three ways an object can be wrong an issue is, in Chinese. */
function objectMessage(issue: v.StrictObjectIssue): string {
  // A key issue carries its path when it is made; a type issue gets its path from the parent later.
  if (issue.expected === 'never') return UNKNOWN_FIELD_MESSAGE;
  return issue.input === undefined && issue.path?.length
    ? MISSING_FIELD_MESSAGE
    : NOT_AN_OBJECT_MESSAGE;
}

/**
 * An action's input or a nested part of one: a field the schema does not name is refused, so a
 * client cannot slip extra keys (or `__proto__`) past the schema into what the functions store.
 */
export function inputObject<TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.strictObject(entries, objectMessage);
}
