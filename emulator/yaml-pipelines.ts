import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseAllDocuments, stringify } from "yaml";
import { badRequest } from "./errors";
import type { ServerModes } from "./modes";
import { htmlUrls, pipelinePath, pipelineView, projectPath } from "./render";
import type { Access } from "./scopes";
import { prepareNewPipeline } from "./pipelines";
import type { PipelineRecord, ProjectRecord, Store, WorkspaceRecord } from "./store";
import type { JsonObject, JsonValue } from "./types";
import { prepareNewAction, requireObjectBody } from "./validation";

/**
 * Pipelines defined in YAML (issue 19 item 3), as Buddy's docs describe them:
 * - every pipeline reports where its definition lives: `definition_source` (LOCAL unless set to REMOTE, with
 *   `remote_project_name`, `remote_ref`, `remote_path`, `remote_parameters`), and `git_config_ref` (NONE, or FIXED /
 *   DYNAMIC when its YAML is kept in a repository);
 * - `POST .../pipelines/yaml` makes a pipeline, and `PATCH .../pipelines/:id/yaml` replaces one (its settings and
 *   its actions), from a base64 `yaml` body; `GET .../pipelines/:id?yaml=true` (and the list with `?yaml=true`)
 *   exports the definition as base64 YAML, written from the pipeline as it is now (YAML kept in the app follows
 *   every edit, made in the UI or the API);
 * - an action write (add, edit, delete) to a pipeline whose YAML is kept in a repository: the docs are silent, so
 *   both plausible servers are here. By default it is refused (400, naming the pipeline and its definition source);
 *   with the mode `yamlActionWritesAccepted` it is accepted, as a server would whose next sync from the repository
 *   then undoes it. The emulator reads no repository, so such a pipeline's actions are what the seed or the admin
 *   API put there.
 */

/** The settings a YAML pipeline entry carries besides its actions, mapped to the REST pipeline's names. */
const YAML_ONLY_KEYS = new Set(["pipeline", "actions"]);

/** Where a repository-held definition lives, in words; undefined when the YAML is kept in the app. */
export function repositoryDefinition(pl: PipelineRecord): string | undefined {
  const f = pl.fields;
  if (f.definition_source === "REMOTE") {
    return (
      `definition_source REMOTE (project ${JSON.stringify(f.remote_project_name ?? null)}, ref ` +
      `${JSON.stringify(f.remote_ref ?? f.remote_branch ?? null)}, path ${JSON.stringify(f.remote_path ?? null)})`
    );
  }
  if (f.git_config_ref === "FIXED" || f.git_config_ref === "DYNAMIC") return `git_config_ref ${f.git_config_ref}`;
  return undefined;
}

/** Hook for the action routes: refuses an action write to a pipeline whose YAML lives in a repository. */
export function refuseActionWrite(pl: PipelineRecord, modes: Readonly<ServerModes>): void {
  const where = repositoryDefinition(pl);
  if (where === undefined || modes.yamlActionWritesAccepted) return;
  throw badRequest(
    `Pipeline "${pl.name}" (id ${pl.id}) is defined in YAML (${where}). Its actions can only be changed in that YAML.`,
  );
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The one pipeline entry of a base64 `yaml` body; 400 for anything else. */
function pipelineEntryOf(body: unknown): JsonObject {
  const obj = requireObjectBody(body);
  if (typeof obj.yaml !== "string" || obj.yaml.trim() === "") throw badRequest('Field "yaml" is required.');
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(obj.yaml)) throw badRequest('Field "yaml" must be base64 encoded.');
  const text = Buffer.from(obj.yaml, "base64").toString("utf8");
  const docs = parseAllDocuments(text);
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (doc === undefined || doc.errors.length > 0 || (Array.isArray(docs) && docs.length !== 1)) {
    throw badRequest(`Field "yaml" is not valid YAML${doc?.errors[0] ? `: ${doc.errors[0].message}` : "."}`);
  }
  const parsed: unknown = doc.toJSON();
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  if (entries.length !== 1 || !isObject(entries[0])) throw badRequest('Field "yaml" must define exactly one pipeline.');
  const entry = entries[0];
  if (typeof entry.pipeline !== "string" || entry.pipeline.trim() === "") {
    throw badRequest('The YAML pipeline needs "pipeline" (its identifier).');
  }
  if (entry.actions !== undefined && !Array.isArray(entry.actions)) throw badRequest('"actions" must be a list.');
  return entry;
}

