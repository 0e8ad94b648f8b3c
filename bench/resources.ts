import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { killAllEmulatorsNow } from '../tests/helpers/process-emulator';

/**
 * Everything the bench starts or creates, so that one synchronous sweep on exit (normal, thrown or
 * Ctrl-C) leaves no process running and no temp folder behind.
 */
export const ROOT = path.resolve(__dirname, '..');

const children = new Set<ChildProcess>();
const dirs = new Set<string>();

/** Temp folders carry the bench's pid, so a later run can tell which ones a killed run left. */
const TEMP_PREFIX = 'gridguard-bench-';

export function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${TEMP_PREFIX}${process.pid}-${name}-`));
  dirs.add(dir);
  return dir;
}

/** Removes folders left by bench runs that were SIGKILLed (a 1 M document folder is ~300 MB). */
function sweepAbandonedTempDirs(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(/^gridguard-bench-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid))
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive but someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

export function releaseAll(): void {
  killAllEmulatorsNow();
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

export function installCleanup(): void {
  sweepAbandonedTempDirs();
  process.once('exit', releaseAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      releaseAll();
      process.exit(code);
    });
  }
}

/** A TypeScript child that talks in JSON lines: requests on stdin, answers on stdout. */
export interface JsonChild {
  child: ChildProcess;
  /** The next JSON line on stdout, parsed. */
  next<T>(): Promise<T>;
  send(message: unknown): void;
  /** SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

const CHILD_STOP_TIMEOUT_MS = 5_000;

export function spawnTs(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): JsonChild {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'bench', script), ...args],
    {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      children.delete(child);
      resolve();
    });
  });
  const lines: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let ended = false;
  const reader = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  reader.on('line', (line) => {
    // Anything else a child prints (a function's console.log in the demo server) is not an answer.
    if (!line.startsWith('{')) return;
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(line);
    else lines.push(line);
  });
  void exited.then(() => {
    ended = true;
    for (const waiter of waiting.splice(0))
      waiter.reject(new Error(`${script} exited before answering`));
  });

  return {
    child,
    next<T>() {
      const line = lines.shift();
      const text =
        line !== undefined
          ? Promise.resolve(line)
          : ended
            ? Promise.reject(new Error(`${script} has exited`))
            : new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
      return text.then((t) => JSON.parse(t) as T);
    },
    send(message) {
      child.stdin?.write(`${JSON.stringify(message)}\n`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Our environment without any SDK redirection, for children that get their own. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(WX_|TCB_|TENCENTCLOUD_|SCF_)/.test(key)) env[key] = value;
  }
  return env;
}
