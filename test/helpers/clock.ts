// A clock for the emulator that only moves when a test moves it: rate-limit windows and the `latency` fault then
// depend on what the test does, never on how busy the machine is.
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

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.sleepers.push({ until: this.ms + ms, ms, wake });
      for (const w of this.sleepWaiters.splice(0)) w(ms);
    });
  }

  /** Resolves with the length of the next sleep the emulator starts (or of one already pending). */
  nextSleep(): Promise<number> {
    const pending = this.sleepers[0];
    return pending ? Promise.resolve(pending.ms) : new Promise((resolve) => this.sleepWaiters.push(resolve));
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
