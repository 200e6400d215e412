/**
 * Lookups: find a Buddy project or pipeline by name, so a program never hard-codes a pipeline's numeric id.
 *
 * They run in the program process (not the provider process), at preview and at up, like a provider function.
 * They read the same settings as the resources (`buddy:token`, `buddy:baseUrl`, `buddy:insecure` from the stack's
 * config, else the BUDDY_* environment variables; see config.ts) and talk to Buddy through the same HTTP client,
 * with its retries, rate-limit waits and redaction. The token is read as a secret and never becomes part of a
 * result, so nothing here puts it in state.
 */
import * as pulumi from "@pulumi/pulumi";
import { configFromStack } from "./config";
import { BuddyApiError, BuddyClient } from "./http";
import { logInfo, logWarn, oneLine } from "./log";
import { redact } from "./http/redact";
import { programError } from "./program-error";
import { yamlOwnerOf } from "./engine/yaml-defined";
import type { WirePipelineDefinition } from "./wire/pipeline-definition";

/** Where to find a pipeline: its workspace, its project's `name` (the one in URLs) and the pipeline's name. */
export interface GetPipelineArgs {
  /** The workspace's domain, as in `https://app.buddy.works/<workspace>`. */
  workspace: pulumi.Input<string>;
  /** The project's name as it appears in URLs (not its display name). */
  projectName: pulumi.Input<string>;
  /** The pipeline's name, exactly as shown in Buddy. */
  name: pulumi.Input<string>;
}

/** A value given to one parameter of a remote YAML definition (`remote_parameters`). */
export interface RemoteParameter {
  /** The parameter's name, as the YAML file writes it after `!`. */
  key: string;
  /** The value put in its place. */
  value: string;
}

/** A pipeline found by {@link getPipeline}. */
export interface PipelineResult {
  /** The pipeline's numeric id: what the action resources take as `pipelineId`. */
  id: number;
  /** The pipeline's name. */
  name: string;
  /** The pipeline's API URL. */
  url: string;
  /** The pipeline's page in Buddy's web app. */
  htmlUrl: string;
  /** Where its definition comes from: `LOCAL` (kept in Buddy, the default) or `REMOTE` (a YAML file elsewhere). */
  definitionSource: string;
  /** For `REMOTE`: the project whose repository holds the YAML file. */
  remoteProjectName?: string;
  /** For `REMOTE`: the branch, tag or ref of that file. */
  remoteRef?: string;
  /** For `REMOTE`: the file's path in that repository. */
  remotePath?: string;
  /** For `REMOTE`: the values given to the file's parameters. */
  remoteParameters: RemoteParameter[];
  /** `NONE` (YAML kept in Buddy), or `FIXED` / `DYNAMIC` (YAML kept in the project's repository). */
  gitConfigRef: string;
  /**
   * Whether its YAML lives in a repository (`REMOTE`, or `gitConfigRef` `FIXED`/`DYNAMIC`): its actions belong to
   * that file, and the action resources refuse to write there (README "Pipelines defined in YAML").
   */
  definedInRepository: boolean;
}

/** What {@link getPipeline} returns: each field as an Output, ready to pass to a resource. */
export interface GetPipelineResult {
  /** The pipeline's numeric id: pass it as `pipelineId`. */
  id: pulumi.Output<number>;
  /** The pipeline's API URL. */
  url: pulumi.Output<string>;
  /** The pipeline's page in Buddy's web app. */
  htmlUrl: pulumi.Output<string>;
  /** Where its definition comes from: `LOCAL` (kept in Buddy, the default) or `REMOTE` (a YAML file elsewhere). */
  definitionSource: pulumi.Output<string>;
  /** For `REMOTE`: the project whose repository holds the YAML file. */
  remoteProjectName: pulumi.Output<string | undefined>;
  /** For `REMOTE`: the branch, tag or ref of that file. */
  remoteRef: pulumi.Output<string | undefined>;
  /** For `REMOTE`: the file's path in that repository. */
  remotePath: pulumi.Output<string | undefined>;
  /** For `REMOTE`: the values given to the file's parameters. */
  remoteParameters: pulumi.Output<RemoteParameter[]>;
  /** `NONE` (YAML kept in Buddy), or `FIXED` / `DYNAMIC` (YAML kept in the project's repository). */
  gitConfigRef: pulumi.Output<string>;
  /** Whether its YAML lives in a repository, so that action resources refuse to write there. */
  definedInRepository: pulumi.Output<boolean>;
}

