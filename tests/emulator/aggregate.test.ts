import { rejectionOf, useEmulator } from '../helpers/emulator';

type Row = Record<string, unknown>;

const t = useEmulator();

beforeAll(async () => {
  await t.db.collection('items').add({
    data: [
      {
        _id: 'e1',
        status: 'claimed',
        qty: 2,
        grid: { id: 'g1' },
        title: '米',
        tags: ['food'],
        at: new Date('2020-02-01T17:30:00Z'),
      },
      {
        _id: 'e2',
        status: 'claimed',
        qty: 5,
        grid: { id: 'g1' },
        title: '菜',
        tags: ['food', 'urgent'],
        at: new Date('2020-02-01T15:00:00Z'),
      },
      {
        _id: 'e3',
        status: 'claimed',
        qty: 1,
        grid: { id: 'g2' },
        title: '药',
        tags: ['medicine'],
        at: new Date('2020-02-02T02:00:00Z'),
      },
      {
        _id: 'e4',
        status: 'open',
        qty: 9,
        grid: { id: 'g2' },
        title: '水',
        tags: [],
        at: new Date('2020-02-03T01:00:00Z'),
      },
    ],
  });
  await t.db.collection('grids').add({
    data: [
      { _id: 'g1', name: '沙头社区', leader: '陈建华' },
      { _id: 'g2', name: '烟南村', leader: '黄伟' },
    ],
  });
});

const $ = () => t.db.command.aggregate;
// The SDK has these, but its typings do not declare them.
const subPipeline = () =>
  (
    t.db.command.aggregate as unknown as {
      pipeline(): { match(q: object): { project(p: object): { done(): object } } };
    }
  ).pipeline();
const expr = (e: unknown) => (t.db.command as unknown as { expr(e: unknown): object }).expr(e);
const run = async (pipeline: { end(): unknown }) =>
  ((await pipeline.end()) as { list: Row[] }).list;

it('$match (through the query encoder) → $group → $sort → $skip → $limit', async () => {
  const _ = t.db.command;
  const list = await run(
    t.db
      .collection('items')
      .aggregate()
      .match({ status: 'claimed', qty: _.gt(0) })
      .group({ _id: '$grid.id', total: $().sum('$qty'), n: $().sum(1), titles: $().push('$title') })
      .sort({ total: -1, _id: 1 })
      .skip(0)
      .limit(10),
  );
  expect(list).toEqual([
    { _id: 'g1', total: 7, n: 2, titles: ['米', '菜'] },
    { _id: 'g2', total: 1, n: 1, titles: ['药'] },
  ]);
});

it('$count', async () => {
  expect(
    await run(t.db.collection('items').aggregate().match({ status: 'claimed' }).count('n')),
  ).toEqual([{ n: 3 }]);
});

it('$project and $addFields with expressions', async () => {
  const list = await run(
    t.db
      .collection('items')
      .aggregate()
      .match({ _id: 'e2' })
      .project({ _id: 0, title: 1, double: $().multiply(['$qty', 2]) })
      .addFields({ label: $().concat(['$title', '×2']) })
      .limit(1),
  );
  expect(list).toEqual([{ title: '菜', double: 10, label: '菜×2' }]);
});

it('$unwind and $sortByCount', async () => {
  const list = await run(
    t.db.collection('items').aggregate().unwind('$tags').sortByCount('$tags').limit(10),
  );
  expect(list[0]).toEqual({ _id: 'food', count: 2 });
  expect(list).toHaveLength(3);
});

it('$lookup with localField/foreignField', async () => {
  const list = await run(
    t.db
      .collection('items')
      .aggregate()
      .match({ _id: 'e3' })
      .lookup({ from: 'grids', localField: 'grid.id', foreignField: '_id', as: 'gridDoc' })
      .limit(1),
  );
  expect((list[0]?.['gridDoc'] as Row[])[0]).toMatchObject({ name: '烟南村' });
});

it('$lookup with let and a sub-pipeline', async () => {
  const list = await run(
    t.db
      .collection('grids')
      .aggregate()
      .lookup({
        from: 'items',
        let: { gid: '$_id' },
        pipeline: subPipeline()
          .match(expr($().and([$().eq(['$grid.id', '$$gid']), $().gte(['$qty', 2])])))
          .project({ _id: 0, title: 1 })
          .done(),
        as: 'big',
      })
      .sort({ _id: 1 })
      .limit(10),
  );
  expect(list.map((g) => [g['_id'], g['big']])).toEqual([
    ['g1', [{ title: '米' }, { title: '菜' }]],
    ['g2', [{ title: '水' }]],
  ]);
});

it('date operators honour a timezone (China is UTC+8)', async () => {
  const list = await run(
    t.db
      .collection('items')
      .aggregate()
      .group({
        _id: $().dateToString({ date: '$at', format: '%Y-%m-%d', timezone: 'Asia/Shanghai' }),
        n: $().sum(1),
      })
      .sort({ _id: 1 })
      .limit(10),
  );
  // 2020-02-01T17:30Z is already 2 February in China; 15:00Z is 23:00 on 1 February.
  expect(list).toEqual([
    { _id: '2020-02-01', n: 1 },
    { _id: '2020-02-02', n: 2 },
    { _id: '2020-02-03', n: 1 },
  ]);
});

it('without a $limit stage only 20 results come back, as in production', async () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ _id: `bulk${i}`, status: 'bulk' }));
  await t.db.collection('items').add({ data: many });
  expect(await run(t.db.collection('items').aggregate().match({ status: 'bulk' }))).toHaveLength(
    20,
  );
  expect(
    await run(t.db.collection('items').aggregate().match({ status: 'bulk' }).limit(100)),
  ).toHaveLength(30);
});

// On the aggregate path the SDK keeps the string code (errCode is -1), as for callFunction.
it('a bad stage and a missing collection fail with their codes', async () => {
  const bad = await rejectionOf(
    t.db
      .collection('items')
      .aggregate()
      .group({ total: $().sum('$qty') })
      .end(),
  );
  expect(bad.code).toBe('DATABASE_INVALID_OPERRATOR');
  expect(bad.message).toContain('_id');
  const missing = await rejectionOf(t.db.collection('nowhere').aggregate().limit(1).end());
  expect(missing.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(missing.message).toContain('Db or Table not exist');
});
