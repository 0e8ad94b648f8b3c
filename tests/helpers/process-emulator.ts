import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/**
 * The emulator's command line run as a real child process, for tests that need to kill it, restart
 * it or talk to it from another process. Free of jest globals so `npm run bench` can reuse it.
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI_PATH = path.join(REPO_ROOT, 'emulator', 'dist', 'cli.js');

/** What the first stdout line must carry for an unmodified wx-server-sdk to reach the emulator. */
export const REQUIRED_SDK_ENV_KEYS = [
  'TCB_CONTEXT_CNFG',
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
  'TENCENTCLOUD_RUNENV',
] as const;

export type SdkEnv = Record<string, string>;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmulatorProcess {
  readonly child: ChildProcess;
  /** The first stdout line, parsed. */
  readonly env: SdkEnv;
  /** e.g. http://127.0.0.1:41234, taken from TCB_CONTEXT_CNFG. */
  readonly origin: string;
  /** From spawn to the env line, in ms. */
  readonly readyMs: number;
  readonly exited: Promise<ExitStatus>;
  /** Sends `signal` (unless the process already ended) and resolves with how it ended. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
  /** The tail of stderr, for failure messages. */
  stderr(): string;
}

export interface EmulatorProcessOptions {
  dataDir: string;
  /** Extra CLI arguments, e.g. ['--no-timers']. */
  args?: readonly string[];
  readyTimeoutMs?: number;
  /** Copy the emulator's stderr to ours (the bench does; tests keep it for failure messages). */
  echoStderr?: boolean;
  /** Flags for node itself, e.g. ['--cpu-prof'] to profile the emulator. */
  nodeArgs?: readonly string[];
}

const STDERR_TAIL_CHARS = 16_000;
/** Start-up is ~0.2 s even over a million documents; this only bounds a broken start. */
const READY_TIMEOUT_MS = 20_000;
/** A SIGTERM that has not ended the process by then is a hang, not a slow shutdown. */
const STOP_TIMEOUT_MS = 10_000;

const running = new Set<ChildProcess>();

export function assertEmulatorBuilt(): void {
  if (!fs.existsSync(CLI_PATH)) {
    throw new Error(
      `${CLI_PATH} is missing: run npm run build:functions && npm run build:emulator`,
    );
  }
}

/** Spawns `node emulator/dist/cli.js --port 0 --data <dataDir>` and waits for its env line. */
export function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  assertEmulatorBuilt();
  const started = performance.now();
  const args = [
    ...(options.nodeArgs ?? []),
    CLI_PATH,
    '--port',
    '0',
    '--data',
    options.dataDir,
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: emulatorEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
    if (options.echoStderr) process.stderr.write(text);
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return withTimeout(exited, STOP_TIMEOUT_MS, () => {
      child.kill('SIGKILL');
      return new Error(`the emulator did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}`);
    });
  };

  return new Promise<EmulatorProcess>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\nemulator stderr:\n${stderrTail}`));
    };
    const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
    const timer = setTimeout(
      () => fail(new Error(`no env line within ${readyTimeoutMs} ms`)),
      readyTimeoutMs,
    );
    void exited.then((status) =>
      fail(new Error(`the emulator exited before printing its env: ${JSON.stringify(status)}`)),
    );
    lines.once('line', (line) => {
      if (settled) return;
      const readyMs = performance.now() - started;
      let env: SdkEnv;
      try {
        env = parseEnvLine(line);
      } catch (e) {
        fail(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      settled = true;
      clearTimeout(timer);
      // Later lines are for people; reading them keeps the pipe from filling up.
      lines.on('line', () => undefined);
      resolve({
        child,
        env,
        origin: originOf(env),
        readyMs,
        exited,
        stop,
        stderr: () => stderrTail,
      });
    });
  });
}

/** The first stdout line: a flat JSON object of strings. */
export function parseEnvLine(line: string): SdkEnv {
  const value = JSON.parse(line) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`env line is not an object: ${line}`);
  const env: SdkEnv = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new Error(`env ${key} is not a string: ${line}`);
    env[key] = v;
  }
  return env;
}

export function originOf(env: SdkEnv): string {
  const config = JSON.parse(env['TCB_CONTEXT_CNFG'] ?? '{}') as { URL?: unknown };
  if (typeof config.URL !== 'string') throw new Error('TCB_CONTEXT_CNFG has no URL');
  return new URL(config.URL).origin;
}

/** SIGKILLs every emulator this module started that is still running (afterAll, bench cleanup). */
export async function killAllEmulators(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Synchronous variant for process 'exit' handlers, where nothing can be awaited. */
export function killAllEmulatorsNow(): void {
  for (const child of running) child.kill('SIGKILL');
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The emulator's own environment without any SDK redirection a test may have put into ours, so a
 * test process that talks to one emulator never leaks its settings into the next one.
 */
function emulatorEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(WX_|TCB_|TENCENTCLOUD_|SCF_)/.test(key)) env[key] = value;
  }
  return env;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
