/**
 * Pipelines whose definition lives in a YAML file in a repository: their actions belong to that file, and an action
 * resource must not write to them (issue 19 item 3).
 *
 * Facts (Buddy's docs, see README "Pipelines defined in YAML"):
 * - a pipeline's YAML is kept either in the app (the default) or in a repository; in the app, edits made in the UI
 *   or the API and edits of the YAML tab change one definition, so the REST API may write its actions;
 * - in a repository it is either a remote definition (`definition_source: REMOTE`, with `remote_project_name`,
 *   `remote_ref` (older `remote_branch`), `remote_path` and `remote_parameters`), or the pipeline's own git
 *   configuration (`git_config_ref` `FIXED`, with `git_config` {project, branch, path}, or `DYNAMIC`: the file of each
 *   run's ref, `.buddy/` or `buddy.yml`; the project's "YAML mode" of old became this);
 * - the docs do not say what the REST API does with an action write to such a pipeline: it may refuse it, or accept
 *   it until the next sync from the repository undoes it. Both end the same way for a program (a failed write or a
 *   state that does not last), so the provider refuses first: at check (preview), and again before each write,
 *   since a pipeline can move to a repository between preview and up.
 *
 * Cost: one GET of the pipeline per provider process and pipeline, made only by a resource about to write (a
 * create, or an update with changes); a no-change preview makes no request. `pulumi up` reuses its check's answer
 * for the writes of the same process; destroy (no check) reads the pipeline once before its deletes.
 */
import { ActionSpec } from "../specs/spec";
import { ActionsApi, isNotFound } from "./api";
import { ENGINE_TIMING, withinBudget } from "./clock";
import { planChanges } from "./diff";
import { pipelineKeyOf } from "./check-record";
import { pipelinePath } from "./gone";
import { ActionLocation } from "./id";
import { isBeingCreated } from "./survey";
import { Json } from "./wire";
import type { WirePipelineDefinition } from "../wire/pipeline-definition";
import type { EngineState } from "./state";

export type { WirePipelineDefinition };

/** Where a repository-held definition lives; undefined fields were not reported. */
type YamlOwner =
  | { kind: "remote"; project?: string; ref?: string; path?: string }
  | { kind: "git"; mode: "FIXED" | "DYNAMIC"; project?: string; branch?: string; path?: string };

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Whether the pipeline's definition lives in a repository, and where; undefined for one kept in the app. */
export function yamlOwnerOf(p: WirePipelineDefinition): YamlOwner | undefined {
  if (p.definition_source === "REMOTE") {
    return {
      kind: "remote",
      project: text(p.remote_project_name),
      ref: text(p.remote_ref) ?? text(p.remote_branch),
      path: text(p.remote_path),
    };
  }
  if (p.git_config_ref === "FIXED" || p.git_config_ref === "DYNAMIC") {
    const cfg =
      typeof p.git_config === "object" && p.git_config !== null ? (p.git_config as Record<string, unknown>) : {};
    return {
      kind: "git",
      mode: p.git_config_ref,
      project: text(cfg.project),
      branch: text(cfg.branch),
      path: text(cfg.path),
    };
  }
  return undefined;
}

function quoted(value: string | undefined, missing: string): string {
  return value === undefined ? missing : JSON.stringify(value);
}

/** The definition source in words: which field says so, and the file, ref and project it names. */
export function describeYamlOwner(owner: YamlOwner, loc: ActionLocation): string {
  if (owner.kind === "remote") {
    return (
      `definition_source REMOTE: the file ${quoted(owner.path, "(path not reported)")} at ref ` +
      `${quoted(owner.ref, "(ref not reported)")} of project ${quoted(owner.project, "(project not reported)")}`
    );
  }
  if (owner.mode === "FIXED") {
    return (
      `git_config_ref FIXED: the file ${quoted(owner.path, "(path not reported)")} on branch ` +
      `${quoted(owner.branch, "(branch not reported)")} of project ${quoted(owner.project ?? loc.projectName, "")}`
    );
  }
  return (
    `git_config_ref DYNAMIC: the YAML file (.buddy/ or buddy.yml) in the ref each run is for, in project ` +
    `${JSON.stringify(owner.project ?? loc.projectName)}`
  );
}

/** The pipeline as an error names it: name and id, and where. */
function pipelineLabel(p: WirePipelineDefinition, loc: ActionLocation): string {
  const name = typeof p.name === "string" ? `${JSON.stringify(p.name)} ` : "";
  return `pipeline ${name}(id ${loc.pipelineId}) in ${loc.workspace}/${loc.projectName}`;
}

/** What a resource is about to do, for the error. */
type Write = "create" | "update" | "delete";

