import { randomBytes } from 'node:crypto';
import { Query } from 'mingo';
import type { Clock } from '../clock';
import type { Doc } from '../ejson';
import { tcbErrors } from '../errors';
import { TRANSACTION_MAX_AGE_MS } from '../limits';
import { idKey, type Connection, type DocumentStore } from '../store/store';
import { matchingDocs } from './operations';

interface PendingWrite {
  coll: string;
  id: unknown;
  /** The document after the transaction's writes; null when the transaction removed it. */
  doc: Doc | null;
}

interface Transaction {
  id: string;
  startedAt: number;
  /** A read-only connection holding an open read transaction: the snapshot every read sees. */
  reader: Connection;
  writes: Map<string, PendingWrite>;
  /** Each written document's body as the snapshot saw it, to detect writes made since. */
  baseBodies: Map<string, string | null>;
}

const docKey = (coll: string, id: unknown) => `${coll}\u0000${idKey(id)}`;

/**
 * Transactions with snapshot reads and first-writer locks, as production documents them: a write
 * locks the document and another transaction writing it fails at once with
 * DATABASE_TRANSACTION_CONFLICT (the SDK does not retry that). At commit, a document that a plain
 * (non-transactional) write changed since the snapshot also gives DATABASE_TRANSACTION_CONFLICT,
 * which runTransaction does retry.
 *
 * Deliberate difference: production makes a plain write to a locked document wait for the lock;
 * here it goes ahead and the transaction fails at commit instead. Either way, one side retries.
 */
export class TransactionManager {
  private open = new Map<string, Transaction>();
  private locks = new Map<string, string>();
  private idleReaders: Connection[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  start(): string {
    const reader = this.idleReaders.pop() ?? this.store.openReader();
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT 1 FROM docs LIMIT 1').get();
    const id = randomBytes(12).toString('hex');
    this.open.set(id, {
      id,
      startedAt: this.clock.now(),
      reader,
      writes: new Map(),
      baseBodies: new Map(),
    });
    return id;
  }

  /** The open transaction, or DATABASE_TRANSACTION_FAIL when it is unknown, ended or too old. */
  private live(id: string): Transaction {
    const tx = this.open.get(id);
    if (!tx) throw tcbErrors.transactionFail(`transaction ${id} does not exist or has ended`);
    if (this.expired(tx)) {
      this.end(tx);
      throw tcbErrors.transactionFail(
        `transaction ${id} was open for more than ${TRANSACTION_MAX_AGE_MS / 1000} s and has been aborted`,
      );
    }
    return tx;
  }

  private expired(tx: Transaction): boolean {
    return this.clock.now() - tx.startedAt > TRANSACTION_MAX_AGE_MS;
  }

  read(id: string, coll: string, docId: unknown): Doc | undefined {
    const tx = this.live(id);
    const pending = tx.writes.get(docKey(coll, docId));
    if (pending) return pending.doc ?? undefined;
    return this.store.getById(tx.reader, coll, docId)?.doc;
  }

  /** where().get() inside a transaction: the snapshot, with the transaction's own writes on top. */
  query(id: string, coll: string, query: Doc): Doc[] {
    const tx = this.live(id);
    const matcher = new Query(query);
    const fromSnapshot = matchingDocs(this.store, tx.reader, coll, query)
      .filter((d) => !tx.writes.has(docKey(coll, d.doc['_id'])))
      .map((d) => d.doc);
    const own = [...tx.writes.values()]
      .filter((w) => w.coll === coll && w.doc !== null && matcher.test(w.doc))
      .map((w) => w.doc as Doc);
    return [...fromSnapshot, ...own];
  }

  write(id: string, coll: string, docId: unknown, doc: Doc | null): void {
    const tx = this.live(id);
    const key = docKey(coll, docId);
    const holder = this.locks.get(key);
    if (holder !== undefined && holder !== tx.id) {
      const other = this.open.get(holder);
      if (other && !this.expired(other)) throw tcbErrors.transactionConflict();
      if (other) this.end(other);
    }
    this.locks.set(key, tx.id);
    if (!tx.baseBodies.has(key)) {
      tx.baseBodies.set(key, this.store.getById(tx.reader, coll, docId)?.body ?? null);
    }
    tx.writes.set(key, { coll, id: docId, doc });
  }

  commit(id: string): void {
    const tx = this.live(id);
    try {
      this.store.atomically(() => {
        for (const [key, write] of tx.writes) {
          const current = this.store.getById(this.store.db, write.coll, write.id);
          if ((current?.body ?? null) !== tx.baseBodies.get(key))
            throw tcbErrors.transactionConflict();
          if (write.doc === null) {
            if (current) this.store.remove(current.seq);
          } else if (current) {
            this.store.replace(write.coll, current.seq, write.doc);
          } else {
            this.store.assertCollection(write.coll);
            this.store.insert(write.coll, write.doc);
          }
        }
      });
    } finally {
      this.end(tx);
    }
  }

  abort(id: string): void {
    const tx = this.open.get(id);
    if (tx) this.end(tx);
  }

  private end(tx: Transaction): void {
    this.open.delete(tx.id);
    for (const key of tx.writes.keys()) {
      if (this.locks.get(key) === tx.id) this.locks.delete(key);
    }
    tx.reader.prepare('COMMIT').run();
    this.idleReaders.push(tx.reader);
  }

  close(): void {
    for (const tx of [...this.open.values()]) this.end(tx);
    for (const reader of this.idleReaders) reader.close();
    this.idleReaders = [];
  }
}
