/**
 * Adoption: a create that takes over an existing action instead of POSTing a new one.
 *
 * - Which action: `adoptActionId` names it (it must be of the resource's type and not taken by another resource of
 *   this run); `adopt: true` takes the one action of the same name and type in the pipeline's snapshot that no
 *   create of this run has claimed (several: an error; none: a normal create). The same choice is made at
 *   `pulumi preview` (survey.ts), from the same listing, so the preview says what `up` will do.
 * - What it is set to: the declared state, and for every field the program leaves unset that has a documented
 *   Buddy default (`hasManagedDefault`, the fields a refresh compares even when unset), that default. Unset means
 *   Buddy's default for those fields; sending it makes Buddy equal the state right after adoption, so the next
 *   `preview --refresh` shows no change (a disabled action that the program does not disable is enabled here,
 *   not one `up` later).
 * - A PATCH that fails leaves the action adopted all the same: a Pulumi partial failure (`PartialCreateError`)
 *   keeps it in state with its id and Buddy's current values, and the next `up` PATCHes the rest.
 */
import type { Log } from "../log";
import { ActionSpec } from "../specs/spec";
import { jsonEqual } from "../wire/values";
import { ActionsApi, WireAction, isNotFound } from "./api";
import { CreateClaims, Snapshot } from "./claims";
import { ActionLocation, actionsPath, formatId } from "./id";
import { outputsFromServer } from "./operations";
import { actionOutputs } from "./outputs";
import { hasManagedDefault } from "./read-map";
import { withoutSecretFields } from "./secrets";
import { Json, createBody, fromWire, wireFields, wireNameOf } from "./wire";

export interface CreatedAction {
  id: string;
  outs: Json;
}

/**
 * A create that took an action over (so the action is this resource's) but could not finish. The dynamic provider
 * host (cmd/dynamic-provider `grpcResponseFromError`) reads `id`, `properties` and `reasons` from any thrown error
 * with an `id` and answers the engine with ErrorResourceInitFailed: the resource is kept in state with that id and
 * `properties` as its outputs. `properties` are stored as they are: the provider adds `__provider` and `__spec`.
 */
export class PartialCreateError extends Error {
  constructor(
    message: string,
    readonly id: string,
    public properties: Json,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "PartialCreateError";
  }
}

export function isPartialCreateError(err: unknown): err is PartialCreateError {
  return err instanceof PartialCreateError;
}

/** What a create will do about adoption, decided from a listing of the pipeline. */
type AdoptionChoice =
  | { kind: "create" }
  | { kind: "adopt"; action: WireAction }
  /** adoptActionId names an action the listing does not show (a create reads it by id before deciding). */
  | { kind: "by-id-unlisted"; actionId: number }
  | { kind: "error"; message: string };

function plural(what: string): string {
  return what.replace(/^action/, "actions");
}

/** The adoption `inputs` ask for, given the pipeline's `items` (ids `isClaimed` are taken by this run already). */
export function chooseAdoption(
  inputs: Json,
  body: Json,
  items: readonly WireAction[],
  isClaimed: (id: unknown) => boolean,
  what: string,
): AdoptionChoice {
  const byId = inputs.adoptActionId;
  if (typeof byId === "number") {
    const listed = items.find((a) => Number(a.id) === byId);
    if (listed === undefined) return { kind: "by-id-unlisted", actionId: byId };
    return checkById(listed, body, isClaimed, what, byId);
  }
  if (inputs.adopt !== true) return { kind: "create" };
  const same = items.filter((a) => a.name === body.name && a.type === body.type && !isClaimed(a.id));
  if (same.length > 1) {
    return {
      kind: "error",
      message:
        `adopt: found ${same.length} ${plural(what)} (ids ${same.map((a) => String(a.id)).join(", ")}); ` +
        `adopt needs exactly one. Pick one with adoptActionId: <id>, rename or delete the others, or set adopt: false ` +
        `to create a new action.`,
    };
  }
  return same.length === 1 ? { kind: "adopt", action: same[0] } : { kind: "create" };
}

function checkById(
  action: WireAction,
  body: Json,
  isClaimed: (id: unknown) => boolean,
  what: string,
  actionId: number,
): AdoptionChoice {
  if (action.type !== body.type) {
    return {
      kind: "error",
      message: `adoptActionId: action ${actionId} in the pipeline of ${what} is of type ${String(action.type)}, not ${String(body.type)}`,
    };
  }
  if (isClaimed(action.id)) {
    return {
      kind: "error",
      message: `adoptActionId: action ${actionId} is already taken by another resource of this run (${what})`,
    };
  }
  return { kind: "adopt", action };
}

