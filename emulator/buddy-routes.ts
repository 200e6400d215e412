import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HTML_BASE } from "./defaults";
import { badRequest } from "./errors";
import {
  actionView,
  htmlUrls,
  pipelinePath,
  pipelineView,
  projectPath,
  projectView,
  workspacePath,
  workspaceView,
} from "./render";
import type { Access } from "./scopes";
import type { Store } from "./store";
import type { JsonObject } from "./types";
import { afterActionId, prepareActionEdit, prepareNewAction, requireObjectBody } from "./validation";
import { actionSummary, nameTaken, pageOf, ServerModes } from "./modes";
import { refuseActionWrite, registerYamlRoutes, wantsYaml, yamlExportView } from "./yaml-pipelines";

/**
 * Buddy's REST paths for workspaces, projects, pipelines and actions. Authentication, scopes, rate limits, faults
 * and the workspace api_disabled/suspended checks run before these handlers, in server.ts hooks, driven by each
 * route's `config.access`; handlers only look things up (404s), validate bodies (400s) and change the store.
 */

export interface RouteConfig {
  access: Access;
}

type Params = { workspace: string; project_name: string; pipeline_id: string; action_id: string };
type Req = FastifyRequest<{ Params: Params; Querystring: Record<string, string | undefined> }>;

const DEFAULT_PER_PAGE = 20;

/**
 * `page` (from 1) and `per_page` (default 20, capped at the modes' `perPageCap`, 100 unless set lower); anything not a
 * positive integer is a 400. With `listPagingIgnored` the whole list, whatever they say (still checked).
 */
function paginate<T>(items: T[], query: Record<string, string | undefined>, modes: Readonly<ServerModes>): T[] {
  const read = (name: string, fallback: number): number => {
    const raw = query[name];
    if (raw === undefined || raw === "") return fallback;
    if (!/^[0-9]+$/.test(raw) || Number(raw) < 1)
      throw badRequest(`Query parameter "${name}" must be a positive integer.`);
    return Number(raw);
  };
  return pageOf(items, read("page", 1), read("per_page", DEFAULT_PER_PAGE), modes);
}

/**
 * `modes` is read on every request: the admin API may change it at any time. `sleep` is the emulator's clock (a
 * test's virtual one, or the wall clock), so the POST answer delay is as deterministic as the rest of its time.
 */
