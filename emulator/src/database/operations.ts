import { Query, update as applyUpdate } from 'mingo';
import type { Modifier } from 'mingo/updater';
import { decodeEjson, encodeEjson, isPlainObject, valueAtPath, type Doc } from '../ejson';
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
 * whether anything changed (Mongo's modifiedCount). mingo applies the operators; what it does
 * differently from MongoDB is settled here first: the values $addToSet adds, array operators on
 * fields that are not arrays, paths that cannot hold a new field, renames through arrays, and
 * $push modifiers on a field that does not exist yet.
 */
export function applyOperators(doc: Doc, updateDoc: Doc): { next: Doc; changed: boolean } {
  for (const op of Object.keys(updateDoc)) {
    if (!UPDATE_OPERATORS.has(op)) throw tcbErrors.invalidOperator(`unknown update operator ${op}`);
  }
  const requested = normaliseAddToSet(updateDoc);
  for (const [op, fields] of Object.entries(requested)) {
    if (
      isPlainObject(fields) &&
      Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))
    ) {
      throw tcbErrors.invalidParam(`${op} may not modify _id`);
    }
  }
  assertNumericTargets(doc, requested);
  assertArrayTargets(doc, requested);
  assertPopOperands(requested);
  assertViablePaths(doc, requested);
  assertRenamesOutsideArrays(doc, requested);
  const modifier = addToSetAsPush(doc, requested);
  const before = encodeEjson(doc);
  // The copy is decoded rather than structuredClone'd so that its objects come from the same realm
  // as the modifier's: mingo's equality ($pullAll of documents) takes an object of another realm
  // for something other than a plain object, and under jest the emulator runs in a vm context.
  const next = decodeEjson(before) as Doc;
  try {
    const missing = missingPushTargets(doc, modifier);
    if (missing) applyUpdate(next, { $set: missing } as Modifier<Doc>);
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

/** The operators that work on arrays only; mingo passes over a non-array silently. */
const ARRAY_OPERATORS = ['$push', '$addToSet', '$pull', '$pullAll', '$pop'];

/** Mongo refuses an array operator on a field that exists and is not an array (null included). */
function assertArrayTargets(doc: Doc, modifier: Doc): void {
  for (const op of ARRAY_OPERATORS) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const path of Object.keys(fields)) {
      const current = valueAtPath(doc, path);
      if (current !== undefined && !Array.isArray(current)) {
        throw tcbErrors.invalidOperator(`Cannot apply ${op} to a non-array field ${path}`);
      }
    }
  }
}

/** $pop takes 1 (the last element) or -1 (the first) and nothing else. */
function assertPopOperands(modifier: Doc): void {
  const fields = modifier['$pop'];
  if (!isPlainObject(fields)) return;
  for (const [path, operand] of Object.entries(fields)) {
    if (operand !== 1 && operand !== -1)
      throw tcbErrors.invalidOperator(`$pop takes 1 or -1 for ${path}`);
  }
}

/** The operators that create the field they name when it is missing. */
const CREATING_OPERATORS = ['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet'];

/**
 * MongoDB refuses to create a field under a value that cannot hold one (null, a number, a string,
 * or an array addressed by a name rather than an index): "Cannot create field". mingo leaves the
 * document as it was (or replaces a null with a document) and reports success, so the emulator
 * refuses first. A plain nested object in an update is sent by the SDK as dotted paths, so code
 * that fills a null field with an object must write it whole with `_.set(...)`.
 */
function assertViablePaths(doc: Doc, modifier: Doc): void {
  const renames = modifier['$rename'];
  const targets: [string, string][] = isPlainObject(renames)
    ? Object.values(renames)
        .filter((to): to is string => typeof to === 'string')
        .map((to) => ['$rename', to])
    : [];
  for (const op of CREATING_OPERATORS) {
    const fields = modifier[op];
    if (isPlainObject(fields)) for (const path of Object.keys(fields)) targets.push([op, path]);
  }
  for (const [op, path] of targets) {
    const parts = path.split('.');
    let current: unknown = doc;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = childOf(current, parts[i] ?? '');
      if (next === undefined) break;
      const nextPart = parts[i + 1] ?? '';
      const viable = isPlainObject(next) || (Array.isArray(next) && /^\d+$/.test(nextPart));
      if (!viable) {
        throw tcbErrors.invalidOperator(
          `${op}: Cannot create field '${nextPart}' in element {${parts.slice(0, i + 1).join('.')}}`,
        );
      }
      current = next;
    }
  }
}

function childOf(value: unknown, part: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(part) ? value[Number(part)] : undefined;
  return isPlainObject(value) ? value[part] : undefined;
}

/** "$rename does not work if these fields are in array elements" (MongoDB's $rename page). */
function assertRenamesOutsideArrays(doc: Doc, modifier: Doc): void {
  const renames = modifier['$rename'];
  if (!isPlainObject(renames)) return;
  for (const [from, to] of Object.entries(renames)) {
    for (const [which, path] of [
      ['source', from],
      ['destination', typeof to === 'string' ? to : ''],
    ] as const) {
      const parts = path.split('.');
      let current: unknown = doc;
      for (const part of parts.slice(0, -1)) {
        current = childOf(current, part);
        if (Array.isArray(current)) {
          throw tcbErrors.invalidOperator(`The ${which} field cannot be an array element: ${path}`);
        }
      }
    }
  }
}

/**
 * $addToSet as MongoDB applies it, handed to mingo as a $push of the values to add: each value
 * not already in the array nor earlier in `$each` is appended, in order, and duplicates already
 * stored stay. mingo's own $addToSet keeps duplicates of `$each` on a missing field and drops
 * stored ones. Values compare as BSON does: documents only with the same fields in the same order.
 */
function addToSetAsPush(doc: Doc, modifier: Doc): Doc {
  const addToSet = modifier['$addToSet'];
  if (!isPlainObject(addToSet)) return modifier;
  const push: Doc = isPlainObject(modifier['$push']) ? { ...modifier['$push'] } : {};
  for (const [path, operand] of Object.entries(addToSet)) {
    if (path in push) {
      throw tcbErrors.invalidOperator(`Updating the path '${path}' would create a conflict`);
    }
    const values =
      isPlainObject(operand) && Array.isArray(operand['$each']) ? operand['$each'] : [operand];
    const current = valueAtPath(doc, path);
    const seen = new Set(Array.isArray(current) ? current.map(bsonKey) : []);
    const fresh: unknown[] = [];
    for (const value of values) {
      const key = bsonKey(value);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(value);
    }
    push[path] = { $each: fresh };
  }
  const rest = Object.fromEntries(Object.entries(modifier).filter(([op]) => op !== '$addToSet'));
  return { ...rest, $push: push };
}

/** Equal keys for values MongoDB holds equal (numbers by value, documents by fields in order). */
function bsonKey(value: unknown): string {
  return value === undefined ? 'undefined' : encodeEjson(value);
}

/**
 * Empty arrays for the $push targets that do not exist yet and carry `$each`. mingo applies
 * `$sort`, `$slice` and `$position` only to an array that is already there, while MongoDB
 * creates the array and then applies them.
 */
function missingPushTargets(doc: Doc, modifier: Doc): Doc | undefined {
  const push = modifier['$push'];
  if (!isPlainObject(push)) return undefined;
  const missing: Doc = {};
  for (const [path, operand] of Object.entries(push)) {
    if (isPlainObject(operand) && '$each' in operand && valueAtPath(doc, path) === undefined) {
      missing[path] = [];
    }
  }
  return Object.keys(missing).length > 0 ? missing : undefined;
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
