import Fastify, { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ADMIN_PREFIX, createAdmin, registerAdminRoutes } from "./admin";
import { registerBuddyRoutes, RouteConfig } from "./buddy-routes";
import { ApiError, badRequest, errorBody, forbidden } from "./errors";
import { FaultInjector } from "./faults";
import { Holds } from "./holds";
import { RateDecision, RateLimiter, rateLimitHeaders } from "./rate-limit";
import { RequestLog } from "./request-log";
import { encryptActionSecrets } from "./secrets";
import { isPlainObject } from "./validation";
import { checkModes, ServerModes, withExtraFields } from "./modes";
import { missingScope } from "./scopes";
import type { Store, StoreState } from "./store";
import type { EmulatorAdmin, EmulatorClock, FaultConfig, FaultKind, JsonValue } from "./types";

/**
 * Wiring: one fastify instance with Buddy's routes and the admin routes. Everything cross-cutting for Buddy paths
 * happens in one onRequest hook, in this order, so each rule sees the request before anything is done:
 *   1. fault draw; `drop` destroys the socket here, before reading the body or touching state;
 *   2. `latency` waits;
 *   3. rate limit (headers on every answer; 429 over budget);
 *   4. auth (401), scope (403), workspace exists (404), api_disabled / suspended (403);
 * then fastify parses the body; a preHandler hook answers the status faults (429/500/502/503) without doing
 * anything; then the route handler runs. `commit-then-drop` lets the handler commit, then
 * destroys the socket in onSend instead of answering. onResponse records the request log and counters.
 *
 * The request log never holds a plaintext secret: an action body (POST/PATCH .../actions[/:id]) is logged with its
 * secrets encrypted exactly as the store encrypts them (encryptActionSecrets), so a test compares a logged secret
 * with encryptSecret(sent value).
 */

interface RequestContext {
  seq: number;
  at: Date;
  fault: FaultKind | null;
  logged: boolean;
  started: number;
  rate?: RateDecision;
}

interface ServerDeps {
  store: Store;
  rateLimit: number;
  faults?: FaultConfig;
  /** Server behaviours (modes.ts); unset keys keep the defaults. */
  modes?: Partial<ServerModes>;
  quiet: boolean;
  baseUrl: () => string;
  initialState: () => StoreState;
  clock?: EmulatorClock;
}

interface BuiltServer {
  app: FastifyInstance;
  admin: EmulatorAdmin;
}

const wallClock: EmulatorClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

const FAULT_STATUS: Partial<Record<FaultKind, { status: number; message: string }>> = {
  "429": { status: 429, message: "Too many requests. Slow down and retry after the rate-limit reset." },
  "500": { status: 500, message: "Internal server error." },
  "502": { status: 502, message: "Bad gateway." },
  "503": { status: 503, message: "Service temporarily unavailable." },
};

