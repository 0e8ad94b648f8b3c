import { parentPort, workerData } from 'node:worker_threads';
import type { InitReport, InvocationReply, InvocationRequest, WorkerData } from './protocol';

/**
 * Runs one cloud function inside a worker thread, one invocation at a time. The worker has its own
 * process.env, so the identity wx-server-sdk reads from it (getWXContext) belongs to exactly one
 * invocation: the pool never sends a second one before the first replies.
 */
type Main = (event: unknown, context: unknown) => unknown;

const { entry } = workerData as WorkerData;

/**
 * The module (and its cloud.init) loads once, before any invocation, as a cold SCF instance
 * initialises: its time counts against the init limit, not the invocation's timeout.
 */
function load(): Main {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(entry) as { main?: Main };
  if (typeof mod.main !== 'function') throw new Error(`${entry} does not export main`);
  return mod.main;
}

let main: Main | undefined;
let init: InitReport;
try {
  main = load();
  init = { init: 'ready' };
} catch (e) {
  init = { init: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
parentPort?.postMessage(init);

parentPort?.on('message', (request: InvocationRequest) => {
  void run(request).then((reply) => parentPort?.postMessage(reply));
});

async function run(request: InvocationRequest): Promise<InvocationReply> {
  for (const [key, value] of Object.entries(request.env)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    if (!main) throw new Error(`${entry} did not load`);
    const result = await main(request.event, request.context);
    return { id: request.id, ok: true, response: JSON.stringify(result) ?? 'null' };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { id: request.id, ok: false, message };
  }
}
