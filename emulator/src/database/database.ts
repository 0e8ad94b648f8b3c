import { randomBytes } from 'node:crypto';
import { Aggregator } from 'mingo';
import type { Clock } from '../clock';
import { decodeEjson, encodeEjson, isPlainObject, resolveServerDates, type Doc } from '../ejson';
import { tcbErrors } from '../errors';
import { jsonDeeperThan } from '../json-depth';
import {
  AGGREGATE_DEFAULT_LIMIT,
  AGGREGATE_MAX_RESULTS,
  DB_DEFAULT_LIMIT,
  DB_MAX_LIMIT,
  DB_MAX_NESTING_DEPTH,
} from '../limits';
import type { DocumentStore } from '../store/store';
import { keyOf } from '../store/keys';
import {
  applyOperators,
  assertPlainDocument,
  firstById,
  matching,
  matchingDocs,
  shape,
} from './operations';
import { TransactionManager } from './transactions';

/** The request fields of the `database.*` actions (cloudbase-wire-protocol.md §5, §6). */
export interface DbRequest {
  collectionName?: unknown;
  query?: unknown;
  queryType?: unknown;
  data?: unknown;
  multi?: unknown;
  merge?: unknown;
  upsert?: unknown;
  limit?: unknown;
  offset?: unknown;
  order?: unknown;
  projection?: unknown;
  stages?: unknown;
  transactionId?: unknown;
}

/** Production auto-ids are 32 lowercase hex characters. */
export const newDocumentId = () => randomBytes(16).toString('hex');

/**
 * The `database.*` actions. Each runs synchronously against SQLite, so one action is atomic with
 * respect to every other request the emulator serves.
 */
/** Canonical EJSON wraps a leaf in up to two objects (`{$date: {$numberLong}}`). */
const EJSON_WRAPPING = 2;

export class DocumentDatabase {
  readonly transactions: TransactionManager;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {
    this.transactions = new TransactionManager(store, clock);
  }

  hasCollection(name: string): boolean {
    return this.store.hasCollection(name);
  }

  /** Documents in a collection, for the emulator's own controls. */
  countAll(name: string): number {
    return this.store.countAll(this.store.db, name);
  }

  handle(action: string, req: DbRequest): Doc {
    switch (action) {
      case 'database.insertDocument':
        return this.insert(req);
      case 'database.getDocument':
        return this.get(req);
      case 'database.modifyDocument':
        return this.modify(req);
      case 'database.removeDocument':
        return this.remove(req);
      case 'database.calculateDocument':
        return this.count(req);
      case 'database.addCollection':
        this.store.createCollection(requireString(req.collectionName, 'collectionName'));
        return {};
      case 'database.aggregateDocuments':
        return this.aggregate(req);
      case 'database.startTransaction':
        return { transactionId: this.transactions.start() };
      case 'database.commitTransaction':
        this.transactions.commit(requireString(req.transactionId, 'transactionId'));
        return {};
      case 'database.abortTransaction':
        this.transactions.abort(requireString(req.transactionId, 'transactionId'));
        return {};
      default:
        throw tcbErrors.unknownAction(action);
    }
  }

  private collection(req: DbRequest): string {
    const name = requireString(req.collectionName, 'collectionName');
    this.store.assertCollection(name);
    return name;
  }

  private decode(text: unknown, what: string): Doc {
    if (typeof text !== 'string') throw tcbErrors.invalidParam(`${what} must be an EJSON string`);
    if (jsonDeeperThan(text, DB_MAX_NESTING_DEPTH + EJSON_WRAPPING)) {
      throw tcbErrors.invalidParam(`${what} is nested deeper than ${DB_MAX_NESTING_DEPTH}`);
    }
    let value: unknown;
    try {
      value = decodeEjson(text);
    } catch {
      throw tcbErrors.invalidParam(`${what} is not valid EJSON`);
    }
    if (!isPlainObject(value)) throw tcbErrors.invalidParam(`${what} must be an object`);
    return resolveServerDates(value, this.clock.now());
  }

  private query(req: DbRequest): Doc {
    return req.query === undefined || req.query === '' ? {} : this.decode(req.query, 'query');
  }

  private txId(req: DbRequest): string | undefined {
    return typeof req.transactionId === 'string' && req.transactionId !== ''
      ? req.transactionId
      : undefined;
  }

  /** DOC operations address exactly one `_id`. */
  private docId(req: DbRequest): unknown {
    const query = this.query(req);
    if (!('_id' in query)) throw tcbErrors.invalidParam('a DOC operation needs an _id');
    return query['_id'];
  }

