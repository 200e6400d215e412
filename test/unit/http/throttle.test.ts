// The throttle in virtual time: its clock and sleep are injected, so these tests measure no wall clock and the
// pacing they assert is exact.
import * as assert from "assert";
import { RateLimiter } from "../../../emulator/rate-limit";
import { Throttle, ThrottleOptions } from "../../../provider/http/throttle";

/** A virtual clock: `sleep` timers fire only when `run` finds nothing else able to make progress. */
class VirtualClock {
  t: number;
  private seq = 0;
  private timers: Array<{ at: number; seq: number; fire: () => void }> = [];

  constructor(start: number) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, fire: resolve }));

  /** Runs `work` to completion, jumping to the next timer whenever every promise chain is waiting. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    while (!done) {
      await new Promise((r) => setImmediate(r)); // every settled promise chain has run on
      if (done) break;
      if (this.timers.length === 0) throw new Error("stuck: work is waiting and no timer is pending");
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.fire();
    }
    return work;
  }
}

function throttle(clock: VirtualClock, opts: ThrottleOptions = {}): Throttle {
  return new Throttle({ marginMs: 0, now: clock.now, sleep: clock.sleep, ...opts });
}

/**
 * A server limiting each one-second window aligned to the Unix second (the emulator's own RateLimiter), answering
 * after `latencyMs`, counting a request when it arrives (half way). A 429 is retried after its reset, as the client does.
 */
async function rateLimitedRun(
  clock: VirtualClock,
  t: Throttle,
  opts: { requests: number; limit: number; latencyMs: number },
) {
  const limiter = new RateLimiter(opts.limit);
  const arrivals: number[] = [];
  let refused = 0;
  const one = async (i: number): Promise<void> => {
    for (;;) {
      const release = await t.acquire(`GET /${i}`);
      await clock.sleep(opts.latencyMs / 2);
      const d = limiter.consume("token", clock.now());
      if (d.allowed) arrivals.push(clock.now());
      await clock.sleep(opts.latencyMs / 2);
      t.observe({ limit: d.limit, remaining: d.remaining, resetAtMs: d.reset * 1000 });
      release();
      if (d.allowed) return;
      refused += 1;
      await clock.sleep(d.reset * 1000 - clock.now());
    }
  };
  await clock.run(Promise.all(Array.from({ length: opts.requests }, (_, i) => one(i))));
  return { arrivals, refused };
}

