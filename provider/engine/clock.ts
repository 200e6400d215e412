/**
 * The engine's clock, and its fixed waits. The engine never reads `Date.now()` or starts a timer itself: every wait
 * (the settle after a lost POST, the backoff between POSTs, the budgets of check's looks) goes through the clock its
 * provider was built with (state.ts). A provider process uses the real one; a test hands in one it moves itself
 * (test/helpers/clock.ts), so what it asserts follows from what it does, not from how busy the machine is.
 */
import { sleep as realSleep } from "../http/backoff";

export interface Clock {
  now(): number;
  /**
   * Resolves once `ms` have passed; when `signal` aborts first, it may resolve early (a budget that is no longer
   * needed), and a real clock then drops its timer, so nothing keeps the process alive for it.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal === undefined) return realSleep(ms);
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  },
};

/** The engine's waits, in ms (README "Create safety" states the settle). */
export const ENGINE_TIMING = Object.freeze({
  /**
   * After an ambiguous POST, how long to wait before looking for what it made: a server (or the gateway in front of
   * it) may answer 5xx or be cut off while the create is still being committed.
   */
  settleMs: 1000,
  /** Backoff between POSTs, so a struggling server is not hammered (full jitter, like the client's retries). */
  repostBaseMs: 500,
  repostMaxMs: 8000,
  /**
   * How long check waits for a pipeline's listing (check-record.ts) or its definition (yaml-defined.ts) before going
   * on without it: a preview must not wait for the client's retries on a failing Buddy (up to 150 s).
   */
  checkBudgetMs: 10_000,
});

/** `work`'s result, or "late" when it takes longer than `ms` on `clock` (the work itself goes on). */
export async function withinBudget<T>(clock: Clock, ms: number, work: Promise<T>): Promise<T | "late"> {
  const done = new AbortController();
  try {
    return await Promise.race([work, clock.sleep(ms, done.signal).then(() => "late" as const)]);
  } finally {
    done.abort();
  }
}
