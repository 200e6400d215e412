/**
 * Per-token budget of requests in fixed one-second windows aligned to the Unix second, as a simple model of Buddy's
 * (unpublished) limit. Every Buddy-path answer carries the three X-Rate-Limit headers; an answer over budget is 429
 * with Retry-After. Windows are one second long, so a well-behaved client that waits for X-Rate-Limit-Reset never
 * waits more than a second: tests stay fast.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the window resets. */
  reset: number;
  /** Whole seconds to wait (>= 1) when not allowed. */
  retryAfter: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { window: number; count: number }>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limit must be a positive integer, got ${limit}`);
  }

  consume(key: string, nowMs: number = Date.now()): RateDecision {
    const window = Math.floor(nowMs / 1000);
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.window !== window) {
      if (this.buckets.size > 10_000) this.prune(window); // keys are tokens or client addresses; keep memory bounded
      bucket = { window, count: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.count++;
    const allowed = bucket.count <= this.limit;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - bucket.count),
      reset: window + 1,
      // The window ends within a second; Retry-After counts whole seconds, so it is always 1.
      retryAfter: 1,
    };
  }

  clear(): void {
    this.buckets.clear();
  }

  private prune(window: number): void {
    for (const [k, b] of this.buckets) if (b.window !== window) this.buckets.delete(k);
  }
}

export function rateLimitHeaders(d: Pick<RateDecision, "limit" | "remaining" | "reset">): Record<string, string> {
  return {
    "X-Rate-Limit-Limit": String(d.limit),
    "X-Rate-Limit-Remaining": String(d.remaining),
    "X-Rate-Limit-Reset": String(d.reset),
  };
}
