/**
 * One per provider process, shared by every request: the engine runs many resource operations in parallel in
 * one process, and they all spend the same token's rate limit.
 *
 * Two jobs:
 * 1. Cap concurrency (FIFO), so a pipeline of 200 actions does not open 200 connections at once.
 * 2. Pace requests by what the server says, so that a rate-limited run goes at the server's limit and the server
 *    rarely has to answer 429 (each 429 costs a whole window of waiting for that request):
 *    - Every answer's X-Rate-Limit-Remaining/-Reset sets an estimate of how many requests the server will still
 *      accept in the window ending at Reset. Requests sent but not answered yet when the answer was observed are
 *      subtracted (the server may not have counted them yet), each dispatch decrements the estimate, and within
 *      one window the estimate only goes down (the lowest count wins: the same token may be used elsewhere).
 *    - When the estimate is spent, new requests wait until Reset. At Reset a new window opens with
 *      X-Rate-Limit-Limit requests (less those still unanswered), so the requests released at the reset take
 *      exactly the new window's budget instead of all going at once and mostly bouncing off with 429.
 *    - Until the first answer arrives, one request at a time: nothing is known about the limit yet, and a burst of
 *      `maxConcurrent` requests into a small limit would mostly be refused.
 *    - A bare Remaining without Reset is ignored: there is nothing safe to wait for.
 * Time comes from an injected clock (`now`, `sleep`), so the pacing is tested in virtual time.
 */
import { sleep as realSleep } from "./backoff";

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
  /** The clock (ms since the epoch). Default Date.now. */
  now?: () => number;
  /** Waits `ms` on that clock. Default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** What one answer said about the rate limit (each part undefined when its header was missing). */
export interface RateLimitReport {
  limit?: number;
  remaining?: number;
  /** When the window ends, ms since the epoch. */
  resetAtMs?: number;
}

export class Throttle {
  private readonly maxConcurrent: number;
  private readonly reserve: number;
  private readonly maxHoldMs: number;
  private readonly marginMs: number;
  private readonly log: ((level: "info" | "warn", message: string) => void) | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  /** Slots held: requests sent and requests waiting for budget. */
  private active = 0;
  /** Requests sent and not answered yet (they may or may not have been counted by the server). */
  private sent = 0;
  private readonly waiting: Array<() => void> = [];
  /** Acquirers waiting for an answer (budget spent in a window whose end is not known yet). */
  private wakers: Array<() => void> = [];
  /** Whether any answer has been seen; before that, one request at a time. */
  private answered = false;
  /** The server's X-Rate-Limit-Limit, the budget of a fresh window. */
  private limit: number | undefined;
  /** Estimated requests left in the current window; undefined = unknown, do not hold. */
  private remaining: number | undefined;
  /** End of the current window; undefined while a fresh window's end is not reported yet. */
  private resetAt: number | undefined;
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
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
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
      this.sent -= 1;
      this.giveSlot();
      this.wake();
    };
  }

  /** Records the rate-limit state an answer reported. Call with the slot still held, before releasing it. */
  observe(report: RateLimitReport): void {
    this.answered = true;
    if (report.limit !== undefined && report.limit > 0) this.limit = report.limit;
    const { remaining, resetAtMs } = report;
    // An answer about a window that has already ended (by our clock) says nothing about the current one.
    if (remaining !== undefined && resetAtMs !== undefined && this.now() < resetAtMs + this.marginMs) {
      const estimate = remaining - Math.max(0, this.sent - 1);
      if (this.resetAt === undefined || resetAtMs === this.resetAt) {
        // The current window (or the fresh one opened at the last reset): the lowest count wins.
        this.remaining = this.remaining === undefined ? estimate : Math.min(this.remaining, estimate);
        this.resetAt = resetAtMs;
      } else if (resetAtMs > this.resetAt) {
        // A later window than we thought (the server's clock is ahead, or its window is shorter): start over.
        this.remaining = estimate;
        this.resetAt = resetAtMs;
      }
      // else: a late answer about an earlier window; ignored.
    }
    this.wake();
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

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }

  /** Resolves at the next answer or release (only used while a request is unanswered, so it always comes). */
  private nextEvent(): Promise<void> {
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  /** A window that has ended opens the next one with the full limit, less what is still unanswered. */
  private rollWindow(now: number): void {
    if (this.resetAt === undefined || now < this.resetAt + this.marginMs) return;
    this.resetAt = undefined;
    this.remaining = this.limit === undefined ? undefined : this.limit - this.sent;
  }

  private async waitForBudget(label: string): Promise<void> {
    for (;;) {
      const now = this.now();
      this.rollWindow(now);
      if (this.holdUntil <= now) {
        const unknownLimit = !this.answered && this.sent > 0;
        const spent = this.remaining !== undefined && this.remaining <= this.reserve;
        if (!unknownLimit && !spent) {
          // Spend the budget in the same synchronous step as the check: concurrent acquirers resume between
          // awaits, and each must see the budget the previous one left.
          if (this.remaining !== undefined) this.remaining -= 1;
          this.sent += 1;
          return;
        }
        if (unknownLimit || (spent && this.resetAt === undefined)) {
          if (this.sent > 0) {
            await this.nextEvent();
            continue;
          }
          // Spent, nothing unanswered, and no reset time to wait for (answers without headers): go.
          this.remaining = undefined;
          continue;
        }
      }
      const until = Math.max(
        this.holdUntil,
        this.remaining !== undefined && this.remaining <= this.reserve && this.resetAt !== undefined
          ? this.resetAt + this.marginMs
          : 0,
      );
      const wait = Math.min(until - now, this.maxHoldMs);
      if (this.announced !== until) {
        this.announced = until;
        this.log?.(
          "info",
          `Buddy API rate limit reached; waiting ${(wait / 1000).toFixed(1)}s until the window resets (${label})`,
        );
      }
      await this.sleep(wait);
      if (wait < until - now) {
        // Held for maxHoldMs already: the reset header was implausible. Forget it rather than wait forever;
        // the server will answer 429 with a fresh reset time if the window really is still closed.
        this.remaining = undefined;
        this.resetAt = undefined;
        this.holdUntil = 0;
      }
    }
  }
}
