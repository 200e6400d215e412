/**
 * When a 404 means "this action is gone". A 404 says only that something on the request's path is missing: the
 * action, or its pipeline, project or workspace, or the whole endpoint (a `buddy:baseUrl` with a typo answers 404 to
 * everything, with or without a body). Reading any of the latter as "deleted" would drop live actions from state
 * (refresh) or report a delete that did nothing (destroy), so each 404 is proven by a GET one level up:
 *
 * | action | pipeline | project                              | meaning                                          |
 * | ------ | -------- | ------------------------------------ | ------------------------------------------------ |
 * | 404    | 200      |                                      | the action was deleted                           |
 * | 404    | 404      | 200, the same project on this server | the pipeline was deleted, and its actions with it |
 * | 404    | 404      | 404                                  | wrong server, workspace or project: an error     |
 * | 404    | other    | or other                             | not known: an error, the state left as it was    |
 *
 * The project must answer with its own `name`, and when the state recorded the action's API `url` and the project
 * answers with its `url`, the action's must lie under it: a project of the same name on another server (US and EU
 * hosts share workspace and project names) is not the action's project. Only the answer's status and these
 * fields are read, never the wording of a 404's message, which differs between servers.
 */
import { ActionsApi, isNotFound } from "./api";
import { ActionAddress, ActionLocation, formatId } from "./id";

const seg = encodeURIComponent;

/** The REST path of the project an action lives in. */
function projectPath(a: ActionLocation): string {
  return `/workspaces/${seg(a.workspace)}/projects/${seg(a.projectName)}`;
}