export function registerBuddyRoutes(
  app: FastifyInstance,
  store: Store,
  baseUrl: () => string,
  modes: () => Readonly<ServerModes>,
  sleep: (ms: number) => Promise<void>,
): void {
  const cfg = (access: Access): { config: RouteConfig } => ({ config: { access } });

  const ctx = (req: Req) => {
    const ws = store.workspace(req.params.workspace);
    return { ws };
  };
  const projectCtx = (req: Req) => {
    const { ws } = ctx(req);
    return { ws, project: store.project(ws, req.params.project_name) };
  };
  const pipelineCtx = (req: Req) => {
    const { ws, project } = projectCtx(req);
    return { ws, project, pipeline: store.pipeline(project, req.params.pipeline_id) };
  };
  const actionCtx = (req: Req) => {
    const c = pipelineCtx(req);
    return { ...c, action: store.action(c.pipeline, req.params.action_id) };
  };

  // ---- workspaces ----
  app.get("/workspaces", cfg("workspace-read"), async () => ({
    url: `${baseUrl()}/workspaces`,
    html_url: HTML_BASE,
    workspaces: store.state.workspaces.map((w) => workspaceView(baseUrl(), w)),
  }));

  app.get("/workspaces/:workspace", cfg("workspace-read"), async (req: Req) => workspaceView(baseUrl(), ctx(req).ws));

  // ---- projects ----
  app.get("/workspaces/:workspace/projects", cfg("project-read"), async (req: Req) => {
    const { ws } = ctx(req);
    return {
      url: `${baseUrl()}${workspacePath(ws)}/projects`,
      html_url: htmlUrls.workspace(ws),
      projects: paginate(ws.projects, req.query, modes()).map((p) => projectView(baseUrl(), ws, p)),
    };
  });

  app.get("/workspaces/:workspace/projects/:project_name", cfg("project-read"), async (req: Req) => {
    const { ws, project } = projectCtx(req);
    return projectView(baseUrl(), ws, project);
  });

  app.post("/workspaces/:workspace/projects", cfg("project-write"), async (req: Req, reply: FastifyReply) => {
    const { ws } = ctx(req);
    const project = store.createProject(ws, requireObjectBody(req.body));
    return reply.code(201).send(projectView(baseUrl(), ws, project));
  });

  // ---- pipelines ----
  const pipelinesPath = "/workspaces/:workspace/projects/:project_name/pipelines";

  app.get(pipelinesPath, cfg("pipeline-read"), async (req: Req) => {
    const { ws, project } = projectCtx(req);
    if (wantsYaml(req.query)) return yamlExportView(baseUrl(), ws, project, undefined);
    return {
      url: `${baseUrl()}${projectPath(ws, project)}/pipelines`,
      html_url: `${htmlUrls.project(ws, project)}/pipelines`,
      pipelines: paginate(project.pipelines, req.query, modes()).map((pl) => pipelineView(baseUrl(), ws, project, pl)),
    };
  });

  app.get(`${pipelinesPath}/:pipeline_id`, cfg("pipeline-read"), async (req: Req) => {
    const { ws, project, pipeline } = pipelineCtx(req);
    if (wantsYaml(req.query)) return yamlExportView(baseUrl(), ws, project, pipeline);
    return pipelineView(baseUrl(), ws, project, pipeline);
  });

  app.post(pipelinesPath, cfg("pipeline-write"), async (req: Req, reply: FastifyReply) => {
    const { ws, project } = projectCtx(req);
    const pipeline = store.createPipeline(project, requireObjectBody(req.body));
    return reply.code(201).send(pipelineView(baseUrl(), ws, project, pipeline));
  });

  app.patch(`${pipelinesPath}/:pipeline_id`, cfg("pipeline-write"), async (req: Req) => {
    const { ws, project, pipeline } = pipelineCtx(req);
    store.editPipeline(pipeline, requireObjectBody(req.body));
    return pipelineView(baseUrl(), ws, project, pipeline);
  });

  app.delete(`${pipelinesPath}/:pipeline_id`, cfg("pipeline-write"), async (req: Req, reply: FastifyReply) => {
    const { project, pipeline } = pipelineCtx(req);
    store.deletePipeline(project, pipeline);
    return reply.code(204).send();
  });

  registerYamlRoutes(app, store, baseUrl, modes);

  // ---- actions ----
  const actionsPath = `${pipelinesPath}/:pipeline_id/actions`;

  app.get(actionsPath, cfg("pipeline-read"), async (req: Req) => {
    const { ws, project, pipeline } = pipelineCtx(req);
    return {
      url: `${baseUrl()}${pipelinePath(ws, project, pipeline)}/actions`,
      html_url: htmlUrls.pipeline(ws, project, pipeline),
      actions: paginate(pipeline.actions, req.query, modes())
        .map((a) => actionView(baseUrl(), ws, project, pipeline, a))
        .map((a) => (modes().listSummaries ? actionSummary(a) : a)),
    };
  });

  app.post(actionsPath, cfg("pipeline-write"), async (req: Req, reply: FastifyReply) => {
    const { ws, project, pipeline } = pipelineCtx(req);
    refuseActionWrite(pipeline, modes());
    const body = requireObjectBody(req.body);
    const fields = prepareNewAction(body);
    const taken = nameTaken(modes(), pipeline.actions, fields.name);
    if (taken !== undefined) throw badRequest(taken);
    const action = store.addAction(pipeline, fields, afterActionId(body));
    // Committed and listed from here on; the answer may take a while (postAnswerDelayMs).
    const delay = modes().postAnswerDelayMs;
    if (delay > 0) await sleep(delay);
    return reply.code(201).send(actionView(baseUrl(), ws, project, pipeline, action));
  });

  app.get(`${actionsPath}/:action_id`, cfg("pipeline-read"), async (req: Req) => {
    const { ws, project, pipeline, action } = actionCtx(req);
    return actionView(baseUrl(), ws, project, pipeline, action);
  });

  app.patch(`${actionsPath}/:action_id`, cfg("pipeline-write"), async (req: Req) => {
    const { ws, project, pipeline, action } = actionCtx(req);
    refuseActionWrite(pipeline, modes());
    const body = requireObjectBody(req.body);
    const fields = prepareActionEdit(action.fields, body);
    const taken = nameTaken(modes(), pipeline.actions, fields.name, action.id);
    if (taken !== undefined) throw badRequest(taken);
    store.editAction(pipeline, action, fields, afterActionId(body));
    return actionView(baseUrl(), ws, project, pipeline, action);
  });

  app.delete(`${actionsPath}/:action_id`, cfg("pipeline-write"), async (req: Req, reply: FastifyReply) => {
    const { pipeline, action } = actionCtx(req);
    refuseActionWrite(pipeline, modes());
    store.deleteAction(pipeline, action);
    return reply.code(204).send();
  });
}

/** Out-of-band action changes shared by the admin HTTP API and the in-process admin object. */
export function outOfBand(store: Store, baseUrl: () => string) {
  const locate = (workspace: string, project: string, pipelineId: string | number) => {
    const ws = store.workspace(workspace);
    const p = store.project(ws, project);
    return { ws, p, pl: store.pipeline(p, pipelineId) };
  };
  return {
    add(workspace: string, project: string, pipelineId: string | number, body: unknown): JsonObject {
      const { ws, p, pl } = locate(workspace, project, pipelineId);
      const obj = requireObjectBody(body);
      const action = store.addAction(pl, prepareNewAction(obj), afterActionId(obj));
      return actionView(baseUrl(), ws, p, pl, action);
    },
    edit(
      workspace: string,
      project: string,
      pipelineId: string | number,
      actionId: string | number,
      body: unknown,
    ): JsonObject {
      const { ws, p, pl } = locate(workspace, project, pipelineId);
      const action = store.action(pl, actionId);
      const obj = requireObjectBody(body);
      store.editAction(pl, action, prepareActionEdit(action.fields, obj), afterActionId(obj));
      return actionView(baseUrl(), ws, p, pl, action);
    },
    /** A pipeline's settings changed as in Buddy's UI: the same rules as the API's PATCH. */
    editPipeline(workspace: string, project: string, pipelineId: string | number, body: unknown): JsonObject {
      const { ws, p, pl } = locate(workspace, project, pipelineId);
      store.editPipeline(pl, requireObjectBody(body));
      return pipelineView(baseUrl(), ws, p, pl);
    },
    remove(workspace: string, project: string, pipelineId: string | number, actionId: string | number): void {
      const { pl } = locate(workspace, project, pipelineId);
      store.deleteAction(pl, store.action(pl, actionId));
    },
  };
}
