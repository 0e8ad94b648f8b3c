import http from 'node:http';
import { SCALE_COMMAND } from '../scripts/demo/scale';
import { databaseCalls, postJson } from './http';
import { closedLoop } from './load';
import { emit, progress } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';

const REQUESTS = 400;
const IN_FLIGHT = 4;
const TARGET_P99_MS = 100;

interface Reply {
  result?: {
    ok?: boolean;
    data?: {
      items?: { counts?: { people: number } }[];
      node?: { counts: { people: number; nodes: number } };
    };
  };
}

/**
 * Issue 4's figure: at Lijiang scale, list a node's children page (with subtree counts) and read a
 * node with its counts, through gateway → function → SDK → emulator; p50/p99, and how many DB
 * calls each takes, at the root (every node and resident below it) and at a leaf group: the same
 * number, because paths and counters are materialised.
 */
export async function benchGridSubtree(nodeArgs: readonly string[]): Promise<void> {
  const dir = tempDir('grid');
  const server = spawnTs('grid-server-child.ts', [dir], cleanEnv(), nodeArgs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    progress('grid subtree: seeding a Lijiang-size deployment');
    const { url, rootId, people, seedMs } = await server.next<{
      url: string;
      rootId: string;
      people: number;
      seedMs: number;
    }>();
    // Same shape, very different size: a county (~1,000 nodes, ~40,000 residents) or the root
    // (~5,000 nodes, ~200,000 residents) against one community (9 groups, ~400 residents).
    const county = `${rootId}-1`;
    const community = `${rootId}-1-1-1`;
    emit({ figure: 'grid.seedLijiang', value: seedMs, unit: 'ms', people });
    const { token } = (await postJson(agent, `${url}/_gateway/login`, {
      openid: SCALE_COMMAND.openid,
    })) as { token: string };
    const call = (body: unknown) =>
      postJson(agent, `${url}/_gateway/functions/grids`, body, token) as Promise<Reply>;
    const dbCalls = async (body: unknown) => {
      const before = await databaseCalls(url);
      const reply = await call(body);
      if (reply.result?.ok !== true) throw new Error(`grids failed: ${JSON.stringify(reply)}`);
      return (await databaseCalls(url)) - before;
    };

    for (const [name, body, large] of [
      ['grid.children', (id: string) => ({ action: 'children', parentId: id, page: 1 }), rootId],
      ['grid.detail', (id: string) => ({ action: 'detail', gridId: id }), county],
    ] as const) {
      const atLarge = await dbCalls(body(large));
      const atSmall = await dbCalls(body(community));
      const root = await call(body(rootId));
      const peopleUnderRoot =
        root.result?.data?.node?.counts.people ??
        root.result?.data?.items?.reduce((n, i) => n + (i.counts?.people ?? 0), 0);
      progress(`${name}: ${REQUESTS} requests at the root with ${IN_FLIGHT} in flight`);
      await closedLoop(50, IN_FLIGHT, async () => void (await call(body(rootId))));
      const s = await closedLoop(REQUESTS, IN_FLIGHT, async () => {
        const reply = await call(body(rootId));
        if (reply.result?.ok !== true) throw new Error(`${name} failed`);
      });
      emit({
        figure: `${name}.lijiangRoot`,
        value: s.p99,
        unit: 'ms p99',
        p50: s.p50,
        perSecond: s.perSecond,
        inFlight: IN_FLIGHT,
        peopleCounted: peopleUnderRoot,
        dbCalls: { [large]: atLarge, [community]: atSmall },
        target: `p99 <= ${TARGET_P99_MS} ms, DB calls independent of subtree size`,
        meetsTarget: s.p99 <= TARGET_P99_MS && atLarge === atSmall,
      });
    }
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}
