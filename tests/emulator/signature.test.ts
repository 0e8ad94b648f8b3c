import { sign } from '@cloudbase/signature-nodejs';
import { connectSdk, rejectionOf, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let env: TestEmulator;
beforeAll(async () => {
  env = await startTestEmulator();
});
afterAll(() => env.close());

/** Signs a body the way the SDK does (with the SDK's own signer) and posts it. */
async function signedPost(
  body: Record<string, unknown>,
  secretKey: string,
  tamper?: (b: Record<string, unknown>) => void,
) {
  const url = `${env.emulator.url}/admin?env=local-dev&seqId=test`;
  const headers = {
    'content-type': 'application/json',
    host: new URL(url).host,
    'user-agent': 'test',
  };
  const { authorization, timestamp } = sign({
    secretId: env.emulator.sdkEnv['TENCENTCLOUD_SECRETID'] as string,
    secretKey,
    method: 'post',
    url,
    headers,
    params: body,
    timestamp: Math.floor(Date.now() / 1000) - 1,
    withSignedParams: true,
  });
  const sent = { ...body };
  tamper?.(sent);
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, authorization, 'x-timestamp': String(timestamp) },
    body: JSON.stringify(sent),
  });
  return (await response.json()) as { code?: string; message?: string; data?: unknown };
}

const countItems = {
  action: 'database.calculateDocument',
  collectionName: 'items',
  queryType: 'WHERE',
};

it('accepts a request signed with the local secret', async () => {
  const reply = await signedPost(
    countItems,
    env.emulator.sdkEnv['TENCENTCLOUD_SECRETKEY'] as string,
  );
  expect(reply.code).toBeUndefined();
  expect(reply.data).toEqual({ total: 0 });
});

it('refuses a request signed with another key, with a clear error', async () => {
  const reply = await signedPost(countItems, 'not-the-emulator-secret');
  expect(reply.code).toBe('SIGN_PARAM_INVALID');
  expect(reply.message).toContain('signed with another key');
});

it('refuses a body changed after signing', async () => {
  const reply = await signedPost(
    countItems,
    env.emulator.sdkEnv['TENCENTCLOUD_SECRETKEY'] as string,
    (b) => {
      b['collectionName'] = 'people';
    },
  );
  expect(reply.code).toBe('SIGN_PARAM_INVALID');
});

it('refuses an unsigned request', async () => {
  const response = await fetch(`${env.emulator.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(countItems),
  });
  expect(((await response.json()) as { code: string }).code).toBe('SIGN_PARAM_INVALID');
});

it('the real SDK with a wrong secret is refused and writes nothing', async () => {
  const cloud = connectSdk(env.emulator, { TENCENTCLOUD_SECRETKEY: 'wrong' });
  const error = await rejectionOf(
    cloud
      .database()
      .collection('items')
      .add({ data: { a: 1 } }),
  );
  expect(error.message).toContain('SignatureFailure');
  const honest = connectSdk(env.emulator);
  expect(
    ((await honest.database().collection('items').count()) as unknown as { total: number }).total,
  ).toBe(0);
});
