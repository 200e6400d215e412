// The test clocks themselves (test/helpers/clock.ts): what the tests that run on them take for granted.
import * as assert from "assert";
import { ManualClock } from "../../helpers/clock";

describe("ManualClock", () => {
  it("two runUntil on one clock each end at their own sleep's end (time never jumps past a pending sleep)", async () => {
    const clock = new ManualClock(0);
    const a = clock.runUntil(clock.sleep(100).then(() => clock.now()));
    const b = clock.runUntil(clock.sleep(300).then(() => clock.now()));
    assert.deepStrictEqual(await Promise.all([a, b]), [100, 300]);
    assert.strictEqual(clock.now(), 300);
  });

  it("a sleep whose signal aborts ends then and is no longer pending", async () => {
    const clock = new ManualClock(0);
    const stop = new AbortController();
    const sleeping = clock.sleep(10_000, stop.signal);
    assert.strictEqual(clock.sleeping, 1);
    stop.abort();
    await sleeping;
    assert.strictEqual(clock.sleeping, 0);
    assert.strictEqual(clock.now(), 0);
  });
});
