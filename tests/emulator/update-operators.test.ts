import { rejectionOf, useEmulator } from '../helpers/emulator';

/**
 * Update operators at their edges, through the real SDK, against MongoDB's documented semantics
 * (which CloudBase's database follows): missing fields, duplicates, modifiers, wrong types.
 */

type Row = Record<string, unknown> & { _id: string };

const t = useEmulator();
const _ = () => t.db.command;
const items = () => t.db.collection('items');

async function stored(id: string): Promise<Row> {
  return ((await items().doc(id).get()) as { data: Row }).data;
}

/** Sets `initial` as document `id`, applies `update`, and answers with what is stored then. */
async function after(id: string, initial: object, update: object): Promise<Row> {
  await items().doc(id).set({ data: initial });
  await items().doc(id).update({ data: update });
  return stored(id);
}

describe('addToSet', () => {
  it('adds each distinct value once when the field is missing', async () => {
    const doc = await after(
      'ats-missing',
      { k: 1 },
      { tags: _().addToSet({ each: ['a', 'b', 'a'] }) },
    );
    expect(doc['tags']).toEqual(['a', 'b']);
  });

  it('adds only values not yet there, once each, in the order given', async () => {
    const doc = await after(
      'ats-existing',
      { tags: ['a'] },
      { tags: _().addToSet({ each: ['b', 'b', 'a', 'c', 'c'] }) },
    );
    expect(doc['tags']).toEqual(['a', 'b', 'c']);
  });

  it('leaves duplicates already stored as they are', async () => {
    const doc = await after(
      'ats-stored-dups',
      { tags: ['a', 'a'] },
      { tags: _().addToSet({ each: ['a', 'b'] }) },
    );
    expect(doc['tags']).toEqual(['a', 'a', 'b']);
  });

  it('takes a document as new unless one with the same fields in the same order is there', async () => {
    const doc = await after(
      'ats-docs',
      { l: [{ x: 1, y: 2 }] },
      {
        l: _().addToSet({
          each: [
            { x: 1, y: 2 },
            { y: 2, x: 1 },
          ],
        }),
      },
    );
    expect(doc['l']).toEqual([
      { x: 1, y: 2 },
      { y: 2, x: 1 },
    ]);
    expect(Object.keys((doc['l'] as object[])[1] ?? {})).toEqual(['y', 'x']);
  });

  it('an empty each on a missing field creates an empty array', async () => {
    const doc = await after('ats-empty', { k: 1 }, { tags: _().addToSet({ each: [] }) });
    expect(doc['tags']).toEqual([]);
  });
});

describe('push', () => {
  it.each([
    [
      'position inserts before that index',
      [1, 2, 3],
      { each: [9, 8], position: 1 },
      [1, 9, 8, 2, 3],
    ],
    [
      'a negative position counts from the end',
      [1, 2, 3],
      { each: [9], position: -1 },
      [1, 2, 9, 3],
    ],
    ['a position past the end appends', [1, 2], { each: [9], position: 10 }, [1, 2, 9]],
    ['a negative slice keeps the last ones', [1, 2, 3], { each: [4, 5], slice: -3 }, [3, 4, 5]],
    ['a slice of 0 empties the array', [1, 2, 3], { each: [4], slice: 0 }, []],
    ['sort then slice', [3, 1], { each: [2, 5], sort: -1, slice: 3 }, [5, 3, 2]],
    ['sort with nothing added still sorts', [3, 1, 2], { each: [], sort: 1 }, [1, 2, 3]],
  ])('%s', async (_name, initial, options, expected) => {
    const doc = await after('push', { l: initial }, { l: _().push(options) });
    expect(doc['l']).toEqual(expected);
  });

  it('sorts documents by a field', async () => {
    const doc = await after(
      'push-docs',
      { l: [{ s: 3 }, { s: 1 }] },
      { l: _().push({ each: [{ s: 2 }], sort: { s: 1 } }) },
    );
    expect(doc['l']).toEqual([{ s: 1 }, { s: 2 }, { s: 3 }]);
  });

  it('on a missing field creates the array and then applies sort and slice', async () => {
    const sliced = await after(
      'push-new-slice',
      { k: 1 },
      { l: _().push({ each: [1, 2, 3], slice: -2 }) },
    );
    expect(sliced['l']).toEqual([2, 3]);
    const sorted = await after(
      'push-new-sort',
      { k: 1 },
      { l: _().push({ each: [3, 1, 2], sort: 1 }) },
    );
    expect(sorted['l']).toEqual([1, 2, 3]);
  });
});

describe('pull and pullAll', () => {
  it('pull removes every element equal to the value or matching the condition', async () => {
    expect((await after('pull', { l: [1, 2, 3, 2] }, { l: _().pull(2) }))['l']).toEqual([1, 3]);
    expect((await after('pull', { l: [1, 3, 5] }, { l: _().pull(_().gte(3)) }))['l']).toEqual([1]);
  });

  it('pull with a document removes the elements that match it as a query', async () => {
    const doc = await after(
      'pull-docs',
      { l: [{ x: 1, y: 1 }, { x: 2 }] },
      { l: _().pull({ x: 1 }) },
    );
    expect(doc['l']).toEqual([{ x: 2 }]);
  });

  it('pullAll removes only exact matches', async () => {
    const doc = await after(
      'pullall-docs',
      { l: [{ x: 1, y: 2 }, { x: 1 }, 3, 3] },
      { l: _().pullAll([{ x: 1 }, 3]) },
    );
    expect(doc['l']).toEqual([{ x: 1, y: 2 }]);
  });

  it('on a missing field changes nothing', async () => {
    await items()
      .doc('pull-missing')
      .set({ data: { kept: 1 } });
    const result = (await items()
      .doc('pull-missing')
      .update({ data: { l: _().pull(1) } })) as { stats: { updated: number } };
    expect(result.stats.updated).toBe(0);
    expect(await stored('pull-missing')).toEqual({ _id: 'pull-missing', kept: 1 });
  });
});

