import { COLLECTIONS, LEVEL_TEMPLATES } from '@gridguard/types';
import type { SiteDoc } from '@gridguard/server/domain/checkpoint-records';
import { startDemoServer } from '../scripts/demo-server';
import { SCALE_COMMAND, scaleDeployment } from '../scripts/demo/scale';
import { exitWithParent } from './child-watchdog';

/**
 * A Shantou town's morning (seed 002): 10 villages of 20 groups, one 卡口 at each group's
 * entrance, 200 in all, stored as the rota would store them. Each site is kept by its village's
 * leader (staff over it); its residents are the group's people. Answers {url, sites} once
 * listening: `sites` are `{siteId, staff, residents}`.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const villages = Number(process.argv[3] ?? '10');
  if (!dataDir) throw new Error('usage: checkpoint-server-child.ts <data dir> [villages]');
  exitWithParent();
  const { deployment } = scaleDeployment({
    fanouts: [villages, 20],
    householdsPerLeaf: 20,
    peoplePerHousehold: 3,
    levels: LEVEL_TEMPLATES.shantou.levels,
  });
  const leaders = deployment.memberships.filter((m) => m.kind === 'leader');
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
  const now = new Date();
  const sites = deployment.grids
    .filter((g) => g.childCount === 0)
    .map((g): SiteDoc => ({
      _id: `cs-${g._id}`,
      name: `${g.name}村口`,
      kind: 'village',
      place: '村口',
      gridId: g._id,
      gridPath: [...g.ancestors, g._id],
      gridName: g.name,
      plan: [
        { start: '07:00', end: '15:00', need: 2 },
        { start: '15:00', end: '23:00', need: 2 },
        { start: '23:00', end: '07:00', need: 1 },
      ],
      planVersion: 1,
      qrToken: `qr-${g._id}`,
      status: 'open',
      createdBy: { openid: SCALE_COMMAND.openid, name: SCALE_COMMAND.name },
      createdAt: now,
      updatedAt: now,
    }));
  const { store } = server.emulator;
  store.atomically(() => {
    for (const site of sites) store.insert(COLLECTIONS.checkpointSites, { ...site });
  });
  process.stdout.write(
    `${JSON.stringify({
      url: server.url,
      sites: sites.map((s) => ({
        siteId: s._id,
        staff: `oLead-${s.gridPath[s.gridPath.length - 2] ?? ''}`,
        residents: deployment.people.filter((p) => p.gridId === s.gridId).map((p) => p._id),
      })),
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
