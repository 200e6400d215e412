import type { FastifyInstance } from "fastify";
import { outOfBand } from "./buddy-routes";
import { badRequest, notFound } from "./errors";
import { checkFaultConfig, FaultInjector } from "./faults";
import { checkHoldRule, checkRelease, Holds } from "./holds";
import type { RateLimiter } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { Store, StoreState } from "./store";
import type { EmulatorAdmin, FaultConfig, HoldRule, JsonObject, WorkspaceFlags } from "./types";
import { isPlainObject } from "./validation";
import { checkModes, ServerModes } from "./modes";

/**
 * Test and CI controls, under /__emulator (a prefix no Buddy path uses). No auth, no rate limit, no faults, not in
 * the request log: the emulator listens on loopback by default, and these calls stand for things that are not API
 * traffic (a person clicking in Buddy's UI, an operator resetting the server).
 */
export const ADMIN_PREFIX = "/__emulator";

interface AdminDeps {
  store: Store;
  log: RequestLog;
  faults: FaultInjector;
  limiter: RateLimiter;
  holds: Holds;
  baseUrl: () => string;
  /** A fresh copy of the start state (seed or defaults, with the configured tokens). */
  initialState: () => StoreState;
  initialFaults: FaultConfig;
  /** The server behaviours in force (read by the routes on every request), and those it started with. */
  modes: { current: ServerModes };
  initialModes: ServerModes;
}

export function createAdmin(d: AdminDeps): EmulatorAdmin {
  const oob = outOfBand(d.store, d.baseUrl);
  return {
    requests: () => d.log.list(),
    clearRequests: () => d.log.clearLog(),
    counters: () => d.log.counterView(),
    reset: () => {
      d.store.replaceWith(d.initialState());
      d.log.clearAll();
      d.limiter.clear();
      d.faults.configure(d.initialFaults);
      d.modes.current = { ...d.initialModes };
      d.holds.clear();
    },
    getModes: () => ({ ...d.modes.current }),
    setModes: (partial) => {
      const { modes, errors } = checkModes(partial, d.modes.current);
      if (!modes) throw badRequest(errors);
      d.modes.current = modes;
    },
    getFaults: () => d.faults.current(),
    setFaults: (config) => {
      const { config: checked, errors } = checkFaultConfig(config);
      if (!checked) throw badRequest(errors);
      d.faults.configure(checked);
    },
    state: () => JSON.parse(JSON.stringify(d.store.state)) as JsonObject,
    setWorkspaceFlags: (workspace, flags) => {
      const errors: string[] = [];
      for (const key of ["api_disabled", "suspended"] as const) {
        if (flags[key] !== undefined && typeof flags[key] !== "boolean")
          errors.push(`Field "${key}" must be a boolean.`);
      }
      if (errors.length > 0) throw badRequest(errors);
      d.store.setWorkspaceFlags(d.store.workspace(workspace), flags);
    },
    addAction: (ws, project, pipelineId, body) => oob.add(ws, project, pipelineId, body),
    editAction: (ws, project, pipelineId, actionId, body) => oob.edit(ws, project, pipelineId, actionId, body),
    deleteAction: (ws, project, pipelineId, actionId) => oob.remove(ws, project, pipelineId, actionId),
    editPipeline: (ws, project, pipelineId, body) => oob.editPipeline(ws, project, pipelineId, body),
    hold: (rule) => {
      const { rule: checked, errors } = checkHoldRule(rule);
      if (!checked) throw badRequest(errors);
      d.holds.add(checked);
    },
    holds: () => d.holds.view(),
    waitForHeld: (count, timeoutMs) => d.holds.waitForHeld(count, timeoutMs),
    release: (opts) => {
      const { opts: checked, errors } = checkRelease(opts);
      if (!checked) throw badRequest(errors);
      return d.holds.release(checked);
    },
    clearHolds: () => d.holds.clear(),
  };
}

/** Path ids must be integers; anything else names nothing that exists. */
function id(raw: string, what: string): number {
  if (!/^[0-9]{1,15}$/.test(raw)) throw notFound(`${what} ${raw} not found.`);
  return Number(raw);
}

