import { rejectionOf, useEmulator } from '../helpers/emulator';
import { gatewayCall, gatewayLogin } from '../helpers/gateway';

interface Context {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
  ENV?: string;
  SOURCE?: string;
}
interface Echo {
  event: Record<string, unknown>;
  before: Context;
  after: Context;
  triggerSrc: string | null;
}

const USERS = Array.from({ length: 50 }, (_, i) => ({
  openid: `oUser_${i}`,
  name: `居民${i}`,
  roleLabel: '居民',
}));

const t = useEmulator({ demoUsers: USERS, maxWorkersPerFunction: 4 });

it('50 concurrent invocations with 50 OPENIDs each see only their own identity, across awaits', async () => {
  const tokens = await Promise.all(USERS.map((u) => gatewayLogin(t.emulator, u.openid)));
  const replies = await Promise.all(
    tokens.map((token, i) =>
      gatewayCall<Echo>(t.emulator, token, 'echo', { delayMs: (i * 7) % 23, i }),
    ),
  );
  replies.forEach((reply, i) => {
    const result = reply.body.result as Echo;
    const openid = `oUser_${i}`;
    expect(result.before.OPENID).toBe(openid);
    expect(result.after.OPENID).toBe(openid);
    expect(result.event['userInfo']).toEqual({ appId: result.before.APPID, openId: openid });
    expect(result.event['i']).toBe(i);
    expect(result.after.SOURCE).toBe('wx_client');
    expect(result.after.ENV).toBe('local-dev');
  });
  // The pool stayed warm and bounded; the test process's own env never saw an OPENID.
  expect(t.emulator.functions.warmWorkers()['echo']).toBeLessThanOrEqual(4);
  expect(process.env['WX_OPENID']).toBeUndefined();
});

it('an SDK callFunction gets event = data, no OPENID, and SOURCE scf', async () => {
  const reply = (await t.cloud.callFunction({ name: 'echo', data: { x: 1 } })) as unknown as {
    result: Echo;
  };
  expect(reply.result.event).toEqual({ x: 1 });
  expect(reply.result.after.OPENID).toBeUndefined();
  expect(reply.result.after.SOURCE).toBe('scf');
  expect(reply.result.triggerSrc).toBeNull();
});

it('a function calling another chains SOURCE (wx_client,scf)', async () => {
  const token = await gatewayLogin(t.emulator, 'oUser_1');
  const reply = await gatewayCall<{ own: Context; callee: Echo }>(t.emulator, token, 'chain');
  expect(reply.body.result?.own.SOURCE).toBe('wx_client');
  expect(reply.body.result?.callee.event).toEqual({ from: 'chain' });
  expect(reply.body.result?.callee.after.SOURCE).toBe('wx_client,scf');
});

it('enforces the timeout from config.json and recovers with a fresh worker', async () => {
  const error = await rejectionOf(t.cloud.callFunction({ name: 'sleeper', data: { ms: 1500 } }));
  expect(error.errCode).toBe(-1);
  expect(error.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(error.message).toContain('timed out after 1 seconds');
  const ok = (await t.cloud.callFunction({ name: 'sleeper', data: { ms: 10 } })) as unknown as {
    result: string;
  };
  expect(ok.result).toBe('awake');
});

it('a cold start belongs to the init phase: a 1.5 s start-up does not eat into a 1 s timeout', async () => {
  const reply = (await t.cloud.callFunction({ name: 'slowStart', data: {} })) as unknown as {
    result: { initMs: number };
  };
  expect(reply.result.initMs).toBeGreaterThanOrEqual(1400);
});

it('a function whose start-up throws fails each call with that error, and the pool stays bounded', async () => {
  const errors = await Promise.all(
    [1, 2, 3].map(() => rejectionOf(t.cloud.callFunction({ name: 'brokenStart', data: {} }))),
  );
  for (const error of errors) {
    expect(error.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(error.message).toContain('配置缺失');
  }
  expect(t.emulator.functions.warmWorkers()['brokenStart'] ?? 0).toBe(0);
});

it('a throwing function fails the call with its message; the gateway maps it to -504002', async () => {
  const error = await rejectionOf(
    t.cloud.callFunction({ name: 'echo', data: { fail: '故意失败' } }),
  );
  expect(error.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(error.message).toContain('故意失败');
  const token = await gatewayLogin(t.emulator, 'oUser_2');
  const reply = await gatewayCall(t.emulator, token, 'echo', { fail: '故意失败' });
  expect(reply.body.errCode).toBe(-504002);
  expect(reply.body.errMsg).toContain('故意失败');
});

it('an unknown function fails clearly', async () => {
  const error = await rejectionOf(t.cloud.callFunction({ name: 'noSuchFunction', data: {} }));
  expect(error.message).toContain('noSuchFunction not found');
});

describe('the h5 gateway', () => {
  it('lists the demo users and refuses an unknown one', async () => {
    const list = (await (await fetch(`${t.emulator.url}/_gateway/users`)).json()) as {
      users: unknown[];
    };
    expect(list.users).toHaveLength(50);
    await expect(gatewayLogin(t.emulator, 'oIntruder')).rejects.toThrow('没有这个演示用户');
  });

  it('refuses calls without a valid token', async () => {
    expect((await gatewayCall(t.emulator, undefined, 'echo')).status).toBe(401);
    expect((await gatewayCall(t.emulator, 'b1VzZXJfMQ.forged', 'echo')).status).toBe(401);
  });

  it('answers a request over 100 KB as the function answers bad input, without calling it', async () => {
    const token = await gatewayLogin(t.emulator, 'oUser_3');
    const reply = await gatewayCall(t.emulator, token, 'echo', { blob: 'x'.repeat(110 * 1024) });
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
