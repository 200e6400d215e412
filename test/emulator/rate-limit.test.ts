// Rate limiting: headers on every Buddy-path answer (errors too), 429 with Retry-After over budget, not on admin.
import { strict as assert } from "assert";
import { ManualClock } from "../helpers/clock";
import { api, useEmulator } from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

describe("emulator: rate limiting", () => {
  // Virtual time: each test starts at the beginning of a fresh one-second window, and time moves only when the
  // test says so.
  const clock = new ManualClock();
  beforeEach(() => clock.advance(1000 - (clock.now() % 1000)));
  const ctx = useEmulator({
    clock,
    rateLimit: 5,
    tokens: [
      { token: "a", scopes: ["WORKSPACE", "EXECUTION_MANAGE"] },
      { token: "b", scopes: ["WORKSPACE", "EXECUTION_MANAGE"] },
    ],
  });

  it("every answer carries X-Rate-Limit-*; over budget is 429 with Retry-After; per token", async () => {
    const seen: { status: number; remaining: string | null; limit: string | null; reset: string | null }[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await api<J>({ url: ctx.emu.url, token: "a" }, "GET", "/workspaces/my-company");
      seen.push({
        status: r.status,
        limit: r.headers.get("x-rate-limit-limit"),
        remaining: r.headers.get("x-rate-limit-remaining"),
        reset: r.headers.get("x-rate-limit-reset"),
      });
      if (r.status === 429) {
        assert.equal(r.headers.get("retry-after"), "1");
        assert.match(r.body.errors[0].message, /rate limit/i);
      }
    }
    assert.deepEqual(
      seen.map((s) => s.status),
      [200, 200, 200, 200, 200, 429, 429],
    );
    assert.deepEqual(
      seen.map((s) => s.remaining),
      ["4", "3", "2", "1", "0", "0", "0"],
    );
    assert.ok(seen.every((s) => s.limit === "5"));
    const reset = Number(seen[0].reset);
    assert.equal(reset, clock.now() / 1000 + 1, "the reset is the start of the next second");

    // Another token has its own budget.
    const other = await api<J>({ url: ctx.emu.url, token: "b" }, "GET", "/workspaces/my-company");
    assert.equal(other.status, 200);

    // Just before the reset time, still refused; at it, the budget is back.
    clock.advance(999);
    const before = await api<J>({ url: ctx.emu.url, token: "a" }, "GET", "/workspaces/my-company");
    assert.equal(before.status, 429);
    clock.advance(1);
    const again = await api<J>({ url: ctx.emu.url, token: "a" }, "GET", "/workspaces/my-company");
    assert.equal(again.status, 200);
  });

  it("error answers carry the headers too (401, 404, 400)", async () => {
    const r401 = await api<J>({ url: ctx.emu.url }, "GET", "/workspaces", undefined, { token: "bad" });
    const r404 = await api<J>({ url: ctx.emu.url, token: "b" }, "GET", "/workspaces/none");
    const r400 = await api<J>({ url: ctx.emu.url, token: "b" }, "POST", "/workspaces/my-company/projects", {});
    for (const r of [r401, r404, r400]) {
      assert.ok(r.headers.get("x-rate-limit-limit"), String(r.status));
      assert.ok(r.headers.get("x-rate-limit-remaining"));
      assert.ok(r.headers.get("x-rate-limit-reset"));
    }
    assert.deepEqual([r401.status, r404.status, r400.status], [401, 404, 400]);
  });

  it("the admin API is not rate limited and has no rate-limit headers", async () => {
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${ctx.emu.url}/__emulator/counters`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("x-rate-limit-limit"), null);
    }
  });
});
