import { isPlainObject, type Doc } from '../ejson';
import { KeyKind, keyOf, type IndexKey } from '../store/keys';
import type { KeyPlan } from '../store/store';

/**
 * Picks one top-level condition that a declared index (or `_id`) can serve, to narrow the candidates
 * read from the store. mingo then applies the whole query to every candidate, so the plan only has
 * to be a superset: results are exact whatever the plan.
 */
/** The caps the planner counts index entries up to, in turn, when choosing between indexes. */
const ESTIMATE_CAPS = [500, 5_000, 50_000] as const;

export function planQuery(
  query: Doc,
  isIndexed: (path: string) => boolean,
  estimate?: (plan: KeyPlan & { kind: 'keys' }, cap: number) => number,
): KeyPlan | undefined {
  const conditions = topLevelConditions(query).filter(([p]) => isIndexed(p));
  const equalities: (KeyPlan & { kind: 'keys' })[] = [];
  let range: KeyPlan | undefined;
  for (const [path, operand] of conditions) {
    const equals = equalityKeys(operand);
    if (equals) {
      if (path === '_id') {
        const ids = scalarIds(operand);
        if (ids) return { kind: 'id', ids };
      }
      equalities.push({ kind: 'keys', path, equals });
      continue;
    }
    if (range) continue;
    const planned = rangePlan(path, operand);
    // `_id` has no index entries: only a string range can be served, from the documents' id column.
    if (planned?.kind === 'range' && (path !== '_id' || planned.keyKind === KeyKind.String))
      range = planned;
  }
  if (equalities.length > 1 && estimate) {
    // Like a real planner, take the index that reads the fewest entries (e.g. today's abnormal
    // reports rather than every report under a county). Entries are counted with a rising cap,
    // so a selective index is found after counting a little of each, never all of a broad one.
    for (const cap of ESTIMATE_CAPS) {
      const counted = equalities.map((plan) => ({ plan, n: estimate(plan, cap) }));
      const best = counted.reduce((a, b) => (b.n < a.n ? b : a));
      if (best.n < cap || cap === ESTIMATE_CAPS[ESTIMATE_CAPS.length - 1]) return best.plan;
    }
  }
  return equalities[0] ?? range;
}

function topLevelConditions(query: Doc): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) out.push(...topLevelConditions(part));
    } else if (!key.startsWith('$')) {
      out.push([key, value]);
    }
  }
  return out;
}

function equalityKeys(operand: unknown): IndexKey[] | undefined {
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1) return undefined;
    if ('$eq' in operand) return single(operand['$eq']);
    const list = operand['$in'];
    if (Array.isArray(list) && list.length > 0) {
      const mapped = list.map(keyOf);
      return mapped.every((k): k is IndexKey => k !== undefined) ? mapped : undefined;
    }
    return undefined;
  }
  return single(operand);
}

function single(value: unknown): IndexKey[] | undefined {
  const key = keyOf(value);
  return key && [key];
}

function scalarIds(operand: unknown): unknown[] | undefined {
  if (typeof operand === 'string' || typeof operand === 'number') return [operand];
  if (!isPlainObject(operand)) return undefined;
  const eq = operand['$eq'];
  if (typeof eq === 'string' || typeof eq === 'number') return [eq];
  const list = operand['$in'];
  if (Array.isArray(list) && list.every((v) => typeof v === 'string' || typeof v === 'number'))
    return list;
  return undefined;
}

function rangePlan(path: string, operand: unknown): KeyPlan | undefined {
  if (!isPlainObject(operand)) return undefined;
  let keyKind: KeyKind | undefined;
  let lower: { value: number | string; inclusive: boolean } | undefined;
  let upper: { value: number | string; inclusive: boolean } | undefined;
  for (const [op, raw] of Object.entries(operand)) {
    if (!['$gt', '$gte', '$lt', '$lte'].includes(op)) continue;
    const key = keyOf(raw);
    if (!key || key[1] === null || key[0] === KeyKind.Boolean || key[0] === KeyKind.Null)
      return undefined;
    if (keyKind !== undefined && keyKind !== key[0]) return undefined;
    keyKind = key[0];
    const bound = { value: key[1], inclusive: op.endsWith('e') };
    if (op.startsWith('$g')) lower = bound;
    else upper = bound;
  }
  if (keyKind === undefined) return undefined;
  return { kind: 'range', path, keyKind, ...(lower && { lower }), ...(upper && { upper }) };
}

/** The string bounds a query puts on `_id` at its top level, if any: a cursor's `_id > after`. */
export function idRange(query: Doc): (KeyPlan & { kind: 'range' }) | undefined {
  const operand = query['_id'];
  const range = rangePlan('_id', operand);
  return range?.kind === 'range' && range.keyKind === KeyKind.String ? range : undefined;
}
