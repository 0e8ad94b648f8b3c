import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DocumentDatabase } from '../database/database';
import { TcbError, tcbErrors } from '../errors';
import type { FunctionRuntime } from '../functions/runtime';
import type { OpenApiService } from '../openapi/service';
import type { FileStorage } from '../storage/files';
import { DB_MAX_NESTING_DEPTH } from '../limits';
import { jsonDeeperThan } from '../json-depth';
import { BodyTooLarge, parseMultipart, readBody } from './body';
import { sendBytes, sendJson } from './respond';
import { verifySignature, type Credentials } from './signature';

export interface TcbServices {
  credentials: Credentials;
  database: DocumentDatabase;
  functions: FunctionRuntime;
  openapi: OpenApiService;
  storage: FileStorage;
  log: (line: string) => void;
  /** Requests served per action, so benchmarks can say how many DB calls an operation takes. */
  actionCounts: Map<string, number>;
}

// Unique per request and cheap: a per-process prefix and a counter (randomBytes showed in profiles).
const REQUEST_PREFIX = randomBytes(6).toString('hex');
let requestCounter = 0;
const requestId = () => `${REQUEST_PREFIX}${(requestCounter++).toString(16).padStart(12, '0')}`;

/**
 * The single signed endpoint every wx-server-sdk call goes to; the body's `action` names the
 * operation (cloudbase-wire-protocol.md §2).
 */
export async function handleTcbRequest(
  req: IncomingMessage,
  res: ServerResponse,
  services: TcbServices,
): Promise<void> {
  const id = requestId();
  try {
    const [path = '', rawQuery = ''] = (req.url ?? '').split('?', 2);
    const body = await readTcbBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const params = contentType.startsWith('multipart/form-data')
      ? await parseMultipartBody(contentType, body)
      : parseJsonBody(body);
    verifySignature(
      {
        method: req.method ?? 'POST',
        host: req.headers.host ?? '',
        path,
        rawQuery,
        headers: req.headers,
        params,
      },
      services.credentials,
      Date.now(),
    );
    const action = typeof params['action'] === 'string' ? params['action'] : '';
    services.actionCounts.set(action, (services.actionCounts.get(action) ?? 0) + 1);
    if (action === 'wx.openApi') {
      const seqId = new URLSearchParams(rawQuery).get('seqId') ?? '';
      const requestData = params['requestData'];
      if (!Buffer.isBuffer(requestData)) throw tcbErrors.invalidParam('requestData is required');
      const reply = services.openapi.handle(
        String(params['apiName'] ?? ''),
        requestData,
        services.functions.ownerOfSeqId(seqId),
      );
      sendBytes(res, 200, 'application/octet-stream', reply);
      return;
    }
    const data = await dispatch(action, params, req, services);
    // startTransaction is the one action whose result the SDK reads beside requestId, not in data.
    const topLevel = action === 'database.startTransaction' ? (data as object) : {};
    sendJson(res, 200, { requestId: id, ...topLevel, data });
  } catch (e) {
    if (e instanceof TcbError) {
      sendJson(res, 200, { code: e.code, message: e.message, requestId: id });
      return;
    }
    services.log(`内部错误 ${id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    sendJson(res, 200, {
      code: 'SYS_ERR',
      message: `[InternalError] ${e instanceof Error ? e.message : String(e)}`,
      requestId: id,
    });
  }
}

async function readTcbBody(req: IncomingMessage): Promise<Buffer> {
  try {
    return await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLarge) throw tcbErrors.invalidParam(e.message);
    throw e;
  }
}

async function parseMultipartBody(
  contentType: string,
  body: Buffer,
): Promise<Record<string, string | Buffer>> {
  try {
    return await parseMultipart(contentType, body);
  } catch {
    throw tcbErrors.invalidParam('the multipart body is malformed');
  }
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  // Checked on the text, before anything recursive (the signature's canonical form) walks it.
  if (jsonDeeperThan(text, DB_MAX_NESTING_DEPTH)) {
    throw tcbErrors.invalidParam(`the request body is nested deeper than ${DB_MAX_NESTING_DEPTH}`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw tcbErrors.invalidParam('the request body must be a JSON object');
}

async function dispatch(
  action: string,
  params: Record<string, unknown>,
  req: IncomingMessage,
  services: TcbServices,
): Promise<unknown> {
  if (action.startsWith('database.')) return services.database.handle(action, params);
  switch (action) {
    case 'functions.invokeFunction':
      return { response_data: await invokeFromSdk(params, req, services.functions) };
    case 'storage.getUploadMetadata':
      return services.storage.uploadMetadata(params['path']);
    case 'storage.batchGetDownloadUrl':
      return {
        download_list: services.storage.downloadUrls(
          listOf(params['file_list']).map((f) => (f as { fileid?: unknown }).fileid),
        ),
      };
    case 'storage.batchDeleteFile':
      return { delete_list: services.storage.remove(listOf(params['fileid_list'])) };
    default:
      throw tcbErrors.unknownAction(action);
  }
}

/**
 * cloud.callFunction from a function (or any SDK user): the callee gets `event = request_data`
 * without userInfo, and SOURCE is the caller's chain plus `scf`. Deliberate choice: the caller's
 * OPENID is not forwarded, since production only promises it for calls from the mini-program.
 */
async function invokeFromSdk(
  params: Record<string, unknown>,
  req: IncomingMessage,
  functions: FunctionRuntime,
): Promise<string> {
  const name = params['function_name'];
  if (typeof name !== 'string' || name === '')
    throw tcbErrors.invalidParam('function_name is required');
  let event: unknown = {};
  if (typeof params['request_data'] === 'string' && params['request_data'] !== '') {
    if (jsonDeeperThan(params['request_data'], DB_MAX_NESTING_DEPTH))
      throw tcbErrors.invalidParam(`request_data is nested deeper than ${DB_MAX_NESTING_DEPTH}`);
    try {
      event = JSON.parse(params['request_data']) as unknown;
    } catch {
      throw tcbErrors.invalidParam('request_data must be JSON');
    }
  }
  const header = String(req.headers['x-tcb-source'] ?? '');
  const callerSource = header.replace(/,(scf|unknown)$/, '');
  const source = [callerSource, 'scf'].filter((s) => s !== '').join(',');
  return functions.invoke(name, event, { source });
}

function listOf(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw tcbErrors.invalidParam('a list is required');
  return value;
}
