import { startDemoServer } from '../scripts/demo-server';
import { exitWithParent } from './child-watchdog';

/**
 * The demo town's server for the import figure, in a process of its own so that its peak memory
 * (functions run in its worker threads) is the import's and not the load generator's. Answers
 * {url, pid, sdkEnv} once listening: the environment lets the bench upload as the client would.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: import-server-child.ts <data dir>');
  exitWithParent();
  const server = await startDemoServer({
    dataDir,
    port: 0,
    startTimers: false,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const sdkEnv = server.emulator.sdkEnv;
  process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid, sdkEnv })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
