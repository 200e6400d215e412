/** read, update and delete of one action, from its id (`workspace/projectName/pipelineId/actionId`). */
import { ActionSpec } from "../specs/spec";
import { ActionsApi, WireAction, isNotFound } from "./api";
import { ActionLocation, actionsPath, parseId } from "./id";
import { diffResult, patchBody, planChanges } from "./diff";
import { actionOutputs, withoutEngineKeys } from "./outputs";
import { inputsFromAction, refreshInputs } from "./read-map";
import { Json, wireFields } from "./wire";

export interface ReadOutcome {
  id?: string;
  props?: Json;
}

function locationInputs(a: ActionLocation): Json {
  return { workspace: a.workspace, projectName: a.projectName, pipelineId: a.pipelineId };
}

/**
 * The outputs for an action as Buddy reports it, mapped the way a refresh maps it: the recorded inputs with every
 * compared field replaced by Buddy's value (`get`, when nothing was recorded: every field Buddy reports).
 */
export function outputsFromServer(spec: ActionSpec, loc: ActionLocation, action: WireAction, props: Json | undefined): Json {
  const recorded = withoutEngineKeys(props ?? {});
  // `get` knows only the id: every field Buddy reports becomes an input. A refresh has the program's inputs.
  const isGet = wireFields(spec).every(([key]) => recorded[key] === undefined);
  const inputs = isGet ? inputsFromAction(spec, action) : refreshInputs(spec, action, recorded);
  return actionOutputs({ ...inputs, ...locationInputs(loc) }, action);
}

/**
 * refresh and `get`. A 404 returns no id: the engine drops the resource. Everything else that fails (401, 403,
 * "API is disabled", "Only active workspace...", 5xx after retries) is thrown: never read as "deleted".
 */
export async function readAction(api: ActionsApi, spec: ActionSpec, id: string, props: Json | undefined): Promise<ReadOutcome> {
  const address = parseId(id);
  let action: WireAction;
  try {
    action = await api.get<WireAction>(actionsPath(address, address.actionId));
  } catch (err) {
    if (isNotFound(err)) return {};
    throw err;
  }
  if (spec.actionType !== undefined && action.type !== spec.actionType) {
    throw new Error(
      `Buddy action ${id} is of type ${String(action.type)}, not ${spec.actionType}: ` +
        `read it with PipelineAction instead of ${spec.resourceType}`,
    );
  }
  return { id, props: outputsFromServer(spec, address, action, props) };
}

/** One PATCH with the changed fields (+ type and name); returns the full outputs. */
export async function updateAction(api: ActionsApi, spec: ActionSpec, id: string, olds: Json, news: Json): Promise<Json> {
  const address = parseId(id);
  const body = patchBody(spec, olds, news, planChanges(spec, olds, news));
  const action = await api.patch<WireAction>(actionsPath(address, address.actionId), body);
  return actionOutputs(news, action);
}

/** One DELETE; an action already gone (404) counts as deleted. */
export async function deleteAction(api: ActionsApi, id: string): Promise<void> {
  const address = parseId(id);
  await api.delete(actionsPath(address, address.actionId));
}

export { diffResult, planChanges };