/** Where to find a project: its workspace and its `name` (the one in URLs). */
export interface GetProjectArgs {
  /** The workspace's domain, as in `https://app.buddy.works/<workspace>`. */
  workspace: pulumi.Input<string>;
  /** The project's name as it appears in URLs (Buddy's `name`, not its `display_name`). */
  name: pulumi.Input<string>;
}

/** A project found by {@link getProject}. */
export interface ProjectResult {
  /** The project's name, which is its id in every URL: what the action resources take as `projectName`. */
  id: string;
  /** The name shown in Buddy's web app. */
  displayName: string;
  /** The project's API URL. */
  url: string;
  /** The project's page in Buddy's web app. */
  htmlUrl: string;
}

/** What {@link getProject} returns: each field as an Output. */
export interface GetProjectResult {
  /** The project's name (its id in URLs): pass it as `projectName`. */
  id: pulumi.Output<string>;
  /** The name shown in Buddy's web app. */
  displayName: pulumi.Output<string>;
  /** The project's API URL. */
  url: pulumi.Output<string>;
  /** The project's page in Buddy's web app. */
  htmlUrl: pulumi.Output<string>;
}

/** The lookups' HTTP needs, so tests can pass a client for any server. @internal */
export type LookupClient = Pick<BuddyClient, "get" | "listAll">;

interface WirePipeline extends WirePipelineDefinition {
  url?: unknown;
  html_url?: unknown;
  remote_parameters?: unknown;
}
interface WireProject {
  name?: unknown;
  display_name?: unknown;
  url?: unknown;
  html_url?: unknown;
}

const seg = encodeURIComponent;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * Finds the one pipeline named `name` in the project; an error names what was found when there is not exactly one.
 * @internal
 */
export async function findPipeline(
  client: LookupClient,
  where: { workspace: string; projectName: string; name: string },
): Promise<PipelineResult> {
  const path = `/workspaces/${seg(where.workspace)}/projects/${seg(where.projectName)}/pipelines`;
  const pipelines = await client.listAll<WirePipeline>(path, "pipelines");
  const matches = pipelines.filter((p) => p.name === where.name);
  const place = `project "${where.projectName}" of workspace "${where.workspace}"`;
  if (matches.length === 0) {
    const names = pipelines.map((p) => JSON.stringify(text(p.name))).join(", ");
    throw new Error(`getPipeline: no pipeline named "${where.name}" in ${place} (it has: ${names || "no pipelines"})`);
  }
  // Ids are unique, so the same pipeline seen twice (a list that moved between pages) is one match, not two.
  const ids = [...new Set(matches.map((p) => p.id))];
  if (ids.length > 1) {
    throw new Error(
      `getPipeline: ${ids.length} pipelines named "${where.name}" in ${place} (ids ${ids.join(", ")}); rename one, or pass pipelineId directly`,
    );
  }
  const [p] = matches;
  if (typeof p.id !== "number" || !Number.isInteger(p.id)) {
    throw new Error(
      `getPipeline: Buddy returned pipeline "${where.name}" without an integer id (${JSON.stringify(p.id)})`,
    );
  }
  // A list may hold summaries (older pages show a few fields per pipeline): then the pipeline itself is read.
  const full = "definition_source" in p ? p : await client.get<WirePipeline>(`${path}/${p.id}`);
  return { id: p.id, name: text(p.name), url: text(p.url), htmlUrl: text(p.html_url), ...definitionOf(full) };
}

function optionalText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The definition fields of a pipeline as Buddy reports them (unreported: LOCAL and NONE, Buddy's defaults).
 * @internal
 */
function definitionOf(p: WirePipeline): Omit<PipelineResult, "id" | "name" | "url" | "htmlUrl"> {
  const params = Array.isArray(p.remote_parameters) ? p.remote_parameters : [];
  return {
    definitionSource: optionalText(p.definition_source) ?? "LOCAL",
    remoteProjectName: optionalText(p.remote_project_name),
    remoteRef: optionalText(p.remote_ref) ?? optionalText(p.remote_branch),
    remotePath: optionalText(p.remote_path),
    remoteParameters: params
      .filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null)
      .map((x) => ({ key: text(x.key), value: text(x.value) })),
    gitConfigRef: optionalText(p.git_config_ref) ?? "NONE",
    definedInRepository: yamlOwnerOf(p) !== undefined,
  };
}

/**
 * Reads the project named `name`; a 404 becomes an error that says which project was missing.
 * @internal
 */
