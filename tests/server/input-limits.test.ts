import * as v from 'valibot';
import {
  createHandler,
  createRouter,
  eventShapeProblem,
  MAX_EVENT_DEPTH,
  MAX_EVENT_SIZE,
  MAX_ISSUES,
  type WxContextSource,
} from '@gridguard/server/runtime';

const cloud: WxContextSource = { getWXContext: () => ({ OPENID: 'oA', SOURCE: 'wx_client' }) };

/** Nested arrays `depth` levels below the event. */
const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};

describe('eventShapeProblem', () => {
  it('takes ordinary events', () => {
    expect(eventShapeProblem({ a: [{ b: 'c' }], d: 1, e: null })).toBeNull();
    expect(eventShapeProblem({ deep: nested(MAX_EVENT_DEPTH - 1) })).toBeNull();
  });

  it('refuses nesting past the limit, without recursing (100,000 levels)', () => {
    expect(eventShapeProblem({ deep: nested(MAX_EVENT_DEPTH) })).toBe('提交的内容层级过深');
    expect(eventShapeProblem(nested(100_000))).toBe('提交的内容层级过深');
  });

  it('refuses an event larger than the limit, counting keys, strings and values', () => {
    expect(eventShapeProblem({ s: 'x'.repeat(MAX_EVENT_SIZE) })).toBe('提交的内容过大');
    expect(eventShapeProblem({ ['k'.repeat(MAX_EVENT_SIZE)]: 1 })).toBe('提交的内容过大');
    expect(eventShapeProblem({ a: new Array<number>(MAX_EVENT_SIZE).fill(0) })).toBe(
      '提交的内容过大',
    );
  });
});

describe('the handler before and after valibot', () => {
  const runs: unknown[] = [];
  const handler = createHandler(cloud, {
    schema: v.object({ tags: v.array(v.pipe(v.string(), v.maxLength(3, '标签不超过 3 个字'))) }),
    run: async (input) => {
      runs.push(input);
      return input.tags.length;
    },
  });
  beforeEach(() => (runs.length = 0));

  it('refuses a deep or large event as INVALID_INPUT in Chinese before the schema runs', async () => {
    const deep = await handler({ tags: nested(40) });
    expect(deep).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '提交的内容有误，请检查后重试',
      issues: [{ path: '', message: '提交的内容层级过深' }],
    });
    const large = await handler({ tags: ['x'.repeat(40_000)] });
    expect(large).toMatchObject({ issues: [{ path: '', message: '提交的内容过大' }] });
    expect(runs).toEqual([]);
  });

  it('a 10,000-element bad array gets at most 10 issues and a short reply', async () => {
    const reply = await handler({ tags: new Array<number>(10_000).fill(7) });
    expect(reply.ok === false && reply.issues).toHaveLength(MAX_ISSUES);
    expect(JSON.stringify(reply).length).toBeLessThan(2_000);
  });

  it('answers valibot’s English defaults in Chinese, without echoing the input', async () => {
    const reply = await handler({ tags: [{ secret: '110105194912310021' }] });
    expect(reply).toMatchObject({ issues: [{ path: 'tags.0', message: '格式不正确' }] });
    expect(JSON.stringify(reply)).not.toContain('1101051949');
  });
});

describe('a router', () => {
  const seen: unknown[] = [];
  const router = createRouter(
    cloud,
    'people',
    {
      reveal: async (input) => {
        seen.push(input);
        return { value: 'x' };
      },
    },
    () => Promise.reject(new Error('no actor in this test')),
  );
  beforeEach(() => (seen.length = 0));

  it('strips action and the injected userInfo, and takes nothing else', async () => {
    const ok = await router({
      action: 'reveal',
      personId: 'p-1',
      field: 'phone',
      userInfo: { openId: 'spoofed' },
    });
    expect(ok).toEqual({ ok: true, data: { value: 'x' } });
    expect(seen).toEqual([{ personId: 'p-1', field: 'phone' }]);
  });

  it('refuses an extra field, __proto__ and constructor included, naming it', async () => {
    const payloads = [
      { action: 'reveal', personId: 'p-1', field: 'phone', gridPath: ['g-x'] },
      JSON.parse('{"action":"reveal","personId":"p-1","field":"phone","__proto__":{"ok":1}}'),
      { action: 'reveal', personId: 'p-1', field: 'phone', constructor: { prototype: 1 } },
    ] as unknown[];
    for (const payload of payloads) {
      const reply = await router(payload);
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(reply.ok === false && reply.issues?.[0]?.message).toBe('包含无法识别的字段');
    }
    expect(seen).toEqual([]);
    expect(({} as Record<string, unknown>)['ok']).toBeUndefined();
  });

  it('refuses an operator where an id goes', async () => {
    const reply = await router({ action: 'reveal', personId: { $ne: null }, field: 'phone' });
    expect(reply).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      issues: [{ path: 'personId', message: '缺少居民编号' }],
    });
  });

  it('cuts an unknown key’s name short in the reply', async () => {
    const reply = await router({
      action: 'reveal',
      personId: 'p-1',
      field: 'phone',
      ['k'.repeat(5000)]: 1,
    });
    const path = reply.ok === false ? (reply.issues?.[0]?.path ?? '') : '';
    expect(path.length).toBeLessThanOrEqual(65);
  });
});
