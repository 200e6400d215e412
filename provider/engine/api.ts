/**
 * What the engine needs from the HTTP client (provider/http), as an interface so tests can hand in a recording
 * client. Errors are read by their `kind`/`ambiguous` fields rather than `instanceof`, so an error from another
 * copy of the package's http module is still understood.
 */
import type { BuddyClient } from "../http";

export type ActionsApi = Pick<BuddyClient, "get" | "post" | "patch" | "delete" | "listAll">;

/**
 * Where the engine gets its client (provider/process-client.ts in the provider process). `"look"` asks for the
 * client of a request that is only advice (preview's survey): few retries, a short timeout, no retry warnings, so
 * a preview never waits minutes on a server that is down. A factory may ignore it and hand its one client (tests).
 */
export type ApiFactory = (use?: "look") => ActionsApi;

/** A Buddy action as the API returns it (snake_case). */
export type WireAction = Record<string, unknown> & { id?: unknown; name?: unknown; type?: unknown };

function field(err: unknown, name: string): unknown {
  return typeof err === "object" && err !== null ? (err as Record<string, unknown>)[name] : undefined;
}

/** 404: the action (or its pipeline) is gone. 401/403/"API disabled"/"suspended" are "not-allowed", never this. */
export function isNotFound(err: unknown): boolean {
  return field(err, "kind") === "not-found";
}

/** The server may have applied the request (timeout, dropped connection, 5xx after sending). */
export function isAmbiguous(err: unknown): boolean {
  return field(err, "ambiguous") === true;
}

/** Buddy refused the request as invalid (400, 422): it was not applied, and sending it again would not help. */
export function isRefused(err: unknown): boolean {
  return field(err, "kind") === "validation";
}
