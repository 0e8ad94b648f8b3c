import { startDemoServer } from '../scripts/demo-server';
import { SCALE_COMMAND, scaleDeployment } from '../scripts/demo/scale';
import { exitWithParent } from './child-watchdog';

/**
 * The demo server seeded with a Jiujiang-size population (26 villages, ~2,300 groups, ~230,000
 * residents), in a process of its own. Answers {url, personIds} once listening.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: report-server-child.ts <data dir>');
  exitWithParent();
  let personIds: string[] = [];
  const server = await startDemoServer({
    dataDir,
    port: 0,
    extraLogins: [{ ...SCALE_COMMAND, roleLabel: '指挥部' }],
    deployment: () => {
      const { deployment } = scaleDeployment({
        fanouts: [26, 9, 10],
        householdsPerLeaf: 33,
        peoplePerHousehold: 3,
        levels: ['镇', '村(社区)', '经济社党支部', '户联系党小组'],
      });
      personIds = deployment.people.map((p) => p._id);
      return deployment;
    },
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(
    `${JSON.stringify({ url: server.url, population: personIds.length, personIds: personIds.filter((_, i) => i % 23 === 0) })}\n`,
  );
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
