// The switch resource classes use to register without the SDK's per-promise stack captures (provider/resources/stacks.ts).
import * as assert from "assert";
import { suspendPromiseStacks, withStack } from "../../../provider/resources/stacks";

describe("resources/stacks", () => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("captures no frames until resumed, then the previous limit is back", () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const before = Error.stackTraceLimit;
    const resume = suspendPromiseStacks();
    try {
      assert.strictEqual(new Error("x").stack, "Error: x");
    } finally {
      resume();
    }
    assert.strictEqual(Error.stackTraceLimit, before);
    assert.match(String(new Error("y").stack), /\n\s+at /);
  });

  it("PULUMI_DEBUG_PROMISE_LEAKS keeps the stacks (the SDK prints them in its leak report)", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
    const resume = suspendPromiseStacks();
    try {
      assert.match(String(new Error("x").stack), /\n\s+at /);
    } finally {
      resume();
    }
  });

  it("an error made without frames gets the frames above the given function; one with frames is left alone", () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const resume = suspendPromiseStacks();
    const bare = new Error("bare");
    resume();
    function declare(): unknown {
      return withStack(bare, declare);
    }
    assert.match(String((declare() as Error).stack), /^Error: bare\n\s+at .*stacks\.test\.ts/);
    const full = new Error("full");
    const stack = full.stack;
    assert.strictEqual((withStack(full, declare) as Error).stack, stack);
  });
});
