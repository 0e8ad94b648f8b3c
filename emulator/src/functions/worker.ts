import { parentPort, workerData } from 'node:worker_threads';
import type { InvocationReply, InvocationRequest, WorkerData } from './protocol';

/**
 * Runs one cloud function inside a worker thread, one invocation at a time. The worker has its own
 * process.env, so the identity wx-server-sdk reads from it (getWXContext) belongs to exactly one
 * invocation: the pool never sends a second one before the first replies.
 */
type Main = (event: unknown, context: unknown) => unknown;

const { entry } = workerData as WorkerData;
let main: Main | undefined;

function load(): Main {
  // The module (and its cloud.init) loads once per warm worker, as in a warm SCF instance.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(entry) as { main?: Main };
  if (typeof mod.main !== 'function') throw new Error(`${entry} does not export main`);
  return mod.main;
}

parentPort?.on('message', (request: InvocationRequest) => {
  void run(request).then((reply) => parentPort?.postMessage(reply));
});

async function run(request: InvocationRequest): Promise<InvocationReply> {
  for (const [key, value] of Object.entries(request.env)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    main ??= load();
    const result = await main(request.event, request.context);
    return { id: request.id, ok: true, response: JSON.stringify(result) ?? 'null' };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { id: request.id, ok: false, message };
  }
}