/** The REST path of the pipeline an action lives in. */
export function pipelinePath(a: ActionLocation): string {
  return `${projectPath(a)}/pipelines/${a.pipelineId}`;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a resource's recorded state can tell about where the action lived (its outputs). */
export interface Recorded {
  /** The action's API URL as the server that created it reported it. */
  url?: unknown;
}

/** What was deleted in Buddy: the action alone, or its whole pipeline. */
export type Gone = "action" | "pipeline";

/** What to do when the address itself is in doubt: fix the settings, or let go of the resource. */
const WAY_OUT =
  "Check buddy:baseUrl (BUDDY_BASE_URL) and the resource's workspace and projectName; refresh " +
  "and destroy use the settings of the last `pulumi up`, so after correcting them run `pulumi refresh --run-program` " +
  "or `pulumi up`. If the project really was deleted in Buddy, remove the resource from the state with " +
  "`pulumi state delete <urn>` (`pulumi stack --show-urns` lists the URNs).";

type Probe = { ok: true; body: unknown } | { ok: false; err: unknown };

async function probe(api: ActionsApi, path: string): Promise<Probe> {
  try {
    return { ok: true, body: await api.get<unknown>(path) };
  } catch (err) {
    return { ok: false, err };
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** Why a project answer does not prove the project of the action (or pipeline: `what`) (undefined when it does). */
function notTheProject(
  body: unknown,
  address: { projectName: string },
  recorded: Recorded | undefined,
  what = "action",
): string | undefined {
  const name = field(body, "name");
  if (name !== address.projectName) {
    return `the server answered the project's address with ${name === undefined ? "no project name" : `project ${JSON.stringify(name)}`}, not "${address.projectName}"`;
  }
  const projectUrl = field(body, "url");
  const actionUrl = recorded?.url;
  if (typeof projectUrl === "string" && projectUrl !== "" && typeof actionUrl === "string" && actionUrl !== "") {
    if (!actionUrl.startsWith(`${projectUrl.replace(/\/+$/, "")}/`))
      return `this server's project is ${JSON.stringify(projectUrl)}, but the ${what} was recorded at ${JSON.stringify(actionUrl)}: another server`;
  }
  return undefined;
}

/**
 * Resolves with what was deleted when the action's 404 is proven (table above); throws an error naming the id,
 * what was found and the way out otherwise. `what` is the operation ("Refresh").
 */
export async function confirmActionGone(
  api: ActionsApi,
  address: ActionAddress,
  what: string,
  recorded?: Recorded,
): Promise<Gone> {
  const id = formatId(address);
  const stuck = (detail: string, cause: unknown, wayOut = ""): Error =>
    new Error(`${what} of Buddy action ${id}: ${detail}, so the state is left as it was.${wayOut && ` ${wayOut}`}`, {
      cause,
    });

  const pipeline = await probe(api, pipelinePath(address));
  if (pipeline.ok) return "action";
  if (!isNotFound(pipeline.err)) {
    throw stuck(
      `the action answered 404, but its pipeline could not be read to confirm the action is gone (${reason(pipeline.err)})`,
      pipeline.err,
    );
  }

  const project = await probe(api, projectPath(address));
  if (project.ok) {
    const mismatch = notTheProject(project.body, address, recorded);
    if (mismatch === undefined) return "pipeline";
    throw stuck(`the action and its pipeline ${address.pipelineId} answered 404, and ${mismatch}`, undefined, WAY_OUT);
  }
  if (!isNotFound(project.err)) {
    throw stuck(
      `the action and its pipeline ${address.pipelineId} answered 404, and its project "${address.projectName}" could not ` +
        `be read to tell a deleted pipeline from a wrong address (${reason(project.err)})`,
      project.err,
      "Reading the project needs the token scope PROJECT_INFO or WORKSPACE.",
    );
  }
  // Which part of the address is wrong, for the message only (reading a workspace needs the WORKSPACE scope).
  const workspace = await probe(api, `/workspaces/${seg(address.workspace)}`);
  const where = workspace.ok
    ? `workspace "${address.workspace}" answers but has no project "${address.projectName}" this token can see`
    : isNotFound(workspace.err)
      ? `workspace "${address.workspace}" is not found either`
      : `project "${address.projectName}" answered 404 too`;
  throw stuck(
    `the action, its pipeline ${address.pipelineId} and its project answered 404 (${where}: ${reason(project.err)}), ` +
      `which is a wrong address, not a deletion`,
    project.err,
    WAY_OUT,
  );
}

/** Where a pipeline lives: its project, and its id there. */
export interface PipelineAddress {
  workspace: string;
  projectName: string;
  pipelineId: number;
}

/**
 * The same proof for a pipeline's own 404 (the Pipeline resource): the pipeline is gone when its project answers with
 * its own name (and, when both are known, a URL the pipeline's recorded URL lies under). Anything else throws an
 * error naming what answered and the way out; the state is left as it was.
 */
export async function confirmPipelineGone(
  api: ActionsApi,
  address: PipelineAddress,
  what: string,
  recorded?: Recorded,
): Promise<void> {
  const id = `${address.workspace}/${address.projectName}/${address.pipelineId}`;
  const stuck = (detail: string, cause: unknown, wayOut = ""): Error =>
    new Error(`${what} of Buddy pipeline ${id}: ${detail}, so the state is left as it was.${wayOut && ` ${wayOut}`}`, {
      cause,
    });
  const project = await probe(api, projectPath(address));
  if (project.ok) {
    const mismatch = notTheProject(project.body, address, recorded, "pipeline");
    if (mismatch === undefined) return;
    throw stuck(`the pipeline answered 404, and ${mismatch}`, undefined, WAY_OUT);
  }
  if (!isNotFound(project.err)) {
    throw stuck(
      `the pipeline answered 404, and its project "${address.projectName}" could not be read to tell a deleted ` +
        `pipeline from a wrong address (${reason(project.err)})`,
      project.err,
      "Reading the project needs the token scope PROJECT_INFO or WORKSPACE.",
    );
  }
  throw stuck(
    `the pipeline and its project answered 404 (${reason(project.err)}), which is a wrong address, not a deletion`,
    project.err,
    WAY_OUT,
  );
}
