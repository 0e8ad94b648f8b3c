import http from 'node:http';
import { addDays, chinaDay, chinaDayStart } from '@gridguard/types';
import { SCALE_COMMAND } from '../scripts/demo/scale';
import { seededRandom } from '../scripts/demo/day-activity';
import { postJson } from './http';
import { closedLoop } from './load';
import { summarize, type LatencySummary } from './stats';
import { emit, progress } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';

/** Members knocking at once in the capacity run: a tenth of the 254. */
const IN_FLIGHT = 24;
/** Shares of first knocks: nobody home (revisited later by a leader above), refused. */
const NO_HOME = 0.1;
const REFUSED = 0.02;
/** Every twentieth visit is sent twice, as a retry or an offline queue flushed twice would. */
const REPEAT_EVERY = 20;
const TARGET_PER_MINUTE = 200;
const TARGET_P99_MS = 300;

interface Reply {
  result?: { ok: boolean; code?: string; message?: string; data?: unknown };
}
interface Visit {
  openid: string;
  targetId: string;
  clientId: string;
  outcome: 'entered' | 'noHome' | 'refused';
  knockedAt: number;
}

/**
 * Issue 16's figure: the Jiujiang burst (seed 000): 254 leaders washing 6,776 households in two
 * simulated days, through gateway → function → SDK → emulator. Knock times fall over yesterday
 * and today (China days) with the morning and afternoon peaks, and travel with the visits as an
 * offline phone sends them. Afterwards the campaign's coverage and the stored visits are counted:
 * every door once, none lost, none doubled, every 无人在家 revisited.
 */
