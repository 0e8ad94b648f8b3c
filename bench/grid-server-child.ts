import { startDemoServer } from '../scripts/demo-server';
import { SCALE_COMMAND, scaleDeployment, LIJIANG_SCALE } from '../scripts/demo/scale';
import { exitWithParent } from './child-watchdog';

/**
 * The demo server seeded with a Lijiang-size deployment (5 levels, ~5,000 nodes, ~200,000
 * residents), in a process of its own. Answers {url, rootId, people, seedMs} once listening.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: grid-server-child.ts <data dir>');
  exitWithParent();
  const started = performance.now();
  let rootId = '';
  let people = 0;
  const server = await startDemoServer({
    dataDir,
    port: 0,
    extraLogins: [{ ...SCALE_COMMAND, roleLabel: '指挥部' }],
    deployment: () => {
      const built = scaleDeployment(LIJIANG_SCALE);
      rootId = built.rootId;
      people = built.deployment.people.length;
      return built.deployment;
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const seedMs = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify({ url: server.url, rootId, people, seedMs })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
