/**
 * The Pulumi id of an action: `workspace/projectName/pipelineId/actionId`, so that `get(name, id)` and every
 * operation can find the action from the id alone.
 */
export interface ActionLocation {
  workspace: string;
  projectName: string;
  pipelineId: number;
}

export interface ActionAddress extends ActionLocation {
  actionId: number;
}

export function formatId(a: ActionAddress): string {
  return `${a.workspace}/${a.projectName}/${a.pipelineId}/${a.actionId}`;
}

function positiveInt(text: string): number | undefined {
  return /^[1-9][0-9]*$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

export function parseId(id: string): ActionAddress {
  const parts = id.split("/");
  const pipelineId = parts.length === 4 ? positiveInt(parts[2]) : undefined;
  const actionId = parts.length === 4 ? positiveInt(parts[3]) : undefined;
  if (parts.length !== 4 || parts[0] === "" || parts[1] === "" || pipelineId === undefined || actionId === undefined) {
    throw new Error(
      `Malformed Buddy action id ${JSON.stringify(id)}: expected "workspace/projectName/pipelineId/actionId" ` +
        `with numeric ids, e.g. "my-company/my-project/123/456"`,
    );
  }
  return { workspace: parts[0], projectName: parts[1], pipelineId, actionId };
}

/** The REST path of a pipeline's actions, or of one action. */
export function actionsPath(l: ActionLocation, actionId?: number): string {
  const base =
    `/workspaces/${encodeURIComponent(l.workspace)}/projects/${encodeURIComponent(l.projectName)}` +
    `/pipelines/${l.pipelineId}/actions`;
  return actionId === undefined ? base : `${base}/${actionId}`;
}

export function locationOf(inputs: Record<string, unknown>): ActionLocation {
  const { workspace, projectName, pipelineId } = inputs;
  if (typeof workspace !== "string" || typeof projectName !== "string" || typeof pipelineId !== "number") {
    throw new Error("workspace, projectName and pipelineId are required");
  }
  return { workspace, projectName, pipelineId };
}