/** The error for a write to a pipeline defined in YAML in a repository. */
function yamlDefinedMessage(
  resource: string,
  write: Write,
  p: WirePipelineDefinition,
  owner: YamlOwner,
  loc: ActionLocation,
): string {
  const head =
    `${resource}: ${pipelineLabel(p, loc)} is defined in YAML (${describeYamlOwner(owner, loc)}), so its actions ` +
    `belong to that file: Buddy refuses the ${write} of an action there, or the next sync from the repository undoes it`;
  if (write === "delete") {
    return (
      `${head}. Nothing was deleted. Remove the action from the YAML file instead, then drop this resource from the ` +
      `stack with \`pulumi state delete <urn>\` (\`pulumi stack --show-urns\` lists the URNs).`
    );
  }
  return (
    `${head}. Nothing was written. Declare the action in the YAML file, or point this resource at a pipeline ` +
    `defined in Buddy (its YAML kept in the app).`
  );
}

/** Thrown when a write is refused; `check` turns it into a failure on `pipelineId`. */
class YamlDefinedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "YamlDefinedError";
  }
}

/**
 * Per provider (its engine state, state.ts), client (one per server and token: see process-client.ts) and pipeline,
 * the answer of the one GET; a failed GET is not kept.
 */
export class PipelineLooks {
  private readonly looks = new WeakMap<object, Map<string, Promise<WirePipelineDefinition | "not-found">>>();

  /** The pipeline as this provider read it ("not-found" for a 404: the write's own 404 handling decides then). */
  read(apiFactory: () => ActionsApi, loc: ActionLocation): Promise<WirePipelineDefinition | "not-found"> {
    const client = apiFactory();
    let byPipeline = this.looks.get(client);
    if (byPipeline === undefined) {
      byPipeline = new Map();
      this.looks.set(client, byPipeline);
    }
    const key = pipelineKeyOf(loc);
    const known = byPipeline.get(key);
    if (known !== undefined) return known;
    const cache = byPipeline;
    const reading = client.get<WirePipelineDefinition>(pipelinePath(loc)).catch((err: unknown) => {
      if (isNotFound(err)) return "not-found" as const;
      cache.delete(key); // a failed look is tried again by the next write, with the client's retries
      throw err;
    });
    cache.set(key, reading);
    return reading;
  }
}

/**
 * Before a write (and at check): throws YamlDefinedError when `loc`'s pipeline is defined in YAML in a repository;
 * a failure to read it is thrown as it is (the write is not made).
 */
export async function refuseYamlDefined(
  looks: PipelineLooks,
  apiFactory: () => ActionsApi,
  loc: ActionLocation,
  resource: string,
  write: Write,
): Promise<void> {
  const pipeline = await looks.read(apiFactory, loc);
  if (pipeline === "not-found") return;
  const owner = yamlOwnerOf(pipeline);
  if (owner !== undefined) throw new YamlDefinedError(yamlDefinedMessage(resource, write, pipeline, owner, loc));
}

/** Whether checked inputs lead to a write: a create (new, or replaced), or an update with changes. */
function writes(spec: ActionSpec, olds: Json, news: Json): Write | undefined {
  if (Object.keys(olds).length === 0 || isBeingCreated(spec, olds, news)) return "create";
  const plan = planChanges(spec, olds, news);
  if (plan.replaces.length > 0) return "create";
  return plan.changed.length + plan.removed.length > 0 ? "update" : undefined;
}

/**
 * check: a failure on `pipelineId` when the resource is about to write into a pipeline defined in YAML in a
 * repository. A resource that will not write makes no request. When the pipeline cannot be read now (no token in a
 * preview, Buddy failing, slower than ENGINE_TIMING.checkBudgetMs on the provider's clock), preview goes on and says
 * so in one line: the write reads it again.
 */
export async function checkNotYamlDefined(
  state: EngineState,
  apiFactory: () => ActionsApi,
  spec: ActionSpec,
  olds: Json,
  news: Json,
  resource: string,
): Promise<{ property: string; reason: string } | undefined> {
  const write = writes(spec, olds, news);
  if (write === undefined) return undefined;
  const { workspace, projectName, pipelineId } = news;
  if (typeof workspace !== "string" || typeof projectName !== "string" || typeof pipelineId !== "number") return;
  const loc: ActionLocation = { workspace, projectName, pipelineId };
  try {
    apiFactory();
  } catch {
    return undefined; // no token yet (a preview): the write reads the pipeline, or reports the missing token
  }
  try {
    const refusing = refuseYamlDefined(state.pipelineLooks, apiFactory, loc, resource, write);
    const outcome = await withinBudget(state.clock, ENGINE_TIMING.checkBudgetMs, refusing);
    if (outcome === "late")
      state.log.info(`${resource}: its pipeline did not answer in time to see where it is defined`);
    return undefined;
  } catch (err) {
    if (err instanceof YamlDefinedError) return { property: "pipelineId", reason: err.message };
    state.log.info(`${resource}: could not read its pipeline to see where it is defined: ${(err as Error).message}`);
    return undefined;
  }
}
