import http from 'node:http';
import { postJson } from './http';
import { emit, progress } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';
import { summarize } from './stats';

const VOLUNTEERS = 200;
const ERRANDS = 20;
const TARGET_P99_MS = 100;

interface ClaimReply {
  result?: { ok: boolean; code?: string; data?: { id: string } };
}

/**
 * Issue 6's figure: 200 volunteers tap 抢单 on 20 open errands at the same moment (each on one
 * errand, ten to an errand), through gateway → function → SDK → emulator. Exactly 20 may win.
 */
export async function benchErrandStorm(nodeArgs: readonly string[]): Promise<void> {
  const dir = tempDir('errands');
  const server = spawnTs(
    'errand-server-child.ts',
    [dir, String(VOLUNTEERS), String(ERRANDS)],
    cleanEnv(),
    nodeArgs,
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: VOLUNTEERS });
  try {
    const { url, errandIds, volunteers } = await server.next<{
      url: string;
      errandIds: string[];
      volunteers: string[];
    }>();
    const tokens = await Promise.all(
      volunteers.map(
        async (openid) =>
          ((await postJson(agent, `${url}/_gateway/login`, { openid })) as { token: string }).token,
      ),
    );
    // Warm every worker and connection with a read, so the storm measures claims, not start-up.
    await Promise.all(
      tokens
        .slice(0, 20)
        .map((t) =>
          postJson(agent, `${url}/_gateway/functions/errands`, { action: 'pool', page: 1 }, t),
        ),
    );
    progress(`errand storm: ${VOLUNTEERS} volunteers on ${ERRANDS} errands at once`);
    const started = performance.now();
    const outcomes = await Promise.all(
      tokens.map(async (token, i) => {
        const t = performance.now();
        const reply = (await postJson(
          agent,
          `${url}/_gateway/functions/errands`,
          { action: 'claim', errandId: errandIds[i % ERRANDS] },
          token,
        )) as ClaimReply;
        return {
          ms: performance.now() - t,
          ok: reply.result?.ok === true,
          code: reply.result?.code,
          volunteer: volunteers[i],
          errand: errandIds[i % ERRANDS],
        };
      }),
    );
    const s = summarize(
      outcomes.map((o) => o.ms),
      performance.now() - started,
    );
    const winners = outcomes.filter((o) => o.ok);
    const perErrand = new Map<string, number>();
    for (const w of winners)
      perErrand.set(w.errand as string, (perErrand.get(w.errand as string) ?? 0) + 1);
    const unexpected = outcomes.filter((o) => !o.ok && o.code !== 'CONFLICT').length;
    emit({
      figure: 'errands.claimStorm',
      value: s.p99,
      unit: 'ms p99',
      p50: s.p50,
      claims: outcomes.length,
      winners: winners.length,
      errandsWonOnce: [...perErrand.values()].filter((n) => n === 1).length,
      otherErrors: unexpected,
      wallMs: Math.round(s.elapsedMs),
      target: `exactly ${ERRANDS} winners, p99 <= ${TARGET_P99_MS} ms`,
      meetsTarget:
        winners.length === ERRANDS &&
        perErrand.size === ERRANDS &&
        unexpected === 0 &&
        s.p99 <= TARGET_P99_MS,
    });
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}
