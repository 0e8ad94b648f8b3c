import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU time per operation: unlike throughput, it barely moves when other jobs share the machine, so
 * it is the figure to compare between runs and to find which side of a request is expensive.
 */
export interface CpuPerOp {
  /** The emulator process, all threads (function workers included); absent without /proc. */
  serverUs?: number;
  /** The load generator (SDK client or HTTP client). */
  clientUs: number;
  /** What this machine's cores could sustain if nothing else ran: cores / (server + client). */
  ceilingOpsPerSec?: number;
}

/** Linux's USER_HZ; /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

function processCpuUs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Starts counting; call the result with the number of operations done to get the per-op cost. */
export function startCpuMeter(serverPid: number | undefined): (ops: number) => CpuPerOp {
  const server0 = serverPid === undefined ? undefined : processCpuUs(serverPid);
  const client0 = process.cpuUsage();
  return (ops) => {
    const client = process.cpuUsage(client0);
    const clientUs = (client.user + client.system) / ops;
    const server1 = serverPid === undefined ? undefined : processCpuUs(serverPid);
    const serverUs =
      server0 === undefined || server1 === undefined ? undefined : (server1 - server0) / ops;
    const r = (v: number) => Math.round(v);
    return {
      ...(serverUs !== undefined && {
        serverUs: r(serverUs),
        ceilingOpsPerSec: r((os.availableParallelism() * 1e6) / (serverUs + clientUs)),
      }),
      clientUs: r(clientUs),
    };
  };
}
