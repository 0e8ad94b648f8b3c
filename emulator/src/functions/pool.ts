import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { tcbErrors } from '../errors';
import { FUNCTION_INIT_TIMEOUT_MS } from '../limits';
import type { FunctionInfo } from './registry';
import type { InvocationRequest, WorkerData, WorkerMessage } from './protocol';

interface Pending {
  request: InvocationRequest;
  timeoutMs: number;
  resolve: (response: string) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
  /** Until its code has loaded (the init phase), with the init limit's timer. */
  starting?: NodeJS.Timeout;
  busy?: { pending: Pending; timer: NodeJS.Timeout };
}

/** The compiled worker entry; from TypeScript sources (tests) the build's copy is used. */
function workerScript(): string {
  const sibling = path.join(__dirname, 'worker.js');
  if (fs.existsSync(sibling)) return sibling;
  const built = path.resolve(__dirname, '../../dist/worker.js');
  if (fs.existsSync(built)) return built;
  throw new Error('emulator worker is not built: run npm run build:emulator');
}

/**
 * A warm pool of worker threads for one function. Each worker runs one invocation at a time; extra
 * invocations queue. A new worker first initialises (loads the code) and only then takes an
 * invocation, so a cold start never eats into the invocation's timeout. A worker that times out
 * is terminated, as SCF kills a timed-out instance.
 */
export class FunctionPool {
  private workers: PooledWorker[] = [];
  private queue: Pending[] = [];
  private closed = false;

  constructor(
    readonly info: FunctionInfo,
    private readonly baseEnv: Record<string, string>,
    private readonly maxWorkers: number,
  ) {}

  invoke(request: InvocationRequest): Promise<string> {
    if (this.closed) return Promise.reject(tcbErrors.functionFailed('emulator is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, timeoutMs: this.info.timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  get size(): number {
    return this.workers.length;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.workers.find((w) => !w.busy && !w.starting);
      if (!slot) break;
      this.start(slot, this.queue.shift() as Pending);
    }
    // Invocations still waiting, beyond the workers already starting, start more (up to the cap).
    const starting = this.workers.filter((w) => w.starting).length;
    for (let n = starting; n < this.queue.length && this.workers.length < this.maxWorkers; n++)
      this.spawn();
  }

  private spawn(): void {
    const data: WorkerData = { entry: this.info.entry };
    const worker = new Worker(workerScript(), { env: { ...this.baseEnv }, workerData: data });
    const slot: PooledWorker = { worker };
    slot.starting = setTimeout(() => {
      const seconds = FUNCTION_INIT_TIMEOUT_MS / 1000;
      this.fail(
        slot,
        tcbErrors.functionFailed(`${this.info.name} did not initialise within ${seconds} seconds`),
      );
    }, FUNCTION_INIT_TIMEOUT_MS);
    worker.on('message', (message: WorkerMessage) => {
      if ('init' in message) {
        if (message.init === 'ready') this.ready(slot);
        else this.fail(slot, tcbErrors.functionFailed(message.message));
      } else this.finish(slot, message);
    });
    worker.on('error', (error) =>
      this.fail(slot, tcbErrors.functionFailed(`${this.info.name} crashed: ${error.message}`)),
    );
    worker.on('exit', () =>
      this.fail(slot, tcbErrors.functionFailed(`${this.info.name} exited unexpectedly`)),
    );
    this.workers.push(slot);
  }

  private ready(slot: PooledWorker): void {
    clearTimeout(slot.starting);
    slot.starting = undefined;
    this.dispatch();
  }

  private start(slot: PooledWorker, pending: Pending): void {
    const timer = setTimeout(() => {
      const seconds = pending.timeoutMs / 1000;
      this.fail(slot, tcbErrors.functionFailed(`Invoking task timed out after ${seconds} seconds`));
    }, pending.timeoutMs);
    slot.busy = { pending, timer };
    slot.worker.postMessage(pending.request);
  }

  private finish(slot: PooledWorker, reply: Extract<WorkerMessage, { id: number }>): void {
    const busy = slot.busy;
    if (!busy || busy.pending.request.id !== reply.id) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    if (reply.ok) busy.pending.resolve(reply.response);
    else busy.pending.reject(tcbErrors.functionFailed(reply.message));
    this.dispatch();
  }

  /**
   * Ends a worker that timed out or died, failing its invocation; the next one gets a new worker.
   * One that dies while initialising fails the oldest waiting invocation, as the cold start SCF
   * would have made for it fails.
   */
  private fail(slot: PooledWorker, error: Error): void {
    if (!this.workers.includes(slot)) return;
    this.workers = this.workers.filter((w) => w !== slot);
    if (slot.starting) {
      clearTimeout(slot.starting);
      slot.starting = undefined;
      this.queue.shift()?.reject(error);
    }
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.pending.reject(error);
    }
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(tcbErrors.functionFailed('emulator is shutting down'));
    const workers = this.workers.splice(0);
    for (const slot of workers) {
      clearTimeout(slot.starting);
      if (slot.busy) {
        clearTimeout(slot.busy.timer);
        slot.busy.pending.reject(tcbErrors.functionFailed('emulator is shutting down'));
      }
    }
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
