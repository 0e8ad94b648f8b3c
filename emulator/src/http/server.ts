import http from 'node:http';
import type { FileStorage } from '../storage/files';
import type { TimerScheduler } from '../timers/scheduler';
import { TcbError } from '../errors';
import { CONTROL_MAX_BODY_BYTES, CONTROL_MAX_GRANT, CONTROL_MAX_JSON_DEPTH } from '../limits';
import { servedContentType } from '../storage/images';
import { BodyTooLarge, parseJsonObject, readBody } from './body';
import { handleGateway, type GatewayServices } from './gateway';
import { foreignRequest } from './guard';
import { sendBytes, sendJson, sendXmlError } from './respond';
import { serveStatic } from './static';
import { handleTcbRequest, type TcbServices } from './tcb';

export interface ServerServices {
  tcb: TcbServices;
  gateway: GatewayServices;
  storage: FileStorage;
  timers: TimerScheduler;
  staticDir: string | undefined;
}

/** The path the SDK is pointed at through TCB_CONTEXT_CNFG. */
export const TCB_PATH = '/admin';

/** One HTTP server for the SDK endpoint, storage, the h5 gateway, emulator controls and the h5 build. */
export function createServer(services: ServerServices): http.Server {
  return http.createServer((req, res) => {
    void route(req, res, services).catch((e: unknown) => {
      services.tcb.log(
        `请求处理失败 ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { errCode: -1, errMsg: '模拟器内部错误' });
      else res.end();
    });
  });
}

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  services: ServerServices,
): Promise<void> {
  const url = req.url ?? '/';
  const path = url.split('?', 1)[0] ?? '/';
  const foreign = foreignRequest(req);
  if (foreign) {
    req.resume();
    if (path.startsWith('/_storage/o/')) return sendXmlError(res, 403, 'AccessDenied', foreign);
    return sendJson(res, 403, { errCode: -1, errMsg: foreign });
  }
  // Checked once for every route, so no handler's own decoding can throw on a broken escape.
  if (!decodes(path)) {
    req.resume();
    if (path.startsWith('/_storage/o/')) {
      return sendXmlError(res, 400, 'InvalidURI', 'bad percent-encoding in the path');
    }
    return sendJson(res, 400, { errCode: -1, errMsg: '请求路径的百分号编码无效' });
  }
  if (path === TCB_PATH && req.method === 'POST') return handleTcbRequest(req, res, services.tcb);
  if (path.startsWith('/_storage/o/'))
    return storageObject(req, res, path.slice('/_storage/o/'.length), services.storage);
  if (path.startsWith('/_gateway/'))
    return handleGateway(req, res, path.slice('/_gateway/'.length), services.gateway);
  if (path.startsWith('/_emulator/'))
    return control(req, res, path.slice('/_emulator/'.length), url, services);
  if (req.method === 'GET' || req.method === 'HEAD')
    return serveStatic(res, services.staticDir, path);
  req.resume();
  sendJson(res, 404, { errCode: -1, errMsg: '没有这个接口' });
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The COS side of uploads and downloads (cloudbase-wire-protocol.md §9). */
async function storageObject(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  encoded: string,
  storage: FileStorage,
): Promise<void> {
  let cloudPath: string;
  try {
    cloudPath = encoded.split('/').map(decodeURIComponent).join('/');
  } catch {
    sendXmlError(res, 400, 'InvalidURI', 'bad path encoding');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'PUT') {
    req.resume();
    sendXmlError(res, 405, 'MethodNotAllowed', 'only GET, HEAD and PUT are supported');
    return;
  }
  try {
    if (req.method === 'PUT') {
      const auth = req.headers.authorization;
      storage.put(cloudPath, Array.isArray(auth) ? auth[0] : auth, await readBody(req));
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    }
    const bytes = storage.read(cloudPath);
    if (!bytes) {
      sendXmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      return;
    }
    // The type comes from what the file holds, and nosniff keeps a browser from guessing another:
    // an uploaded page or script is only ever a download, never something run on this origin.
    res.setHeader('x-content-type-options', 'nosniff');
    sendBytes(res, 200, servedContentType(bytes), bytes);
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      sendXmlError(res, 413, 'EntityTooLarge', e.message);
      return;
    }
    if (e instanceof TcbError) {
      sendXmlError(res, 400, 'InvalidRequest', e.message);
      return;
    }
    throw e;
  }
}

/** Controls for tests and the preview: outbox, subscription credits, timers, functions. */
async function control(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  route: string,
  url: string,
  services: ServerServices,
): Promise<void> {
  const query = new URLSearchParams(url.split('?', 2)[1] ?? '');
  const ledger = services.gateway.ledger;
  if (req.method === 'GET' && route === 'health') return sendJson(res, 200, { ok: true });
  if (req.method === 'GET' && route === 'count') {
    const collection = query.get('collection') ?? '';
    if (!services.tcb.database.hasCollection(collection))
      return sendJson(res, 404, { errCode: -502005, errMsg: `没有这个集合: ${collection}` });
    return sendJson(res, 200, { total: services.tcb.database.countAll(collection) });
  }
  if (req.method === 'GET' && route === 'stats') {
    return sendJson(res, 200, { actions: Object.fromEntries(services.tcb.actionCounts) });
  }
  if (req.method === 'GET' && route === 'outbox') {
    const touser = query.get('touser') ?? undefined;
    const templateId = query.get('templateId') ?? undefined;
    return sendJson(res, 200, {
      messages: ledger.outbox({ ...(touser && { touser }), ...(templateId && { templateId }) }),
    });
  }
  if (req.method === 'GET' && route === 'timers') {
    return sendJson(res, 200, {
      triggers: services.timers.nextRuns(),
      history: services.timers.history,
    });
  }
  if (req.method === 'GET' && route === 'functions') {
    const fns = services.tcb.functions;
    const warm = fns.warmWorkers();
    return sendJson(res, 200, {
      functions: fns.list().map((f) => ({
        name: f.name,
        timeoutMs: f.timeoutMs,
        triggers: f.config.triggers ?? [],
        warmWorkers: warm[f.name] ?? 0,
      })),
    });
  }
  if (req.method === 'POST' && (route === 'subscriptions' || route === 'timers/fire')) {
    const body = await controlBody(req, res);
    if (!body) return;
    if (route === 'subscriptions') return grantCredits(res, body, services);
    return fireTimer(res, body, services);
  }
  req.resume();
  sendJson(res, 404, { errCode: -1, errMsg: `没有这个控制接口: ${route}` });
}

/** A control's JSON body, or undefined after answering what is wrong with it. */
async function controlBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<Record<string, unknown> | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readBody(req, CONTROL_MAX_BODY_BYTES);
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e;
    sendJson(res, 413, { errCode: -1, errMsg: '请求内容过大' });
    return undefined;
  }
  const parsed = parseJsonObject(bytes, CONTROL_MAX_JSON_DEPTH);
  if (parsed.ok) return parsed.value;
  sendJson(res, 400, { errCode: -1, errMsg: '请求内容应为一个 JSON 对象' });
  return undefined;
}

function badControl(res: http.ServerResponse, errMsg: string): void {
  sendJson(res, 400, { errCode: -1, errMsg });
}

const nonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** `{openid, templateId, count?}`: credits as if the user had accepted the subscribe prompt. */
function grantCredits(
  res: http.ServerResponse,
  body: Record<string, unknown>,
  services: ServerServices,
): void {
  const { openid, templateId, count = 1 } = body;
  if (!nonEmptyString(openid)) return badControl(res, 'openid 应为非空字符串');
  if (!nonEmptyString(templateId)) return badControl(res, 'templateId 应为非空字符串');
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > CONTROL_MAX_GRANT
  ) {
    return badControl(res, `count 应为 1 到 ${CONTROL_MAX_GRANT} 之间的整数`);
  }
  sendJson(res, 200, { credits: services.gateway.ledger.grant(openid, templateId, count) });
}

/** `{functionName, triggerName}`: runs a timer trigger now, retries included. */
async function fireTimer(
  res: http.ServerResponse,
  body: Record<string, unknown>,
  services: ServerServices,
): Promise<void> {
  const { functionName, triggerName } = body;
  if (!nonEmptyString(functionName)) return badControl(res, 'functionName 应为非空字符串');
  if (!nonEmptyString(triggerName)) return badControl(res, 'triggerName 应为非空字符串');
  const known = services.timers
    .nextRuns()
    .some((t) => t.functionName === functionName && t.triggerName === triggerName);
  if (!known) {
    sendJson(res, 404, {
      errCode: -1,
      errMsg: `没有这个定时触发器: ${functionName} 的 ${triggerName}`,
    });
    return;
  }
  await services.timers.fire(functionName, triggerName);
  const attempts = services.timers.history.filter((h) => h.functionName === functionName);
  const last = attempts[attempts.length - 1];
  sendJson(res, 200, { ok: last?.ok ?? false, attempt: last });
}