describe("http/throttle", () => {
  const START = 1_700_000_000_300; // 300 ms into a Unix second

  it("caps concurrency and hands slots over in FIFO order", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock, { maxConcurrent: 2 });
    const order: number[] = [];
    let running = 0;
    let most = 0;
    await clock.run(
      Promise.all(
        [0, 1, 2, 3, 4, 5].map(async (i) => {
          const release = await t.acquire(`op ${i}`);
          order.push(i);
          running++;
          most = Math.max(most, running);
          await clock.sleep(10);
          t.observe({}); // an answer without rate-limit headers
          running--;
          release();
          release(); // idempotent
        }),
      ),
    );
    assert.strictEqual(most, 2);
    assert.deepStrictEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.strictEqual(t.inFlight, 0);
  });

  it("sends one request until the first answer arrives, then as many as the answer allows", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock);
    const sentAt: number[] = [];
    await clock.run(
      Promise.all(
        [0, 1, 2, 3].map(async (i) => {
          const release = await t.acquire(`op ${i}`);
          sentAt.push(clock.now());
          await clock.sleep(20);
          t.observe({ limit: 100, remaining: 99 - i, resetAtMs: START + 700 });
          release();
        }),
      ),
    );
    assert.deepStrictEqual(sentAt, [START, START + 20, START + 20, START + 20]);
  });

  it("100 requests into a limit of 4 per second: the server's pace, no 429", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock, { marginMs: 50 });
    const { arrivals, refused } = await rateLimitedRun(clock, t, { requests: 100, limit: 4, latencyMs: 40 });
    assert.strictEqual(refused, 0);
    // 25 windows' worth: the first (partial) window and 24 more; the last request lands in the 25th.
    const seconds = new Set(arrivals.map((ms) => Math.floor(ms / 1000)));
    assert.strictEqual(seconds.size, 25);
    assert.ok(clock.now() - START < 25_000, `took ${clock.now() - START} ms of virtual time`);
  });

  it("at each reset, opens the window with the full limit, less the requests still unanswered", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock);
    const slow = await clock.run(t.acquire("slow")); // sent in the old window, answered only in the next one
    t.observe({ limit: 3, remaining: 0, resetAtMs: START + 700 }); // another answer: this window is spent
    const sentAt: number[] = [];
    const ops = [1, 2, 3].map(async (i) => {
      const r = await t.acquire(`op ${i}`);
      sentAt.push(clock.now());
      r();
    });
    const slowAnswer = (async () => {
      await clock.sleep(750);
      t.observe({ limit: 3, remaining: 1, resetAtMs: START + 1700 }); // the new window's end, and its count
      slow();
    })();
    await clock.run(Promise.all([...ops, slowAnswer]));
    // Two of the new window's three went at the reset (the unanswered one may land in it); the third waited.
    assert.deepStrictEqual(sentAt, [START + 700, START + 700, START + 1700]);
  });

  it("holds new requests until the reset when the budget is spent, and says so once", async () => {
    const clock = new VirtualClock(START);
    const logs: string[] = [];
    const t = throttle(clock, { log: (_l, m) => logs.push(m) });
    const first = await clock.run(t.acquire("GET /a"));
    t.observe({ remaining: 1, resetAtMs: START + 150 }); // one request left in this window
    first();
    const r1 = await clock.run(t.acquire("GET /b")); // spends the last one: goes at once
    assert.strictEqual(clock.now(), START);
    const times = await clock.run(
      Promise.all(
        ["GET /c", "GET /d"].map(async (l) => {
          const r = await t.acquire(l);
          r();
          return clock.now();
        }),
      ),
    );
    r1();
    assert.deepStrictEqual(times, [START + 150, START + 150]);
    assert.deepStrictEqual(logs, ["Buddy API rate limit reached; waiting 0.1s until the window resets (GET /c)"]);
  });

  it("concurrent acquirers each see the budget the previous one spent", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock);
    (await clock.run(t.acquire("first")))();
    t.observe({ remaining: 2, resetAtMs: START + 150 });
    const times = await clock.run(
      Promise.all(
        [1, 2, 3, 4].map(async (i) => {
          const r = await t.acquire(`op ${i}`);
          r();
          return clock.now();
        }),
      ),
    );
    assert.deepStrictEqual(times, [START, START, START + 150, START + 150]);
  });

  it("subtracts requests still unanswered from the reported remaining", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock);
    (await clock.run(t.acquire("probe")))();
    t.observe({ remaining: 10, resetAtMs: START + 120 });
    const [a, b, c] = await clock.run(Promise.all(["a", "b", "c"].map((l) => t.acquire(l))));
    t.observe({ remaining: 2, resetAtMs: START + 120 }); // a's answer: 2 left, but b and c may not be counted yet → 0
    a();
    b();
    c();
    (await clock.run(t.acquire("d")))();
    assert.strictEqual(clock.now(), START + 120);
  });

  it("within one window the lowest count wins; an answer about an ended window is ignored", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock);
    (await clock.run(t.acquire("probe")))();
    t.observe({ limit: 5, remaining: 1, resetAtMs: START + 100 }); // another process spent most of it
    t.observe({ limit: 5, remaining: 4, resetAtMs: START + 100 }); // an older count of the same window
    (await clock.run(t.acquire("a")))();
    (await clock.run(t.acquire("b")))();
    assert.strictEqual(clock.now(), START + 100, "b waited for the reset");
    t.observe({ limit: 5, remaining: 0, resetAtMs: START + 100 }); // a late answer about the ended window
    const times = await clock.run(
      Promise.all(
        [1, 2, 3, 4].map(async (i) => {
          const r = await t.acquire(`op ${i}`);
          r();
          return clock.now();
        }),
      ),
    );
    assert.deepStrictEqual(times, [START + 100, START + 100, START + 100, START + 100]);
  });

  it("never holds longer than maxHoldMs on an implausible reset", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock, { maxHoldMs: 60 });
    (await clock.run(t.acquire("a")))();
    t.observe({ remaining: 0, resetAtMs: START + 3_600_000 });
    (await clock.run(t.acquire("b")))();
    assert.strictEqual(clock.now(), START + 60);
  });

  it("a hold from Retry-After applies to every new request", async () => {
    const clock = new VirtualClock(START);
    const t = throttle(clock);
    (await clock.run(t.acquire("a")))();
    t.observe({});
    t.holdUntilTime(START + 1000);
    const times = await clock.run(
      Promise.all(
        [1, 2].map(async (i) => {
          const r = await t.acquire(`op ${i}`);
          r();
          return clock.now();
        }),
      ),
    );
    assert.deepStrictEqual(times, [START + 1000, START + 1000]);
  });
});
