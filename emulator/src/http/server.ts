import http from 'node:http';
import type { FileStorage } from '../storage/files';
import type { TimerScheduler } from '../timers/scheduler';
import { TcbError } from '../errors';
import { readBody } from './body';
import { handleGateway, type GatewayServices } from './gateway';
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
  if (path === TCB_PATH && req.method === 'POST') return handleTcbRequest(req, res, services.tcb);
  if (path.startsWith('/_storage/o/'))
    return storageObject(req, res, path.slice('/_storage/o/'.length), services.storage);
  if (path.startsWith('/_gateway/'))
    return handleGateway(req, res, path.slice('/_gateway/'.length), services.gateway);
  if (path.startsWith('/_emulator/'))
    return control(req, res, path.slice('/_emulator/'.length), url, services);
  if (req.method === 'GET' || req.method === 'HEAD')
    return serveStatic(res, services.staticDir, path);
  sendJson(res, 404, { errCode: -1, errMsg: '没有这个接口' });
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
    sendBytes(res, 200, 'application/octet-stream', bytes);
  } catch (e) {
    sendXmlError(res, 400, 'InvalidRequest', e instanceof TcbError ? e.message : String(e));
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
  if (req.method === 'POST') {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<
      string,
      unknown
    >;
    if (
      route === 'subscriptions' &&
      typeof body['openid'] === 'string' &&
      typeof body['templateId'] === 'string'
    ) {
      const count = typeof body['count'] === 'number' ? body['count'] : 1;
      return sendJson(res, 200, {
        credits: ledger.grant(body['openid'], body['templateId'], count),
      });
    }
    if (
      route === 'timers/fire' &&
      typeof body['functionName'] === 'string' &&
      typeof body['triggerName'] === 'string'
    ) {
      try {
        await services.timers.fire(body['functionName'], body['triggerName']);
      } catch (e) {
        return sendJson(res, 404, {
          errCode: -1,
          errMsg: e instanceof Error ? e.message : String(e),
        });
      }
      const attempts = services.timers.history.filter(
        (h) => h.functionName === body['functionName'],
      );
      return sendJson(res, 200, {
        ok: attempts[attempts.length - 1]?.ok ?? false,
        attempt: attempts[attempts.length - 1],
      });
    }
  }
  sendJson(res, 404, { errCode: -1, errMsg: `没有这个控制接口: ${route}` });
}