describe('numbers on missing fields', () => {
  it('inc sets the amount, mul sets 0', async () => {
    const doc = await after('num-missing', { k: 1 }, { a: _().inc(5), b: _().mul(7) });
    expect(doc).toMatchObject({ a: 5, b: 0 });
  });

  it('min and max set the value when the field is missing', async () => {
    const doc = await after('minmax-missing', { k: 1 }, { lo: _().min(3), hi: _().max(-3) });
    expect(doc).toMatchObject({ lo: 3, hi: -3 });
  });

  it('min and max keep the stored value when it already wins', async () => {
    const doc = await after('minmax', { lo: 1, hi: 9 }, { lo: _().min(3), hi: _().max(5) });
    expect(doc).toMatchObject({ lo: 1, hi: 9 });
  });
});

describe('unset, shift, pop and rename', () => {
  it('remove deletes fields, nested ones too, and ignores missing ones', async () => {
    const doc = await after(
      'unset',
      { a: 1, o: { b: 1, c: 2 } },
      { a: _().remove(), 'o.b': _().remove(), zz: _().remove() },
    );
    expect(doc).toEqual({ _id: 'unset', o: { c: 2 } });
  });

  it('shift and pop take from either end; on an empty or missing array they do nothing', async () => {
    expect((await after('shift', { l: [1, 2, 3] }, { l: _().shift() }))['l']).toEqual([2, 3]);
    expect((await after('pop', { l: [1, 2, 3] }, { l: _().pop() }))['l']).toEqual([1, 2]);
    expect((await after('pop-empty', { l: [] }, { l: _().pop() }))['l']).toEqual([]);
    expect(await after('pop-missing', { k: 1 }, { l: _().pop() })).toEqual({
      _id: 'pop-missing',
      k: 1,
    });
  });

  it('rename moves a value, replacing the target; a missing source changes nothing', async () => {
    expect(await after('rename', { a: 1, b: 2 }, { a: _().rename('b') })).toEqual({
      _id: 'rename',
      b: 1,
    });
    expect(await after('rename-missing', { b: 2 }, { a: _().rename('c') })).toEqual({
      _id: 'rename-missing',
      b: 2,
    });
  });
});

describe('paths MongoDB cannot take fail and store nothing', () => {
  it.each([
    ['a field under a string', { s: 'text' }, () => ({ 's.x': 1 })],
    ['inc under a number', { n: 3 }, () => ({ 'n.x': _().inc(1) })],
    ['push under a date', { d: new Date(0) }, () => ({ 'd.x': _().push(1) })],
    ['a named field of an array', { l: [{ x: 1 }] }, () => ({ 'l.x': 2 })],
    ['rename out of an array element', { l: [{ x: 1 }] }, () => ({ 'l.0.x': _().rename('y') })],
    ['rename into an array element', { l: [{ x: 1 }], y: 2 }, () => ({ y: _().rename('l.0.y') })],
  ])('%s', async (_name, initial, update) => {
    await items().doc('paths').set({ data: initial });
    const error = await rejectionOf(items().doc('paths').update({ data: update() }));
    expect(error.errCode).toBe(-502002);
    expect(await stored('paths')).toEqual({ _id: 'paths', ...initial });
  });

  it('an array element addressed by index can still be set, and rename may replace an array', async () => {
    expect(await after('index', { l: [{ x: 1 }] }, { 'l.0.x': 2 })).toEqual({
      _id: 'index',
      l: [{ x: 2 }],
    });
    expect(await after('onto-array', { a: 1, b: [1] }, { a: _().rename('b') })).toEqual({
      _id: 'onto-array',
      b: 1,
    });
  });
});

describe('wrong types fail and store nothing', () => {
  it.each([
    ['inc on a string', { n: 'text' }, () => ({ n: _().inc(1) })],
    ['inc on null', { n: null }, () => ({ n: _().inc(1) })],
    ['mul on an array', { n: [1] }, () => ({ n: _().mul(2) })],
    ['push on a string', { l: 'text' }, () => ({ l: _().push(1) })],
    ['addToSet on a number', { l: 3 }, () => ({ l: _().addToSet('a') })],
    ['pull on an object', { l: { a: 1 } }, () => ({ l: _().pull(1) })],
    ['pullAll on a string', { l: 'ab' }, () => ({ l: _().pullAll(['a']) })],
    ['pop on a string', { l: 'ab' }, () => ({ l: _().pop() })],
  ])('%s', async (_name, initial, update) => {
    await items().doc('wrong').set({ data: initial });
    const error = await rejectionOf(items().doc('wrong').update({ data: update() }));
    expect(error.errCode).toBe(-502002);
    expect(await stored('wrong')).toEqual({ _id: 'wrong', ...initial });
  });
});
