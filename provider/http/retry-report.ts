/**
 * Retries reported once per resource operation instead of one line per attempt. A provider operation (create,
 * read, update, delete of one resource) runs inside `withRetryReport`; every retry the client makes for it is
 * counted by cause, and when the operation ends one line says how many retries it took and why. (Before, an
 * unreachable endpoint printed a warning per attempt per resource: ~180 lines for a small program.)
 * AsyncLocalStorage ties each request to its operation although the engine runs many operations at once in one
 * provider process. Outside an operation (tests, scripts) nothing is collected and the client logs each retry.
 */
import { AsyncLocalStorage } from "async_hooks";

interface Tally {
  retries: number;
  /** Cause ("503", "ECONNREFUSED", "rate limit") → count, in first-seen order. */
  causes: Map<string, number>;
}

const current = new AsyncLocalStorage<Tally>();

/** Counts one retry for the running operation; false when there is none (the caller then logs it itself). */
export function noteRetry(cause: string): boolean {
  const tally = current.getStore();
  if (tally === undefined) return false;
  tally.retries++;
  tally.causes.set(cause, (tally.causes.get(cause) ?? 0) + 1);
  return true;
}

/** The one line for an operation that retried: "<what>: 3 retries (503 ×2, ECONNRESET ×1), then succeeded". */
function retrySummary(what: string, tally: Tally, succeeded: boolean): string {
  const causes = [...tally.causes].map(([cause, n]) => `${cause} ×${n}`).join(", ");
  return `${what}: ${tally.retries} ${tally.retries === 1 ? "retry" : "retries"} of Buddy API requests (${causes}), then ${succeeded ? "succeeded" : "failed"}`;
}

/** Runs `fn` as one operation; if it retried, `report` gets one summary line when it settles. */
export async function withRetryReport<T>(
  what: string,
  report: (line: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const tally: Tally = { retries: 0, causes: new Map() };
  let succeeded = false;
  try {
    const result = await current.run(tally, fn);
    succeeded = true;
    return result;
  } finally {
    if (tally.retries > 0) report(retrySummary(what, tally, succeeded));
  }
}
