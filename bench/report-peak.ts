import http from 'node:http';
import { SCALE_COMMAND } from '../scripts/demo/scale';
import { postJson } from './http';
import { closedLoop } from './load';
import { emit, progress } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';

const REPORTS = 6_000;
const IN_FLIGHT = 16;
/** Every tenth report is sent twice, as a retry or a double tap would. */
const REPEAT_EVERY = 10;
const TARGET_PER_SECOND = 300;
const TARGET_P99_MS = 150;

interface Reply {
  result?: { ok: boolean; code?: string };
}

/**
 * Issue 5's figure: the morning peak of 一日一报 through gateway → function → SDK → emulator, for a
 * Jiujiang-size population (reports made by the command centre on people's behalf, so one login
 * reaches everyone). Afterwards, the stored reports are counted: none lost, none doubled.
 */
export async function benchReportPeak(nodeArgs: readonly string[]): Promise<void> {
  const dir = tempDir('reports');
  const server = spawnTs('report-server-child.ts', [dir], cleanEnv(), nodeArgs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    progress('report peak: seeding a Jiujiang-size population');
    const { url, population, personIds } = await server.next<{
      url: string;
      population: number;
      personIds: string[];
    }>();
    const { token } = (await postJson(agent, `${url}/_gateway/login`, {
      openid: SCALE_COMMAND.openid,
    })) as { token: string };
    const submit = async (personId: string) => {
      const reply = (await postJson(
        agent,
        `${url}/_gateway/functions/reports`,
        { action: 'submit', personId, temperature: 36.5, symptoms: [] },
        token,
      )) as Reply;
      if (reply.result?.ok !== true) throw new Error(`submit failed: ${JSON.stringify(reply)}`);
    };
    const order = Array.from(
      { length: REPORTS },
      (_, i) =>
        personIds[(i % REPEAT_EVERY === REPEAT_EVERY - 1 ? i - 1 : i) % personIds.length] as string,
    );
    await closedLoop(200, IN_FLIGHT, (i) => submit(personIds[personIds.length - 1 - i] as string));
    progress(`report peak: ${REPORTS} reports with ${IN_FLIGHT} in flight`);
    const s = await closedLoop(REPORTS, IN_FLIGHT, (i) => submit(order[i] as string));
    const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as {
      actions: Record<string, number>;
    };
    const distinct = new Set([...order, ...personIds.slice(-200)]).size;
    const stored = await countStored(url);
    emit({
      figure: 'reports.morningPeak',
      value: s.perSecond,
      unit: 'reports/s',
      p50: s.p50,
      p99: s.p99,
      reports: s.count,
      inFlight: IN_FLIGHT,
      population,
      distinctPeople: distinct,
      storedReports: stored,
      lostOrDuplicated: stored - distinct,
      dbRequests: Object.entries(stats.actions)
        .filter(([a]) => a.startsWith('database.'))
        .reduce((n, [, c]) => n + c, 0),
      target: `>= ${TARGET_PER_SECOND}/s with p99 <= ${TARGET_P99_MS} ms, none lost or doubled`,
      meetsTarget:
        s.perSecond >= TARGET_PER_SECOND && s.p99 <= TARGET_P99_MS && stored === distinct,
    });
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}

/** How many reports the emulator holds, from its own control endpoint (not through a function). */
async function countStored(url: string): Promise<number> {
  const res = await fetch(`${url}/_emulator/count?collection=healthReports`);
  return ((await res.json()) as { total: number }).total;
}
