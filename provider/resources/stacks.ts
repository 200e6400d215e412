/**
 * Registering a resource costs little of our own: a profile of a no-change `pulumi preview` of 200 actions (and of
 * 200 no-op dynamic resources, the floor) put about 90% of the program process's construction CPU in the SDK's
 * `debuggablePromise`, which captures `new Error().stack` for each of the four promises it makes per registered
 * property, only to print it if the program exits with that promise still pending (the "promise leak" report).
 * Under ts-node every captured frame is source-mapped, which makes each capture dear. The report also names the
 * resource and property (its context string), so a resource class registers with no stack frames captured,
 * unless PULUMI_DEBUG_PROMISE_LEAKS (the SDK's own switch for debugging leaks) asks for them.
 * The SDK's own construction-site capture (`Resource.callsites`, which sets its own limit) is not affected.
 */

/** Turns per-promise stack capture off; returns the function that turns it back on (call it in a `finally`). */
export function suspendPromiseStacks(): () => void {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}

/**
 * An error thrown while stacks were off has no frames: give it the frames of where the resource was declared
 * (`below`: the constructor, whose own frame and everything under it are left out), so it still points at the
 * program's line.
 */
export function withStack(err: unknown, below: NonNullable<Parameters<typeof Error.captureStackTrace>[1]>): unknown {
  if (err instanceof Error && !/\n\s+at /.test(err.stack ?? "")) Error.captureStackTrace(err, below);
  return err;
}