export async function findProject(
  client: LookupClient,
  where: { workspace: string; name: string },
): Promise<ProjectResult> {
  let p: WireProject;
  try {
    p = await client.get<WireProject>(`/workspaces/${seg(where.workspace)}/projects/${seg(where.name)}`);
  } catch (err) {
    if (err instanceof BuddyApiError && err.kind === "not-found") {
      throw new Error(
        `getProject: no project named "${where.name}" in workspace "${where.workspace}" (or no such workspace): ${err.message}`,
        { cause: err },
      );
    }
    throw err;
  }
  return {
    id: text(p.name) || where.name,
    displayName: text(p.display_name),
    url: text(p.url),
    htmlUrl: text(p.html_url),
  };
}

/** The client the lookups use: built from the stack's `buddy:*` config and the environment, like the provider's. */
function programClient(settings: { token?: string; baseUrl?: string; insecure?: string }): BuddyClient {
  const values: Record<string, unknown> = {
    "buddy:token": settings.token,
    "buddy:baseUrl": settings.baseUrl,
    "buddy:insecure": settings.insecure,
  };
  // The provider reads these keys through configure(); the same parser gives the same precedence and errors here.
  const config = configFromStack((key) => values[key]);
  const log = (level: "info" | "warn", message: string): void =>
    level === "warn" ? logWarn(message) : logInfo(message);
  return new BuddyClient({ ...config, log });
}

/** The stack's `buddy:*` settings as Outputs; the token stays a secret Output until it is used. */
function stackSettings(): pulumi.Output<{ token?: string; baseUrl?: string; insecure?: string }> {
  const config = new pulumi.Config("buddy");
  return pulumi
    .all([config.getSecret("token"), config.get("baseUrl"), config.get("insecure")])
    .apply(([token, baseUrl, insecure]) => ({ token, baseUrl, insecure }));
}

/**
 * A lookup's failure as the program reports it: a RunError (Pulumi prints its message alone, without the stack or
 * the `util.inspect` dump it gives other errors) without stack frames (program-error.ts says why), on one redacted
 * line that names the lookup.
 */
function lookupError(lookup: string, err: unknown): pulumi.RunError {
  const message = oneLine(redact(err instanceof Error ? err.message : String(err)));
  return programError(message.startsWith(`${lookup}:`) ? message : `${lookup}: ${message}`);
}

/**
 * Runs one lookup with its own client, then closes the client's idle connections: a lookup's client is used once,
 * and its keep-alive sockets must not outlive it in the program process.
 */
async function reported<T>(
  lookup: string,
  settings: { token?: string; baseUrl?: string; insecure?: string },
  fn: (client: BuddyClient) => Promise<T>,
): Promise<T> {
  let client: BuddyClient | undefined;
  try {
    client = programClient(settings);
    return await fn(client);
  } catch (err) {
    throw lookupError(lookup, err);
  } finally {
    client?.close();
  }
}

/**
 * Finds a pipeline by its name, at preview and at up, and returns its id and URLs as Outputs.
 *
 * Fails (stopping the preview) when the project has no pipeline of that name or more than one. The token needs the
 * scopes WORKSPACE and EXECUTION_INFO (newest names: WORKSPACE and PIPELINE_READ).
 *
 * ```ts
 * const pipeline = getPipeline({ workspace: "my-company", projectName: "my-project", name: "release" });
 * new KubernetesSetImageAction("set-image", { ...where, pipelineId: pipeline.id, ... });
 * ```
 */
export function getPipeline(args: GetPipelineArgs): GetPipelineResult {
  const found = pulumi
    .all([stackSettings(), args.workspace, args.projectName, args.name])
    .apply(([settings, workspace, projectName, name]) =>
      reported("getPipeline", settings, (client) => findPipeline(client, { workspace, projectName, name })),
    );
  // Only the token was secret, and it is not part of the result.
  const result = pulumi.unsecret(found);
  return {
    id: result.id,
    url: result.url,
    htmlUrl: result.htmlUrl,
    definitionSource: result.definitionSource,
    remoteProjectName: result.apply((r) => r.remoteProjectName),
    remoteRef: result.apply((r) => r.remoteRef),
    remotePath: result.apply((r) => r.remotePath),
    remoteParameters: result.remoteParameters,
    gitConfigRef: result.gitConfigRef,
    definedInRepository: result.definedInRepository,
  };
}

/**
 * Reads a project by its name, at preview and at up, and returns its name, display name and URLs as Outputs. The
 * token needs the scope WORKSPACE.
 */
export function getProject(args: GetProjectArgs): GetProjectResult {
  const found = pulumi
    .all([stackSettings(), args.workspace, args.name])
    .apply(([settings, workspace, name]) =>
      reported("getProject", settings, (client) => findProject(client, { workspace, name })),
    );
  const result = pulumi.unsecret(found);
  return { id: result.id, displayName: result.displayName, url: result.url, htmlUrl: result.htmlUrl };
}
