/**
 * create: one POST, or a take-over of an existing action.
 *
 * Cost. The pipeline is listed once per provider process, before its first POST there (the snapshot, claims.ts);
 * every create of that pipeline shares it, so a create costs its POST. The pipeline is listed again only after an
 * ambiguous failure. 200 creates into one pipeline: 201 requests (test/integration/provider/create-cost.test.ts).
 *
 * Threat model: what create safety defends, and what it does not (README "Create safety" says the same).
 * Defended:
 * 1. Ambiguous POST failures: a timeout, a connection dropped after sending, any 5xx (a gateway's 504 while Buddy is
 *    still committing). The POST may have made the action before the failure or shortly after it. A POST is never
 *    repeated blindly (the client does not retry it): we wait `createTiming.settleMs` after every ambiguous failure,
 *    list the pipeline, and POST again (up to MAX_CREATE_POSTS in all) only if no action of ours turned up.
 * 2. Same-named actions that existed before (names need not be unique): never taken for ours. They are in the
 *    snapshot, which predates every POST of this process into the pipeline.
 * 3. Same-named creates of this process running at once, with the same or other values: an action a sibling's POST
 *    made, or a sibling took, is claimed and never taken; siblings that all lost POSTs share out what they made,
 *    lowest id first, each taking only an action made from a body like its own (claims.ts).
 * 4. Whatever the server does with listings: paging honoured, ignored or capped, the list changing between pages
 *    (listing.ts); items that are summaries, so an action is read by id before it is taken (a summary is no proof);
 *    fields we do not know; a POST answered after its action is already listed.
 * 5. Someone else (a person in Buddy's UI, another program) adding same-named actions to the pipeline during the
 *    run: an action is taken only when it is new since the snapshot, claimed by no create of this process, equal in
 *    every non-secret value sent, and the new unclaimed actions of that name and type are no more than this process's
 *    lost POSTs of that name and type. More than that: the create stops with an error naming them, and takes nothing.
 * Not defended (README "Known limitations"):
 * - a server that commits a failed POST later than the settle delay after failing, when the listing that follows
 *   does not show it yet: the create POSTs again and the pipeline ends with two actions;
 * - an action identical in every non-secret value, added by someone else between this process's snapshot and the
 *   listing after a failed POST that made nothing: nothing the API returns tells it from ours, and it is taken;
 * - a deletion during a listing on a server that pages by offset can move an action to a page already read, so that
 *   listing misses it (any offset-paged listing can).
 *
 * Take-overs:
 * - `adopt: true`: the one action of the same name and type in the snapshot and not claimed (several: an error).
 *   It is PATCHed to the declared state (the POST body, which PATCH accepts as is). If that PATCH fails, the action
 *   is ours all the same: the create fails as a Pulumi partial failure (`PartialCreateError`), so the engine keeps
 *   the resource in state with its id and Buddy's current values, and the next `up` PATCHes the rest.
 * - the action an ambiguous POST made (above): used as it is. It was made from this very body, so it needs no
 *   PATCH (and a failing PATCH cannot turn it into an orphan).
 */
import { backoffDelay, sleep } from "../http/backoff";
import { logInfo, logWarn } from "../log";
import { FieldDef } from "../specs/field";
import { ActionSpec } from "../specs/spec";
import { ActionsApi, WireAction, isAmbiguous, isNotFound } from "./api";
import { CreateClaims, Snapshot, idKey } from "./claims";
import { ActionLocation, actionsPath, formatId, locationOf } from "./id";
import { outputsFromServer } from "./operations";
import { withoutSecretFields } from "./secrets";
import { actionOutputs } from "./outputs";
import { isEncryptedSecret, isPlainObject } from "../wire/values";
import { withoutSecrets } from "../specs/secrecy";
import { Json, createBody, toWire, wireFields, wireNameOf } from "./wire";

/**
 * POSTs in all for one create, each after confirming the previous one made nothing. Eight, because a create is
 * the operation most exposed to a flaky API (a POST is not retried blindly): at a 13% rate of ambiguous
 * failures, three tries would fail about one create in 450, eight about one in 10^7.
 */
export const MAX_CREATE_POSTS = 8;
/**
 * After an ambiguous POST, how long to wait before looking for what it made: a server (or the gateway in front of
 * it) may answer 5xx or be cut off while the create is still being committed. Tests shorten it.
 */
export const createTiming = { settleMs: 1000 };
/** Backoff between POSTs, so a struggling server is not hammered (full jitter, like the client's retries). Tests shorten it. */
export const repostBackoff = { baseMs: 500, maxMs: 8000 };

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

function describe(loc: ActionLocation, name: unknown, type: string): string {
  return `action ${JSON.stringify(name)} (${type}) in ${loc.workspace}/${loc.projectName} pipeline ${loc.pipelineId}`;
}

async function listActions(api: ActionsApi, loc: ActionLocation): Promise<WireAction[]> {
  return api.listAll<WireAction>(actionsPath(loc), "actions");
}

