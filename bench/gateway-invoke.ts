import http from 'node:http';
import { DEMO_LOGINS } from '../scripts/demo/jiujiang';
import { startCpuMeter } from './cpu';
import { closedLoop } from './load';
import { emit, progress, ratio, round } from './report';
import { postJson } from './http';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';

const WARMUP = 400;
const INVOCATIONS = 4_000;
const IN_FLIGHT = 16;
const TARGET_PER_SECOND = 500;
const TARGET_P99_MS = 50;

interface GatewayReply {
  errMsg?: string;
  result?: { ok?: boolean; data?: { registered?: boolean; name?: string } };
}

/**
 * (c) Warm whoami invocations through the h5 gateway, as the h5 preview makes them: HTTP with a
 * logged-in demo user's token. Each one is a worker-thread invocation whose SDK reads the database
 * back over HTTP (user, own grid, ancestor grids).
 */
export async function benchGateway(baseline: number, nodeArgs: readonly string[]): Promise<void> {
  const dir = tempDir('gateway');
  const server = spawnTs('demo-server-child.ts', [dir], cleanEnv(), nodeArgs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    const { url } = await server.next<{ url: string }>();
    const user = DEMO_LOGINS[0];
    if (!user) throw new Error('no demo user');
    const { token } = (await postJson(agent, `${url}/_gateway/login`, { openid: user.openid })) as {
      token: string;
    };
    const whoami = () =>
      postJson(agent, `${url}/_gateway/functions/whoami`, {}, token) as Promise<GatewayReply>;

    const first = await whoami();
    if (first.result?.data?.name !== user.name || first.result.data.registered !== true) {
      throw new Error(`whoami answered ${JSON.stringify(first)}`);
    }
    const invoke = async () => {
      const reply = await whoami();
      if (reply.result?.ok !== true) throw new Error(`whoami failed: ${JSON.stringify(reply)}`);
    };
    progress(`gateway: ${WARMUP} warm-up, ${INVOCATIONS} whoami with ${IN_FLIGHT} in flight`);
    await closedLoop(WARMUP, IN_FLIGHT, invoke);
    const cpu = startCpuMeter(server.child.pid);
    const s = await closedLoop(INVOCATIONS, IN_FLIGHT, invoke);
    const cpuPerOp = cpu(INVOCATIONS);
    emit({
      figure: 'gateway.whoami.warm',
      value: round(s.perSecond),
      unit: 'invocations/s',
      p50: s.p50,
      p99: s.p99,
      invocations: s.count,
      inFlight: IN_FLIGHT,
      ratioToBaseline: ratio(s.perSecond, baseline),
      cpuPerOp,
      target: `>= ${TARGET_PER_SECOND}/s with p99 <= ${TARGET_P99_MS} ms`,
      meetsTarget: s.perSecond >= TARGET_PER_SECOND && s.p99 <= TARGET_P99_MS,
    });
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}
