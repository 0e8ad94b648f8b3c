import { LEVEL_TEMPLATES } from '@gridguard/types';
import { startDemoServer } from '../scripts/demo-server';
import { SCALE_COMMAND, scaleDeployment } from '../scripts/demo/scale';
import { exitWithParent } from './child-watchdog';

/**
 * Jiujiang's 洗楼 in two days (seed 000): a town whose 254 leaders (town, 11 villages, 242 groups)
 * sweep 6,776 households, 28 on each group's one leaf. Answers {url, rootId, members, doors} once
 * listening: `members` are the leaders' openids with the household ids each visits.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: sweep-server-child.ts <data dir>');
  exitWithParent();
  const { deployment, rootId } = scaleDeployment({
    fanouts: [11, 22, 1],
    householdsPerLeaf: 28,
    peoplePerHousehold: 1,
    levels: LEVEL_TEMPLATES.jiujiang.levels,
  });
  const leaders = deployment.memberships.filter((m) => m.kind === 'leader');
  // A group's leader knocks on the doors of the group's leaf; the town's and villages' leaders
  // take the doors nobody opened the first time.
  const doorsOf = new Map<string, string[]>(leaders.map((m) => [m.openid, []]));
  for (const h of deployment.households) {
    const group = h.gridPath[h.gridPath.length - 2] ?? '';
    doorsOf.get(`oLead-${group}`)?.push(h._id);
  }
  const server = await startDemoServer({
    dataDir,
    port: 0,
    startTimers: false,
    extraLogins: [
      { ...SCALE_COMMAND, roleLabel: '指挥部' },
      ...leaders.map((m) => ({ openid: m.openid, name: m.name, roleLabel: '网格长' })),
    ],
    deployment: () => deployment,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(
    `${JSON.stringify({
      url: server.url,
      rootId,
      members: [...doorsOf].map(([openid, doors]) => ({ openid, doors })),
      doors: deployment.households.length,
    })}\n`,
  );
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