type ActionParams = { workspace: string; project_name: string; pipeline_id: string; action_id: string };

export function registerAdminRoutes(app: FastifyInstance, admin: EmulatorAdmin, store: Store): void {
  const p = ADMIN_PREFIX;

  app.get(`${p}/health`, async () => ({ ok: true }));

  app.get(`${p}/requests`, async () => ({ requests: admin.requests() }));
  app.delete(`${p}/requests`, async (_req, reply) => {
    admin.clearRequests();
    return reply.code(204).send();
  });

  app.get(`${p}/counters`, async () => admin.counters());

  app.post(`${p}/reset`, async (_req, reply) => {
    admin.reset();
    return reply.code(204).send();
  });

  app.get(`${p}/faults`, async () => admin.getFaults());
  app.put(`${p}/faults`, async (req) => {
    admin.setFaults(req.body as FaultConfig);
    return admin.getFaults();
  });

  app.get(`${p}/modes`, async () => admin.getModes());
  app.put(`${p}/modes`, async (req) => {
    admin.setModes(req.body as Partial<ServerModes>);
    return admin.getModes();
  });

  app.get(`${p}/state`, async () => admin.state());

  app.get(`${p}/hold`, async () => admin.holds());
  app.put(`${p}/hold`, async (req) => {
    admin.hold(req.body as HoldRule);
    return admin.holds();
  });
  app.delete(`${p}/hold`, async (_req, reply) => {
    admin.clearHolds();
    return reply.code(204).send();
  });
  app.post(`${p}/hold/wait`, async (req, reply) => {
    const body = (req.body ?? {}) as { count?: unknown; timeoutMs?: unknown };
    const count = body.count ?? 1;
    const timeoutMs = body.timeoutMs ?? 60_000;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1)
      throw badRequest('Field "count" must be a positive integer.');
    if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > 600_000)
      throw badRequest('Field "timeoutMs" must be an integer from 0 to 600000.');
    try {
      return { held: await admin.waitForHeld(count, timeoutMs) };
    } catch (err) {
      return reply.code(408).send({ errors: [{ message: (err as Error).message }] });
    }
  });
  app.post(`${p}/hold/release`, async (req) => ({ released: admin.release(req.body as never) }));

  app.put<{ Params: { workspace: string } }>(`${p}/workspaces/:workspace`, async (req) => {
    if (!isPlainObject(req.body)) throw badRequest("Request body must be a JSON object.");
    admin.setWorkspaceFlags(req.params.workspace, req.body as WorkspaceFlags);
    const ws = store.workspace(req.params.workspace);
    return { name: ws.name, api_disabled: ws.api_disabled, suspended: ws.suspended };
  });

  app.patch<{ Params: ActionParams }>(
    `${p}/workspaces/:workspace/projects/:project_name/pipelines/:pipeline_id`,
    async (req) => {
      const { workspace, project_name, pipeline_id } = req.params;
      return admin.editPipeline(workspace, project_name, id(pipeline_id, "Pipeline"), req.body as JsonObject);
    },
  );
  const actions = `${p}/workspaces/:workspace/projects/:project_name/pipelines/:pipeline_id/actions`;
  app.post<{ Params: ActionParams }>(actions, async (req, reply) => {
    const { workspace, project_name, pipeline_id } = req.params;
    return reply
      .code(201)
      .send(admin.addAction(workspace, project_name, id(pipeline_id, "Pipeline"), req.body as JsonObject));
  });
  app.patch<{ Params: ActionParams }>(`${actions}/:action_id`, async (req) => {
    const { workspace, project_name, pipeline_id, action_id } = req.params;
    return admin.editAction(
      workspace,
      project_name,
      id(pipeline_id, "Pipeline"),
      id(action_id, "Action"),
      req.body as JsonObject,
    );
  });
  app.delete<{ Params: ActionParams }>(`${actions}/:action_id`, async (req, reply) => {
    const { workspace, project_name, pipeline_id, action_id } = req.params;
    admin.deleteAction(workspace, project_name, id(pipeline_id, "Pipeline"), id(action_id, "Action"));
    return reply.code(204).send();
  });
}
