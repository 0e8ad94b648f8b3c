import http from 'node:http';
import { seededRandom } from '../scripts/demo/day-activity';
import { postJson } from './http';
import { emit, progress } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';
import { summarize } from './stats';

/** Entries a second across the town at the morning peak. */
const PER_SECOND = 50;
/** Shares of passages: vehicles (the rest are residents found by name), fevers. */
const VEHICLES = 0.25;
const FEVERS = 0.02;
/** Every twentieth entry is sent again with the same clientId, as a phone retrying would. */
const REPEAT_EVERY = 20;
const TARGET_P99_MS = 300;
/** Seconds of the same traffic before the measured run. */
const WARM_UP_SECONDS = 3;

interface Site {
  siteId: string;
  staff: string;
  residents: string[];
}
interface Entry {
  staff: string;
  body: Record<string, unknown>;
  clientId: string;
}
interface Outcome {
  ok: boolean;
  replay: boolean;
  error: string;
  ms: number;
}
interface Reply {
  result?: { ok: boolean; code?: string; message?: string; data?: { replay?: boolean } };
}

/**
 * Issue 17's rush: a town of 200 卡口 (seed 002) at the morning peak, 50 entries a second
 * through gateway → function → SDK → emulator, each `checkpoints.log` as the gate's contract
 * says (residents by name with their personId, vehicles with plate and passengers, a few fevers
 * turned back); one in twenty sent twice with its clientId, after three seconds of the same to
 * warm the function instances (reported apart). Afterwards the stored entries are
 * counted: each clientId once, none lost, none doubled. BENCH_CHECKPOINT_SECONDS (default 60)
 * sets the length, BENCH_CHECKPOINT_VILLAGES (default 10, 20 sites each) the town's size.
 */
export async function benchCheckpointRush(nodeArgs: readonly string[]): Promise<void> {
  const seconds = Number(process.env['BENCH_CHECKPOINT_SECONDS'] ?? '60');
  const villages = process.env['BENCH_CHECKPOINT_VILLAGES'] ?? '10';
  const dir = tempDir('checkpoint-rush');
  const server = spawnTs('checkpoint-server-child.ts', [dir, villages], cleanEnv(), nodeArgs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    progress(`checkpoint rush: seeding a town of ${Number(villages) * 20} sites`);
    const seeded = await server.next<{ url: string; sites: Site[] }>();
    const { url } = seeded;
    const tokens = new Map<string, string>();
    for (const staff of new Set(seeded.sites.map((s) => s.staff))) {
      const { token } = (await postJson(agent, `${url}/_gateway/login`, { openid: staff })) as {
        token: string;
      };
      tokens.set(staff, token);
    }

    const send = async (e: Entry): Promise<Outcome> => {
      const t = performance.now();
      try {
        const reply = (await postJson(
          agent,
          `${url}/_gateway/functions/checkpoints`,
          { action: 'log', ...e.body },
          tokens.get(e.staff),
        )) as Reply;
        const result = reply.result;
        return {
          ok: result?.ok === true,
          replay: result?.data?.replay === true,
          error: result?.ok ? '' : `${result?.code ?? '?'} ${result?.message ?? ''}`,
          ms: performance.now() - t,
        };
      } catch (err) {
        return { ok: false, replay: false, error: String(err), ms: performance.now() - t };
      }
    };
    // The first seconds start function instances one after another: measured apart, stored alike.
    const warm = plan(seeded.sites, WARM_UP_SECONDS * PER_SECOND, 'warm');
    progress(`checkpoint rush: ${warm.length} calls to warm the function instances`);
    const warmed = await paced(warm, send);
    const entries = plan(seeded.sites, Math.round(seconds * PER_SECOND), 'rush');
    progress(`checkpoint rush: ${entries.length} calls paced at ${PER_SECOND}/s`);
    const started = performance.now();
    const outcomes = await paced(entries, send);
    const latency = summarize(
      outcomes.map((o) => o.ms),
      performance.now() - started,
    );
    const all = [...warm, ...entries];
    const everyOutcome = [...warmed, ...outcomes];
    const stored = await countStored(url);
    const distinct = new Set(all.map((e) => e.clientId)).size;
    const failures = everyOutcome.filter((o) => !o.ok);
    const replays = everyOutcome.filter((o) => o.replay).length;
    const whole = failures.length === 0 && stored === distinct && replays === all.length - distinct;
    emit({
      figure: 'checkpoint.morningRush',
      value: latency.p99,
      unit: `ms p99 at ${PER_SECOND} entries/s`,
      p50: latency.p50,
      max: latency.max,
      achievedPerSecond: latency.perSecond,
      sites: seeded.sites.length,
      seconds,
      warmUpP99: summarize(
        warmed.map((o) => o.ms),
        1,
      ).p99,
      sent: all.length,
      distinctClientIds: distinct,
      replays,
      storedEntries: stored,
      lostOrDoubled: stored - distinct,
      failures: failures.length,
      firstFailure: failures[0]?.error ?? null,
      target: `p99 <= ${TARGET_P99_MS} ms at ${PER_SECOND}/s; each clientId stored once, retries answered as replays`,
      meetsTarget: latency.p99 <= TARGET_P99_MS && whole,
    });
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}

/** An open loop: the entries start at the gates' pace whatever the answers take. */
function paced(entries: readonly Entry[], send: (e: Entry) => Promise<Outcome>) {
  return Promise.all(
    entries.map(async (e, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 1000) / PER_SECOND));
      return send(e);
    }),
  );
}

/** The passages in order of sending, each site's by its own staff; every twentieth sent twice. */
function plan(sites: readonly Site[], total: number, prefix: string): Entry[] {
  const next = seededRandom(prefix === 'warm' ? 1 : 2);
  const out: Entry[] = [];
  for (let i = 0; out.length < total; i += 1) {
    const site = sites[Math.floor(next() * sites.length)] as Site;
    const fever = next() < FEVERS;
    const temperature = fever ? 37.8 : Math.round((36 + next() * 1.1) * 10) / 10;
    const clientId = `${prefix}-${i}`;
    const common = {
      siteId: site.siteId,
      clientId,
      direction: next() < 0.6 ? 'in' : 'out',
      temperature,
    };
    const vehicle = next() < VEHICLES || site.residents.length === 0;
    const body = vehicle
      ? {
          ...common,
          kind: 'vehicle',
          vehicle: {
            plate: `粤D${String(10000 + i).slice(-5)}`,
            passengers: 1 + Math.floor(next() * 4),
          },
        }
      : {
          ...common,
          kind: 'resident',
          via: 'name',
          personId: site.residents[Math.floor(next() * site.residents.length)],
        };
    const entry = { staff: site.staff, body, clientId };
    out.push(entry);
    if (out.length % REPEAT_EVERY === 0 && out.length < total) out.push({ ...entry });
  }
  return out;
}

/** Entries the emulator holds, from its own control endpoint (not through a function). */
async function countStored(url: string): Promise<number> {
  const res = await fetch(`${url}/_emulator/count?collection=checkpointEntries`);
  return ((await res.json()) as { total: number }).total;
}
