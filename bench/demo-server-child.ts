import { startDemoServer } from '../scripts/demo-server';
import { exitWithParent } from './child-watchdog';

/**
 * `npm start`'s server (emulator, built functions, demo users and town) in a process of its own, so
 * the gateway figure's load generator does not share its event loop. Answers {url} once listening.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: demo-server-child.ts <data dir>');
  exitWithParent();
  const server = await startDemoServer({
    dataDir,
    port: 0,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