export async function benchSweepBurst(nodeArgs: readonly string[]): Promise<void> {
  const dir = tempDir('sweep');
  const server = spawnTs('sweep-server-child.ts', [dir], cleanEnv(), nodeArgs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    progress('sweep burst: seeding a Jiujiang town of 254 leaders and 6,776 households');
    const seeded = await server.next<{
      url: string;
      rootId: string;
      members: { openid: string; doors: string[] }[];
      doors: number;
    }>();
    const { url } = seeded;
    const tokens = new Map<string, string>();
    const login = async (openid: string) => {
      const { token } = (await postJson(agent, `${url}/_gateway/login`, { openid })) as {
        token: string;
      };
      tokens.set(openid, token);
    };
    const call = async (openid: string, name: string, body: Record<string, unknown>) => {
      const reply = (await postJson(
        agent,
        `${url}/_gateway/functions/${name}`,
        body,
        tokens.get(openid),
      )) as Reply;
      if (reply.result?.ok !== true) throw new Error(`${name} failed: ${JSON.stringify(reply)}`);
      return reply.result.data;
    };

    await login(SCALE_COMMAND.openid);
    for (const m of seeded.members) await login(m.openid);
    const today = chinaDay(Date.now());
    const yesterday = addDays(today, -1);
    const campaign = (await call(SCALE_COMMAND.openid, 'campaigns', {
      action: 'start',
      gridId: seeded.rootId,
      key: 'bench-sweep-burst',
      name: '老旧楼宇洗楼',
      kind: 'household',
      startDay: yesterday,
      endDay: today,
      rounds: 1,
      checklist: [
        { label: '是否有外地返乡人员', kind: 'yesNo' },
        { label: '是否有发热', kind: 'yesNo' },
      ],
    })) as { id: string; checklist: { id: string }[] };
    const answers = campaign.checklist.map((item) => ({ item: item.id, yes: false }));

    const { first, revisits } = plan(seeded.members, yesterday, today);
    const send = (v: Visit) =>
      call(v.openid, 'campaigns', {
        action: 'visit',
        campaignId: campaign.id,
        round: 1,
        targetId: v.targetId,
        clientId: v.clientId,
        knockedAt: v.knockedAt,
        outcome: v.outcome,
        ...(v.outcome === 'entered' && { answers }),
        ...(v.outcome === 'refused' && { reason: '不愿开门' }),
      }).then(() => undefined);

    progress(`sweep burst: the peak minute, ${TARGET_PER_MINUTE} visits paced over 60 s`);
    const peak = await paced(first.slice(0, TARGET_PER_MINUTE), 60_000, send);
    const rest = first.slice(TARGET_PER_MINUTE);
    progress(`sweep burst: ${rest.length} more first knocks, ${IN_FLIGHT} members at a time`);
    const knocks = await closedLoop(rest.length, IN_FLIGHT, (i) => send(rest[i] as Visit));
    progress(`sweep burst: ${revisits.length} revisits of the doors nobody opened`);
    const again = await closedLoop(revisits.length, IN_FLIGHT, (i) => send(revisits[i] as Visit));

    const coverage = (
      (await call(SCALE_COMMAND.openid, 'campaigns', {
        action: 'coverage',
        campaignId: campaign.id,
        gridId: seeded.rootId,
        page: 1,
      })) as { node: { figures: Record<string, number> } }
    ).node.figures;
    const stored = await countStored(url);
    // Each door once: the copies sent twice are not doors of their own.
    const refused = new Set(first.filter((v) => v.outcome === 'refused').map((v) => v.targetId))
      .size;
    const distinctFirst = new Set(first.map((v) => v.clientId)).size;
    // Capacity: the unpaced runs, as fast as 24 members at a time get answers.
    const perMinute = Math.round(
      ((rest.length + revisits.length) * 60_000) / (knocks.elapsedMs + again.elapsedMs),
    );
    const whole =
      stored === seeded.doors &&
      coverage['entered'] === seeded.doors - refused &&
      coverage['refused'] === refused &&
      coverage['noHome'] === 0;
    emit({
      figure: 'campaigns.jiujiangBurst',
      value: peak.p99,
      unit: 'ms p99 at the peak of 200 visits/min',
      peakP50: peak.p50,
      peakMax: peak.max,
      capacityPerMinute: perMinute,
      capacityP99: Math.max(knocks.p99, again.p99),
      inFlight: IN_FLIGHT,
      members: seeded.members.length,
      doors: seeded.doors,
      sent: first.length + revisits.length,
      resentDuplicates: first.length - distinctFirst,
      revisits: revisits.length,
      storedVisits: stored,
      coverage,
      lostOrDoubled: stored - seeded.doors,
      target: `p99 <= ${TARGET_P99_MS} ms at ${TARGET_PER_MINUTE} visits/min, capacity above it; every door once`,
      meetsTarget: peak.p99 <= TARGET_P99_MS && perMinute >= TARGET_PER_MINUTE && whole,
    });
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}

/**
 * Who knocks where and when: each group's leader at each of its doors once, some sent twice; the
 * doors nobody opened revisited by the leader of the village or of the town, in turn. Knock times over the two days
 * cluster at 9–11 and 15–17 China time, the way door-to-door rounds run.
 */
function plan(members: { openid: string; doors: string[] }[], yesterday: string, today: string) {
  const next = seededRandom(254);
  const now = Date.now();
  const knockTime = (): number => Math.floor(anyKnockTime());
  const anyKnockTime = (): number => {
    const day = next() < 0.5 ? yesterday : today;
    const peak = next() < 0.5 ? 9 : 15;
    const at = chinaDayStart(day).getTime() + (peak + next() * 2) * 3_600_000;
    // Today's afternoon may not have come yet: such a knock happened this morning instead.
    return at <= now
      ? at
      : chinaDayStart(today).getTime() + next() * (now - chinaDayStart(today).getTime());
  };
  const first: Visit[] = [];
  const revisits: Visit[] = [];
  // oLead-g-scale-3-7 leads a group of village oLead-g-scale-3, in town oLead-g-scale.
  const above = (openid: string, levels: number) =>
    Array.from({ length: levels }).reduce<string>((id) => id.replace(/-\d+$/, ''), openid);
  for (const m of members) {
    for (const targetId of m.doors) {
      const r = next();
      const outcome = r < NO_HOME ? 'noHome' : r < NO_HOME + REFUSED ? 'refused' : 'entered';
      const visit: Visit = {
        openid: m.openid,
        targetId,
        clientId: `k1-${targetId}`,
        outcome,
        knockedAt: knockTime(),
      };
      first.push(visit);
      if (first.length % REPEAT_EVERY === 0) first.push({ ...visit });
      if (outcome === 'noHome') {
        const openid = above(m.openid, 1 + (revisits.length % 2));
        revisits.push({
          openid,
          targetId,
          clientId: `k2-${targetId}`,
          outcome: 'entered',
          knockedAt: Math.min(now, visit.knockedAt + 3_600_000),
        });
      }
    }
  }
  // Members knock in parallel, not group after group: interleave the first knocks.
  first.sort((a, b) => a.knockedAt - b.knockedAt);
  return { first, revisits };
}

/**
 * An open loop: the visits start at a fixed pace whatever the answers take, as members on the
 * street do; each one's latency is its own.
 */
async function paced(
  visits: readonly Visit[],
  overMs: number,
  send: (v: Visit) => Promise<void>,
): Promise<LatencySummary> {
  const gap = overMs / visits.length;
  const started = performance.now();
  const latencies = await Promise.all(
    visits.map(async (v, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * gap));
      const t = performance.now();
      await send(v);
      return performance.now() - t;
    }),
  );
  return summarize(latencies, performance.now() - started);
}

/** How many visits the emulator holds, from its own control endpoint (not through a function). */
async function countStored(url: string): Promise<number> {
  const res = await fetch(`${url}/_emulator/count?collection=visits`);
  return ((await res.json()) as { total: number }).total;
}
