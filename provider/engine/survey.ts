/**
 * What `pulumi preview` says about a resource that is about to be created, from one look at its pipeline:
 * - with `adopt` / `adoptActionId`: which action it will adopt (id), which unset fields that puts back to Buddy's
 *   default, or why adoption will fail; a preview otherwise shows an adoption as a plain `+ create`;
 * - without: the same-named actions of the same type already in the pipeline that this resource will not manage
 *   (another stack's, a person's), since two stacks deploying one name into one pipeline is how actions end up shared.
 *
 * Cost: only resources being created look (an update or a no-change preview makes no request), and the look is the
 * pipeline's create snapshot (claims.ts): listed once per provider process and pipeline, and reused by the creates
 * of the same run, so `pulumi up` makes no request for it beyond the listing its creates make anyway. It is
 * advice: the look is made with few retries (a preview must not wait minutes on a server that is down), and when it
 * fails preview goes on and says so in one line; the snapshot is then not kept, so a create lists again with the
 * process client's full retries.
 */
import { ActionSpec } from "../specs/spec";
import { containsUnknown } from "../wire/values";
import { ActionsApi, ApiFactory, WireAction } from "./api";
import { chooseAdoption, defaultsAdoptionResets } from "./adoption";
import { ActionLocation, actionsPath } from "./id";
import { Json, actionTypeOf, createBody } from "./wire";
import type { EngineState } from "./state";

const LOCATION_KEYS = ["workspace", "projectName", "pipelineId"] as const;

/** Whether check's `olds`/`news` are a resource being created (new, or replaced: another location or type). */
export function isBeingCreated(spec: ActionSpec, olds: Json, news: Json): boolean {
  if (olds.name === undefined) return true;
  if (LOCATION_KEYS.some((k) => olds[k] !== news[k])) return true;
  return spec.actionType === undefined && olds.type !== news.type;
}

function describeAction(loc: ActionLocation, name: unknown, type: string): string {
  return `action ${JSON.stringify(name)} (${type}) in ${loc.workspace}/${loc.projectName} pipeline ${loc.pipelineId}`;
}

/** Logs what the create of `news` will find in its pipeline (see above); never throws. */
export async function surveyBeforeCreate(
  { claims: pipelines, log }: EngineState,
  api: ApiFactory,
  spec: ActionSpec,
  olds: Json,
  news: Json,
): Promise<void> {
  if (!isBeingCreated(spec, olds, news)) return;
  const keys = [...LOCATION_KEYS, "name", "type", "adopt", "adoptActionId"];
  if (keys.some((k) => containsUnknown(news[k]))) return; // known at `up`, where the create decides
  const { workspace, projectName, pipelineId } = news;
  if (typeof workspace !== "string" || typeof projectName !== "string" || typeof pipelineId !== "number") return;
  const loc: ActionLocation = { workspace, projectName, pipelineId };
  let client: ActionsApi;
  let look: ActionsApi;
  let body: Json;
  try {
    client = api();
    look = api("look");
    body = createBody(spec, news);
  } catch {
    return; // no token or no type yet: the create reports it
  }
  const type = actionTypeOf(spec, news);
  const what = describeAction(loc, body.name, type);
  const resource = `${spec.resourceType} ${JSON.stringify(body.name)}`;
  const claims = pipelines.begin(client, loc);
  let items: readonly WireAction[];
  try {
    items = (await claims.snapshot(() => look.listAll<WireAction>(actionsPath(loc), "actions"))).items;
  } catch (err) {
    log.info(`${resource}: could not list its pipeline to look for same-named actions: ${(err as Error).message}`);
    return;
  }
  const isClaimed = (id: unknown): boolean => claims.isClaimed(id);
  const choice = chooseAdoption(news, body, items, isClaimed, what);
  switch (choice.kind) {
    case "adopt": {
      const resets = defaultsAdoptionResets(spec, news, choice.action);
      log.info(
        `${resource}: will adopt the existing ${what}, id ${String(choice.action.id)}, and update it to the declared ` +
          `state` +
          (resets.length > 0 ? ` (unset fields back to Buddy's defaults: ${resets.join(", ")})` : ""),
      );
      return;
    }
    case "by-id-unlisted":
      log.warn(
        `${resource}: adoptActionId ${choice.actionId} is not in ${loc.workspace}/${loc.projectName} pipeline ` +
          `${loc.pipelineId} as listed now; \`up\` reads it by id and fails if it does not exist there`,
      );
      return;
    case "error":
      log.warn(`${resource}: ${choice.message}`);
      return;
    case "create": {
      const same = items.filter((a) => a.name === body.name && a.type === type);
      if (same.length === 0) return;
      const ids = same.map((a) => String(a.id)).join(", ");
      log.warn(
        `${resource}: the pipeline already holds ${same.length === 1 ? "an" : same.length} ${same.length === 1 ? what : what.replace(/^action/, "actions")} ` +
          `(id ${ids}) that this resource will not manage; \`up\` adds another one. If another stack manages it, ` +
          `two stacks are deploying one name into one pipeline: give the actions distinct names per stack. ` +
          `To take it over instead, set adoptActionId.`,
      );
      return;
    }
  }
}