/**
 * The create-time decision: the action to adopt, undefined to create a new one. An `adoptActionId` the snapshot
 * does not show is read by id (it may have been added since). Throws when adoption was asked for and cannot be done.
 */
export async function adoptionTarget(
  api: ActionsApi,
  loc: ActionLocation,
  claims: CreateClaims,
  before: Snapshot<WireAction>,
  inputs: Json,
  body: Json,
  what: string,
): Promise<WireAction | undefined> {
  let choice = chooseAdoption(inputs, body, before.items, (id) => claims.isClaimed(id), what);
  if (choice.kind === "by-id-unlisted") {
    const actionId = choice.actionId;
    let action: WireAction;
    try {
      action = await api.get<WireAction>(actionsPath(loc, actionId));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      throw new Error(
        `adoptActionId: there is no action ${actionId} in ${loc.workspace}/${loc.projectName} pipeline ${loc.pipelineId} (${what})`,
        { cause: err },
      );
    }
    choice = checkById(action, body, (id) => claims.isClaimed(id), what, actionId);
  }
  if (choice.kind === "error") throw new Error(choice.message);
  if (choice.kind !== "adopt") return undefined;
  // No await between the decision and the claim: two creates cannot adopt the same action.
  if (!claims.claim(choice.action.id)) {
    throw new Error(
      `adopt: action ${String(choice.action.id)} is already taken by another resource of this run (${what})`,
    );
  }
  return choice.action;
}

/**
 * The PATCH that brings an adopted action to the declared state: the create body, plus Buddy's documented default
 * for every field the program leaves unset that a refresh compares (so Buddy equals the state afterwards).
 */
export function adoptBody(spec: ActionSpec, inputs: Json): Json {
  const body = createBody(spec, inputs);
  for (const [key, def] of wireFields(spec)) {
    if (inputs[key] === undefined && hasManagedDefault(def)) body[wireNameOf(key, def)] = def.default;
  }
  return body;
}

/**
 * Fields the program leaves unset whose value in `action` (as listed) differs from Buddy's default, which adoption
 * puts back, e.g. `disabled: true → false`. Only what the listing reports (a summary may report none).
 */
export function defaultsAdoptionResets(spec: ActionSpec, inputs: Json, action: WireAction): string[] {
  const out: string[] = [];
  for (const [key, def] of wireFields(spec)) {
    if (inputs[key] !== undefined || !hasManagedDefault(def)) continue;
    const current = fromWire(def, action[wireNameOf(key, def)]);
    if (current !== undefined && !jsonEqual(current, def.default))
      out.push(`${key}: ${JSON.stringify(current)} → ${JSON.stringify(def.default)}`);
  }
  return out;
}

/** The adopted action, PATCHed to the declared state; a failed PATCH is a partial failure (the action is ours). */
export async function adopt(
  log: Log,
  api: ActionsApi,
  spec: ActionSpec,
  loc: ActionLocation,
  inputs: Json,
  listed: WireAction,
  what: string,
): Promise<CreatedAction> {
  const actionId = Number(listed.id);
  const id = formatId({ ...loc, actionId });
  log.info(`Adopting existing ${what}, id ${String(listed.id)}`);
  try {
    const action = await api.patch<WireAction>(actionsPath(loc, actionId), adoptBody(spec, inputs));
    return { id, outs: actionOutputs(inputs, action) };
  } catch (err) {
    // Record what Buddy holds now (the PATCH may have been applied, or not): read back the action and map it like
    // a refresh, so the next preview shows what is left to change and the next `up` PATCHes it.
    let current = listed;
    try {
      current = await api.get<WireAction>(actionsPath(loc, actionId));
    } catch {
      // keep the listed one: it is what Buddy held just before the PATCH
    }
    const reason = (err as Error)?.message ?? String(err);
    throw new PartialCreateError(
      `Adopted ${what} (id ${actionId}) but could not update it to the declared state: ${reason}. ` +
        `It is recorded in the stack with Buddy's current values; the next \`pulumi up\` updates it.`,
      id,
      // Secret inputs are left out: the engine stores a partial failure's properties as they are, unmarked.
      withoutSecretFields(spec, outputsFromServer(spec, loc, current, inputs)),
      [reason],
    );
  }
}
