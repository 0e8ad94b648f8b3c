import { startDemoServer } from '../scripts/demo-server';
import { SCALE_COMMAND, scaleDeployment, type ScaleSpec } from '../scripts/demo/scale';
import { exitWithParent } from './child-watchdog';

/**
 * Lijiang at full size for search: 5 levels, 6,000 resident groups, 1.2 million residents with
 * their search keys, as the demo builder seeds them. Answers {url, rootId, community, people,
 * communityPeople, queries, seedMs} once listening; `queries` are taken from a person and a
 * household of the community, so each finds something at the community and at the root alike.
 */
const LIJIANG_FULL: ScaleSpec = {
  fanouts: [5, 10, 12, 10],
  householdsPerLeaf: 67,
  peoplePerHousehold: 3,
};

/**
 * Builds and seeds everything, and returns only the figures and the queries: the 1.2 M documents
 * built in memory become garbage once stored, so the emulator serves with a small heap and short
 * GC pauses (kept alive, they made every search wait for a multi-gigabyte collection).
 */
async function seed(dataDir: string, scale: number) {
  const { deployment, rootId } = scaleDeployment({
    ...LIJIANG_FULL,
    householdsPerLeaf: Math.max(1, Math.round(LIJIANG_FULL.householdsPerLeaf * scale)),
  });
  const community = `${rootId}-1-1-1`;
  const here = deployment.people.filter((p) => p.gridPath.includes(community));
  // A person of the community with a phone, in the middle of it (not the first generated name).
  const person = here.filter((p) => p.phoneMasked)[Math.floor(here.length / 6)] ?? here[0];
  const household = deployment.households.find((h) => h._id === person?.householdId);
  if (!person?.phoneMasked || !household) throw new Error('no person to search for');
  const queries = {
    name: [...person.name].slice(0, 2).join(''),
    surname: [...person.name][0] ?? '',
    last4: person.phoneMasked.slice(-4),
    doorCode: household.code,
    address: [...household.address].slice(0, 6).join(''),
  };
  const summary = {
    rootId,
    community,
    people: deployment.people.length,
    communityPeople: here.length,
    queries,
  };
  const server = await startDemoServer({
    dataDir,
    port: 0,
    extraLogins: [{ ...SCALE_COMMAND, roleLabel: '指挥部' }],
    // Search never reads full numbers: leaving the secrets out shortens the seeding.
    deployment: () => ({ ...deployment, personSecrets: [] }),
    startTimers: false,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  return { server, summary };
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const scale = Number(process.argv[3] ?? '1');
  if (!dataDir) throw new Error('usage: search-server-child.ts <data dir> [scale]');
  exitWithParent();
  const started = performance.now();
  const { server, summary } = await seed(dataDir, scale);
  const seedMs = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify({ url: server.url, ...summary, seedMs })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
