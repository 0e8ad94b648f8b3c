import { randomBytes } from 'node:crypto';
import { tcbErrors } from '../errors';
import { FUNCTION_MAX_REQUEST_BYTES, FUNCTION_MAX_RESPONSE_BYTES } from '../limits';
import { FunctionPool } from './pool';
import { loadFunctions, type FunctionInfo } from './registry';

/** Who is calling, as WeChat would inject it into the callee's environment. */
export interface Invoker {
  /** TCB_SOURCE for the callee: wx_client, wx_http, wx_trigger, or a chain such as wx_client,scf. */
  source: string;
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  clientIpv6?: string;
  trigger?: boolean;
}

export interface RuntimeOptions {
  functionsDir: string;
  envId: string;
  /** The environment every worker starts with (SDK redirection included); filled in once listening. */
  workerEnv: Record<string, string>;
  maxWorkersPerFunction: number;
}

const PER_INVOCATION_KEYS = [
  'WX_OPENID',
  'WX_APPID',
  'WX_UNIONID',
  'WX_CLIENTIP',
  'WX_CLIENTIPV6',
  'WX_API_TOKEN',
  'TCB_SEQID',
  'TCB_SOURCE',
  'TRIGGER_SRC',
] as const;

/** Runs built cloud functions in warm worker pools, each invocation with its own identity. */
export class FunctionRuntime {
  private functions: Map<string, FunctionInfo>;
  private pools = new Map<string, FunctionPool>();
  private running = new Map<string, string>();
  private nextId = 1;

  constructor(private readonly options: RuntimeOptions) {
    this.functions = loadFunctions(options.functionsDir);
  }

  list(): FunctionInfo[] {
    return [...this.functions.values()];
  }

  get(name: string): FunctionInfo | undefined {
    return this.functions.get(name);
  }

  /** The function whose invocation a request's seqId belongs to (for openapi permissions). */
  ownerOfSeqId(seqId: string): FunctionInfo | undefined {
    const invocation = seqId.includes('-') ? seqId.slice(0, seqId.lastIndexOf('-')) : '';
    const name = this.running.get(invocation);
    return name === undefined ? undefined : this.functions.get(name);
  }

  /** Invokes `name` with `event`; resolves with the JSON text of what main returned. */
  async invoke(name: string, event: unknown, invoker: Invoker): Promise<string> {
    const info = this.functions.get(name);
    if (!info) throw tcbErrors.functionNotFound(name);
    if (Buffer.byteLength(JSON.stringify(event) ?? '') > FUNCTION_MAX_REQUEST_BYTES) {
      throw tcbErrors.functionFailed(
        `request data exceeds ${FUNCTION_MAX_REQUEST_BYTES / 1024} KB`,
      );
    }
    const seqId = randomBytes(8).toString('hex');
    const env: Record<string, string | null> = Object.fromEntries(
      PER_INVOCATION_KEYS.map((k) => [k, null]),
    );
    Object.assign(env, {
      TCB_SEQID: seqId,
      TCB_SOURCE: invoker.source,
      ...(invoker.trigger && { TRIGGER_SRC: 'timer' }),
      ...(invoker.openid !== undefined && {
        WX_OPENID: invoker.openid,
        WX_APPID: invoker.appid ?? '',
        WX_UNIONID: invoker.unionid ?? '',
        WX_CLIENTIP: invoker.clientIp ?? '',
        WX_CLIENTIPV6: invoker.clientIpv6 ?? '',
      }),
    });
    const context = {
      request_id: seqId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.options.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: info.timeoutMs,
      environ: '',
      environment: '{}',
    };
    this.running.set(seqId, name);
    try {
      const response = await this.pool(info).invoke({ id: this.nextId++, event, context, env });
      if (Buffer.byteLength(response) > FUNCTION_MAX_RESPONSE_BYTES) {
        throw tcbErrors.functionFailed(`${name} returned more than 1 MB`);
      }
      return response;
    } finally {
      this.running.delete(seqId);
    }
  }

  /** How many warm workers each function has now. */
  warmWorkers(): Record<string, number> {
    return Object.fromEntries([...this.pools].map(([name, pool]) => [name, pool.size]));
  }

  private pool(info: FunctionInfo): FunctionPool {
    let pool = this.pools.get(info.name);
    if (!pool) {
      pool = new FunctionPool(info, this.options.workerEnv, this.options.maxWorkersPerFunction);
      this.pools.set(info.name, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }
}
