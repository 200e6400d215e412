import * as assert from "assert";
import {
  backoffDelay,
  parseRateLimitRemaining,
  parseRateLimitReset,
  parseRetryAfter,
  rateLimitWait,
} from "../../../provider/http/backoff";

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

describe("http/backoff", () => {
  describe("backoffDelay (exponential, full jitter)", () => {
    it("is 0 when the jitter draws 0 and just under the ceiling when it draws ~1", () => {
      for (let retry = 1; retry <= 8; retry++) {
        const ceiling = Math.min(20_000, 500 * 2 ** (retry - 1));
        assert.strictEqual(
          backoffDelay(retry, 500, 20_000, () => 0),
          0,
        );
        const top = backoffDelay(retry, 500, 20_000, () => 0.999999);
        assert.ok(top < ceiling && top >= ceiling - 1, `retry ${retry}: ${top} vs ceiling ${ceiling}`);
      }
    });
    it("doubles the ceiling per retry and never exceeds maxDelayMs", () => {
      const half = (retry: number) => backoffDelay(retry, 100, 1000, () => 0.5);
      assert.deepStrictEqual([1, 2, 3, 4, 5, 6].map(half), [50, 100, 200, 400, 500, 500]);
    });
    it("stays within [0, ceiling) over many random draws", () => {
      for (let i = 0; i < 2000; i++) {
        const retry = 1 + (i % 6);
        const d = backoffDelay(retry, 200, 3000);
        assert.ok(d >= 0 && d < Math.min(3000, 200 * 2 ** (retry - 1)), `${d}`);
      }
    });
  });

  describe("rate-limit headers", () => {
    const now = 1_800_000_000_000;
    it("X-Rate-Limit-Reset: Unix seconds, fractions, deltas, garbage", () => {
      assert.strictEqual(parseRateLimitReset(headers({ "x-rate-limit-reset": "1800000005" }), now), 1_800_000_005_000);
      assert.strictEqual(
        parseRateLimitReset(headers({ "x-rate-limit-reset": "1800000000.25" }), now),
        1_800_000_000_250,
      );
      assert.strictEqual(parseRateLimitReset(headers({ "x-rate-limit-reset": "3" }), now), now + 3000);
      assert.strictEqual(parseRateLimitReset(headers({ "x-rate-limit-reset": "soon" }), now), undefined);
      assert.strictEqual(parseRateLimitReset(headers({}), now), undefined);
    });
    it("X-Rate-Limit-Remaining", () => {
      assert.strictEqual(parseRateLimitRemaining(headers({ "x-rate-limit-remaining": "0" })), 0);
      assert.strictEqual(parseRateLimitRemaining(headers({ "x-rate-limit-remaining": " 17 " })), 17);
      assert.strictEqual(parseRateLimitRemaining(headers({ "x-rate-limit-remaining": "-1" })), undefined);
      assert.strictEqual(parseRateLimitRemaining(headers({})), undefined);
    });
    it("Retry-After: delta seconds or an HTTP date", () => {
      assert.strictEqual(parseRetryAfter(headers({ "retry-after": "2" }), now), now + 2000);
      assert.strictEqual(parseRetryAfter(headers({ "retry-after": "0.5" }), now), now + 500);
      const date = new Date(now + 7000).toUTCString();
      assert.strictEqual(parseRetryAfter(headers({ "retry-after": date }), now), now + 7000);
      assert.strictEqual(parseRetryAfter(headers({ "retry-after": "whenever" }), now), undefined);
    });
    it("rateLimitWait prefers X-Rate-Limit-Reset, clamps past times to 0, caps far ones", () => {
      const both = headers({ "x-rate-limit-reset": String((now + 4000) / 1000), "retry-after": "9" });
      assert.strictEqual(rateLimitWait(both, 60_000, now), 4000);
      assert.strictEqual(rateLimitWait(headers({ "retry-after": "9" }), 60_000, now), 9000);
      assert.strictEqual(rateLimitWait(headers({ "x-rate-limit-reset": String(now / 1000 - 10) }), 60_000, now), 0);
      assert.strictEqual(
        rateLimitWait(headers({ "x-rate-limit-reset": String(now / 1000 + 3600) }), 60_000, now),
        60_000,
      );
      assert.strictEqual(rateLimitWait(headers({}), 60_000, now), undefined);
    });
  });
});
