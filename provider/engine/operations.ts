/** read, update and delete of one action, from its id (`workspace/projectName/pipelineId/actionId`). */
import { ActionSpec, serverOutputs } from "../specs/spec";
import { specForType } from "../specs/registry";
import { CIPHERTEXTS_KEY, SECRET_DRIFT_KEY } from "./ciphertexts";
import { secretsChangedInBuddy } from "./secrets";
import { ActionsApi, WireAction, isNotFound } from "./api";
import { confirmActionGone } from "./gone";
import { ActionLocation, actionsPath, parseId } from "./id";
import { diffResult, patchBody, planChanges } from "./diff";
import { actionOutputs, withoutEngineKeys } from "./outputs";
import { inputsFromAction, refreshInputs } from "./read-map";
import { Json, wireFields } from "./wire";

interface ReadOutcome {
  id?: string;
  props?: Json;
  /** Refresh only: the inputs as Buddy now holds them (ReadResult.inputs). */
  inputs?: Json;
}

function locationInputs(a: ActionLocation): Json {
  return { workspace: a.workspace, projectName: a.projectName, pipelineId: a.pipelineId };
}

/**
 * The inputs for an action as Buddy reports it, mapped the way a refresh maps it (read-map.ts): the recorded inputs
 * with every managed field replaced by Buddy's value (`get`, when nothing was recorded: every field Buddy reports).
 */
function inputsFromServer(spec: ActionSpec, loc: ActionLocation, action: WireAction, props: Json | undefined): Json {
  const recorded = withoutEngineKeys(props ?? {});
  for (const key of Object.keys(serverOutputs)) delete recorded[key];
  const inputs = isGetRead(spec, props)
    ? inputsFromAction(spec, action)
    : refreshInputs(spec, action, recorded, props?.[CIPHERTEXTS_KEY]);
  return { ...inputs, ...locationInputs(loc) };
}

/** The outputs for an action as Buddy reports it: inputsFromServer plus Buddy's server-set fields. */
export function outputsFromServer(
  spec: ActionSpec,
  loc: ActionLocation,
  action: WireAction,
  props: Json | undefined,
): Json {
  return actionOutputs(inputsFromServer(spec, loc, action, props), action);
}

/**
 * Whether `read` serves `Resource.get` (the props hold only what the resource class registers for a get: no
 * recorded field) rather than a refresh (the props are the recorded outputs).
 */
function isGetRead(spec: ActionSpec, props: Json | undefined): boolean {
  const recorded = withoutEngineKeys(props ?? {});
  return wireFields(spec).every(([key]) => recorded[key] === undefined);
}

/**
 * refresh and `get`. Refresh: a 404 for the action, proven by gone.ts (its pipeline answers, or the pipeline is gone
 * from a project that answers), returns no id and the engine drops the resource. `get` of an action that does not
 * exist is an error naming the id (an empty result would make `get` succeed with every output undefined).
 * Everything else that fails (a 404 that cannot be proven, 401, 403, "API is disabled", "Only active workspace...",
 * 5xx after retries) is thrown: never read as "deleted".
 */
export async function readAction(
  api: ActionsApi,
  spec: ActionSpec,
  id: string,
  props: Json | undefined,
): Promise<ReadOutcome> {
  const address = parseId(id);
  const isGet = isGetRead(spec, props);
  let action: WireAction;
  try {
    action = await api.get<WireAction>(actionsPath(address, address.actionId));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    const gone = await confirmActionGone(api, address, isGet ? `${spec.resourceType}.get` : "Refresh", props);
    if (isGet) {
      const which =
        gone === "action"
          ? "its pipeline exists, the action does not"
          : `its pipeline ${address.pipelineId} does not exist`;
      throw new Error(`${spec.resourceType}.get: there is no Buddy action with id ${JSON.stringify(id)} (${which})`, {
        cause: err,
      });
    }
    return {};
  }
  if (spec.actionType !== undefined && action.type !== spec.actionType) {
    const typed = specForType(action.type);
    const reader = typed === undefined ? "PipelineAction" : typed.resourceType;
    throw new Error(
      `${isGet ? `${spec.resourceType}.get` : `Refresh of ${spec.resourceType}`}: Buddy action ${JSON.stringify(id)} is of type ${JSON.stringify(action.type)}, not ` +
        `${spec.actionType}: read it with ${reader}.get instead`,
    );
  }
  const inputs = inputsFromServer(spec, address, action, props);
  if (isGet) return { id, props: actionOutputs(inputs, action) };
  // Refresh also hands the engine the inputs as Buddy holds them, so the next diff names what drifted.
  const drifted = secretsChangedInBuddy(spec, inputs);
  return {
    id,
    props: actionOutputs(inputs, action),
    inputs: drifted.length > 0 ? { ...inputs, [SECRET_DRIFT_KEY]: drifted } : inputs,
  };
}

/** One PATCH with the changed fields (+ type and name); returns the full outputs. */
export async function updateAction(
  api: ActionsApi,
  spec: ActionSpec,
  id: string,
  olds: Json,
  news: Json,
): Promise<Json> {
  const address = parseId(id);
  const body = patchBody(spec, olds, news, planChanges(spec, olds, news));
  const action = await api.patch<WireAction>(actionsPath(address, address.actionId), body);
  return actionOutputs(news, action);
}

/** One DELETE; a 404 counts as "already deleted" only when gone.ts proves it (`props`: the recorded outputs). */
export async function deleteAction(api: ActionsApi, id: string, props?: Json): Promise<void> {
  const address = parseId(id);
  const outcome = await api.delete(actionsPath(address, address.actionId));
  if (outcome === "already-gone") await confirmActionGone(api, address, "Delete", props);
}

export { diffResult, planChanges };
