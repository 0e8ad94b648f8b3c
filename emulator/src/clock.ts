/**
 * Time as the emulator sees it. Transactions, timers and server dates read this clock, so tests can
 * drive expiry and cron firing deterministically with a ManualClock.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

interface ScheduledCallback {
  at: number;
  order: number;
  callback: () => void;
}

/** A clock that moves only when told to; `advance` runs due callbacks in time order. */
export class ManualClock implements Clock {
  private current: number;
  private pending: ScheduledCallback[] = [];
  private counter = 0;

  constructor(start: number | Date) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const entry = { at: this.current + Math.max(0, delayMs), order: this.counter++, callback };
    this.pending.push(entry);
    return { cancel: () => (this.pending = this.pending.filter((p) => p !== entry)) };
  }

  /** Moves time forward, firing every callback that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.pending
        .filter((p) => p.at <= target)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
  }

  setTime(to: number | Date): void {
    const target = typeof to === 'number' ? to : to.getTime();
    this.advance(Math.max(0, target - this.current));
  }
}
