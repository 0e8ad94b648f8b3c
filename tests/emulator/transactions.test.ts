import { ManualClock } from '@gridguard/emulator';
import { rejectionOf, useEmulator } from '../helpers/emulator';

type Row = Record<string, unknown>;
interface TxCollection {
  doc(id: string): {
    get(): Promise<{ data: Row }>;
    update(options: { data: Row }): Promise<{ stats: { updated: number } }>;
    set(options: { data: Row }): Promise<unknown>;
    remove(): Promise<unknown>;
  };
  add(options: { data: Row }): Promise<{ _id: string }>;
}
interface Transaction {
  collection(name: string): TxCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}
interface TxDatabase {
  runTransaction<T>(callback: (tx: Transaction) => Promise<T>, times?: number): Promise<T>;
  startTransaction(): Promise<Transaction>;
}

const clock = new ManualClock(Date.now());
const t = useEmulator({ clock });
// The SDK's typings do not declare the transaction API.
const txDb = () => t.db as unknown as TxDatabase;

const read = async (id: string) =>
  ((await t.db.collection('items').doc(id).get()) as unknown as { data: Row }).data;
const put = (id: string, data: Row) => t.db.collection('items').doc(id).set({ data });

it('runTransaction resolves with the callback value and commits its writes', async () => {
  await put('a', { qty: 1 });
  const value = await txDb().runTransaction(async (tx) => {
    const { data } = await tx.collection('items').doc('a').get();
    await tx
      .collection('items')
      .doc('a')
      .update({ data: { qty: (data['qty'] as number) + 1 } });
    await tx.collection('items').add({ data: { _id: 'made-in-tx', from: 'a' } });
    return 'done';
  });
  expect(value).toBe('done');
  expect(await read('a')).toMatchObject({ qty: 2 });
  expect(await read('made-in-tx')).toMatchObject({ from: 'a' });
});

it('a throwing callback aborts: nothing it wrote is visible, and the error comes back', async () => {
  await put('b', { qty: 1 });
  const error = await rejectionOf(
    txDb().runTransaction(async (tx) => {
      await tx
        .collection('items')
        .doc('b')
        .update({ data: { qty: 100 } });
      throw new Error('库存不足');
    }),
  );
  expect(error.message).toBe('库存不足');
  expect(await read('b')).toMatchObject({ qty: 1 });
});

it('rollback(reason) aborts and rejects with the reason exactly', async () => {
  await put('c', { qty: 1 });
  const reason = { code: 'SOLD_OUT' };
  const error = await rejectionOf(
    txDb().runTransaction(async (tx) => {
      await tx.collection('items').doc('c').remove();
      await tx.rollback(reason);
    }),
  );
  expect(error).toBe(reason);
  expect(await read('c')).toMatchObject({ qty: 1 });
});

it('reads inside a transaction see the snapshot, plus its own writes', async () => {
  await put('d', { v: 'before' });
  await put('d2', { v: 'mine-before' });
  const tx = await txDb().startTransaction();
  expect((await tx.collection('items').doc('d').get()).data['v']).toBe('before');
  await put('d', { v: 'outside' });
  expect((await tx.collection('items').doc('d').get()).data['v']).toBe('before');
  await tx
    .collection('items')
    .doc('d2')
    .update({ data: { v: 'mine-after' } });
  expect((await tx.collection('items').doc('d2').get()).data['v']).toBe('mine-after');
  expect(await read('d2')).toMatchObject({ v: 'mine-before' });
  await tx.commit();
  expect(await read('d2')).toMatchObject({ v: 'mine-after' });
});