export function buildServer(deps: ServerDeps): BuiltServer {
  const { store } = deps;
  const app = Fastify({
    logger: false,
    // Idle keep-alive connections must not hold up close(): the CLI exits promptly on SIGTERM.
    forceCloseConnections: true,
    // Buddy ids and names in paths are case-sensitive; do not let trailing slashes create a second route table.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const log = new RequestLog();
  const faults = new FaultInjector(deps.faults);
  const limiter = new RateLimiter(deps.rateLimit);
  const holds = new Holds();
  const clock = deps.clock ?? wallClock;
  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  const startModes = checkModes(deps.modes ?? {});
  if (!startModes.modes) throw new Error(`Invalid emulator modes: ${startModes.errors.join(" ")}`);
  const modes = { current: startModes.modes };
  const admin = createAdmin({
    modes,
    initialModes: startModes.modes,
    store,
    log,
    faults,
    limiter,
    holds,
    baseUrl: deps.baseUrl,
    initialState: deps.initialState,
    initialFaults: deps.faults ?? { rate: 0, kinds: [] },
  });

  const isAdmin = (req: FastifyRequest): boolean =>
    req.url === ADMIN_PREFIX || req.url.startsWith(`${ADMIN_PREFIX}/`) || req.url.startsWith(`${ADMIN_PREFIX}?`);
  const endpoint = (req: FastifyRequest): string => `${req.method} ${req.routeOptions.url ?? "(unmatched)"}`;

  const record = (req: FastifyRequest, status: number | null): void => {
    const ctx = contexts.get(req);
    if (!ctx || ctx.logged) return;
    ctx.logged = true;
    const body = loggedBody(req);
    log.record(ctx.seq, ctx.at, req.method, req.url, endpoint(req), status, body, ctx.fault);
    if (!deps.quiet) {
      const shown = status === null ? "dropped" : String(status);
      const fault = ctx.fault ? ` fault=${ctx.fault}` : "";
      process.stderr.write(`${req.method} ${req.url} ${shown} ${Date.now() - ctx.started}ms${fault}\n`);
    }
  };

  /** The body as the log keeps it: an action body with its secrets encrypted, any other body as sent. */
  const loggedBody = (req: FastifyRequest): JsonValue => {
    const body = (req.body === undefined ? null : req.body) as JsonValue;
    const route = req.routeOptions.url ?? "";
    if (!isPlainObject(body) || !/\/actions(\/:action_id)?$/.test(route)) return body;
    return encryptActionSecrets(typeof body.type === "string" ? body.type : storedActionType(req), body);
  };

  /** A PATCH need not name the type: the stored action's; undefined when it cannot be found (all rules apply). */
  const storedActionType = (req: FastifyRequest): string | undefined => {
    const p = req.params as { workspace?: string; project_name?: string; pipeline_id?: string; action_id?: string };
    if (
      p.workspace === undefined ||
      p.project_name === undefined ||
      p.pipeline_id === undefined ||
      p.action_id === undefined
    ) {
      return undefined;
    }
    try {
      const ws = store.workspace(p.workspace);
      const action = store.action(store.pipeline(store.project(ws, p.project_name), p.pipeline_id), p.action_id);
      return typeof action.fields.type === "string" ? action.fields.type : undefined;
    } catch {
      return undefined;
    }
  };

  const destroySocket = (req: FastifyRequest, reply: FastifyReply): void => {
    reply.hijack();
    req.raw.socket.destroy();
  };

  // Only JSON bodies. An empty body is "no body" (some clients send Content-Type on DELETE); bad JSON is a 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    try {
      // Drop "__proto__" keys so no later copy of the body can change an object's prototype.
      done(
        null,
        JSON.parse(text, (key, value: unknown) => (key === "__proto__" ? undefined : value)),
      );
    } catch (err) {
      done(badRequest(`Request body is not valid JSON: ${(err as Error).message}`), undefined);
    }
  });

  app.addHook("onRequest", async (req, reply) => {
    if (isAdmin(req)) return;
    const ctx: RequestContext = { seq: log.nextSeq(), at: new Date(), fault: null, logged: false, started: Date.now() };
    contexts.set(req, ctx);

    ctx.fault = faults.pick(req.method);
    if (ctx.fault === "drop") {
      record(req, null);
      destroySocket(req, reply);
      return;
    }
    if (ctx.fault === "latency") await clock.sleep(faults.latencyMs);

    const header = req.headers.authorization;
    const bearer = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    const decision = limiter.consume(bearer !== undefined ? `token:${bearer}` : `ip:${req.ip}`, clock.now());
    reply.headers(rateLimitHeaders(decision));
    if (!decision.allowed) {
      reply.header("Retry-After", String(decision.retryAfter));
      throw new ApiError(429, "Too many requests. Rate limit exceeded, retry after the X-Rate-Limit-Reset time.");
    }

    ctx.rate = decision;
    const token = bearer === undefined ? undefined : store.token(bearer);
    if (!token) throw new ApiError(401, "Unauthorized: a valid token is required (Authorization: Bearer <token>).");

    const access = (req.routeOptions.config as Partial<RouteConfig> | undefined)?.access;
    const missing = access && missingScope(token.scopes, access, modes.current.workspaceScopeRequired);
    if (missing) throw forbidden(`Access denied: the token lacks the scope ${missing}.`);

    const wsName = (req.params as { workspace?: string } | undefined)?.workspace;
    if (access && wsName !== undefined) {
      const ws = store.workspace(wsName);
      if (ws.api_disabled) throw forbidden("API is disabled in this workspace");
      if (ws.suspended) throw forbidden("Only active workspace have access to API");
    }
  });

  // Status faults answer after the body is parsed (so the request log shows what the client sent) and before the
  // handler runs (so they change nothing).
  app.addHook("preHandler", async (req, reply) => {
    const ctx = contexts.get(req);
    // A request a hold rule matches waits here until released: authenticated and parsed, nothing done yet.
    const held = ctx ? holds.take(req.method, req.url.split("?")[0]) : undefined;
    if (held && (await held.released) === "drop") {
      record(req, null);
      destroySocket(req, reply);
      return;
    }
    const statusFault = ctx?.fault ? FAULT_STATUS[ctx.fault] : undefined;
    if (!ctx || !statusFault) return;
    if (statusFault.status === 429 && ctx.rate) {
      reply.headers(rateLimitHeaders({ limit: ctx.rate.limit, remaining: 0, reset: ctx.rate.reset }));
      reply.header("Retry-After", "1");
    }
    throw new ApiError(statusFault.status, statusFault.message);
  });

  app.addHook("onSend", async (req, reply, payload) => {
    const ctx = contexts.get(req);
    if (ctx && modes.current.extraFields && typeof payload === "string" && payload !== "") {
      // Buddy paths only (admin calls have no context): the answer as sent, plus fields no client knows.
      try {
        payload = JSON.stringify(withExtraFields(JSON.parse(payload) as JsonValue));
      } catch {
        // not JSON: sent as it is
      }
    }
    if (ctx?.fault === "commit-then-drop") {
      // The handler has committed (and persisted) by now; the client never hears back.
      record(req, reply.statusCode);
      destroySocket(req, reply);
    }
    return payload;
  });

  app.addHook("onResponse", async (req, reply) => {
    record(req, reply.statusCode);
  });

  app.setErrorHandler((error: FastifyError | ApiError, req, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.status).send(errorBody(error.messages));
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      const type = req.headers["content-type"] ?? "(none)";
      return reply.code(400).send(errorBody([`Unsupported Content-Type "${type}": send application/json.`]));
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(errorBody([error.message]));
    }
    if (!deps.quiet)
      process.stderr.write(
        `buddy-emulator: internal error on ${req.method} ${req.url}: ${error.stack ?? error.message}\n`,
      );
    return reply.code(500).send(errorBody(["Internal server error."]));
  });

  app.setNotFoundHandler(async (req, reply) => {
    return reply.code(404).send(errorBody([`No such endpoint: ${req.method} ${req.url.split("?")[0]}`]));
  });

  registerBuddyRoutes(
    app,
    store,
    deps.baseUrl,
    () => modes.current,
    (ms) => clock.sleep(ms),
  );
  registerAdminRoutes(app, admin, store);
  // Held requests must not keep close() waiting: they go on (and find their client gone, if it is).
  app.addHook("preClose", async () => holds.clear());
  return { app, admin };
}
