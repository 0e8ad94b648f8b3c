import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ERROR_MESSAGES, type FunctionFailure } from '@gridguard/types';
import { rejectionOf, tempDir, useEmulator } from '../helpers/emulator';
import { gatewayCall, gatewayLogin } from '../helpers/gateway';

/**
 * What the one HTTP server answers to requests it must not serve: from another site or another
 * host name, with broken encodings, malformed or hostile bodies. Requests are made with
 * node:http so that Host and the browser's headers can be set as a foreign page would send them.
 */

const staticDir = tempDir('gridguard-static-');
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>网格守护</title>');
afterAll(() => fs.rmSync(staticDir, { recursive: true, force: true }));

const USER = { openid: 'oCommand', name: '九江镇指挥部', roleLabel: '指挥部' };
const t = useEmulator({ demoUsers: [USER], staticDir });

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** One request exactly as given: the path unencoded, any Host, Origin or Sec-Fetch-* header. */
function raw(
  method: string,
  requestPath: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: t.emulator.port,
        method,
        path: requestPath,
        // Node sends a DELETE's or OPTIONS' body unframed unless told its length.
        headers: {
          ...options.headers,
          ...(options.body !== undefined && {
            'content-length': String(Buffer.byteLength(options.body)),
          }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const own = () => `127.0.0.1:${t.emulator.port}`;
const EVIL_ORIGIN = 'http://evil.example';
const loginBody = JSON.stringify({ openid: USER.openid });

describe('requests from other sites and other host names are refused', () => {
  it('a foreign page’s text/plain login (no preflight) gets no token', async () => {
    const reply = await raw('POST', '/_gateway/login', {
      headers: { origin: EVIL_ORIGIN, 'content-type': 'text/plain' },
      body: loginBody,
    });
    expect(reply.status).toBe(403);
    expect(reply.json()['errMsg']).toBe('不接受来自其他网站的请求');
    expect(reply.text).not.toContain('token');
  });

  it('a rebound DNS name in Host is refused on every kind of route', async () => {
    const foreignHost = { host: `evil.example:${t.emulator.port}` };
    const replies = await Promise.all([
      raw('POST', '/_gateway/login', { headers: foreignHost, body: loginBody }),
      raw('GET', '/_gateway/users', { headers: foreignHost }),
      raw('GET', '/_emulator/health', { headers: foreignHost }),
      raw('GET', '/_storage/o/photos/x.png', { headers: foreignHost }),
      raw('POST', '/admin', { headers: foreignHost, body: '{}' }),
      raw('GET', '/', { headers: foreignHost }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(replies[0]?.json()['errMsg']).toBe('请求的主机名不是本地预览的地址');
    expect(replies[3]?.text).toContain('<Code>AccessDenied</Code>');
  });

  it('a cross-site request is refused by Sec-Fetch-Site even without an Origin', async () => {
    const reply = await raw('GET', '/_gateway/users', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(reply.status).toBe(403);
  });

  it('a foreign page cannot fire a timer or grant message credits', async () => {
    const runsBefore = t.emulator.timers.history.length;
    const fire = await raw('POST', '/_emulator/timers/fire', {
      headers: { origin: EVIL_ORIGIN, 'content-type': 'text/plain' },
      body: JSON.stringify({ functionName: 'flakyTimer', triggerName: 'nightly' }),
    });
    const grant = await raw('POST', '/_emulator/subscriptions', {
      headers: { origin: EVIL_ORIGIN, 'content-type': 'text/plain' },
      body: JSON.stringify({ openid: USER.openid, templateId: 'tmpl', count: 1_000_000 }),
    });
    expect([fire.status, grant.status]).toEqual([403, 403]);
    expect(t.emulator.timers.history).toHaveLength(runsBefore);
    expect(t.emulator.ledger.credits(USER.openid, 'tmpl')).toBe(0);
  });

  it('an Origin that is not exactly this server (other port, https, null) is refused', async () => {
    const origins = [
      `http://127.0.0.1:${t.emulator.port + 1}`,
      `https://127.0.0.1:${t.emulator.port}`,
      'null',
    ];
    for (const origin of origins) {
      const reply = await raw('GET', '/_gateway/users', { headers: { origin } });
      expect(reply.status).toBe(403);
    }
  });

  it('the preview page itself (same origin, any loopback name) and tools without an Origin work', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      const reply = await raw('POST', '/_gateway/login', {
        headers: {
          host: `${name}:${t.emulator.port}`,
          origin: `http://${name}:${t.emulator.port}`,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        },
        body: loginBody,
      });
      expect(reply.status).toBe(200);
      expect(typeof reply.json()['token']).toBe('string');
    }
    expect(await gatewayLogin(t.emulator, USER.openid)).toMatch(/\./);
  });

  it('the local login carries no CORS headers that would let another origin read it', async () => {
    const reply = await raw('POST', '/_gateway/login', {
      headers: { host: own(), 'content-type': 'application/json' },
      body: loginBody,
    });
    const preflight = await raw('OPTIONS', '/_gateway/login', {
      headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'POST' },
    });
    for (const headers of [reply.headers, preflight.headers]) {
      expect(Object.keys(headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect(preflight.status).toBe(403);
  });
});

describe('malformed requests are answered 4xx with a message, never 500', () => {
  it('a broken percent-encoding in any path is 400', async () => {
    const token = await gatewayLogin(t.emulator, USER.openid);
    const auth = { authorization: `Bearer ${token}` };
    const replies = await Promise.all([
      raw('POST', '/_gateway/%E0%A4%A', { headers: auth, body: '{}' }),
      raw('POST', '/_gateway/functions/%E0%A4%A', { headers: auth, body: '{}' }),
      raw('GET', '/_storage/o/photos/%E0%A4%A.png'),
      raw('GET', '/%E0%A4%A'),
      raw('GET', '/assets/%ZZ.js'),
      raw('GET', '/_emulator/%E0%A4%A'),
    ]);
    expect(replies.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(replies[0]?.json()['errMsg']).toBe('请求路径的百分号编码无效');
    expect(replies[2]?.text).toContain('<Code>InvalidURI</Code>');
  });

  it.each([
    ['not JSON', 'fire!'],
    ['a JSON array', '[]'],
    ['no fields', '{}'],
    ['a number for functionName', '{"functionName":1,"triggerName":"nightly"}'],
    ['no triggerName', '{"functionName":"flakyTimer"}'],
  ])('timers/fire with %s is 400', async (_name, body) => {
    const reply = await raw('POST', '/_emulator/timers/fire', { body });
    expect(reply.status).toBe(400);
    expect(reply.json()['errMsg']).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('timers/fire of a trigger that does not exist is 404 with its name', async () => {
    const reply = await raw('POST', '/_emulator/timers/fire', {
      body: JSON.stringify({ functionName: 'flakyTimer', triggerName: 'never' }),
    });
    expect(reply.status).toBe(404);
    expect(reply.json()['errMsg']).toContain('never');
  });

  it.each([
    ['not JSON', '{openid'],
    ['no openid', '{"templateId":"t"}'],
    ['an empty templateId', '{"openid":"o","templateId":""}'],
    ['a text count', '{"openid":"o","templateId":"t","count":"5"}'],
    ['a negative count', '{"openid":"o","templateId":"t","count":-3}'],
    ['a fractional count', '{"openid":"o","templateId":"t","count":1.5}'],
    ['a million credits', '{"openid":"o","templateId":"t","count":1000000}'],
  ])('subscriptions with %s is 400 and grants nothing', async (_name, body) => {
    const reply = await raw('POST', '/_emulator/subscriptions', { body });
    expect(reply.status).toBe(400);
    expect(t.emulator.ledger.credits('o', 't')).toBe(0);
  });

  it('a valid grant still works', async () => {
    const reply = await raw('POST', '/_emulator/subscriptions', {
      body: JSON.stringify({ openid: 'o', templateId: 'ok', count: 3 }),
    });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ credits: 3 });
  });

  it('storage takes only GET, HEAD and PUT', async () => {
    const reply = await raw('DELETE', '/_storage/o/photos/a.png');
    expect(reply.status).toBe(405);
  });
  it('no route answers 5xx to any method with a garbled, wrongly typed or hostile body', async () => {
    const token = await gatewayLogin(t.emulator, USER.openid);
    const routes = [
      '/admin',
      '/admin?seqId=%ZZ',
      '/_storage/o/a.png',
      '/_storage/o/',
      '/_gateway/login',
      '/_gateway/subscribe',
      '/_gateway/functions/echo',
      '/_gateway/functions/missing',
      '/_gateway/upload',
      '/_gateway/upload?cloudPath=%ZZ',
      '/_gateway/users',
      '/_gateway/',
      '/_emulator/health',
      '/_emulator/count',
      '/_emulator/outbox?touser=%ZZ',
      '/_emulator/timers',
      '/_emulator/timers/fire',
      '/_emulator/subscriptions',
      '/_emulator/functions',
      '/_emulator/stats',
      '/_emulator/',
      '/',
      '/missing.js',
    ];
    const bodies = ['garbage', '[]', '{"openid":7,"tmplIds":"x","count":null}', nested(5_000)];
    const failures: string[] = [];
    for (const route of routes) {
      for (const method of ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH']) {
        const withBody = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
        for (const body of withBody ? bodies : [undefined]) {
          const what = `${method} ${route} ${body?.slice(0, 12) ?? ''}`;
          const reply = await raw(method, route, {
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(body !== undefined && { body }),
          }).catch((e: Error) => ({ status: 0, error: e.message }));
          if (reply.status >= 500 || reply.status === 0) failures.push(`${what} → ${reply.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

/** JSON nested `depth` levels deep: `{"a":{"a":…{}}}`. */
const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

describe('deep and oversized bodies are refused before anything walks them', () => {
  const call = async (body: string) => {
    const token = await gatewayLogin(t.emulator, USER.openid);
    return raw('POST', '/_gateway/functions/echo', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
  };
  const failureOf = (reply: RawReply) =>
    reply.json<{ errMsg: string; result: FunctionFailure }>().result;

  it('5,000 levels deep is answered as bad input, in Chinese, with no stack trace', async () => {
    const reply = await call(nested(5_000));
    expect(reply.status).toBe(200);
    const failure = failureOf(reply);
    expect(failure).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: ERROR_MESSAGES.INVALID_INPUT,
    });
    expect(failure.issues?.[0]?.message).toContain('提交的内容层级过深');
    expect(reply.text).not.toMatch(/[A-Za-z]{2,} [A-Za-z]{2,}|stack|Error/);
  });

  it('32 levels reach the function; 33 do not', async () => {
    const deepest = await call(nested(32));
    expect(deepest.json<{ result: { event: unknown } }>().result.event).toBeDefined();
    expect(failureOf(await call(nested(33))).code).toBe('INVALID_INPUT');
  });

  it('a body over 100 KB is bad input too; one that is not a JSON object is a 400', async () => {
    const large = await gatewayCall(
      t.emulator,
      await gatewayLogin(t.emulator, USER.openid),
      'echo',
      {
        blob: 'x'.repeat(110 * 1024),
      },
    );
    expect(large.body.result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    for (const body of ['[1,2]', '{"a":', 'null']) {
      const reply = await call(body);
      expect(reply.status).toBe(400);
      expect(reply.json()['errMsg']).toMatch(/^提交的内容/);
    }
  });

  it('the login and subscribe routes answer a deep body 400 in Chinese', async () => {
    const token = await gatewayLogin(t.emulator, USER.openid);
    const login = await raw('POST', '/_gateway/login', { body: nested(5_000) });
    const subscribe = await raw('POST', '/_gateway/subscribe', {
      headers: { authorization: `Bearer ${token}` },
      body: nested(5_000),
    });
    for (const reply of [login, subscribe]) {
      expect(reply.status).toBe(400);
      expect(reply.json()['errMsg']).toContain('层级过深');
    }
  });

  it('a query nested past MongoDB’s 100 levels is refused as invalid, not a crash', async () => {
    // Arrays, since the SDK flattens nested query objects into dotted paths.
    let value: unknown = 1;
    for (let i = 0; i < 150; i++) value = [value];
    const error = await rejectionOf(t.db.collection('items').where({ x: value }).get());
    expect(error.message).toContain('nested deeper than 100');
  });

  it('the SDK endpoint answers a deep or malformed body with the protocol’s error, and goes on', async () => {
    const deep = await raw('POST', '/admin', {
      headers: { 'content-type': 'application/json' },
      body: nested(5_000),
    });
    const broken = await raw('POST', '/admin', {
      headers: { 'content-type': 'application/json' },
      body: '{"action":',
    });
    const multipart = await raw('POST', '/admin', {
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nbroken',
    });
    for (const reply of [deep, broken, multipart]) {
      expect(reply.status).toBe(200);
      expect(reply.json()).toMatchObject({ code: 'INVALID_PARAM' });
    }
    expect(deep.json()['message']).toContain('nested deeper than 100');
    expect(await t.db.collection('items').count()).toEqual(expect.objectContaining({ total: 0 }));
  });
});
