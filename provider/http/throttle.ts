/**
 * One per provider process, shared by every request: the engine runs many resource operations in parallel in
 * one process, and they all spend the same token's rate limit.
 *
 * Two jobs:
 * 1. Cap concurrency (FIFO), so a pipeline of 200 actions does not open 200 connections at once.
 * 2. Spend the rate limit deliberately. Every response's X-Rate-Limit-Remaining/Reset updates an estimate of
 *    how many requests the server will still accept in this window; requests in flight when the answer was
 *    observed are subtracted (the server may not have counted them yet), and each dispatch decrements it.
 *    When the estimate reaches the reserve, new requests wait until the reset time, so the server rarely has
 *    to answer 429. The latest response is the authority: the same token may be used by other processes.
 *    Without a reset time there is nothing safe to wait for, so a bare Remaining header is ignored.
 */
import { sleep } from "./backoff";

export interface ThrottleOptions {
  /** Requests in flight at once across the process. Default 8. */
  maxConcurrent?: number;
  /** Hold new requests when the estimated remaining budget is at or below this. Default 0. */
  reserve?: number;
  /** Longest single hold, so a wrong reset header cannot freeze the provider. Default 60000. */
  maxHoldMs?: number;
  /** Safety margin added to the reset time before releasing held requests (clock granularity). Default 50. */
  marginMs?: number;
  log?: (level: "info" | "warn", message: string) => void;
}

export class Throttle {
  private readonly maxConcurrent: number;
  private readonly reserve: number;
  private readonly maxHoldMs: number;
  private readonly marginMs: number;
  private readonly log: ((level: "info" | "warn", message: string) => void) | undefined;

  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Estimated requests left in the window ending at `resetAt`; undefined = unknown, do not hold. */
  private remaining: number | undefined;
  private resetAt = 0;
  /** Explicit hold (429 with Retry-After only). */
  private holdUntil = 0;
  /** The hold end already announced, so N waiting requests produce one log line, not N. */
  private announced = 0;

  constructor(opts: ThrottleOptions = {}) {
    this.maxConcurrent = Math.max(1, opts.maxConcurrent ?? 8);
    this.reserve = Math.max(0, opts.reserve ?? 0);
    this.maxHoldMs = opts.maxHoldMs ?? 60_000;
    this.marginMs = opts.marginMs ?? 50;
    this.log = opts.log;
  }

  /** Requests currently holding a slot (for tests and diagnostics). */
  get inFlight(): number {
    return this.active;
  }

  /**
   * Waits for a concurrency slot and for rate-limit budget, then counts the request as dispatched.
   * Returns the function that gives the slot back (idempotent); call it once the response body is read.
   */
  async acquire(label: string): Promise<() => void> {
    await this.takeSlot();
    try {
      await this.waitForBudget(label);
    } catch (err) {
      this.giveSlot();
      throw err;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.giveSlot();
    };
  }

  /** Records the rate-limit state a response reported. Call with the slot still held. */
  observe(remaining: number | undefined, resetAtMs: number | undefined): void {
    if (remaining === undefined || resetAtMs === undefined) return;
    const othersInFlight = Math.max(0, this.active - 1);
    this.remaining = remaining - othersInFlight;
    this.resetAt = resetAtMs;
  }

  /** Holds every new request until `untilMs` (a 429 that gave only Retry-After). */
  holdUntilTime(untilMs: number): void {
    this.holdUntil = Math.max(this.holdUntil, untilMs);
  }

  private takeSlot(): Promise<void> {
    if (this.active < this.maxConcurrent) {
      this.active += 1;
      return Promise.resolve();
    }
    // The slot is handed over directly by giveSlot, so `active` never dips and FIFO order holds.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private giveSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }

  private async waitForBudget(label: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (this.remaining !== undefined && now >= this.resetAt + this.marginMs) this.remaining = undefined;
      const exhausted = this.remaining !== undefined && this.remaining <= this.reserve;
      const until = Math.max(this.holdUntil, exhausted ? this.resetAt + this.marginMs : 0);
      if (until <= now) {
        // Spend the budget in the same synchronous step as the check: concurrent acquirers resume between
        // awaits, and each must see the budget the previous one left.
        if (this.remaining !== undefined) this.remaining -= 1;
        return;
      }
      const wait = Math.min(until - now, this.maxHoldMs);
      if (this.announced !== until) {
        this.announced = until;
        this.log?.("info", `Buddy API rate limit reached; waiting ${(wait / 1000).toFixed(1)}s until the window resets (${label})`);
      }
      await sleep(wait);
      if (wait < until - now) {
        // Held for maxHoldMs already: the reset header was implausible. Forget it rather than wait forever;
        // the server will answer 429 with a fresh reset time if the window really is still closed.
        this.remaining = undefined;
        this.holdUntil = 0;
      }
    }
  }
}