it('a second transaction writing a locked document gets a conflict at once', async () => {
  await put('e', { owner: null });
  const first = await txDb().startTransaction();
  const second = await txDb().startTransaction();
  await first
    .collection('items')
    .doc('e')
    .update({ data: { owner: 'first' } });
  const error = await rejectionOf(
    second
      .collection('items')
      .doc('e')
      .update({ data: { owner: 'second' } }),
  );
  // A conflict on an operation reaches the caller as -501001 (the string code is lost).
  expect(error.errCode).toBe(-501001);
  expect(error.message).toContain('TransactionConflict');
  await second.rollback();
  await first.commit();
  expect(await read('e')).toMatchObject({ owner: 'first' });
});

it('a document changed by a plain write since the snapshot conflicts at commit, and runTransaction retries', async () => {
  await put('f', { n: 0 });
  let attempts = 0;
  const value = await txDb().runTransaction(async (tx) => {
    attempts += 1;
    const { data } = await tx.collection('items').doc('f').get();
    if (attempts === 1)
      await t.db
        .collection('items')
        .doc('f')
        .update({ data: { n: 10 } });
    await tx
      .collection('items')
      .doc('f')
      .update({ data: { n: (data['n'] as number) + 1 } });
    return data['n'];
  });
  expect(attempts).toBe(2);
  expect(value).toBe(10);
  expect(await read('f')).toMatchObject({ n: 11 });
});

it('after 4 conflicting attempts runTransaction gives up with the raw conflict error', async () => {
  await put('g', { n: 0 });
  let attempts = 0;
  const error = await rejectionOf(
    txDb().runTransaction(async (tx) => {
      attempts += 1;
      await tx.collection('items').doc('g').get();
      await t.db
        .collection('items')
        .doc('g')
        .update({ data: { n: attempts } });
      await tx
        .collection('items')
        .doc('g')
        .update({ data: { n: -1 } });
    }),
  );
  expect(attempts).toBe(4);
  expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(error.errCode).toBeUndefined();
  expect(await read('g')).toMatchObject({ n: 4 });
});

it('of ten concurrent claims on one errand exactly one wins', async () => {
  await put('errand', { status: 'open', claimer: null });
  const claim = (who: string) =>
    txDb().runTransaction(async (tx) => {
      const { data } = await tx.collection('items').doc('errand').get();
      if (data['status'] !== 'open') return 'taken';
      await tx
        .collection('items')
        .doc('errand')
        .update({ data: { status: 'claimed', claimer: who } });
      return 'won';
    });
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => claim(`v${i}`)));
  const winners = results.flatMap((r, i) =>
    r.status === 'fulfilled' && r.value === 'won' ? [`v${i}`] : [],
  );
  expect(winners).toHaveLength(1);
  expect(await read('errand')).toMatchObject({ status: 'claimed', claimer: winners[0] });
});

it('a transaction open for more than 30 s fails with DATABASE_TRANSACTION_FAIL and releases its locks', async () => {
  await put('h', { n: 1 });
  const stale = await txDb().startTransaction();
  await stale
    .collection('items')
    .doc('h')
    .update({ data: { n: 2 } });
  clock.advance(30_001);
  const opError = await rejectionOf(stale.collection('items').doc('h').get());
  expect(opError.errCode).toBe(-501001);
  expect(opError.message).toContain('more than 30 s');
  const commitError = await rejectionOf(stale.commit());
  expect(commitError.code).toBe('DATABASE_TRANSACTION_FAIL');
  expect(await read('h')).toMatchObject({ n: 1 });

  const fresh = await txDb().startTransaction();
  await fresh
    .collection('items')
    .doc('h')
    .update({ data: { n: 3 } });
  await fresh.commit();
  expect(await read('h')).toMatchObject({ n: 3 });
});

it('an expired lock holder does not block a new transaction', async () => {
  await put('i', { n: 1 });
  const abandoned = await txDb().startTransaction();
  await abandoned
    .collection('items')
    .doc('i')
    .update({ data: { n: 2 } });
  clock.advance(31_000);
  const next = await txDb().startTransaction();
  await next
    .collection('items')
    .doc('i')
    .update({ data: { n: 5 } });
  await next.commit();
  expect(await read('i')).toMatchObject({ n: 5 });
});
