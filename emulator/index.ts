import { DEFAULT_RATE_LIMIT, DEFAULT_WORKSPACE } from "./defaults";
import { buildServer } from "./server";
import { allScopesToken, buildInitialState, loadState, Store, StoreState } from "./store";
import type { EmulatorOptions, EmulatorToken, RunningEmulator } from "./types";

/**
 * Public API of the Buddy API emulator: `startEmulator` plus the types and the tables (defaults, scopes, secret
 * encoding) a client of the emulator may want to reason about.
 */
export type {
  CountersView,
  EmulatorAdmin,
  EmulatorClock,
  EmulatorOptions,
  EmulatorToken,
  EndpointCounters,
  FaultConfig,
  FaultKind,
  HeldRequest,
  HoldRule,
  JsonObject,
  JsonValue,
  ReleaseOptions,
  RequestLogEntry,
  RunningEmulator,
  SeedAction,
  SeedData,
  SeedPipeline,
  SeedProject,
  SeedWorkspace,
  WorkspaceFlags,
} from "./types";
export {
  ACTION_DEFAULTS,
  ACTION_SERVER_FIELDS,
  LIST_FILL_INS,
  DEFAULT_PROJECT,
  DEFAULT_RATE_LIMIT,
  DEFAULT_WORKSPACE,
  PERMISSIONS_DEFAULTS,
  PIPELINE_DEFAULTS,
  catalogScalarDefaults,
  VARIABLE_DEFAULTS,
} from "./defaults";
export { ALL_SCOPES, SCOPES_FOR } from "./scopes";
export { encryptActionSecrets, encryptSecret, SECRET_FIELDS, SECRET_PREFIX } from "./secrets";
export { KNOWN_ACTION_TYPES } from "./schema";
export { TYPE_CHANGE_MESSAGE } from "./validation";
export { FAULT_KINDS } from "./faults";
export { ADMIN_PREFIX } from "./admin";
export { DEFAULT_MODES, EXTRA_FIELDS } from "./modes";
export type { ServerModes } from "./modes";

function checkTokens(tokens: EmulatorToken[]): EmulatorToken[] {
  for (const t of tokens) {
    if (typeof t.token !== "string" || t.token === "" || /\s/.test(t.token)) {
      throw new Error("every token must be a non-empty string without spaces");
    }
    if (!Array.isArray(t.scopes) || t.scopes.some((s) => typeof s !== "string")) {
      throw new Error(`token ${t.token.slice(0, 4)}...: scopes must be an array of strings`);
    }
  }
  return tokens.map((t) => ({ token: t.token, scopes: [...t.scopes] }));
}

/**
 * Starts an emulator and resolves once it listens.
 * - Tokens: opts.tokens plus seed.tokens; if neither, the tokens stored in an existing data file; else one random
 *   token with every scope.
 * - Content: an existing data file wins (everything, id counters included, is restored); else the seed; else the
 *   default workspace with project my-project and pipelines 1 "build-and-deploy" and 2 "release".
 *   The default workspace (opts.workspace, else the seed's first, else the data file's first, else "my-company")
 *   always exists.
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const port = opts.port ?? 0;
  const rateLimit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const loaded = opts.dataFile !== undefined ? loadState(opts.dataFile) : undefined;

  const explicit = checkTokens([...(opts.tokens ?? []), ...(opts.seed?.tokens ?? [])]);
  const tokens =
    explicit.length > 0 ? explicit : loaded && loaded.tokens.length > 0 ? loaded.tokens : [allScopesToken()];
  const workspace =
    opts.workspace ?? opts.seed?.workspaces?.[0]?.name ?? loaded?.workspaces[0]?.name ?? DEFAULT_WORKSPACE;

  // Built once (validating the seed up front); reset hands out deep copies.
  const initialJson = JSON.stringify(buildInitialState({ seed: opts.seed, workspace, tokens }));
  const initialState = (): StoreState => JSON.parse(initialJson) as StoreState;

  let state: StoreState;
  if (loaded) {
    state = { ...loaded, tokens };
    if (!state.workspaces.some((w) => w.name === workspace)) {
      state.workspaces.push({
        id: state.next_ids.workspace++,
        name: workspace,
        display_name: workspace,
        api_disabled: false,
        suspended: false,
        create_date: new Date().toISOString(),
        projects: [],
      });
    }
  } else {
    state = initialState();
  }
  const store = new Store(state, opts.dataFile);
  store.save(); // the data file exists (and holds the effective tokens) from the start

  let base = "";
  const { app, admin } = buildServer({
    store,
    rateLimit,
    faults: opts.faults,
    modes: opts.modes,
    quiet: opts.quiet ?? true,
    baseUrl: () => base,
    initialState,
    clock: opts.clock,
  });
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === "object" && address !== null ? address.port : port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  base = `http://${urlHost}:${actualPort}`;

  let closing: Promise<void> | undefined;
  return {
    url: base,
    port: actualPort,
    token: tokens[0].token,
    workspace,
    admin,
    close: () => {
      // Every write was persisted before it was acknowledged, so closing only has to stop listening.
      closing ??= app.close();
      return closing;
    },
  };
}