function sameNameAndType(body: Json): (a: WireAction) => boolean {
  return (a) => a.name === body.name && a.type === body.type;
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
  if (!sameNameAndType(body)(action)) return false;
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

/** The full action behind a listed one (a listing may hold summaries); undefined when it is gone (404). */
async function readFull(api: ActionsApi, loc: ActionLocation, listed: WireAction): Promise<WireAction | undefined> {
  try {
    return await api.get<WireAction>(actionsPath(loc, Number(listed.id)));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * After an ambiguous POST: the action it made, if it made one (claimed for this create), or undefined when it made
 * none. The candidates are the actions of this name and type that this process cannot account for: not in the
 * snapshot, not claimed by any create of this process. Each is read by id, so a listing of summaries is never taken
 * as proof. They can have been made only by this process's creates that lost a POST with this name and type (this
 * one included) or by someone else: while there are no more of them than those creates, each such create takes the
 * lowest-id one made from a body like its own (every non-secret value equal); more candidates than that means
 * someone else is creating same-named actions here, and the create stops with an error naming them.
 */
async function findCreated(
  api: ActionsApi,
  spec: ActionSpec,
  loc: ActionLocation,
  claims: CreateClaims,
  before: Snapshot<WireAction>,
  inputs: Json,
  body: Json,
): Promise<WireAction | undefined> {
  const listing = await claims.stableListing(() => listActions(api, loc));
  const unaccounted = (a: WireAction): boolean => !before.ids.has(idKey(a.id)) && !claims.isClaimed(a.id);
  const listed = listing.filter((a) => sameNameAndType(body)(a) && unaccounted(a));
  const tooMany = (n: number): boolean => n > claims.lostPosts();
  if (tooMany(listed.length)) throw notProvablyOurs(loc, body, listed, claims.lostPosts());
  const full = (await Promise.all(listed.map((a) => readFull(api, loc, a)))).filter(
    (a): a is WireAction => a !== undefined,
  );
  // From here to the claim, no await: two creates looking at once cannot both take the same action.
  const candidates = full.filter((a) => sameNameAndType(body)(a) && unaccounted(a));
  if (tooMany(candidates.length)) throw notProvablyOurs(loc, body, candidates, claims.lostPosts());
  const taken = candidates
    .filter((a) => madeFromBody(spec, inputs, body, a))
    .sort((x, y) => Number(x.id) - Number(y.id))[0];
  if (taken !== undefined) claims.claim(taken.id);
  claims.foundOrGaveUp();
  return taken;
}

function notProvablyOurs(loc: ActionLocation, body: Json, candidates: WireAction[], lost: number): Error {
  return new Error(
    `After an interrupted create, ${candidates.length} new ${describe(loc, body.name, String(body.type)).replace(/^action/, "actions")} ` +
      `appeared (ids ${candidates.map((a) => String(a.id)).join(", ")}) but this run lost only ${lost} POST${lost === 1 ? "" : "s"} ` +
      `of that name and type: someone else is creating same-named actions in this pipeline, so none of them is provably ` +
      `this resource's. Nothing was taken. Delete the one(s) you do not want, or give the actions distinct names, then run again ` +
      `(with adopt: true to take one over).`,
  );
}

/** The adopted action, PATCHed to the declared state; a failed PATCH is a partial failure (the action is ours). */
async function adopt(
  api: ActionsApi,
  spec: ActionSpec,
  loc: ActionLocation,
  inputs: Json,
  body: Json,
  listed: WireAction,
  what: string,
): Promise<CreatedAction> {
  const actionId = Number(listed.id);
  const id = formatId({ ...loc, actionId });
  logInfo(`Adopting existing ${what}, id ${String(listed.id)}`);
  try {
    const action = await api.patch<WireAction>(actionsPath(loc, actionId), body);
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

export async function createAction(api: ActionsApi, spec: ActionSpec, inputs: Json): Promise<CreatedAction> {
  const loc = locationOf(inputs);
  const body = createBody(spec, inputs);
  const claims = CreateClaims.begin(api, loc, body.name, body.type);
  try {
    return await create(api, spec, inputs, loc, body, claims);
  } finally {
    claims.end();
  }
}

async function create(
  api: ActionsApi,
  spec: ActionSpec,
  inputs: Json,
  loc: ActionLocation,
  body: Json,
  claims: CreateClaims,
): Promise<CreatedAction> {
  const what = describe(loc, body.name, String(body.type));
  // The pipeline as it was before this process's first POST into it: listed once per process (claims.ts).
  const before = await claims.snapshot(() => listActions(api, loc));

  if (inputs.adopt === true) {
    const same = before.items.filter((a) => sameNameAndType(body)(a) && !claims.isClaimed(a.id));
    if (same.length > 1) {
      throw new Error(
        `adopt: found ${same.length} ${what.replace(/^action/, "actions")} (ids ${same.map((a) => a.id).join(", ")}); ` +
          `adopt needs exactly one. Rename or delete the others, or set adopt: false to create a new action.`,
      );
    }
    if (same.length === 1) {
      claims.claim(same[0].id);
      return adopt(api, spec, loc, inputs, body, same[0], what);
    }
  }

  for (let post = 1; ; post++) {
    let action: WireAction;
    try {
      action = await claims.post(() => api.post<WireAction>(actionsPath(loc), body));
    } catch (err) {
      if (!isAmbiguous(err)) throw err;
      // Whatever the failure (timeout, dropped connection, 5xx such as a gateway's 504), the server may still be
      // committing the POST: give it a moment before looking.
      await sleep(createTiming.settleMs);
      const found = await findCreated(api, spec, loc, claims, before, inputs, body);
      if (found) {
        logWarn(`Creating ${what} was interrupted but the action was created (id ${String(found.id)}); using it`);
        action = found;
      } else if (post >= MAX_CREATE_POSTS) {
        throw new Error(
          `${(err as Error).message}; ${post} attempts, and the pipeline holds no such action: nothing was created`,
        );
      } else {
        const delay = backoffDelay(post, repostBackoff.baseMs, repostBackoff.maxMs);
        logWarn(
          `Creating ${what} was interrupted and the action was not created; trying again in ${(delay / 1000).toFixed(1)}s`,
        );
        await sleep(delay);
        continue;
      }
    }
    return { id: formatId({ ...loc, actionId: Number(action.id) }), outs: actionOutputs(inputs, action) };
  }
}
