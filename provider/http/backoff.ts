/**
 * Pure timing rules for retries: exponential backoff with full jitter, and reading the server's rate-limit
 * headers. Kept free of I/O so the bounds can be unit-tested exactly (inject `random`/`now`).
 * (Written here rather than pulling in a retry library: the rules are ~40 lines and tied to Buddy's headers.)
 */

/**
 * Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): a uniform delay in
 * [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))). Spreads the retries of many concurrent operations so they
 * do not hit the server again in lock-step. `retry` is 1 for the first retry.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * exp);
}

/** Minimal header access, satisfied by node-fetch's Headers and by plain test doubles. */
interface HeaderBag {
  get(name: string): string | null;
}

function parseNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `X-Rate-Limit-Reset` as an absolute time in ms. Buddy documents Unix time in seconds; a small value (before
 * 2001) can only be a "seconds from now" delta, which some proxies send, so it is read as one.
 * Fractions are accepted (harmless, and lets tests use sub-second windows).
 */
export function parseRateLimitReset(headers: HeaderBag, now: number): number | undefined {
  const n = parseNumber(headers.get("x-rate-limit-reset"));
  if (n === undefined || n < 0) return undefined;
  return n >= 1e9 ? n * 1000 : now + n * 1000;
}

/** `X-Rate-Limit-Limit`: the requests a window allows; undefined when absent or not a positive number. */
export function parseRateLimitLimit(headers: HeaderBag): number | undefined {
  const n = parseNumber(headers.get("x-rate-limit-limit"));
  return n === undefined || n < 1 ? undefined : Math.floor(n);
}

export function parseRateLimitRemaining(headers: HeaderBag): number | undefined {
  const n = parseNumber(headers.get("x-rate-limit-remaining"));
  return n === undefined || n < 0 ? undefined : Math.floor(n);
}

/** `Retry-After` as an absolute time in ms: delta-seconds or an HTTP date (RFC 9110 allows both). */
export function parseRetryAfter(headers: HeaderBag, now: number): number | undefined {
  const raw = headers.get("retry-after");
  if (raw === null || raw.trim() === "") return undefined;
  const n = parseNumber(raw);
  if (n !== undefined) return n < 0 ? undefined : now + n * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : date;
}

/**
 * How long to wait after a 429: until the reset time (X-Rate-Limit-Reset, else Retry-After), never negative and
 * at most `capMs`. `undefined` when the server gave neither header (the caller then uses backoff).
 */
export function rateLimitWait(headers: HeaderBag, capMs: number, now: number): number | undefined {
  const until = parseRateLimitReset(headers, now) ?? parseRetryAfter(headers, now);
  if (until === undefined) return undefined;
  return Math.min(capMs, Math.max(0, Math.ceil(until - now)));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
