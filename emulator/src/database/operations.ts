import { Query, update as applyUpdate } from 'mingo';
import type { Modifier } from 'mingo/updater';
import { encodeEjson, isPlainObject, valueAtPath, type Doc } from '../ejson';
import { tcbErrors } from '../errors';
import type { Connection, DocumentStore, StoredDoc } from '../store/store';
import { idRange, planQuery } from './planner';
import type { KeyPlan } from '../store/store';

/** The read side shared by plain and transactional operations. */
export interface FindOptions {
  limit?: number;
  offset?: number;
  order?: Doc;
  projection?: Doc;
}

export function* matching(
  store: DocumentStore,
  conn: Connection,
  coll: string,
  query: Doc,
): Generator<StoredDoc> {
  const plan = planQuery(query, (p) => store.isIndexed(coll, p), estimator(store, conn, coll));
  // An _id lookup is answered exactly by the store; building a mingo Query would cost more.
  const matcher =
    plan?.kind === 'id' && Object.keys(query).length === 1 ? undefined : new Query(query);
  for (const candidate of store.candidates(conn, coll, plan)) {
    if (!matcher || matcher.test(candidate.doc)) yield candidate;
  }
}

/** How many index entries a plan would read, counted up to a cap. */
function estimator(store: DocumentStore, conn: Connection, coll: string) {
  return (candidate: KeyPlan & { kind: 'keys' }, cap: number) =>
    candidate.equals.reduce(
      (n, key) => n + store.estimateKey(conn, coll, candidate.path, key, cap),
      0,
    );
}

/** Above this many entries an index is checked per document rather than read whole. */
const PROBE_ABOVE = 5_000;

/**
 * The first `count` matches in `_id` order, read in that order and no further: how a cursor that
 * pages by `_id` stays cheap on a large collection. Undefined when a non-string `_id` turns up,
 * since the store orders those by their text, not as MongoDB orders numbers and objects.
 */
export function firstById(
  store: DocumentStore,
  conn: Connection,
  coll: string,
  query: Doc,
  direction: 1 | -1,
  count: number,
): Doc[] | undefined {
  const estimate = estimator(store, conn, coll);
  const plan = planQuery(query, (p) => store.isIndexed(coll, p), estimate);
  const range = idRange(query);
  // A narrow index is read whole and sorted; a broad one is checked document by document while
  // walking in id order, so a page stops reading once it is full.
  const probe = plan?.kind === 'keys' && estimate(plan, PROBE_ABOVE) >= PROBE_ABOVE;
  const matcher = new Query(query);
  const out: Doc[] = [];
  if (count <= 0) return out;
  for (const candidate of store.candidates(conn, coll, plan, {
    direction,
    ...(range && { range }),
    probe,
  })) {
    if (typeof candidate.doc['_id'] !== 'string') return undefined;
    if (!matcher.test(candidate.doc)) continue;
    out.push(candidate.doc);
    if (out.length >= count) break;
  }
  return out;
}

export function matchingDocs(
  store: DocumentStore,
  conn: Connection,
  coll: string,
  query: Doc,
  stopAfter = Infinity,
): StoredDoc[] {
  const out: StoredDoc[] = [];
  if (stopAfter <= 0) return out;
  for (const candidate of matching(store, conn, coll, query)) {
    out.push(candidate);
    if (out.length >= stopAfter) break;
  }
  return out;
}

/** mingo rebuilds its operator tables for every new Query; one reused instance avoids that. */
const EVERYTHING = new Query({});

/** Sort, skip, limit and project already-matched documents with mongo semantics. */
export function shape(docs: Doc[], options: FindOptions): Doc[] {
  const projection =
    options.projection && Object.keys(options.projection).length > 0
      ? options.projection
      : undefined;
  const order = options.order && Object.keys(options.order).length > 0 ? options.order : undefined;
  const start = options.offset ?? 0;
  if (!projection && !order) {
    return docs.slice(start, options.limit === undefined ? undefined : start + options.limit);
  }
  let cursor = EVERYTHING.find<Doc>(docs, projection);
  if (order) cursor = cursor.sort(order as Record<string, 1 | -1>);
  if (start) cursor = cursor.skip(start);
  if (options.limit !== undefined) cursor = cursor.limit(options.limit);
  return cursor.all();
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

/**
 * Applies an SDK update (always operator form) to a copy of `doc`; returns the new document and
 * whether anything changed (Mongo's modifiedCount).
 */
export function applyOperators(doc: Doc, updateDoc: Doc): { next: Doc; changed: boolean } {
  for (const op of Object.keys(updateDoc)) {
    if (!UPDATE_OPERATORS.has(op)) throw tcbErrors.invalidOperator(`unknown update operator ${op}`);
  }
  const modifier = normaliseAddToSet(updateDoc);
  for (const [op, fields] of Object.entries(modifier)) {
    if (
      isPlainObject(fields) &&
      Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))
    ) {
      throw tcbErrors.invalidParam(`${op} may not modify _id`);
    }
  }
  assertNumericTargets(doc, modifier);
  const next = structuredClone(doc);
  const before = encodeEjson(doc);
  try {
    applyUpdate(next, modifier as Modifier<Doc>, undefined, undefined, { cloneMode: 'deep' });
  } catch (e) {
    throw tcbErrors.invalidOperator(e instanceof Error ? e.message : String(e));
  }
  return { next, changed: encodeEjson(next) !== before };
}

/** Mongo refuses $inc and $mul on a field that holds something other than a number. */
function assertNumericTargets(doc: Doc, modifier: Doc): void {
  for (const op of ['$inc', '$mul']) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const [path, operand] of Object.entries(fields)) {
      if (typeof operand !== 'number')
        throw tcbErrors.invalidOperator(`${op} needs a number for ${path}`);
      const current = valueAtPath(doc, path);
      if (current !== undefined && typeof current !== 'number') {
        throw tcbErrors.invalidOperator(
          `Cannot apply ${op} to a value of non-numeric type at ${path}`,
        );
      }
    }
  }
}

/** `_.addToSet({each: [...]})` reaches the server as a bare `each` key (an SDK quirk). */
function normaliseAddToSet(updateDoc: Doc): Doc {
  const addToSet = updateDoc['$addToSet'];
  if (!isPlainObject(addToSet)) return updateDoc;
  const fixed: Doc = {};
  for (const [field, value] of Object.entries(addToSet)) {
    fixed[field] =
      isPlainObject(value) && Object.keys(value).length === 1 && Array.isArray(value['each'])
        ? { $each: value['each'] }
        : value;
  }
  return { ...updateDoc, $addToSet: fixed };
}

/** A whole-document write (`doc.set`) must not carry operators. */
export function assertPlainDocument(doc: Doc): void {
  if (Object.keys(doc).some((k) => k.startsWith('$'))) {
    throw tcbErrors.invalidParam('set() takes a plain document, not update operators');
  }
}
