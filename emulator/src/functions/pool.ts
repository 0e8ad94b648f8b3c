import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { tcbErrors } from '../errors';
import type { FunctionInfo } from './registry';
import type { InvocationReply, InvocationRequest, WorkerData } from './protocol';

interface Pending {
  request: InvocationRequest;
  timeoutMs: number;
  resolve: (response: string) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
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
 * invocations queue. A worker that times out is terminated, as SCF kills a timed-out instance.
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
      let slot = this.workers.find((w) => !w.busy);
      if (!slot) {
        if (this.workers.length >= this.maxWorkers) return;
        slot = this.spawn();
      }
      const pending = this.queue.shift() as Pending;
      this.start(slot, pending);
    }
  }

  private spawn(): PooledWorker {
    const data: WorkerData = { entry: this.info.entry };
    const worker = new Worker(workerScript(), { env: { ...this.baseEnv }, workerData: data });
    const slot: PooledWorker = { worker };
    worker.on('message', (reply: InvocationReply) => this.finish(slot, reply));
    worker.on('error', (error) =>
      this.fail(slot, tcbErrors.functionFailed(`${this.info.name} crashed: ${error.message}`)),
    );
    worker.on('exit', () =>
      this.fail(slot, tcbErrors.functionFailed(`${this.info.name} exited unexpectedly`)),
    );
    this.workers.push(slot);
    return slot;
  }

  private start(slot: PooledWorker, pending: Pending): void {
    const timer = setTimeout(() => {
      const seconds = pending.timeoutMs / 1000;
      this.fail(slot, tcbErrors.functionFailed(`Invoking task timed out after ${seconds} seconds`));
    }, pending.timeoutMs);
    slot.busy = { pending, timer };
    slot.worker.postMessage(pending.request);
  }

  private finish(slot: PooledWorker, reply: InvocationReply): void {
    const busy = slot.busy;
    if (!busy || busy.pending.request.id !== reply.id) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    if (reply.ok) busy.pending.resolve(reply.response);
    else busy.pending.reject(tcbErrors.functionFailed(reply.message));
    this.dispatch();
  }

  /** Ends a worker that timed out or died, failing its invocation; the next one gets a new worker. */
  private fail(slot: PooledWorker, error: Error): void {
    if (!this.workers.includes(slot)) return;
    this.workers = this.workers.filter((w) => w !== slot);
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.pending.reject(error);
    }
    void slot.worker.terminate();
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(tcbErrors.functionFailed('emulator is shutting down'));
    const workers = this.workers.splice(0);
    for (const slot of workers) {
      if (slot.busy) {
        clearTimeout(slot.busy.timer);
        slot.busy.pending.reject(tcbErrors.functionFailed('emulator is shutting down'));
      }
    }
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
