/**
 * When a 404 means "this action is gone". A 404 says only that something on the request's path is missing: the
 * action, or its pipeline, project or workspace, or the whole endpoint (a `buddy:baseUrl` with a typo answers 404 to
 * everything). Reading any of the latter as "deleted" would drop live actions from state (refresh) or report a
 * delete that did nothing (destroy), so a 404 counts as "gone" only when a GET of the action's pipeline succeeds;
 * otherwise the operation fails and the state stays as it was.
 */
import { ActionsApi, isNotFound } from "./api";
import { ActionAddress, formatId } from "./id";

/** The REST path of the pipeline an action lives in. */
export function pipelinePath(a: ActionAddress): string {
  return `/workspaces/${encodeURIComponent(a.workspace)}/projects/${encodeURIComponent(a.projectName)}/pipelines/${a.pipelineId}`;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Resolves when the action's pipeline answers (so the action's 404 means the action itself is gone); throws an
 * error naming the id and what to check when the pipeline cannot be confirmed. `what` is the operation ("refresh").
 */
export async function confirmActionGone(api: ActionsApi, address: ActionAddress, what: string): Promise<void> {
  try {
    await api.get(pipelinePath(address));
  } catch (err) {
    const hint = isNotFound(err)
      ? "check buddy:baseUrl (BUDDY_BASE_URL) and the action's workspace, projectName and pipelineId"
      : "the pipeline could not be read";
    throw new Error(
      `${what} of Buddy action ${formatId(address)}: the action answered 404, but its pipeline could not be confirmed ` +
        `to exist (${hint}), so the action is not treated as deleted and the state is left as it was. ` +
        `Pipeline lookup: ${reason(err)}`,
      { cause: err },
    );
  }
}
