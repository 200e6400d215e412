/**
 * Public types of the Buddy API emulator. Other packages (the provider's tests, the end-to-end suite) code against
 * these shapes, so they change only with care. Internal record types live in store.ts.
 */
import type { ServerModes } from "./modes";

/** Any JSON value. Request bodies and stored action fields are plain JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** An API token and the scopes it carries (e.g. WORKSPACE, EXECUTION_INFO, EXECUTION_MANAGE, PIPELINE_WRITE). */
export interface EmulatorToken {
  token: string;
  scopes: string[];
}

export type FaultKind = "429" | "500" | "502" | "503" | "drop" | "latency" | "commit-then-drop";

export interface FaultConfig {
  /** Share of Buddy-path requests that get a fault, 0..1. 0 turns faults off. */
  rate: number;
  /** Kinds to choose from, uniformly, among those applicable to the request's method. */
  kinds: FaultKind[];
  /** Delay added by the `latency` kind. Default 200 ms. */
  latencyMs?: number;
  /** Seed of the PRNG that decides which requests fault; the same seed gives the same sequence. */
  seed?: number;
  /** Only requests with these HTTP methods can fault (upper case). Default: all. */
  methods?: string[];
}

/** An action in a seed: the same body a client would POST, optionally with a fixed id. */
export interface SeedAction {
  id?: number;
  name: string;
  type: string;
  [field: string]: JsonValue | undefined;
}

export interface SeedPipeline {
  id?: number;
  name: string;
  on?: string;
  actions?: SeedAction[];
  [field: string]: JsonValue | SeedAction[] | undefined;
}

export interface SeedProject {
  /** URL id of the project; derived from display_name when absent. */
  name?: string;
  display_name: string;
  pipelines?: SeedPipeline[];
}

export interface SeedWorkspace {
  /** URL id (Buddy's "domain"), e.g. "my-company". */
  name: string;
  display_name?: string;
  api_disabled?: boolean;
  suspended?: boolean;
  projects?: SeedProject[];
}

export interface SeedData {
  workspaces?: SeedWorkspace[];
  tokens?: EmulatorToken[];
}

export interface EmulatorOptions {
  /** 0 = a free port (the default, for the function and for the CLI). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: one random token with every scope. */
  tokens?: EmulatorToken[];
  /** Default workspace; created if missing. Default: the seed's first workspace, else the data file's first, else "my-company". */
  workspace?: string;
  /** Persistence file; in-memory when absent. */
  dataFile?: string;
  seed?: SeedData;
  /** Requests per second per token. Default 1000. */
  rateLimit?: number;
  faults?: FaultConfig;
  /** Server behaviours Buddy's docs leave open (emulator/modes.ts); unset keys keep the defaults. */
  modes?: Partial<ServerModes>;
  /** Programmatic default: true (no access log). The CLI logs each request to stderr unless --quiet. */
  quiet?: boolean;
  /**
   * Where the emulator's time comes from (rate-limit windows, the `latency` fault, the POST answer delay). Default: the wall clock and
   * timers. Tests pass their own, so nothing they assert depends on how fast the machine is.
   */
  clock?: EmulatorClock;
}

/** Time as the emulator sees it. */
export interface EmulatorClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** One entry of the admin request log (Buddy paths only). */
export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  /** Parsed JSON request body, or null. An action body's secrets are encrypted (encryptActionSecrets), never plaintext. */
  body: JsonValue;
  fault: FaultKind | null;
  /** ISO-8601 time the request arrived. */
  at: string;
}

export interface EndpointCounters {
  total: number;
  /** Keyed by status code as a string, or "dropped" for a connection dropped without an answer. */
  by_status: Record<string, number>;
}

export interface CountersView {
  total: number;
  by_status: Record<string, number>;
  /** Keyed by "METHOD /route/pattern", e.g. "GET /workspaces/:workspace"; unmatched paths count as "METHOD (unmatched)". */
  endpoints: Record<string, EndpointCounters>;
}

export interface WorkspaceFlags {
  api_disabled?: boolean;
  suspended?: boolean;
}

/** A rule holding requests until released (holds.ts). */
export interface HoldRule {
  /** HTTP method, e.g. "POST". */
  method: string;
  /** A regular expression tested against the request's path (no query); omitted: every path. */
  pathPattern?: string;
  /** How many requests to hold; omitted: every matching request until the holds are cleared. */
  count?: number;
  /** How many matching requests to let through first (default 0). */
  skip?: number;
}

/** A request held by a hold rule, waiting for release. */
export interface HeldRequest {
  id: number;
  method: string;
  path: string;
  /** ISO-8601 time it was held. */
  heldAt: string;
}

/** What to do with released requests: go on (the handler runs and commits) or drop the connection, doing nothing. */
export interface ReleaseOptions {
  /** Only these held requests; default every one. */
  ids?: number[];
  /** Only the oldest N (of those chosen by `ids`). */
  count?: number;
  /** Default "proceed". */
  how?: "proceed" | "drop";
}

/** The admin operations, callable in-process. The HTTP admin API under /__emulator is the same thing over the wire. */
export interface EmulatorAdmin {
  requests(): RequestLogEntry[];
  clearRequests(): void;
  counters(): CountersView;
  reset(): void;
  getFaults(): FaultConfig;
  setFaults(config: FaultConfig): void;
  getModes(): ServerModes;
  /** Changes the modes named; the others keep their current values. */
  setModes(modes: Partial<ServerModes>): void;
  state(): JsonObject;
  setWorkspaceFlags(workspace: string, flags: WorkspaceFlags): void;
  /** Out-of-band action edits, as a person in Buddy's UI would make them: no auth, no rate limit, no faults, no log. */
  addAction(workspace: string, project: string, pipelineId: number, body: JsonObject): JsonObject;
  editAction(workspace: string, project: string, pipelineId: number, actionId: number, body: JsonObject): JsonObject;
  deleteAction(workspace: string, project: string, pipelineId: number, actionId: number): void;
  /** An out-of-band edit of a pipeline's settings (the API's PATCH rules; not logged). */
  editPipeline(workspace: string, project: string, pipelineId: number, body: JsonObject): JsonObject;
  /** Holds the next matching requests until released (see holds.ts). */
  hold(rule: HoldRule): void;
  /** The hold rules left and the requests held now. */
  holds(): { rules: HoldRule[]; held: HeldRequest[] };
  /** Resolves once at least `count` requests are held at once (rejects after `timeoutMs`, default 60 s). */
  waitForHeld(count: number, timeoutMs?: number): Promise<HeldRequest[]>;
  /** Releases held requests; returns the ids released. */
  release(opts?: ReleaseOptions): number[];
  /** Removes every hold rule and lets every held request go on. */
  clearHolds(): void;
}

export interface RunningEmulator {
  /** http://HOST:PORT; Buddy's API paths hang directly off it. */
  url: string;
  port: number;
  /** The first configured token. */
  token: string;
  workspace: string;
  admin: EmulatorAdmin;
  close(): Promise<void>;
}
