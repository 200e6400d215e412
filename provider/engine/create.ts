/**
 * create: one action per resource, made by this create or adopted; never another stack's.
 *
 * The rules (README "Create safety" states the same):
 * 1. Adopt or refuse before anything is made. With `adopt` / `adoptActionId` the create takes over an existing
 *    action (adoption.ts). Without, it stops if the pipeline already holds an action identical to it that no
 *    resource of this run made or took (twins.ts): most often a killed run's, which `recover` records.
 * 2. POST under a claim name, then rename. The action is POSTed with the create's claim name (claims.ts: unique to
 *    this create) instead of its own, and PATCHed to its own name once made. After a POST whose answer was lost (a
 *    timeout, a dropped connection, any 5xx), the create waits ENGINE_TIMING.settleMs (1 s on the provider's
 *    clock, clock.ts: the server may still be committing), lists the pipeline and looks for its claim name: found,
 *    the action is this create's (several: all are, the first is kept and the others deleted); absent, its POSTs
 *    made nothing and it POSTs again after a backoff on the same clock (at most MAX_CREATE_POSTS in all). No other
 *    action is ever taken for a lost POST, however alike: another stack's identical action carries its own name or
 *    its own claim name.
 * 3. The rename never orphans. Buddy refusing the name (a 4xx, e.g. a server that keeps names unique): the action is
 *    deleted and the create fails quoting Buddy. Any other failure: a partial create (PartialCreateError), so the
 *    action is in the stack under its id and the next `up` renames it.
 *
 * Cost: a POST and a PATCH per create, plus one listing per pipeline per provider process (the snapshot, shared by
 * preview's look and every create; claims.ts), and a listing after each lost POST.
 * Not defended: a POST the server commits later than the settle delay after failing, when the listing that follows
 * does not show it yet: the create POSTs again, and the late action stays under its claim name (recognisable, and
 * never taken by anyone).
 */
import { backoffDelay } from "../http/backoff";
import type { Log } from "../log";
import { FieldDef } from "../specs/field";
import { ActionSpec } from "../specs/spec";
import { ActionsApi, WireAction, isAmbiguous, isRefused } from "./api";
import { claimNameOf } from "./claims";
import { ENGINE_TIMING } from "./clock";
import { CreatedAction, PartialCreateError, adopt, adoptionTarget } from "./adoption";
import { ActionLocation, actionsPath, formatId, locationOf } from "./id";
import { outputsFromServer } from "./operations";
import { actionOutputs } from "./outputs";
import { withoutSecretFields } from "./secrets";
import { refuseUnmanagedTwin } from "./twins";
import { isEncryptedSecret, isPlainObject } from "../wire/values";
import { withoutSecrets } from "../specs/secrecy";
import { Json, createBody, toWire, wireFields, wireNameOf } from "./wire";
import type { EngineState } from "./state";

/**
 * POSTs in all for one create, each after confirming the previous one made nothing. Eight, because a create is
 * the operation most exposed to a flaky API (a POST is not retried blindly): at a 13% rate of ambiguous
 * failures, three tries would fail about one create in 450, eight about one in 10^7.
 */
export const MAX_CREATE_POSTS = 8;
export { PartialCreateError, isPartialCreateError } from "./adoption";
export type { CreatedAction } from "./adoption";

