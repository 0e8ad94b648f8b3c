import { Cron } from 'croner';
import type { Clock, TimerHandle } from '../clock';
import type { FunctionRuntime } from '../functions/runtime';
import { TIMER_RETRIES, TIMER_RETRY_DELAY_MS, TIMER_TIMEZONE } from '../limits';

export interface TimerTrigger {
  functionName: string;
  triggerName: string;
  /** WeChat's 7-field cron: second minute hour day month weekday year, in UTC+8. */
  cron: string;
  message: string;
}

export interface TimerAttempt {
  functionName: string;
  triggerName: string;
  /** The scheduled time, ISO UTC, as the event's Time carries it. */
  time: string;
  attempt: number;
  ok: boolean;
  error?: string;
}

/**
 * Fires each function's timer trigger from its config.json on the emulator's clock, with the timer
 * event and SOURCE wx_trigger. A failed run (error or timeout) is retried twice, a minute apart,
 * as asynchronous SCF invocations are: functions must be idempotent.
 */
export class TimerScheduler {
  readonly history: TimerAttempt[] = [];
  private handles = new Map<string, TimerHandle>();
  private retries = new Set<TimerHandle>();
  private inFlight = new Set<Promise<void>>();
  private running = false;
  private stopped = false;

  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly clock: Clock,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  triggers(): TimerTrigger[] {
    return this.runtime.list().flatMap((fn) =>
      (fn.config.triggers ?? [])
        .filter((t) => t.type === 'timer')
        .map((t) => ({
          functionName: fn.name,
          triggerName: t.name,
          cron: t.config,
          message: t.message ?? '',
        })),
    );
  }

  /** When each trigger fires next, from now on the emulator's clock. */
  nextRuns(): { functionName: string; triggerName: string; cron: string; next: string | null }[] {
    return this.triggers().map((t) => ({
      ...t,
      next: this.nextRun(t, this.clock.now())?.toISOString() ?? null,
    }));
  }

  start(): void {
    this.running = true;
    for (const trigger of this.triggers()) this.schedule(trigger, this.clock.now());
  }

  /** Fires a trigger now, by hand, as if its schedule had come round (retries included). */
  fire(functionName: string, triggerName: string): Promise<void> {
    const trigger = this.triggers().find(
      (t) => t.functionName === functionName && t.triggerName === triggerName,
    );
    if (!trigger)
      return Promise.reject(
        new Error(`no timer trigger ${triggerName} on function ${functionName}`),
      );
    return this.attempt(trigger, this.clock.now(), 0);
  }

  /** Resolves when every invocation started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  stop(): void {
    this.running = false;
    this.stopped = true;
    for (const handle of [...this.handles.values(), ...this.retries]) handle.cancel();
    this.handles.clear();
    this.retries.clear();
  }

  private nextRun(trigger: TimerTrigger, after: number): Date | null {
    try {
      return new Cron(trigger.cron, { timezone: TIMER_TIMEZONE, paused: true }).nextRun(
        new Date(after),
      );
    } catch (e) {
      this.log(
        `定时触发器 ${trigger.functionName}/${trigger.triggerName} 的 cron 无效 (${trigger.cron}): ${String(e)}`,
      );
      return null;
    }
  }

  private schedule(trigger: TimerTrigger, after: number): void {
    if (!this.running) return;
    const next = this.nextRun(trigger, after);
    if (!next) return;
    const key = `${trigger.functionName}/${trigger.triggerName}`;
    const at = next.getTime();
    this.handles.set(
      key,
      this.clock.setTimeout(() => {
        void this.attempt(trigger, at, 0);
        this.schedule(trigger, at);
      }, at - this.clock.now()),
    );
  }

  private attempt(trigger: TimerTrigger, scheduledAt: number, attempt: number): Promise<void> {
    const time = new Date(scheduledAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const event = {
      Type: 'Timer',
      TriggerName: trigger.triggerName,
      Time: time,
      Message: trigger.message,
    };
    const run = this.runtime
      .invoke(trigger.functionName, event, { source: 'wx_trigger', trigger: true })
      .then(
        () => {
          this.history.push({
            functionName: trigger.functionName,
            triggerName: trigger.triggerName,
            time,
            attempt,
            ok: true,
          });
        },
        (e: unknown) => {
          const error = e instanceof Error ? e.message : String(e);
          this.history.push({
            functionName: trigger.functionName,
            triggerName: trigger.triggerName,
            time,
            attempt,
            ok: false,
            error,
          });
          this.log(
            `定时触发 ${trigger.functionName}/${trigger.triggerName} 第 ${attempt + 1} 次执行失败: ${error.split('\n')[0]}`,
          );
          if (attempt < TIMER_RETRIES && !this.stopped) {
            const retry = this.clock.setTimeout(() => {
              this.retries.delete(retry);
              void this.attempt(trigger, scheduledAt, attempt + 1);
            }, TIMER_RETRY_DELAY_MS);
            this.retries.add(retry);
          }
        },
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return run;
  }
}