  private insert(req: DbRequest): Doc {
    const coll = this.collection(req);
    if (!Array.isArray(req.data) || req.data.length === 0) {
      throw tcbErrors.invalidParam('data must be a non-empty array of documents');
    }
    const docs = req.data.map((text, i) => {
      const doc = this.decode(text, `data[${i}]`);
      return doc['_id'] === undefined ? { _id: newDocumentId(), ...doc } : doc;
    });
    const tx = this.txId(req);
    if (tx) {
      for (const doc of docs) {
        if (this.transactions.read(tx, coll, doc['_id'])) {
          throw tcbErrors.duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(doc['_id'])} }`);
        }
        this.transactions.write(tx, coll, doc['_id'], doc);
      }
    } else {
      // Deliberate difference: a batch insert here is all-or-nothing; production may keep the
      // documents inserted before a failing one.
      this.store.atomically(() => docs.forEach((doc) => this.store.insert(coll, doc)));
    }
    return { insertedIds: docs.map((d) => d['_id']) };
  }

  private get(req: DbRequest): Doc {
    const coll = this.collection(req);
    const projection =
      req.projection === undefined ? undefined : this.decode(req.projection, 'projection');
    const tx = this.txId(req);
    if (req.queryType === 'DOC') {
      const id = this.docId(req);
      const doc = tx
        ? this.transactions.read(tx, coll, id)
        : this.store.getById(this.store.db, coll, id)?.doc;
      const list = doc ? shape([doc], projection ? { projection } : {}) : [];
      return { list: list.map(encodeEjson) };
    }
    const limit = clampLimit(req.limit);
    const offset = typeof req.offset === 'number' && req.offset > 0 ? Math.floor(req.offset) : 0;
    const order = req.order === undefined ? undefined : this.decode(req.order, 'order');
    const query = this.query(req);
    const unordered = !order || Object.keys(order).length === 0;
    const idOrder = order && Object.keys(order).length === 1 ? order['_id'] : undefined;
    const byId =
      !tx && (idOrder === 1 || idOrder === -1)
        ? firstById(this.store, this.store.db, coll, query, idOrder, offset + limit)
        : undefined;
    const matched =
      byId ??
      (tx
        ? this.transactions.query(tx, coll, query)
        : matchingDocs(
            this.store,
            this.store.db,
            coll,
            query,
            unordered ? offset + limit : Infinity,
          ).map((d) => d.doc));
    const list = shape(matched, {
      limit,
      offset,
      ...(order && { order }),
      ...(projection && { projection }),
    });
    return { list: list.map(encodeEjson), limit, offset };
  }

  private modify(req: DbRequest): Doc {
    const coll = this.collection(req);
    const data = this.decode(req.data, 'data');
    const merge = req.merge !== false;
    const tx = this.txId(req);

    if (req.queryType === 'DOC') {
      const id = this.docId(req);
      if (tx) return this.modifyInTransaction(tx, coll, id, data, merge, req.upsert === true);
      return this.store.atomically(() => {
        const existing = this.store.getById(this.store.db, coll, id);
        if (!merge) {
          assertPlainDocument(data);
          const next = { ...data, _id: id };
          if (!existing) {
            if (req.upsert !== true) return { updated: 0 };
            this.store.insert(coll, next);
            return { updated: 0, upsert_id: id };
          }
          const changed = encodeEjson(next) !== existing.body;
          if (changed) this.store.replace(coll, existing.seq, next);
          return { updated: changed ? 1 : 0 };
        }
        if (!existing) return { updated: 0 };
        const { next, changed } = applyOperators(existing.doc, data);
        if (changed) this.store.replace(coll, existing.seq, next);
        return { updated: changed ? 1 : 0 };
      });
    }

    const query = this.query(req);
    const multi = req.multi !== false;
    if (!merge) throw tcbErrors.invalidParam('a WHERE update must use update operators');
    return this.store.atomically(() => {
      let updated = 0;
      for (const match of matchingDocs(
        this.store,
        this.store.db,
        coll,
        query,
        multi ? Infinity : 1,
      )) {
        const { next, changed } = applyOperators(match.doc, data);
        if (!changed) continue;
        this.store.replace(coll, match.seq, next);
        updated += 1;
      }
      return { updated };
    });
  }

  private modifyInTransaction(
    tx: string,
    coll: string,
    id: unknown,
    data: Doc,
    merge: boolean,
    upsert: boolean,
  ): Doc {
    const existing = this.transactions.read(tx, coll, id);
    if (!merge) {
      assertPlainDocument(data);
      if (!existing && !upsert) return { updated: 0 };
      this.transactions.write(tx, coll, id, { ...data, _id: id });
      return existing ? { updated: 1 } : { updated: 0, upsert_id: id };
    }
    if (!existing) return { updated: 0 };
    const { next, changed } = applyOperators(existing, data);
    if (changed) this.transactions.write(tx, coll, id, next);
    return { updated: changed ? 1 : 0 };
  }

  private remove(req: DbRequest): Doc {
    const coll = this.collection(req);
    const tx = this.txId(req);
    if (req.queryType === 'DOC') {
      const id = this.docId(req);
      if (tx) {
        const existing = this.transactions.read(tx, coll, id);
        if (existing) this.transactions.write(tx, coll, id, null);
        return { deleted: existing ? 1 : 0 };
      }
      const existing = this.store.getById(this.store.db, coll, id);
      if (existing) this.store.atomically(() => this.store.remove(existing.seq));
      return { deleted: existing ? 1 : 0 };
    }
    const query = this.query(req);
    const multi = req.multi !== false;
    return this.store.atomically(() => {
      const matches = matchingDocs(this.store, this.store.db, coll, query, multi ? Infinity : 1);
      for (const match of matches) this.store.remove(match.seq);
      return { deleted: matches.length };
    });
  }

  /** Counts without reading documents when the index entries answer exactly. */
  private count(req: DbRequest): Doc {
    const coll = this.collection(req);
    const query = this.query(req);
    const fields = Object.entries(query);
    if (fields.length === 0) return { total: this.store.countAll(this.store.db, coll) };
    const [path, value] = fields.length === 1 ? (fields[0] as [string, unknown]) : ['$', undefined];
    const key = keyOf(value);
    if (key && key[1] !== null && path !== '_id' && this.store.isIndexed(coll, path)) {
      return { total: this.store.countByKey(this.store.db, coll, path, key) };
    }
    let total = 0;
    const matches = matching(this.store, this.store.db, coll, query);
    while (!matches.next().done) total += 1;
    return { total };
  }

  private aggregate(req: DbRequest): Doc {
    const coll = this.collection(req);
    if (!Array.isArray(req.stages)) throw tcbErrors.invalidParam('stages must be an array');
    const pipeline = req.stages.map((stage: unknown, i) => {
      if (
        !isPlainObject(stage) ||
        typeof stage['stageKey'] !== 'string' ||
        typeof stage['stageValue'] !== 'string'
      ) {
        throw tcbErrors.invalidParam(`stages[${i}] must be {stageKey, stageValue}`);
      }
      if (jsonDeeperThan(stage['stageValue'], DB_MAX_NESTING_DEPTH + EJSON_WRAPPING)) {
        throw tcbErrors.invalidParam(`stages[${i}] is nested deeper than ${DB_MAX_NESTING_DEPTH}`);
      }
      let value: unknown;
      try {
        value = resolveServerDates(decodeEjson(stage['stageValue']), this.clock.now());
      } catch {
        throw tcbErrors.invalidParam(`stages[${i}].stageValue is not valid JSON`);
      }
      return { [stage['stageKey']]: value };
    });

    // A leading $match narrows the source through the indexes like a find does.
    const first = pipeline[0]?.['$match'];
    const source = matchingDocs(
      this.store,
      this.store.db,
      coll,
      isPlainObject(first) ? first : {},
    ).map((d) => d.doc);
    let result: Doc[];
    try {
      result = new Aggregator(pipeline, {
        collectionResolver: (name: string) => {
          this.store.assertCollection(name);
          return matchingDocs(this.store, this.store.db, name, {}).map((d) => d.doc);
        },
      }).run(source) as Doc[];
    } catch (e) {
      if (e instanceof Error && e.name === 'TcbError') throw e;
      throw tcbErrors.invalidOperator(e instanceof Error ? e.message : String(e));
    }
    // Production returns 20 documents when the pipeline has no $limit, and caps results near 10 000.
    const hasLimit = pipeline.some((stage) => '$limit' in stage);
    const cap = hasLimit ? AGGREGATE_MAX_RESULTS : AGGREGATE_DEFAULT_LIMIT;
    return { list: result.slice(0, cap).map(encodeEjson) };
  }
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw tcbErrors.invalidParam(`${name} is required`);
  return value;
}

function clampLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) return DB_DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), DB_MAX_LIMIT);
}
