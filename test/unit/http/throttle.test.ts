import * as assert from "assert";
import { Throttle } from "../../../provider/http/throttle";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("http/throttle", () => {
  it("caps concurrency and hands slots over in FIFO order", async () => {
    const t = new Throttle({ maxConcurrent: 2 });
    const order: number[] = [];
    let running = 0;
    let most = 0;
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const release = await t.acquire(`op ${i}`);
        order.push(i);
        running++;
        most = Math.max(most, running);
        await tick(10);
        running--;
        release();
        release(); // idempotent
      }),
    );
    assert.strictEqual(most, 2);
    assert.deepStrictEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.strictEqual(t.inFlight, 0);
  });

  it("holds new requests until the reset when the budget is spent, and says so once", async () => {
    const logs: string[] = [];
    const t = new Throttle({ marginMs: 0, log: (_l, m) => logs.push(m) });
    const release = await t.acquire("GET /a");
    t.observe(1, Date.now() + 150); // one request left in this window
    release();
    const started = Date.now();
    const r1 = await t.acquire("GET /b"); // spends the last one: goes at once
    assert.ok(Date.now() - started < 50);
    const times = await Promise.all(["GET /c", "GET /d"].map(async (l) => { const r = await t.acquire(l); r(); return Date.now() - started; }));
    r1();
    for (const ms of times) assert.ok(ms >= 140, `released after ${ms}ms`);
    assert.strictEqual(logs.length, 1);
    assert.match(logs[0], /^Buddy API rate limit reached; waiting 0\.\ds until the window resets \(GET \/c\)$/);
  });

  it("concurrent acquirers each see the budget the previous one spent", async () => {
    const t = new Throttle({ marginMs: 0 });
    (await t.acquire("first"))();
    t.observe(2, Date.now() + 150);
    const started = Date.now();
    const times = await Promise.all([1, 2, 3, 4].map(async (i) => { const r = await t.acquire(`op ${i}`); r(); return Date.now() - started; }));
    assert.strictEqual(times.filter((ms) => ms < 50).length, 2, JSON.stringify(times));
    assert.strictEqual(times.filter((ms) => ms >= 140).length, 2, JSON.stringify(times));
  });

  it("subtracts requests still in flight from the reported remaining", async () => {
    const t = new Throttle({ marginMs: 0 });
    const a = await t.acquire("a");
    const b = await t.acquire("b");
    const c = await t.acquire("c");
    t.observe(2, Date.now() + 120); // a's response: 2 left, but b and c may not be counted yet → 0
    a(); b(); c();
    const started = Date.now();
    (await t.acquire("d"))();
    assert.ok(Date.now() - started >= 110);
  });

  it("never holds longer than maxHoldMs on an implausible reset", async () => {
    const t = new Throttle({ maxHoldMs: 60 });
    (await t.acquire("a"))();
    t.observe(0, Date.now() + 3_600_000);
    const started = Date.now();
    (await t.acquire("b"))();
    const ms = Date.now() - started;
    assert.ok(ms >= 55 && ms < 500, `${ms}`);
  });
});
