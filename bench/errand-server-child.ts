import { COLLECTIONS } from '@gridguard/types';
import { startDemoServer } from '../scripts/demo-server';
import { sampleErrand } from '../scripts/demo/day-activity';
import { demoDeployment } from '../scripts/demo/jiujiang';
import { enlistVolunteers, volunteerLogins } from '../scripts/demo/volunteers';
import { exitWithParent } from './child-watchdog';

/**
 * The demo server with `volunteers` members on 沙头社区's first branch and `errands` open errands
 * there, in a process of its own. Answers {url, errandIds, volunteers} once listening.
 */
async function main(): Promise<void> {
  const [dataDir, volunteerCount = '200', errandCount = '20'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: errand-server-child.ts <data dir> [volunteers] [errands]');
  exitWithParent();
  const volunteers = volunteerLogins('oStorm', Number(volunteerCount));
  const server = await startDemoServer({
    dataDir,
    port: 0,
    extraLogins: volunteers,
    startTimers: false,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  const { store } = server.emulator;
  const errandIds = Array.from({ length: Number(errandCount) }, (_, i) => `e-storm-${i}`);
  const now = new Date();
  enlistVolunteers(store, volunteers, { party: true, registered: true });
  const resident = demoDeployment().people.find((p) => p._id === 'h-demo-resident-p1');
  if (!resident) throw new Error('the demo resident is missing');
  store.atomically(() => {
    for (const id of errandIds)
      store.insert(COLLECTIONS.errands, { ...sampleErrand(resident, 'open', now, null), _id: id });
  });
  process.stdout.write(
    `${JSON.stringify({ url: server.url, errandIds, volunteers: volunteers.map((v) => v.openid) })}\n`,
  );
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
