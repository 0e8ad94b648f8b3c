import { isPlainObject, valueAtPath, type Doc } from '../ejson';

/**
 * Index keys as the store keeps them: one row per value a Mongo equality or range match could
 * meet at a path, with arrays expanded (multikey), so that narrowing by an index never drops a
 * document the exact mingo match would keep.
 */
export const enum KeyKind {
  Null = 0,
  Number = 1,
  String = 2,
  Boolean = 3,
  Date = 4,
}

export type IndexKey = readonly [KeyKind, number | string | null];

/** Maps a scalar query operand to its key, or undefined when it cannot use the index. */
export function keyOf(value: unknown): IndexKey | undefined {
  if (value === null) return [KeyKind.Null, null];
  if (typeof value === 'number')
    return Number.isFinite(value) ? [KeyKind.Number, value] : undefined;
  if (typeof value === 'string') return [KeyKind.String, value];
  if (typeof value === 'boolean') return [KeyKind.Boolean, value ? 1 : 0];
  if (value instanceof Date) return [KeyKind.Date, value.getTime()];
  return undefined;
}

/** All keys of `doc` at a dotted path; a missing branch yields a Null key, as Mongo matches it. */
export function extractKeys(doc: Doc, path: string): IndexKey[] {
  const found = new Map<string, IndexKey>();
  const add = (key: IndexKey) => found.set(`${key[0]}:${String(key[1])}`, key);
  walk(doc, path.split('.'), 0, add);
  return [...found.values()];
}

function walk(value: unknown, parts: string[], i: number, add: (key: IndexKey) => void): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) add([KeyKind.Null, null]);
      for (const item of value) addLeaf(item, add);
    } else {
      addLeaf(value, add);
    }
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(value)) {
    // A numeric part may be an array index; Mongo also tries the field inside each element.
    if (/^\d+$/.test(part)) walk(value[Number(part)], parts, i + 1, add);
    for (const item of value) {
      if (isPlainObject(item)) walk(item, parts, i, add);
    }
    if (value.length === 0) add([KeyKind.Null, null]);
    return;
  }
  if (isPlainObject(value) && part in value) {
    walk(value[part], parts, i + 1, add);
    return;
  }
  add([KeyKind.Null, null]);
}

function addLeaf(value: unknown, add: (key: IndexKey) => void): void {
  if (value === undefined) {
    add([KeyKind.Null, null]);
    return;
  }
  const key = keyOf(value);
  if (key) add(key);
}

/** The value of a unique index for one document: the tuple of its fields, a missing one as null. */
export function uniqueKeyOf(doc: Doc, paths: readonly string[]): string {
  return JSON.stringify(paths.map((p) => valueAtPath(doc, p) ?? null));
}
