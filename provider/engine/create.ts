/**
 * create, including the two ways it can take over an existing action instead of adding one:
 * - `adopt: true`: the one action of the same name and type already in the pipeline (several: an error).
 * - an ambiguous POST (timeout, dropped connection, 5xx: the server may have created the action): the client does
 *   not retry it. Before the POST we take a snapshot of the pipeline's action ids; after an ambiguous failure an
 *   action of the same name and type that was not in the snapshot can only be the one this POST made, so it is
 *   taken over. A pre-existing action of the same name is never mistaken for it. Not found: POST again (bounded).
 * A create therefore never makes two actions.
 * A taken-over action is PATCHed to the declared state (the POST body, which PATCH accepts as is).
 */
import { backoffDelay, sleep } from "../http/backoff";
import { logInfo, logWarn } from "../log";
import { ActionSpec } from "../specs/spec";
import { ActionsApi, WireAction, isAmbiguous } from "./api";
import { ActionLocation, actionsPath, formatId, locationOf } from "./id";
import { actionOutputs } from "./outputs";
import { Json, createBody } from "./wire";

/**
 * POSTs in all for one create, each after confirming the previous one made nothing. Eight, because a create is
 * the operation most exposed to a flaky API (a POST is not retried blindly): at a 13% rate of ambiguous
 * failures, three tries would fail about one create in 450, eight about one in 10^7.
 */
export const MAX_CREATE_POSTS = 8;
const TIMEOUT_SETTLE_MS = 1000;
/** Backoff between POSTs, so a struggling server is not hammered (full jitter, like the client's retries). Tests shorten it. */
export const repostBackoff = { baseMs: 500, maxMs: 8000 };

export interface CreatedAction {
  id: string;
  outs: Json;
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

async function takeOver(api: ActionsApi, loc: ActionLocation, actionId: unknown, body: Json): Promise<WireAction> {
  return api.patch<WireAction>(actionsPath(loc, Number(actionId)), body);
}

/** After an ambiguous POST: the action it made, if it made one. */
async function findCreated(api: ActionsApi, loc: ActionLocation, before: ReadonlySet<unknown>, body: Json): Promise<WireAction | undefined> {
  const made = (await listActions(api, loc)).filter((a) => !before.has(a.id) && sameNameAndType(body)(a));
  if (made.length > 1) {
    // Only possible when another program creates same-named actions in this pipeline at the same moment.
    throw new Error(
      `After an interrupted create, ${made.length} new actions match ${describe(loc, body.name, String(body.type))} ` +
        `(ids ${made.map((a) => a.id).join(", ")}); cannot tell which one is this resource's. ` +
        `Delete the extra one(s) or give the actions distinct names.`,
    );
  }
  return made[0];
}

export async function createAction(api: ActionsApi, spec: ActionSpec, inputs: Json): Promise<CreatedAction> {
  const loc = locationOf(inputs);
  const body = createBody(spec, inputs);
  const what = describe(loc, body.name, String(body.type));
  const existing = await listActions(api, loc);

  let action: WireAction | undefined;
  if (inputs.adopt === true) {
    const same = existing.filter(sameNameAndType(body));
    if (same.length > 1) {
      throw new Error(
        `adopt: found ${same.length} ${what.replace(/^action/, "actions")} (ids ${same.map((a) => a.id).join(", ")}); ` +
          `adopt needs exactly one. Rename or delete the others, or set adopt: false to create a new action.`,
      );
    }
    if (same.length === 1) {
      logInfo(`Adopting existing ${what}, id ${String(same[0].id)}`);
      action = await takeOver(api, loc, same[0].id, body);
    }
  }

  const before = new Set(existing.map((a) => a.id));
  for (let post = 1; action === undefined; post++) {
    try {
      action = await api.post<WireAction>(actionsPath(loc), body);
    } catch (err) {
      if (!isAmbiguous(err)) throw err;
      // A timed-out POST may still be running on the server: give it a moment before looking.
      if ((err as { kind?: unknown }).kind === "timeout") await sleep(TIMEOUT_SETTLE_MS);
      const found = await findCreated(api, loc, before, body);
      if (found) {
        logWarn(`Creating ${what} was interrupted but the action was created (id ${String(found.id)}); using it`);
        action = await takeOver(api, loc, found.id, body);
      } else if (post >= MAX_CREATE_POSTS) {
        throw new Error(`${(err as Error).message}; ${post} attempts, and the pipeline holds no such action: nothing was created`);
      } else {
        const delay = backoffDelay(post, repostBackoff.baseMs, repostBackoff.maxMs);
        logWarn(`Creating ${what} was interrupted and the action was not created; trying again in ${(delay / 1000).toFixed(1)}s`);
        await sleep(delay);
      }
    }
  }
  return { id: formatId({ ...loc, actionId: Number(action.id) }), outs: actionOutputs(inputs, action) };
}