function describe(loc: ActionLocation, name: unknown, type: string): string {
  return `action ${JSON.stringify(name)} (${type}) in ${loc.workspace}/${loc.projectName} pipeline ${loc.pipelineId}`;
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/**
 * Whether Buddy's `server` can be what was sent as `sent` (both in wire form), for values with no spec to say which
 * members are secret (bag members, open objects): every sent member, item and scalar equal where Buddy reports it.
 * An encrypted value ("secure!...") cannot be compared and is taken as equal.
 */
function sameValue(sent: unknown, server: unknown): boolean {
  if (sent === undefined || sent === null || server === undefined || server === null) return true;
  if (isEncryptedSecret(server)) return true;
  if (Array.isArray(sent))
    return Array.isArray(server) && server.length === sent.length && sent.every((v, i) => sameValue(v, server[i]));
  if (isPlainObject(sent))
    return isPlainObject(server) && Object.entries(sent).every(([k, v]) => sameValue(v, server[k]));
  if (isScalar(sent)) return isScalar(server) && (server === sent || String(server) === String(sent));
  return true;
}

/**
 * Whether Buddy's value of a field (wire form) can be what was sent for the input `value` (input form, so that the
 * secret marks, which look at the input holding the value, apply): skips secrets (specs/secrecy.ts), write-only
 * fields and whatever Buddy does not report; compares object members and list items one by one.
 */
function sameField(def: FieldDef, value: unknown, server: unknown, holder: Json): boolean {
  return def.writeOnly || sameValue(toWire(def, withoutSecrets(def, value, holder)), server);
}

/**
 * Whether `action` can have been made from `body` (built from `inputs`): same name and type, and every non-secret
 * value sent (typed fields with their members and items, the generic resource's `fields` bag) equal to Buddy's
 * where Buddy reports it (a listing may omit fields; secrets come back encrypted; write-only fields never).
 */
export function madeFromBody(spec: ActionSpec, inputs: Json, body: Json, action: WireAction): boolean {
  if (action.name !== body.name || action.type !== body.type) return false;
  for (const [key, def] of wireFields(spec)) {
    const value = inputs[key];
    if (def.kind === "bag") {
      const sent = def.writeOnly ? undefined : withoutSecrets(def, value, inputs);
      if (!isPlainObject(sent)) continue;
      if (!Object.entries(sent).every(([k, v]) => sameValue(v, action[k]))) return false;
      continue;
    }
    if (!sameField(def, value, action[wireNameOf(key, def)], inputs)) return false;
  }
  return true;
}

/** Creates the action of `inputs` through `api`, with `state`'s clock and its knowledge of the pipeline. */
export async function createAction(
  state: EngineState,
  api: ActionsApi,
  spec: ActionSpec,
  inputs: Json,
): Promise<CreatedAction> {
  const loc = locationOf(inputs);
  const body = createBody(spec, inputs);
  const what = describe(loc, body.name, String(body.type));
  const claims = state.claims.begin(api, loc);
  // Rule 1: adopt, or refuse to duplicate, from the pipeline as it was before this process's first POST into it.
  const before = await claims.snapshot(() => api.listAll<WireAction>(actionsPath(loc), "actions"));
  const adopting = await adoptionTarget(api, loc, claims, before, inputs, body, what);
  if (adopting !== undefined) return adopt(state.log, api, spec, loc, inputs, adopting, what);
  await refuseUnmanagedTwin(api, spec, loc, before, claims, inputs, body, madeFromBody);
  // Rules 2 and 3.
  const made = await postClaimed(state, api, loc, { ...body, name: claimNameOf(inputs) }, what);
  return rename(api, spec, loc, inputs, body, made, what);
}

/** Rule 2: the action POSTed under the claim name in `claimed`, made once whatever the POSTs' answers. */
async function postClaimed(
  { clock, log }: EngineState,
  api: ActionsApi,
  loc: ActionLocation,
  claimed: Json,
  what: string,
): Promise<WireAction> {
  for (let post = 1; ; post++) {
    try {
      return await api.post<WireAction>(actionsPath(loc), claimed);
    } catch (err) {
      if (!isAmbiguous(err)) throw err;
      await clock.sleep(ENGINE_TIMING.settleMs);
      const found = await findClaimed(log, api, loc, claimed, what);
      if (found !== undefined) {
        log.warn(`Creating ${what} was interrupted but the action was created (id ${String(found.id)}); using it`);
        return found;
      }
      if (post >= MAX_CREATE_POSTS)
        throw new Error(
          `${(err as Error).message}; ${post} attempts, and the pipeline holds no such action: nothing was created`,
        );
      const delay = backoffDelay(post, ENGINE_TIMING.repostBaseMs, ENGINE_TIMING.repostMaxMs);
      log.warn(
        `Creating ${what} was interrupted and the action was not created; trying again in ${(delay / 1000).toFixed(1)}s`,
      );
      await clock.sleep(delay);
    }
  }
}

/**
 * The action this create's POSTs made, found by its claim name, or undefined when they made none. Several (a POST
 * committed after the listing that followed its failure, then found by a later one): all are this create's, so the
 * first is kept and the others deleted.
 */
async function findClaimed(
  log: Log,
  api: ActionsApi,
  loc: ActionLocation,
  claimed: Json,
  what: string,
): Promise<WireAction | undefined> {
  const listing = await api.listAll<WireAction>(actionsPath(loc), "actions");
  const [kept, ...extra] = listing
    .filter((a) => a.name === claimed.name && a.type === claimed.type)
    .sort((x, y) => Number(x.id) - Number(y.id));
  for (const a of extra) {
    try {
      await api.delete(actionsPath(loc, Number(a.id)));
    } catch (err) {
      log.warn(
        `Creating ${what}: a second copy made by a lost POST (id ${String(a.id)}, named ${String(claimed.name)}) ` +
          `could not be deleted (${(err as Error).message}); delete it in Buddy`,
      );
    }
  }
  return kept;
}

/** Rule 3: gives the action made under its claim name the resource's own name, never leaving it orphaned. */
async function rename(
  api: ActionsApi,
  spec: ActionSpec,
  loc: ActionLocation,
  inputs: Json,
  body: Json,
  made: WireAction,
  what: string,
): Promise<CreatedAction> {
  const actionId = Number(made.id);
  const id = formatId({ ...loc, actionId });
  const path = actionsPath(loc, actionId);
  try {
    const action = await api.patch<WireAction>(path, { name: body.name, type: body.type });
    return { id, outs: actionOutputs(inputs, action) };
  } catch (err) {
    const reason = (err as Error)?.message ?? String(err);
    if (isRefused(err) && (await deleted(api, path)))
      throw new Error(
        `Buddy refused the name of ${what}: ${reason}. The action made under the temporary name ` +
          `${String(made.name)} (id ${actionId}) was deleted: nothing was created.`,
      );
    // The action is this resource's whatever happened: record it with what Buddy holds now (the PATCH may have been
    // applied), so the next preview shows the name still to change and the next `up` PATCHes it.
    let current = made;
    try {
      current = await api.get<WireAction>(path);
    } catch {
      // keep what the POST (or the listing) gave
    }
    throw new PartialCreateError(
      `Created ${what} (id ${actionId}) under the temporary name ${String(made.name)} but could not give it its ` +
        `name: ${reason}. It is recorded in the stack; the next \`pulumi up\` renames it.`,
      id,
      // Secret inputs are left out: the engine stores a partial failure's properties as they are, unmarked.
      withoutSecretFields(spec, outputsFromServer(spec, loc, current, inputs)),
      [reason],
    );
  }
}

async function deleted(api: ActionsApi, path: string): Promise<boolean> {
  try {
    await api.delete(path);
    return true;
  } catch {
    return false;
  }
}
