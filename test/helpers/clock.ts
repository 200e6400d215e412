// A clock that only moves when a test moves it, for the emulator (rate-limit windows, the `latency` fault, the POST
// answer delay) and the HTTP client (retry waits, rate-limit resets, the throttle's holds): what a test asserts then
// depends on what it does, never on how busy the machine is.
import type { EmulatorClock } from "../../emulator/index";

export class ManualClock implements EmulatorClock {
  private ms: number;
  private readonly sleepers: Array<{ until: number; ms: number; wake: () => void }> = [];
  private readonly sleepWaiters: Array<(ms: number) => void> = [];

  /** Starts at a whole second (the start of a rate-limit window). */
  constructor(startMs = 1_800_000_000_000) {
    this.ms = startMs;
  }

  now(): number {
    return this.ms;
  }

  /** A sleep whose `signal` aborts (a budget no longer needed) ends then and stops counting as pending. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((wake) => {
      if (signal?.aborted) return wake();
      const sleeper = { until: this.ms + ms, ms, wake };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        "abort",
        () => {
          const i = this.sleepers.indexOf(sleeper);
          if (i >= 0) this.sleepers.splice(i, 1);
          wake();
        },
        { once: true },
      );
      for (const w of this.sleepWaiters.splice(0)) w(ms);
    });
  }

  /** Resolves with the length of the next sleep the emulator starts (or of one already pending). */
  nextSleep(): Promise<number> {
    const pending = this.sleepers[0];
    return pending ? Promise.resolve(pending.ms) : new Promise((resolve) => this.sleepWaiters.push(resolve));
  }

  /** How many sleeps are pending. */
  get sleeping(): number {
    return this.sleepers.length;
  }

  /** Resolves when at least `n` sleeps are pending (each new sleep is an event; nothing polls). */
  async waitForSleepers(n: number): Promise<void> {
    while (this.sleepers.length < n) await new Promise((resolve) => this.sleepWaiters.push(resolve));
  }

  /**
   * Settles `work`, moving time to the earliest pending sleep's end whenever `work` is waiting on one (several
   * runUntil may share a clock: each jump is to the earliest end, so time never passes a sleep). Use it only
   * where nothing else is in flight while a sleep is pending (or where arriving late only makes an assertion harder
   * to pass), since a jump does not wait for I/O.
   */
  async runUntil<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const settled = work.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      await Promise.race([settled, this.waitForSleepers(1)]);
      // Let what is already due run first (a sleep just woken and what follows it), so that time moves only once
      // the work waits again: otherwise work that ends on the next turn would read the time of a later sleep.
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return work;
      // Another runUntil on this clock (concurrent work) may have woken them all meanwhile.
      if (this.sleepers.length === 0) continue;
      const next = Math.min(...this.sleepers.map((s) => s.until));
      this.advance(Math.max(0, next - this.ms));
    }
  }

  /** Moves time forward and wakes every sleep that has run its course. */
  advance(ms: number): void {
    this.ms += ms;
    for (const s of this.sleepers.filter((x) => x.until <= this.ms)) {
      this.sleepers.splice(this.sleepers.indexOf(s), 1);
      s.wake();
    }
  }
}

/**
 * A clock for load runs, shared by the emulator and the client: it reads the wall clock plus an offset, and a sleep
 * never waits for real; it moves the offset so that the sleeper wakes (on the next turn of the event loop) with the
 * clock at or past its deadline. Rate-limit windows, resets and backoff then follow each other in the right order
 * and the run's wall time is its CPU time. Time only moves forward.
 */
export class SkippingClock {
  private offset = 0;

  readonly now = (): number => Date.now() + this.offset;

  readonly sleep = (ms: number): Promise<void> => {
    const deadline = this.now() + Math.max(0, ms);
    return new Promise((wake) =>
      setImmediate(() => {
        this.offset = Math.max(this.offset, deadline - Date.now());
        wake();
      }),
    );
  };

  /** How far the clock has skipped ahead of the wall clock, in ms. */
  get skippedMs(): number {
    return this.offset;
  }
}
