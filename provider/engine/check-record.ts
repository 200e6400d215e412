/**
 * What `check` records for a create, so that a run killed during the create can be recovered (recovery/).
 *
 * The engine writes a pending create, with the inputs `check` returned, into the stack's state BEFORE it calls
 * create; a SIGKILL then leaves that pending create behind, and the action its POST may have made in Buddy is in no
 * state. To tell later which action that can be, the checked inputs of every create (and replacement) carry the
 * hidden input `__sameNamedAtCheck`: the ids of the actions of the same name and type that the pipeline held when
 * the run checked it. Those existed before the create and were not made by it; only an action absent from this
 * list can be the one the create made.
 *
 * The pipeline is listed once per provider (so per provider process; shared by every check into it, like the
 * create's snapshot in claims.ts). A create's POST always comes after its own check, which waits for that listing,
 * so the listing predates every POST of the run into the pipeline. When the listing cannot be made (no token during
 * a preview, values still unknown, Buddy failing, later than ENGINE_TIMING.checkBudgetMs), nothing is recorded and
 * nothing fails: check's job is the inputs; the recovery then says it cannot decide for that resource.
 *
 * Every create (and replacement) also gets its claim name here (`__createClaim`, claims.ts), whatever the listing
 * does: the name its action carries until it is renamed, so that `recover` finds that action by name alone.
 */
import { ActionSpec } from "../specs/spec";
import { CLAIM_KEY, newClaimName } from "./claims";
import { ActionsApi, WireAction } from "./api";
import { Clock, ENGINE_TIMING, withinBudget } from "./clock";
import { planChanges } from "./diff";
import { ActionLocation, actionsPath, locationOf } from "./id";
import { isPlainObject, isUnknown } from "../wire/values";
import { Json, actionTypeOf, createBody } from "./wire";
import type { EngineState } from "./state";

export const CHECK_RECORD_KEY = "__sameNamedAtCheck";

/** The recorded fact: in pipeline `pipeline` ("workspace/project/pipelineId"), these ids had this name and type. */
interface CheckRecord {
  pipeline: string;
  name: string;
  type: string;
  ids: number[];
}

export function pipelineKeyOf(loc: ActionLocation): string {
  return `${loc.workspace}/${loc.projectName}/${loc.pipelineId}`;
}

/** The record in `inputs` if it is well formed and describes these inputs' pipeline, name and type. */
export function checkRecordOf(
  inputs: Json,
  loc: ActionLocation,
  name: unknown,
  type: unknown,
): CheckRecord | undefined {
  const r = inputs[CHECK_RECORD_KEY];
  if (!isPlainObject(r)) return undefined;
  if (r.pipeline !== pipelineKeyOf(loc) || r.name !== name || r.type !== type) return undefined;
  if (!Array.isArray(r.ids) || r.ids.some((id) => typeof id !== "number")) return undefined;
  return { pipeline: r.pipeline, name: name as string, type: type as string, ids: r.ids as number[] };
}

/**
 * Per provider (its engine state, state.ts) and pipeline, the one listing. A failed or late one is not tried again
 * by this provider: its checks go on without a record. A check waits for it at most ENGINE_TIMING.checkBudgetMs on
 * the provider's clock.
 */
export class CheckListings {
  private readonly byPipeline = new Map<string, Promise<WireAction[] | undefined>>();

  listOnce(apiFactory: () => ActionsApi, loc: ActionLocation, clock: Clock): Promise<WireAction[] | undefined> {
    const key = pipelineKeyOf(loc);
    let listing = this.byPipeline.get(key);
    if (listing === undefined) {
      const listed = Promise.resolve()
        .then(() => apiFactory().listAll<WireAction>(actionsPath(loc), "actions"))
        .then(
          (items) => items,
          () => undefined,
        );
      listing = withinBudget(clock, ENGINE_TIMING.checkBudgetMs, listed).then((r) => (r === "late" ? undefined : r));
      this.byPipeline.set(key, listing);
    }
    return listing;
  }
}

function hasUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (isPlainObject(value)) return Object.values(value).some(hasUnknown);
  return false;
}

/** Whether these checked inputs lead to a create: a new resource, or one whose change replaces it. */
function createsAction(spec: ActionSpec, olds: Json, news: Json): boolean {
  if (Object.keys(olds).length === 0) return true;
  return planChanges(spec, olds, news).replaces.length > 0;
}

/**
 * `news` with the check record added when they lead to a create (kept from `olds` when it still describes them, so
 * an unchanged resource's inputs never change). `api` is only called for a create whose location, name and type are
 * known.
 */
export async function withCheckRecord(
  state: EngineState,
  api: () => ActionsApi,
  spec: ActionSpec,
  olds: Json,
  news: Json,
): Promise<Json> {
  const { [CHECK_RECORD_KEY]: _dropped, [CLAIM_KEY]: _claim, ...inputs } = news;
  void _dropped;
  void _claim;
  if (!createsAction(spec, olds ?? {}, inputs)) {
    const kept: Json = { ...inputs };
    for (const key of [CHECK_RECORD_KEY, CLAIM_KEY]) if (olds?.[key] !== undefined) kept[key] = olds[key];
    return kept;
  }
  return { ...(await withRecord(state, api, spec, inputs)), [CLAIM_KEY]: newClaimName() };
}

async function withRecord(state: EngineState, api: () => ActionsApi, spec: ActionSpec, inputs: Json): Promise<Json> {
  try {
    if (hasUnknown([inputs.workspace, inputs.projectName, inputs.pipelineId, inputs.name, inputs.type])) return inputs;
    const loc = locationOf(inputs);
    const name = inputs.name;
    const type = actionTypeOf(spec, inputs);
    if (typeof name !== "string" || typeof createBody(spec, inputs).type !== "string") return inputs;
    const listed = await state.checkListings.listOnce(api, loc, state.clock);
    if (listed === undefined) return inputs;
    const ids = listed
      .filter((a) => a.name === name && a.type === type)
      .map((a) => Number(a.id))
      .sort((x, y) => x - y);
    const record: CheckRecord = { pipeline: pipelineKeyOf(loc), name, type, ids };
    return { ...inputs, [CHECK_RECORD_KEY]: record };
  } catch {
    return inputs;
  }
}
