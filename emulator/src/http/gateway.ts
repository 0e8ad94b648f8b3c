import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_MESSAGES, type FunctionFailure } from '@gridguard/types';
import { TcbError } from '../errors';
import type { FunctionRuntime } from '../functions/runtime';
import { FUNCTION_MAX_REQUEST_BYTES, GATEWAY_MAX_JSON_DEPTH } from '../limits';
import type { SubscribeLedger } from '../openapi/messages';
import type { FileStorage } from '../storage/files';
import { BodyTooLarge, parseJsonObject, readBody } from './body';
import { handleUpload } from './gateway-upload';
import { sendJson } from './respond';

/** A user the h5 preview's local login offers. */
export interface DemoUser {
  openid: string;
  name: string;
  roleLabel: string;
}

export interface GatewayServices {
  users: readonly DemoUser[];
  appId: string;
  secret: string;
  functions: FunctionRuntime;
  ledger: SubscribeLedger;
  storage: FileStorage;
}

/** The client sees wx.cloud.callFunction's error codes. */
const FUNCTION_FAILED = -504002;
const NOT_LOGGED_IN = -601;

/**
 * The h5 preview's stand-in for the WeChat client: a local login picks a demo user, function
 * calls are invoked with that user's OPENID injected exactly as WeChat injects it (env and
 * event.userInfo, SOURCE wx_client), and photos are uploaded to cloud storage as
 * wx.cloud.uploadFile would. Loopback only, like the rest of the emulator.
 */
export async function handleGateway(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  services: GatewayServices,
): Promise<void> {
  if (req.method === 'GET' && route === 'users') {
    sendJson(res, 200, { users: services.users });
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { errCode: -1, errMsg: '不支持的请求方法' });
    return;
  }
  if (route === 'upload') {
    // A picture, not JSON: checked for a login before a byte of it is read.
    const uploader = verifyToken(req.headers.authorization, services.secret);
    if (!uploader) {
      sendJson(res, 401, { errCode: NOT_LOGGED_IN, errMsg: '尚未登录，请先选择演示用户' });
      req.resume();
      return;
    }
    await handleUpload(req, res, uploader, services.storage);
    return;
  }
  const parsed = await readJsonObject(req);
  if (!parsed.ok) {
    // Data the function could have been given but is too big or too deep for it is the
    // function's bad input; a body that is not a JSON object at all is a malformed request.
    const badInput = parsed.problem === 'too-large' || parsed.problem === 'too-deep';
    if (badInput && route.startsWith('functions/')) {
      // What the function itself answers for input it cannot take, so the page shows the same
      // Chinese notice. The body never reaches a worker: the depth cap is what keeps a deeply
      // nested one from overflowing a stack on its way in. Deliberate difference: on weapp,
      // wx.cloud.callFunction itself fails a call over 100 KB before it leaves the phone.
      sendJson(res, 200, {
        errMsg: 'cloud.callFunction:ok',
        result: invalidInput(parsed.problem),
        requestID: Date.now().toString(36),
      });
      return;
    }
    sendJson(res, parsed.problem === 'too-large' ? 413 : 400, {
      errCode: -1,
      errMsg: BODY_PROBLEMS[parsed.problem],
    });
    return;
  }
  const body = parsed.value;
  if (route === 'login') {
    const user = services.users.find((u) => u.openid === body['openid']);
    if (!user) {
      sendJson(res, 400, { errCode: -1, errMsg: '没有这个演示用户' });
      return;
    }
    sendJson(res, 200, { token: issueToken(user.openid, services.secret), user });
    return;
  }
  const openid = verifyToken(req.headers.authorization, services.secret);
  if (!openid) {
    sendJson(res, 401, { errCode: NOT_LOGGED_IN, errMsg: '尚未登录，请先选择演示用户' });
    return;
  }
  if (route === 'subscribe') {
    const ids = Array.isArray(body['tmplIds'])
      ? body['tmplIds'].filter((t): t is string => typeof t === 'string')
      : [];
    const result: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of ids) {
      services.ledger.grant(openid, id);
      result[id] = 'accept';
    }
    sendJson(res, 200, result);
    return;
  }
  if (route.startsWith('functions/')) {
    await callFunction(
      res,
      decodeURIComponent(route.slice('functions/'.length)),
      body,
      openid,
      req,
      services,
    );
    return;
  }
  sendJson(res, 404, { errCode: -1, errMsg: `没有这个接口: ${route}` });
}

async function callFunction(
  res: ServerResponse,
  name: string,
  data: Record<string, unknown>,
  openid: string,
  req: IncomingMessage,
  services: GatewayServices,
): Promise<void> {
  const clientIp = req.socket.remoteAddress ?? '127.0.0.1';
  try {
    const response = await services.functions.invoke(
      name,
      { ...data, userInfo: { appId: services.appId, openId: openid } },
      {
        source: 'wx_client',
        openid,
        appid: services.appId,
        clientIp: clientIp.replace(/^::ffff:/, ''),
        clientIpv6: clientIp.includes(':') ? clientIp : '',
      },
    );
    sendJson(res, 200, {
      errMsg: 'cloud.callFunction:ok',
      result: parseResult(response),
      requestID: Date.now().toString(36),
    });
  } catch (e) {
    const message = e instanceof TcbError ? e.message : String(e);
    sendJson(res, 200, {
      errCode: FUNCTION_FAILED,
      errMsg: `cloud.callFunction:fail ${FUNCTION_FAILED} functions execute fail | ${message}`,
    });
  }
}

function parseResult(response: string): unknown {
  try {
    return JSON.parse(response) as unknown;
  } catch {
    return response;
  }
}

type BodyProblem = 'too-large' | 'too-deep' | 'not-json' | 'not-object';

const BODY_PROBLEMS: Record<BodyProblem, string> = {
  'too-large': '提交的内容超过 100 KB 上限',
  'too-deep': `提交的内容层级过深（最多 ${GATEWAY_MAX_JSON_DEPTH} 层）`,
  'not-json': '提交的内容不是有效的 JSON',
  'not-object': '提交的内容应为一个 JSON 对象',
};

/**
 * A gateway body as one JSON object, within wx.cloud.callFunction's 100 KB and the preview's
 * depth cap, or what is wrong with it.
 */
async function readJsonObject(
  req: IncomingMessage,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; problem: BodyProblem }> {
  let bytes: Buffer;
  try {
    bytes = await readBody(req, FUNCTION_MAX_REQUEST_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLarge) return { ok: false, problem: 'too-large' };
    throw e;
  }
  return parseJsonObject(bytes, GATEWAY_MAX_JSON_DEPTH);
}

function invalidInput(problem: BodyProblem): FunctionFailure {
  return {
    ok: false,
    code: 'INVALID_INPUT',
    message: ERROR_MESSAGES.INVALID_INPUT,
    issues: [{ path: '', message: BODY_PROBLEMS[problem] }],
  };
}

/** A stateless token (openid + HMAC), so a login survives an emulator restart. */
function issueToken(openid: string, secret: string): string {
  return `${Buffer.from(openid).toString('base64url')}.${sign(openid, secret)}`;
}

function verifyToken(header: string | undefined, secret: string): string | undefined {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  const [encoded, signature] = token?.split('.') ?? [];
  if (!encoded || !signature) return undefined;
  const openid = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(openid, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? openid : undefined;
}

function sign(openid: string, secret: string): string {
  return createHmac('sha256', secret).update(`gateway:${openid}`).digest('base64url');
}
