import http from 'node:http';
import { SCALE_COMMAND } from '../scripts/demo/scale';
import { databaseCalls, postJson } from './http';
import { closedLoop } from './load';
import { emit, progress, round } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';

const REQUESTS = 200;
const IN_FLIGHT = 4;
const TARGET_P99_MS = 100;

interface Reply {
  result?: { ok?: boolean; data?: { total?: number; match?: string }; code?: string };
}

/**
 * Issue 14's figure: search at Lijiang scale (1.2 M residents), through gateway → function → SDK
 * → emulator, at the root (everyone) and at one community (about 2,000 residents): p50/p99 with a
 * few searches in flight, and the DB calls of one search at each, which must be equal. For a name
 * prefix (two characters), a phone's last four and a door code, against the floor of the same
 * server (a node's detail); then the broadest query allowed, one surname at the community (the
 * root refuses it). BENCH_SEARCH_SCALE (e.g. 0.1) shrinks the households per group.
 */
export async function benchSearch(nodeArgs: readonly string[]): Promise<void> {
  const scale = process.env['BENCH_SEARCH_SCALE'] ?? '1';
  const dir = tempDir('search');
  const server = spawnTs('search-server-child.ts', [dir, scale], cleanEnv(), [
    ...nodeArgs,
    '--max-old-space-size=8192',
  ]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    progress('search: seeding Lijiang (1.2 M residents with their search keys)');
    const seeded = await server.next<{
      url: string;
      rootId: string;
      community: string;
      people: number;
      communityPeople: number;
      queries: Record<'name' | 'surname' | 'last4' | 'doorCode' | 'address', string>;
      seedMs: number;
    }>();
    const { url, rootId, community, queries } = seeded;
    emit({
      figure: 'search.seedLijiang',
      value: seeded.seedMs,
      unit: 'ms',
      people: seeded.people,
      communityPeople: seeded.communityPeople,
    });
    const { token } = (await postJson(agent, `${url}/_gateway/login`, {
      openid: SCALE_COMMAND.openid,
    })) as { token: string };
    const search = async (gridId: string, query: string, kind: string) => {
      const reply = (await postJson(
        agent,
        `${url}/_gateway/functions/search`,
        { action: 'find', gridId, query, kind, page: 1 },
        token,
      )) as Reply;
      if (reply.result?.ok !== true) throw new Error(`search failed: ${JSON.stringify(reply)}`);
      return reply.result.data ?? {};
    };
    const once = async (gridId: string, query: string, kind: string) => {
      const before = await databaseCalls(url);
      const data = await search(gridId, query, kind);
      return { calls: (await databaseCalls(url)) - before, total: data.total ?? 0 };
    };
    const timed = async (gridId: string, query: string, kind: string) => {
      await closedLoop(20, IN_FLIGHT, async () => void (await search(gridId, query, kind)));
      return closedLoop(REQUESTS, IN_FLIGHT, async () => void (await search(gridId, query, kind)));
    };

    // The floor this server sets at this size: a node's detail (5 DB calls, all by id) at the root.
    const detail = async () => {
      const reply = (await postJson(
        agent,
        `${url}/_gateway/functions/grids`,
        { action: 'detail', gridId: rootId },
        token,
      )) as Reply;
      if (reply.result?.ok !== true) throw new Error('grids.detail failed');
    };
    progress(`search: the floor, ${REQUESTS} grids.detail at the root`);
    await closedLoop(20, IN_FLIGHT, detail);
    const floor = await closedLoop(REQUESTS, IN_FLIGHT, detail);
    emit({
      figure: 'search.floor.gridDetail',
      value: floor.p99,
      unit: 'ms p99',
      p50: floor.p50,
      perSecond: floor.perSecond,
      inFlight: IN_FLIGHT,
      target: '(baseline: the same server, a read of 5 DB calls by id)',
    });

    for (const [name, query, kind] of [
      ['namePrefix', queries.name, 'people'],
      ['phoneLast4', queries.last4, 'people'],
      ['doorCode', queries.doorCode, 'households'],
    ] as const) {
      const atRoot = await once(rootId, query, kind);
      const atCommunity = await once(community, query, kind);
      progress(`search.${name} "${query}": ${REQUESTS} at the root, then at a community`);
      const root = await timed(rootId, query, kind);
      const small = await timed(community, query, kind);
      const same = atRoot.calls === atCommunity.calls;
      for (const [where, s, found] of [
        ['lijiangRoot', root, atRoot.total],
        ['community', small, atCommunity.total],
      ] as const)
        emit({
          figure: `search.${name}.${where}`,
          value: s.p99,
          unit: 'ms p99',
          p50: s.p50,
          perSecond: s.perSecond,
          inFlight: IN_FLIGHT,
          query,
          found,
          dbCalls: { root: atRoot.calls, community: atCommunity.calls },
          target: `p99 <= ${TARGET_P99_MS} ms, the same DB calls at the root and a community`,
          p50OverFloor: round(s.p50 / floor.p50, 2),
          meetsTarget: s.p99 <= TARGET_P99_MS && same,
        });
    }

    // The broadest a search gets: one character of a name (a surname). Refused over a node of more
    // than 5,000 people (it would read some 26,000 index entries at the root); a community's.
    const refused = (await postJson(
      agent,
      `${url}/_gateway/functions/search`,
      { action: 'find', gridId: rootId, query: queries.surname, kind: 'people', page: 1 },
      token,
    )) as Reply;
    const broad = await once(community, queries.surname, 'people');
    progress(`search.surname "${queries.surname}": ${REQUESTS} at a community`);
    const s = await timed(community, queries.surname, 'people');
    emit({
      figure: 'search.surname.community',
      value: s.p99,
      unit: 'ms p99',
      p50: s.p50,
      perSecond: s.perSecond,
      inFlight: IN_FLIGHT,
      query: queries.surname,
      found: broad.total,
      dbCalls: broad.calls,
      p50OverFloor: round(s.p50 / floor.p50, 2),
      atRoot: refused.result?.ok === false ? `refused (${refused.result.code ?? ''})` : 'answered',
      target: '(the broadest query allowed: one character where at most 5,000 people live)',
    });
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}
