import { BSONRegExp, EJSON } from 'bson';

/**
 * The SDK encodes documents, queries and updates as canonical EJSON strings (bson 4) inside the JSON
 * body. We decode into plain JS values (Date, RegExp, numbers) that mingo understands, and encode
 * results as relaxed EJSON, which the SDK decodes equally well.
 *
 * Deliberate difference: int32 and double both become JS numbers, so `$type` queries cannot tell
 * 3 from 3.0 (production keeps them distinct). Nothing in GridGuard depends on that.
 */
export type Doc = Record<string, unknown>;

export function decodeEjson(text: string): unknown {
  return normalise(EJSON.parse(text, { relaxed: true }));
}

export function encodeEjson(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: true });
}

/** bson's relaxed parse leaves regular expressions as BSONRegExp; mingo needs RegExp. */
function normalise(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, jsFlags(value.options));
  if (Array.isArray(value)) return value.map(normalise);
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalise(v);
    return out;
  }
  return value;
}

function jsFlags(options: string): string {
  // Mongo's "x" (extended) and "l" (locale) have no JS equivalent; "s" and "m" and "i" do.
  return [...options].filter((f) => 'ims'.includes(f)).join('');
}

/**
 * True for `{}`-like objects from any realm (documents may be built by structuredClone or in a
 * jest vm context, whose Object.prototype is not ours); false for arrays, Dates, RegExps, Buffers.
 */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return (
    proto === null ||
    (Object.getPrototypeOf(proto) === null &&
      Object.prototype.toString.call(value) === '[object Object]')
  );
}

/**
 * Replaces every `{$tcb_server_date: {offset}}` with the server's time plus offset, wherever it
 * appears (documents, nested values, queries, update operands).
 */
export function resolveServerDates<T>(value: T, now: number): T {
  return replaceServerDates(value, now) as T;
}

function replaceServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceServerDates(v, now));
  if (!isPlainObject(value)) return value;
  const marker = value['$tcb_server_date'];
  if (marker !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(marker) ? Number(marker['offset'] ?? 0) : 0;
    return new Date(now + (Number.isFinite(offset) ? offset : 0));
  }
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) out[k] = replaceServerDates(v, now);
  return out;
}

/** The value at a dotted path (a numeric part indexes an array), or undefined. */
export function valueAtPath(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isPlainObject(current)) current = current[part];
    else return undefined;
  }
  return current;
}
