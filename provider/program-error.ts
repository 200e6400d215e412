/**
 * The errors this package throws in the program process (lookups, the program-time config checks) to stop a
 * `pulumi preview` or `up` with one line.
 *
 * Pulumi prints a RunError as its message alone, but its run handler (`@pulumi/pulumi` cmd/run/run.js, every SDK
 * version to date) also formats each uncaught error with `util.inspect(err, { colors: true })` for its trace. In a
 * TypeScript program the stack is source-mapped, and a frame inside @pulumi/pulumi's top-level files (output.js)
 * maps to `node_modules/@pulumi/output.ts`, a path that the inspect of Node.js 20 and 22 cannot colour: it loops,
 * growing one string until V8 refuses it (nodejs/node#64011, fixed in Node.js 24). Measured here: 50 s of CPU and
 * 3.5 GB of memory in the program process, which the engine waits for before it exits. The frames tell a user
 * nothing they can act on, so these errors carry none.
 */
import * as pulumi from "@pulumi/pulumi";

/** A RunError whose stack is its message alone (set before anything reads it, so no frame is ever formatted). */
export function programError(message: string): pulumi.RunError {
  const err = new pulumi.RunError(message);
  err.stack = `${err.name}: ${message}`;
  return err;
}
