import * as v from 'valibot';
import { AppError } from '@gridguard/server/domain';
import { createHandler, type WxContextSource } from '@gridguard/server/runtime';

/** The handler only needs getWXContext; this stands in for the WeChat-injected context. */
const contextOf = (OPENID?: string): WxContextSource => ({
  getWXContext: () => ({ OPENID, SOURCE: 'wx_client' }),
});

const schema = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  days: v.optional(v.number(), 14),
});

describe('createHandler', () => {
  const seen: unknown[] = [];
  const handler = (openid?: string) =>
    createHandler(contextOf(openid), {
      schema,
      async run(input, caller) {
        seen.push({ input, caller });
        if (input.name === 'forbidden') throw new AppError('FORBIDDEN');
        if (input.name === 'boom') throw new Error('database exploded');
        return { greeting: `${input.name}/${input.days}` };
      },
    });

  beforeEach(() => (seen.length = 0));

  it('validates, strips the injected userInfo, applies defaults and passes the caller', async () => {
    const result = await handler('oA')({ name: '王', userInfo: { openId: 'spoofed', appId: 'x' } });
    expect(result).toEqual({ ok: true, data: { greeting: '王/14' } });
    expect(seen).toEqual([
      { input: { name: '王', days: 14 }, caller: { openid: 'oA', source: 'wx_client' } },
    ]);
  });

  it('bad input is INVALID_INPUT naming the field, and the domain never runs', async () => {
    const result = await handler('oA')({ name: '', days: 'x' });
    expect(result).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '提交的内容有误，请检查后重试',
    });
    expect(result.ok === false && result.issues?.map((i) => i.path)).toEqual(['name', 'days']);
    expect(seen).toHaveLength(0);
  });

  it('no OPENID is UNAUTHENTICATED', async () => {
    expect(await handler(undefined)({ name: '王' })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect(seen).toHaveLength(0);
  });

  it('an AppError keeps its code; anything else becomes INTERNAL without leaking the message', async () => {
    expect(await handler('oA')({ name: 'forbidden' })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '您没有权限进行此操作',
    });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const internal = await handler('oA')({ name: 'boom' });
    spy.mockRestore();
    expect(internal).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  });
});
