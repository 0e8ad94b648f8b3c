import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionDeclaration, IndexDeclaration } from '@gridguard/types';
import { decodeEjson, encodeEjson, type Doc } from '../ejson';
import { tcbErrors } from '../errors';
import { extractKeys, KeyKind, uniqueKeyOf, type IndexKey } from './keys';

export type Connection = Database.Database;

export interface StoredDoc {
  seq: number;
  doc: Doc;
  body: string;
}

/** A way to narrow a collection to candidate documents through an index. */
export type KeyPlan =
  | { kind: 'id'; ids: readonly unknown[] }
  | { kind: 'keys'; path: string; equals: readonly IndexKey[] }
  | {
      kind: 'range';
      path: string;
      keyKind: KeyKind;
      lower?: { value: number | string; inclusive: boolean };
      upper?: { value: number | string; inclusive: boolean };
    };

interface CollectionInfo {
  indexedPaths: string[];
  uniques: { name: string; paths: string[] }[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, indexes TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS docs (seq INTEGER PRIMARY KEY, coll TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS docs_coll_id ON docs(coll, id);
CREATE TABLE IF NOT EXISTS keys (coll TEXT NOT NULL, path TEXT NOT NULL, kind INTEGER NOT NULL, v, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS keys_lookup ON keys(coll, path, kind, v);
CREATE INDEX IF NOT EXISTS keys_seq ON keys(seq);
CREATE TABLE IF NOT EXISTS uniq (coll TEXT NOT NULL, idx TEXT NOT NULL, k TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (coll, idx, k)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uniq_seq ON uniq(seq);
`;

/** `_id`s are mostly strings; other types get a prefix no string id can start with. */
export function idKey(id: unknown): string {
  return typeof id === 'string' ? id : `\u0000${JSON.stringify(id)}`;
}

/**
 * The emulator's durable document store on better-sqlite3 in WAL mode. Every acknowledged write has
 * been committed to the WAL file before the HTTP response is sent, so it survives a `kill -9` of
 * the emulator. (synchronous=NORMAL: an OS crash or power cut may lose the last commits; a process
 * crash cannot. Production's MongoDB write concern is not documented.)
 */
export class DocumentStore {
  readonly file: string;
  readonly db: Connection;
  /** Candidate documents read so far: how tests see that an index narrowed a query. */
  scanned = 0;
  private info = new Map<string, CollectionInfo>();
  private statements = new WeakMap<Connection, Map<string, Database.Statement>>();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'cloudbase.sqlite');
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    for (const row of this.db.prepare('SELECT name, indexes FROM collections').all() as {
      name: string;
      indexes: string;
    }[]) {
      this.info.set(row.name, collectionInfo(JSON.parse(row.indexes) as IndexDeclaration[]));
    }
  }

  close(): void {
    this.db.close();
  }

  /** A read-only connection for transaction snapshots. */
  openReader(): Connection {
    return new Database(this.file, { readonly: true });
  }

  hasCollection(name: string): boolean {
    return this.info.has(name);
  }

  collectionNames(): string[] {
    return [...this.info.keys()];
  }

  assertCollection(name: string): void {
    if (!this.info.has(name)) throw tcbErrors.collectionNotExist();
  }

  createCollection(name: string): void {
    if (this.info.has(name)) throw tcbErrors.collectionAlreadyExist();
    this.stmt(this.db, 'INSERT INTO collections (name) VALUES (?)').run(name);
    this.info.set(name, collectionInfo([]));
  }

  /**
   * Creates declared collections and brings their index entries in line with the declaration. Index
   * entries are rebuilt only for a collection whose declared indexes changed, so a restart with the
   * same declaration costs nothing however many documents there are.
   */
  declare(declarations: readonly CollectionDeclaration[]): void {
    const tx = this.db.transaction(() => {
      for (const decl of declarations) {
        const indexes = JSON.stringify(decl.indexes);
        const row = this.stmt(this.db, 'SELECT indexes FROM collections WHERE name = ?').get(
          decl.name,
        ) as { indexes: string } | undefined;
        if (row?.indexes === indexes) continue;
        this.stmt(
          this.db,
          'INSERT INTO collections (name, indexes) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET indexes = excluded.indexes',
        ).run(decl.name, indexes);
        this.info.set(decl.name, collectionInfo(decl.indexes));
        this.rebuildIndexes(decl.name);
      }
    });
    tx();
  }

  private rebuildIndexes(coll: string): void {
    this.stmt(this.db, 'DELETE FROM keys WHERE coll = ?').run(coll);
    this.stmt(this.db, 'DELETE FROM uniq WHERE coll = ?').run(coll);
    const rows = this.stmt(this.db, 'SELECT seq, body FROM docs WHERE coll = ?').iterate(
      coll,
    ) as Iterable<{
      seq: number;
      body: string;
    }>;
    for (const row of rows) this.writeIndexEntries(coll, row.seq, decodeEjson(row.body) as Doc);
  }

  /** Runs `fn` in one SQLite transaction: all of its writes land, or none. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getById(conn: Connection, coll: string, id: unknown): StoredDoc | undefined {
    const row = this.stmt(conn, 'SELECT seq, body FROM docs WHERE coll = ? AND id = ?').get(
      coll,
      idKey(id),
    ) as { seq: number; body: string } | undefined;
    return row && { seq: row.seq, body: row.body, doc: decodeEjson(row.body) as Doc };
  }

  /**
   * Candidate documents in insertion order (or in `_id` order when asked), narrowed by `plan` when
   * one is given. Rows are read lazily: a caller that stops early reads no further.
   */
  *candidates(
    conn: Connection,
    coll: string,
    plan: KeyPlan | undefined,
    byId?: IdOrder,
  ): Generator<StoredDoc> {
    const [sql, params] = candidateSql(coll, plan, byId);
    const rows = this.stmt(conn, sql).iterate(...params) as Iterable<{ seq: number; body: string }>;
    for (const row of rows) {
      this.scanned += 1;
      yield { seq: row.seq, body: row.body, doc: decodeEjson(row.body) as Doc };
    }
  }

  countAll(conn: Connection, coll: string): number {
    return (
      this.stmt(conn, 'SELECT COUNT(*) AS n FROM docs WHERE coll = ?').get(coll) as { n: number }
    ).n;
  }

  /** Documents with `key` among their index entries at `path`: exact for a non-null scalar. */
  countByKey(conn: Connection, coll: string, path: string, key: IndexKey): number {
    const sql =
      'SELECT COUNT(DISTINCT seq) AS n FROM keys WHERE coll = ? AND path = ? AND kind = ? AND v = ?';
    return (this.stmt(conn, sql).get(coll, path, key[0], key[1]) as { n: number }).n;
  }

  /**
   * Index entries for `key` at `path`, counted up to `cap`: enough for the planner to tell a
   * selective index from a broad one without paying for counting the broad one.
   */
  estimateKey(conn: Connection, coll: string, path: string, key: IndexKey, cap: number): number {
    const where =
      key[1] === null
        ? 'coll = ? AND path = ? AND kind = ?'
        : 'coll = ? AND path = ? AND kind = ? AND v = ?';
    const params = key[1] === null ? [coll, path, key[0]] : [coll, path, key[0], key[1]];
    const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM keys WHERE ${where} LIMIT ?)`;
    return (this.stmt(conn, sql).get(...params, cap) as { n: number }).n;
  }

  isIndexed(coll: string, path: string): boolean {
    return path === '_id' || (this.info.get(coll)?.indexedPaths.includes(path) ?? false);
  }

  /** Inserts a document that carries its `_id`; a taken `_id` or unique key is E11000. */
  insert(coll: string, doc: Doc): number {
    const body = encodeEjson(doc);
    let seq: number;
    try {
      seq = Number(
        this.stmt(this.db, 'INSERT INTO docs (coll, id, body) VALUES (?, ?, ?)').run(
          coll,
          idKey(doc['_id']),
          body,
        ).lastInsertRowid,
      );
    } catch (e) {
      if (isUniqueViolation(e))
        throw tcbErrors.duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(doc['_id'])} }`);
      throw e;
    }
    this.writeIndexEntries(coll, seq, doc);
    return seq;
  }

  replace(coll: string, seq: number, doc: Doc): void {
    this.stmt(this.db, 'UPDATE docs SET body = ? WHERE seq = ?').run(encodeEjson(doc), seq);
    this.deleteIndexEntries(seq);
    this.writeIndexEntries(coll, seq, doc);
  }

  remove(seq: number): void {
    this.stmt(this.db, 'DELETE FROM docs WHERE seq = ?').run(seq);
    this.deleteIndexEntries(seq);
  }

  private writeIndexEntries(coll: string, seq: number, doc: Doc): void {
    const info = this.info.get(coll);
    if (!info) return;
    const insertKey = this.stmt(
      this.db,
      'INSERT INTO keys (coll, path, kind, v, seq) VALUES (?, ?, ?, ?, ?)',
    );
    for (const p of info.indexedPaths) {
      for (const [kind, v] of extractKeys(doc, p)) insertKey.run(coll, p, kind, v, seq);
    }
    const insertUnique = this.stmt(
      this.db,
      'INSERT INTO uniq (coll, idx, k, seq) VALUES (?, ?, ?, ?)',
    );
    for (const u of info.uniques) {
      const k = uniqueKeyOf(doc, u.paths);
      try {
        insertUnique.run(coll, u.name, k, seq);
      } catch (e) {
        if (isUniqueViolation(e))
          throw tcbErrors.duplicateKey(coll, u.name, describeKey(u.paths, k));
        throw e;
      }
    }
  }

  private deleteIndexEntries(seq: number): void {
    this.stmt(this.db, 'DELETE FROM keys WHERE seq = ?').run(seq);
    this.stmt(this.db, 'DELETE FROM uniq WHERE seq = ?').run(seq);
  }

  private stmt(conn: Connection, sql: string): Database.Statement {
    let cache = this.statements.get(conn);
    if (!cache) this.statements.set(conn, (cache = new Map()));
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = conn.prepare(sql)));
    return statement;
  }
}

function collectionInfo(indexes: readonly IndexDeclaration[]): CollectionInfo {
  const paths = new Set<string>();
  for (const index of indexes) for (const [p] of index.fields) paths.add(p);
  paths.delete('_id');
  return {
    indexedPaths: [...paths],
    uniques: indexes
      .filter((i) => i.unique)
      .map((i) => ({ name: i.name, paths: i.fields.map(([p]) => p) })),
  };
}

/** The SQL bounds of a range plan on `column`, pushing their values onto `params`. */
function bounds(column: string, plan: KeyPlan & { kind: 'range' }, params: unknown[]): string {
  let sql = '';
  if (plan.lower) {
    sql += plan.lower.inclusive ? ` AND ${column} >= ?` : ` AND ${column} > ?`;
    params.push(plan.lower.value);
  }
  if (plan.upper) {
    sql += plan.upper.inclusive ? ` AND ${column} <= ?` : ` AND ${column} < ?`;
    params.push(plan.upper.value);
  }
  return sql;
}

/** How `candidates` reads in `_id` order. */
export interface IdOrder {
  direction: 1 | -1;
  /** A cursor's bounds on the id: the scan starts where the last page ended. */
  range?: KeyPlan & { kind: 'range' };
  /**
   * Walk the documents in id order and check each one's index entries, instead of collecting
   * every entry first: right when the index matches much of the collection and a page is small.
   */
  probe?: boolean;
}

function candidateSql(
  coll: string,
  plan: KeyPlan | undefined,
  byId?: IdOrder,
): [string, unknown[]] {
  const [sql, params] =
    byId?.probe && plan?.kind === 'keys' ? probedSql(coll, plan) : narrowedSql(coll, plan);
  if (!byId) return [`${sql} ORDER BY seq`, params];
  const bounded = byId.range ? `${sql}${bounds('id', byId.range, params)}` : sql;
  return [`${bounded} ORDER BY id ${byId.direction === 1 ? 'ASC' : 'DESC'}`, params];
}

function probedSql(coll: string, plan: KeyPlan & { kind: 'keys' }): [string, unknown[]] {
  const params: unknown[] = [coll, coll, plan.path];
  const keys = plan.equals.map(([kind, v]) => {
    params.push(kind);
    if (v === null) return 'k.kind = ?';
    params.push(v);
    return '(k.kind = ? AND k.v = ?)';
  });
  return [
    // INDEXED BY: one document's few entries, found by its seq; the lookup index would scan every
    // entry with the value for each document.
    'SELECT seq, body FROM docs WHERE coll = ? AND EXISTS (SELECT 1 FROM keys k INDEXED BY keys_seq ' +
      `WHERE k.seq = docs.seq AND k.coll = ? AND k.path = ? AND (${keys.join(' OR ')}))`,
    params,
  ];
}

function narrowedSql(coll: string, plan: KeyPlan | undefined): [string, unknown[]] {
  if (!plan) return ['SELECT seq, body FROM docs WHERE coll = ?', [coll]];
  if (plan.kind === 'id') {
    const marks = plan.ids.map(() => '?').join(', ');
    return [
      `SELECT seq, body FROM docs WHERE coll = ? AND id IN (${marks})`,
      [coll, ...plan.ids.map(idKey)],
    ];
  }
  if (plan.kind === 'range' && plan.path === '_id') {
    // String ids are stored as they are, and SQLite compares text by its bytes, as MongoDB does;
    // other ids carry a NUL prefix and sort first, a superset that the exact filter then trims.
    const params: unknown[] = [coll];
    const cond = `coll = ?${bounds('id', plan, params)}`;
    return [`SELECT seq, body FROM docs WHERE ${cond}`, params];
  }
  const sub: string[] = [];
  const params: unknown[] = [coll];
  if (plan.kind === 'keys') {
    const ors = plan.equals.map(([kind, v]) => {
      params.push(coll, plan.path, kind);
      if (v === null) return 'SELECT seq FROM keys WHERE coll = ? AND path = ? AND kind = ?';
      params.push(v);
      return 'SELECT seq FROM keys WHERE coll = ? AND path = ? AND kind = ? AND v = ?';
    });
    sub.push(ors.join(' UNION '));
  } else {
    params.push(coll, plan.path, plan.keyKind);
    sub.push(
      `SELECT seq FROM keys WHERE coll = ? AND path = ? AND kind = ?${bounds('v', plan, params)}`,
    );
  }
  // `+coll`: with the plain column SQLite walks the whole collection by its (coll, id) index and
  // tests each seq against the key set; the unary plus keeps it on the matching seqs' row ids.
  return [`SELECT seq, body FROM docs WHERE +coll = ? AND seq IN (${sub.join('')})`, params];
}

function isUniqueViolation(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    'code' in e &&
    (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

function describeKey(paths: readonly string[], key: string): string {
  const values = JSON.parse(key) as unknown[];
  return `{ ${paths.map((p, i) => `${p}: ${JSON.stringify(values[i])}`).join(', ')} }`;
}
