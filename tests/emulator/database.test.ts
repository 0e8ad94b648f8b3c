import { fetchDocs } from '@gridguard/server/runtime';
import { rejectionOf, useEmulator } from '../helpers/emulator';

type Row = Record<string, unknown> & { _id: string };

const t = useEmulator();

const items = () => t.db.collection('items');
const ids = (rows: Row[]) => rows.map((r) => r._id);

async function reset(docs: Row[]): Promise<void> {
  await items().where({}).remove();
  for (const data of docs) await items().add({ data });
}

describe('CRUD', () => {
  beforeAll(() => reset([]));

  it('add returns the given _id, or a 32-hex id, and get reads it back', async () => {
    const given = (await items().add({ data: { _id: 'given', title: '口罩' } })) as { _id: string };
    expect(given._id).toBe('given');
    const auto = (await items().add({ data: { title: '酒精' } })) as { _id: string };
    expect(auto._id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = (await items().doc(auto._id).get()) as { data: Row };
    expect(data).toEqual({ _id: auto._id, title: '酒精' });
  });

  it('a batch add returns every id', async () => {
    const result = (await items().add({ data: [{ title: 'a' }, { title: 'b' }] })) as unknown as {
      _ids: string[];
    };
    expect(result._ids).toHaveLength(2);
  });

  it('an _id range alone pages through a collection by id (a cursor)', async () => {
    await reset([{ _id: 'c' }, { _id: 'a' }, { _id: 'd' }, { _id: 'b' }, { _id: '沙头' }]);
    const _ = t.db.command;
    const page = (after: string, n: number) =>
      fetchDocs<Row>(
        items()
          .where({ _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(n),
      );
    expect(ids(await page('', 10))).toEqual(['a', 'b', 'c', 'd', '沙头']);
    expect(ids(await page('b', 2))).toEqual(['c', 'd']);
    expect(
      ids(await fetchDocs<Row>(items().where({ _id: _.gte('b').and(_.lte('c')) }))).sort(),
    ).toEqual(['b', 'c']);
    await reset([]);
  });

  it('doc().get() of a missing id fails the way production does', async () => {
    const error = await rejectionOf(items().doc('nobody').get());
    expect(error.message).toContain('does not exist');
  });

  it('set replaces a whole document and upserts a missing one', async () => {
    const created = (await items()
      .doc('s1')
      .set({ data: { a: 1, b: { c: 2 } } })) as { stats: { created: number } };
    expect(created.stats.created).toBe(1);
    const replaced = (await items()
      .doc('s1')
      .set({ data: { b: { d: 3 } } })) as { stats: { updated: number } };
    expect(replaced.stats.updated).toBe(1);
    const { data } = (await items().doc('s1').get()) as { data: Row };
    expect(data).toEqual({ _id: 's1', b: { d: 3 } });
  });

  it('update merges nested objects as dotted paths and reports what changed', async () => {
    await items()
      .doc('u1')
      .set({ data: { grid: { id: 'g1', name: '旧' }, qty: 1 } });
    const result = (await items()
      .doc('u1')
      .update({ data: { grid: { name: '新' } } })) as { stats: { updated: number } };
    expect(result.stats.updated).toBe(1);
    const { data } = (await items().doc('u1').get()) as { data: Row };
    expect(data['grid']).toEqual({ id: 'g1', name: '新' });
    const unchanged = (await items()
      .doc('u1')
      .update({ data: { qty: 1 } })) as { stats: { updated: number } };
    expect(unchanged.stats.updated).toBe(0);
  });

  it('update of a missing doc updates nothing', async () => {
    const result = (await items()
      .doc('ghost')
      .update({ data: { a: 1 } })) as { stats: { updated: number } };
    expect(result.stats.updated).toBe(0);
  });

  it('where().update() and where().remove() act on every match (and only them)', async () => {
    await reset([
      { _id: 'w1', status: 'open', qty: 1 },
      { _id: 'w2', status: 'open', qty: 2 },
      { _id: 'w3', status: 'done', qty: 3 },
    ]);
    const updated = (await items()
      .where({ status: 'open' })
      .update({ data: { status: 'claimed' } })) as {
      stats: { updated: number };
    };
    expect(updated.stats.updated).toBe(2);
    const removed = (await items().where({ status: 'claimed' }).remove()) as {
      stats: { removed: number };
    };
    expect(removed.stats.removed).toBe(2);
    expect(ids(await fetchDocs<Row>(items().where({})))).toEqual(['w3']);
  });

  it('doc().remove() removes one document', async () => {
    const result = (await items().doc('w3').remove()) as { stats: { removed: number } };
    expect(result.stats.removed).toBe(1);
    expect(((await items().count()) as { total: number }).total).toBe(0);
  });

  it('keeps Dates, nested arrays, booleans and null intact', async () => {
    const at = new Date('2020-02-01T08:30:00.000Z');
    await items().add({
      data: { _id: 'types', at, list: [1, 'two', { three: 3 }], yes: true, none: null, n: 12.5 },
    });
    const { data } = (await items().doc('types').get()) as { data: Row };
    expect(data['at']).toBeInstanceOf(Date);
    expect((data['at'] as Date).toISOString()).toBe(at.toISOString());
    expect(data).toMatchObject({ list: [1, 'two', { three: 3 }], yes: true, none: null, n: 12.5 });
  });
});

describe('query operators', () => {
  beforeAll(() =>
    reset([
      {
        _id: 'q1',
        status: 'open',
        qty: 1,
        tags: ['urgent', 'food'],
        grid: { id: 'g1' },
        name: '张三',
      },
      { _id: 'q2', status: 'open', qty: 5, tags: ['food'], grid: { id: 'g2' }, name: '李四' },
      { _id: 'q3', status: 'done', qty: 10, tags: [], grid: { id: 'g1' }, name: '王五', extra: 1 },
      {
        _id: 'q4',
        status: 'done',
        qty: 7,
        grid: { id: 'g3' },
        name: '赵六',
        scores: [
          { k: 'a', v: 1 },
          { k: 'b', v: 9 },
        ],
      },
    ]),
  );

  const find = async (where: object) =>
    ids(await fetchDocs<Row>(items().where(where).orderBy('_id', 'asc')));
  const _ = () => t.db.command;
  // The SDK has _.expr, but its typings do not declare it.
  const withExpr = () => t.db.command as unknown as { expr(expression: unknown): object };

  it.each([
    ['eq', () => ({ qty: _().eq(5) }), ['q2']],
    ['neq', () => ({ status: _().neq('open') }), ['q3', 'q4']],
    ['lt', () => ({ qty: _().lt(5) }), ['q1']],
    ['lte', () => ({ qty: _().lte(5) }), ['q1', 'q2']],
    ['gt', () => ({ qty: _().gt(7) }), ['q3']],
    ['gte', () => ({ qty: _().gte(7) }), ['q3', 'q4']],
    ['in', () => ({ status: _().in(['done']) }), ['q3', 'q4']],
    ['nin', () => ({ qty: _().nin([1, 5]) }), ['q3', 'q4']],
    ['all', () => ({ tags: _().all(['food', 'urgent']) }), ['q1']],
    ['exists', () => ({ extra: _().exists(true) }), ['q3']],
    ['size', () => ({ tags: _().size(0) }), ['q3']],
    ['mod', () => ({ qty: _().mod(5, 0) }), ['q2', 'q3']],
    ['elemMatch', () => ({ scores: _().elemMatch({ k: 'b', v: _().gt(5) }) }), ['q4']],
    ['not', () => ({ qty: _().not(_().gt(5)) }), ['q1', 'q2']],
    ['and (chained)', () => ({ qty: _().gt(1).and(_().lt(10)) }), ['q2', 'q4']],
    ['or (chained)', () => ({ qty: _().lt(2).or(_().gt(8)) }), ['q1', 'q3']],
    ['and([])', () => _().and([{ status: 'open' }, { qty: _().gt(1) }]), ['q2']],
    ['or([])', () => _().or([{ status: 'done' }, { 'grid.id': 'g2' }]), ['q2', 'q3', 'q4']],
    ['nor([])', () => _().nor([{ status: 'done' }, { qty: 1 }]), ['q2']],
    ['nested object flattened to a dotted path', () => ({ grid: { id: 'g1' } }), ['q1', 'q3']],
    ['scalar matches an array element', () => ({ tags: 'urgent' }), ['q1']],
    ['array literal means exact array', () => ({ tags: ['food'] }), ['q2']],
    ['regexp', () => ({ name: /^王/ }), ['q3']],
    ['t.db.RegExp', () => ({ name: t.db.RegExp({ regexp: '四$', options: 'i' }) }), ['q2']],
    ['expr', () => withExpr().expr(t.db.command.aggregate.gt(['$qty', 6])), ['q3', 'q4']],
  ])('%s', async (_name, where, expected) => {
    expect(await find(where() as object)).toEqual(expected);
  });

  it('where({}) and no where both return everything', async () => {
    expect(await find({})).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(ids(await fetchDocs<Row>(items().orderBy('_id', 'asc')))).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
    ]);
  });

  it('count() counts matches', async () => {
    expect(((await items().where({ status: 'open' }).count()) as { total: number }).total).toBe(2);
  });
});

describe('update operators', () => {
  const _ = () => t.db.command;
  const after = async ({ _id, ...initial }: Row, update: object) => {
    await items().doc(_id).set({ data: initial });
    const initialId = _id;
    await items().doc(initialId).update({ data: update });
    return ((await items().doc(initialId).get()) as { data: Row }).data;
  };

  it.each([
    [
      'set replaces an object',
      { o: { a: 1, b: 2 } },
      () => ({ o: _().set({ c: 3 }) }),
      { o: { c: 3 } },
    ],
    ['inc', { n: 1 }, () => ({ n: _().inc(2) }), { n: 3 }],
    ['mul', { n: 3 }, () => ({ n: _().mul(4) }), { n: 12 }],
    ['min', { n: 3 }, () => ({ n: _().min(1) }), { n: 1 }],
    ['max', { n: 3 }, () => ({ n: _().max(9) }), { n: 9 }],
    ['rename', { old: 'v' }, () => ({ old: _().rename('fresh') }), { fresh: 'v' }],
    ['remove', { gone: 1, kept: 2 }, () => ({ gone: _().remove() }), { kept: 2 }],
    ['push one', { l: [1] }, () => ({ l: _().push(2) }), { l: [1, 2] }],
    [
      'push with position, sort and slice',
      { l: [5, 1] },
      () => ({ l: _().push({ each: [3, 9], sort: 1, slice: 3 }) }),
      { l: [1, 3, 5] },
    ],
    ['unshift', { l: [2] }, () => ({ l: _().unshift([0, 1]) }), { l: [0, 1, 2] }],
    ['pop', { l: [1, 2, 3] }, () => ({ l: _().pop() }), { l: [1, 2] }],
    ['shift', { l: [1, 2, 3] }, () => ({ l: _().shift() }), { l: [2, 3] }],
    ['pull', { l: [1, 2, 1, 3] }, () => ({ l: _().pull(1) }), { l: [2, 3] }],
    ['pull with a condition', { l: [1, 5, 9] }, () => ({ l: _().pull(_().gt(4)) }), { l: [1] }],
    ['pullAll', { l: [1, 2, 3, 2] }, () => ({ l: _().pullAll([2, 3]) }), { l: [1] }],
    ['addToSet one', { l: ['a'] }, () => ({ l: _().addToSet('a') }), { l: ['a'] }],
    [
      'addToSet each (sent without $)',
      { l: ['a'] },
      () => ({ l: _().addToSet({ each: ['b', 'a', 'c'] }) }),
      { l: ['a', 'b', 'c'] },
    ],
    [
      'array index path',
      { items: [{ n: 1 }, { n: 2 }] },
      () => ({ 'items.1.n': 5 }),
      { items: [{ n: 1 }, { n: 5 }] },
    ],
  ])('%s', async (_name, initial, update, expected) => {
    const doc = await after({ _id: 'op', ...initial }, update());
    expect(doc).toEqual({ _id: 'op', ...expected });
  });

  // The SDK accepts {offset}; its typings do not declare it.
  const serverDateWithOffset = (offset: number) =>
    (t.db.serverDate as unknown as (options: { offset: number }) => object)({ offset });

  it('serverDate() becomes the server time, wherever it is, with its offset', async () => {
    const before = Date.now();
    await items()
      .doc('sd')
      .set({ data: { at: t.db.serverDate(), nested: { later: serverDateWithOffset(3600_000) } } });
    await items()
      .doc('sd')
      .update({ data: { list: _().push(t.db.serverDate()) } });
    const { data } = (await items().doc('sd').get()) as unknown as {
      data: { at: Date; nested: { later: Date }; list: Date[] };
    };
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(data.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(data.nested.later.getTime() - data.at.getTime()).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(data.list[0]).toBeInstanceOf(Date);
  });

  it('an invalid operator changes nothing and fails with an error code', async () => {
    await items()
      .doc('bad')
      .set({ data: { n: 'text' } });
    const error = await rejectionOf(
      items()
        .doc('bad')
        .update({ data: { n: _().inc(1) } }),
    );
    expect(error.errCode).toBe(-502002);
    expect(((await items().doc('bad').get()) as { data: Row }).data['n']).toBe('text');
  });
});

describe('limit, order, skip and projection', () => {
  beforeAll(async () => {
    await items().where({}).remove();
    const data = Array.from({ length: 1100 }, (_, i) => ({
      _id: `p${String(i).padStart(4, '0')}`,
      n: i % 7,
      i,
    }));
    for (let i = 0; i < data.length; i += 100) await items().add({ data: data.slice(i, i + 100) });
  });

  it('the SDK default is 100 documents', async () => {
    expect(await fetchDocs<Row>(items().where({}))).toHaveLength(100);
  });

  it('a limit above 1000 returns 1000', async () => {
    expect(await fetchDocs<Row>(items().where({}).limit(1500))).toHaveLength(1000);
  });

  it('orders by several keys in priority order, then skips', async () => {
    const rows = await fetchDocs<Row & { n: number; i: number }>(
      items().where({}).orderBy('n', 'desc').orderBy('i', 'asc').skip(2).limit(3),
    );
    expect(rows.map((r) => [r.n, r.i])).toEqual([
      [6, 20],
      [6, 27],
      [6, 34],
    ]);
  });

  it('projects fields in and out', async () => {
    const [only] = await fetchDocs<Row>(
      items().where({ _id: 'p0001' }).field({ n: true, _id: false }),
    );
    expect(only).toEqual({ n: 1 });
    const [without] = await fetchDocs<Row>(items().where({ _id: 'p0001' }).field({ n: false }));
    expect(without).toEqual({ _id: 'p0001', i: 1 });
  });

  it('a doc().field() get projects too', async () => {
    const { data } = (await items().doc('p0002').field({ i: true }).get()) as { data: Row };
    expect(data).toEqual({ _id: 'p0002', i: 2 });
  });
});

describe('indexes narrow candidates but results stay exact', () => {
  beforeAll(() =>
    reset([
      {
        _id: 'i1',
        status: 'open',
        tags: ['a', 'b'],
        grid: { id: 'g1' },
        qty: 3,
        at: new Date('2020-02-01T00:00:00Z'),
      },
      {
        _id: 'i2',
        status: 'open',
        tags: 'a',
        grid: [{ id: 'g1' }, { id: 'g2' }],
        qty: 8,
        at: new Date('2020-02-05T00:00:00Z'),
      },
      { _id: 'i3', tags: [], grid: { id: 'g2' }, qty: 5 },
      {
        _id: 'i4',
        status: null,
        grid: { id: 'g3' },
        qty: 'many',
        at: new Date('2020-02-09T00:00:00Z'),
      },
    ]),
  );
  const _ = () => t.db.command;
  const find = async (where: object) =>
    ids(await fetchDocs<Row>(items().where(where).orderBy('_id', 'asc')));

  it.each([
    ['equality on an indexed field', () => ({ status: 'open' }), ['i1', 'i2']],
    ['null matches missing and null', () => ({ status: null }), ['i3', 'i4']],
    ['multikey element', () => ({ tags: 'a' }), ['i1', 'i2']],
    ['in on an indexed field', () => ({ tags: _().in(['b', 'zzz']) }), ['i1']],
    ['nested path through an array of objects', () => ({ 'grid.id': 'g2' }), ['i2', 'i3']],
    ['numeric range ignores strings', () => ({ qty: _().gte(3).and(_().lt(8)) }), ['i1', 'i3']],
    ['date range', () => ({ at: _().gt(new Date('2020-02-02T00:00:00Z')) }), ['i2', 'i4']],
    ['indexed and unindexed fields together', () => ({ status: 'open', qty: _().gt(5) }), ['i2']],
    ['_id in', () => ({ _id: _().in(['i4', 'i1', 'nope']) }), ['i1', 'i4']],
  ])('%s', async (_name, where, expected) => {
    expect(await find(where() as object)).toEqual(expected);
  });

  it('index entries follow updates and removals', async () => {
    await items()
      .doc('i1')
      .update({ data: { status: 'done', tags: _().pull('a') } });
    expect(await find({ status: 'open' })).toEqual(['i2']);
    expect(await find({ tags: 'a' })).toEqual(['i2']);
    await items().doc('i2').remove();
    expect(await find({ tags: 'a' })).toEqual([]);
  });
});

describe('index narrowing', () => {
  beforeAll(async () => {
    await items().where({}).remove();
    const data = Array.from({ length: 500 }, (_, i) => ({
      status: i % 100 === 0 ? 'rare' : 'common',
      n: i,
    }));
    for (let i = 0; i < data.length; i += 100) await items().add({ data: data.slice(i, i + 100) });
  });
  const scannedBy = async (where: object) => {
    const store = t.emulator.store;
    const before = store.scanned;
    const rows = await fetchDocs<Row>(items().where(where).limit(1000));
    return { rows: rows.length, scanned: store.scanned - before };
  };

  it('a query on an indexed field reads only the matching candidates', async () => {
    expect(await scannedBy({ status: 'rare' })).toEqual({ rows: 5, scanned: 5 });
  });

  it('a query on an unindexed field reads the whole collection', async () => {
    expect(await scannedBy({ n: 100 })).toEqual({ rows: 1, scanned: 500 });
  });

  it('count() answers from the index entries alone when they are exact', async () => {
    const store = t.emulator.store;
    const before = store.scanned;
    const count = async (where: object) =>
      ((await items().where(where).count()) as { total: number }).total;
    expect(await count({ status: 'rare' })).toBe(5);
    expect(await count({})).toBe(500);
    expect(store.scanned - before).toBe(0);
    expect(await count({ status: 'rare', n: t.db.command.gt(250) })).toBe(2);
  });

  it('a multikey count counts each document once', async () => {
    await items().add({ data: { _id: 'twice', status: 'rare', tags: ['x', 'x', 'y'] } });
    expect(((await items().where({ tags: 'x' }).count()) as { total: number }).total).toBe(1);
    await items().doc('twice').remove();
  });

  it('of two indexed equalities, the one with fewer entries narrows the read', async () => {
    await items().add({ data: { _id: 'tagged', status: 'common', tags: ['only-me'] } });
    // status 'common' has 496 entries, the tag one: whichever comes first, one document is read.
    expect(await scannedBy({ status: 'common', tags: 'only-me' })).toEqual({ rows: 1, scanned: 1 });
    expect(await scannedBy({ tags: 'only-me', status: 'common' })).toEqual({ rows: 1, scanned: 1 });
    await items().doc('tagged').remove();
  });

  it('a page in _id order reads that page, not the whole collection', async () => {
    const store = t.emulator.store;
    const all = ids(await fetchDocs<Row>(items().where({}).limit(1000))).sort();
    const before = store.scanned;
    const page = await fetchDocs<Row>(items().where({}).orderBy('_id', 'asc').skip(5).limit(10));
    expect(ids(page)).toEqual(all.slice(5, 15));
    expect(store.scanned - before).toBe(15);
    const last = await fetchDocs<Row>(items().where({}).orderBy('_id', 'desc').limit(3));
    expect(ids(last)).toEqual(all.slice(-3).reverse());
    const rare = await fetchDocs<Row>(
      items().where({ status: 'rare' }).orderBy('_id', 'asc').limit(2),
    );
    expect(ids(rare)).toHaveLength(2);
    expect(rare.every((r) => r['status'] === 'rare')).toBe(true);
  });

  it('a cursor page (_id after the last one, with a filter) reads on from the cursor', async () => {
    const store = t.emulator.store;
    const _ = t.db.command;
    const common = ids(
      await fetchDocs<Row>(items().where({ status: 'common' }).limit(1000)),
    ).sort();
    const after = common[100] as string;
    const before = store.scanned;
    const page = await fetchDocs<Row>(
      items()
        .where({ status: 'common', _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(10),
    );
    expect(ids(page)).toEqual(common.slice(101, 111));
    expect(store.scanned - before).toBeLessThanOrEqual(12);
  });

  it('a cursor page on a broad index reads on from the cursor, checking entries per document', async () => {
    const store = t.emulator.store;
    const _ = t.db.command;
    // 6,000 of one kind, interleaved in id order with 500 of the others already there.
    const bulk = Array.from({ length: 6000 }, (_x, i) => ({
      _id: `bulk-${String(i).padStart(5, '0')}`,
      status: 'bulk',
    }));
    for (let i = 0; i < bulk.length; i += 1000)
      await items().add({ data: bulk.slice(i, i + 1000) });
    const before = store.scanned;
    const page = await fetchDocs<Row>(
      items()
        .where({ status: 'bulk', _id: _.gt('bulk-02999') })
        .orderBy('_id', 'asc')
        .limit(5),
    );
    expect(ids(page)).toEqual([
      'bulk-03000',
      'bulk-03001',
      'bulk-03002',
      'bulk-03003',
      'bulk-03004',
    ]);
    expect(store.scanned - before).toBe(5);
    await items().where({ status: 'bulk' }).remove();
  });

  it('an _id lookup reads one document', async () => {
    const [first] = await fetchDocs<Row>(items().where({ status: 'rare' }).limit(1));
    expect(await scannedBy({ _id: first?._id })).toEqual({ rows: 1, scanned: 1 });
  });
});

describe('unique indexes', () => {
  const people = () => t.db.collection('people');

  it('a duplicate key fails with -502001 and E11000, and writes nothing', async () => {
    await people().add({ data: { _id: 'p1', idNumber: '330102199001011234' } });
    const error = await rejectionOf(
      people().add({ data: { _id: 'p2', idNumber: '330102199001011234' } }),
    );
    expect(error.errCode).toBe(-502001);
    expect(error.message).toContain('E11000 duplicate key');
    expect(((await people().count()) as { total: number }).total).toBe(1);
  });

  it('a duplicate _id is E11000 too', async () => {
    const error = await rejectionOf(people().add({ data: { _id: 'p1', idNumber: 'other' } }));
    expect(error.message).toContain('E11000');
  });

  it('only one document may lack the unique field (missing counts as null)', async () => {
    await people().add({ data: { _id: 'noid1' } });
    const error = await rejectionOf(people().add({ data: { _id: 'noid2' } }));
    expect(error.message).toContain('E11000');
  });

  it('an update into a taken key fails and leaves the document as it was', async () => {
    await people().add({ data: { _id: 'p3', idNumber: '440101198001010000' } });
    const error = await rejectionOf(
      people()
        .doc('p3')
        .update({ data: { idNumber: '330102199001011234' } }),
    );
    expect(error.errCode).toBe(-502001);
    const { data } = (await people().doc('p3').get()) as { data: Row };
    expect(data['idNumber']).toBe('440101198001010000');
  });

  it('compound unique keys make a retried submission idempotent', async () => {
    const reports = t.db.collection('reports');
    await reports.add({ data: { personId: 'r1', day: '2020-02-01', temperature: 36.5 } });
    await reports.add({ data: { personId: 'r1', day: '2020-02-02', temperature: 36.6 } });
    const retry = await rejectionOf(
      reports.add({ data: { personId: 'r1', day: '2020-02-01', temperature: 36.5 } }),
    );
    expect(retry.message).toContain('E11000');
    expect(((await reports.count()) as { total: number }).total).toBe(2);
  });
});

describe('collections', () => {
  it('a missing collection is -502005 for every data action', async () => {
    const missing = t.db.collection('nowhere');
    for (const call of [
      missing.get(),
      missing.add({ data: { a: 1 } }),
      missing.count(),
      missing.doc('x').update({ data: { a: 1 } }),
    ]) {
      const error = await rejectionOf(call);
      expect(error.errCode).toBe(-502005);
      expect(error.message).toContain('Db or Table not exist');
    }
  });

  it('createCollection makes a usable collection; creating it again fails', async () => {
    await t.db.createCollection('fresh');
    await t.db.collection('fresh').add({ data: { ok: true } });
    expect(((await t.db.collection('fresh').count()) as { total: number }).total).toBe(1);
    const again = await rejectionOf(t.db.createCollection('fresh'));
    expect(again.errCode).toBe(-1);
    expect(again.message).toContain('Table exist');
  });
});