/** The REST pipeline body and the checked actions (in order) of a YAML entry; nothing is stored yet. */
function fromEntry(entry: JsonObject): { body: JsonObject; actions: JsonObject[] } {
  const body: JsonObject = { name: (entry.name as JsonValue) ?? entry.pipeline, identifier: entry.pipeline };
  for (const [k, v] of Object.entries(entry)) if (!YAML_ONLY_KEYS.has(k) && k !== "name") body[k] = v;
  const actions = ((entry.actions as JsonValue[] | undefined) ?? []).map((a, i) => {
    if (!isObject(a)) throw badRequest(`actions[${i}] must be a mapping.`);
    const { action, ...rest } = a;
    try {
      return prepareNewAction({ name: action, ...rest });
    } catch (err) {
      throw badRequest(`actions[${i}] (${JSON.stringify(action ?? null)}): ${(err as Error).message}`);
    }
  });
  return { body, actions };
}

/** The pipeline as YAML: its settings and actions as they are now (`name` of an action is YAML's `action`). */
function exportYaml(pl: PipelineRecord): string {
  const { identifier, ...settings } = pl.fields;
  const entry: JsonObject = { pipeline: (identifier as JsonValue) ?? pl.name, name: pl.name, ...settings };
  entry.actions = pl.actions.map((a) => {
    const { name, ...rest } = a.fields;
    return { action: name ?? null, ...rest };
  });
  return stringify([entry]);
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

type Params = { workspace: string; project_name: string; pipeline_id: string };
type Req = FastifyRequest<{ Params: Params; Querystring: Record<string, string | undefined> }>;

/** Whether a GET asks for the YAML export (`yaml=true`, any case, as the export page writes `True`). */
export function wantsYaml(query: Record<string, string | undefined>): boolean {
  return typeof query.yaml === "string" && query.yaml.toLowerCase() === "true";
}

/** GET ...?yaml=true of one pipeline, or of the project's pipelines. */
export function yamlExportView(
  base: string,
  ws: WorkspaceRecord,
  project: ProjectRecord,
  pl: PipelineRecord | undefined,
): JsonObject {
  if (pl !== undefined) {
    return {
      url: base + pipelinePath(ws, project, pl),
      html_url: htmlUrls.pipeline(ws, project, pl),
      yaml: base64(exportYaml(pl)),
    };
  }
  const all = project.pipelines.map((p) => exportYaml(p)).join("");
  return {
    url: `${base}${projectPath(ws, project)}/pipelines`,
    html_url: `${htmlUrls.project(ws, project)}/pipelines`,
    yaml: base64(all),
  };
}

/** POST .../pipelines/yaml and PATCH .../pipelines/:pipeline_id/yaml. */
export function registerYamlRoutes(
  app: FastifyInstance,
  store: Store,
  baseUrl: () => string,
  modes: () => Readonly<ServerModes>,
): void {
  const cfg = (access: Access): { config: { access: Access } } => ({ config: { access } });
  const pipelinesPath = "/workspaces/:workspace/projects/:project_name/pipelines";

  app.post(`${pipelinesPath}/yaml`, cfg("pipeline-write"), async (req: Req, reply: FastifyReply) => {
    const ws = store.workspace(req.params.workspace);
    const project = store.project(ws, req.params.project_name);
    const { body, actions } = fromEntry(pipelineEntryOf(req.body));
    const pipeline = store.createPipeline(project, body);
    for (const fields of actions) store.addAction(pipeline, fields, undefined);
    return reply.code(201).send(pipelineView(baseUrl(), ws, project, pipeline));
  });

  app.patch(`${pipelinesPath}/:pipeline_id/yaml`, cfg("pipeline-write"), async (req: Req) => {
    const ws = store.workspace(req.params.workspace);
    const project = store.project(ws, req.params.project_name);
    const pipeline = store.pipeline(project, req.params.pipeline_id);
    refuseActionWrite(pipeline, modes());
    const { body, actions } = fromEntry(pipelineEntryOf(req.body));
    // The whole definition is replaced: settings checked as a create checks them, before anything changes.
    const { name, fields } = prepareNewPipeline(body);
    store.transact(() => {
      pipeline.name = name;
      pipeline.fields = fields;
      pipeline.actions = [];
    });
    for (const fields of actions) store.addAction(pipeline, fields, undefined);
    return pipelineView(baseUrl(), ws, project, pipeline);
  });
}
