/**
 * How an error leaves the provider for Pulumi's dynamic provider host, so the user reads it once, on one line.
 *
 * Why errors printed twice with a stack (read from @pulumi/pulumi 3.248.0, cmd/dynamic-provider/index.js): when
 * `check`, `diff`, `read` or `delete` throws, the host first runs `console.error(`${e}: ${e.stack}`)` and then
 * returns the error over gRPC; `create` and `update` failures go through `grpcResponseFromError`, which sends
 * `e.message` only. `configure` runs inside whichever method first needs the provider. The engine shows every
 * stderr line of a dynamic provider as a message of the stack, so a thrown `Error("X")` appeared as
 * `Error: X: Error: X`, then its frames (pointing into provider/*.ts through source-map-support, files the
 * package does not ship), then once more as the resource's `error: X` from the gRPC answer.
 *
 * The gRPC answer is the one copy that belongs to the resource, so each method hands its error to `forHost`:
 * the message becomes one redacted line, the frames are dropped, and the host's stderr echo of that very error
 * (the exact text it is about to print) is swallowed. Any other stderr output passes untouched.
 */
import { redact } from "../http/redact";
import { oneLine } from "../log";

/** Echo lines the host is about to print for errors we threw; each is swallowed once. */
const pendingEchoes = new Set<string>();
/** A bound on pendingEchoes: a create/update error is never echoed, so its entry would otherwise stay. */
const MAX_PENDING = 200;
let filterInstalled = false;

function installEchoFilter(): void {
  if (filterInstalled) return;
  filterInstalled = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    if (args.length === 1 && typeof args[0] === "string" && pendingEchoes.delete(args[0])) return;
    original(...args);
  };
}

/**
 * The error to throw to the host: the same object (a partial create's `id`/`properties` must survive), its
 * message one redacted line, its stack only that line, and its echo registered to be swallowed.
 */
export function forHost(err: unknown): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.message = oneLine(redact(e.message));
  e.stack = `${e.name}: ${e.message}`;
  if (pendingEchoes.size >= MAX_PENDING) pendingEchoes.clear();
  pendingEchoes.add(`${String(e)}: ${e.stack}`);
  installEchoFilter();
  return e;
}

/** Runs a provider method; what it throws goes through forHost. */
async function reportingToHost<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw forHost(err);
  }
}

/** An object of async methods, such as a dynamic provider. */
type AsyncMethods<P> = { [K in keyof P]: (...args: never[]) => Promise<unknown> };

/**
 * The provider with each method's errors reported through forHost: the same methods, same arguments, same
 * results. Serves the action provider (engine/provider.ts) and the Pipeline provider (pipelines/provider.ts).
 */
export function reportingMethods<P extends AsyncMethods<P>>(provider: P): P {
  const reporting: Partial<Record<keyof P, unknown>> = {};
  for (const name of Object.keys(provider) as (keyof P)[]) {
    const method: (...args: never[]) => Promise<unknown> = provider[name];
    reporting[name] = (...args: never[]) => reportingToHost(() => method.apply(provider, args));
  }
  return reporting as P;
}
