/**
 * What changed between the recorded outputs (`olds`, which hold every input the program set, as it set it) and
 * the program's new inputs. Only fields present on either side are compared, so Buddy's defaults for fields the
 * program never set can never show as changes. Secret fields hold the program's values on both sides (read
 * never puts Buddy's encrypted form in their place), so they compare the program's values.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { ActionSpec } from "../specs/spec";
import { containsUnknown, isPlainObject, jsonEqual } from "../wire/values";
import { Json, actionTypeOf, fieldToBody, wireDefaultFor, wireNameOf } from "./wire";

interface ChangePlan {
  /** Changed fields that cannot change in place (location, the generic resource's type). */
  replaces: string[];
  /** Fields set now whose value differs from the recorded one (or is not known yet). */
  changed: string[];
  /** Fields that were set and no longer are. */
  removed: string[];
}

export function planChanges(spec: ActionSpec, olds: Json, news: Json): ChangePlan {
  const plan: ChangePlan = { replaces: [], changed: [], removed: [] };
  for (const [key, def] of Object.entries(spec.fields)) {
    if (def.placement === "local") continue; // adopt only steers create
    const o = olds[key];
    const n = news[key];
    if (o === undefined && n === undefined) continue;
    if (!containsUnknown(n) && jsonEqual(o, n)) continue;
    if (def.replace) plan.replaces.push(key);
    else if (n === undefined) plan.removed.push(key);
    else plan.changed.push(key);
  }
  return plan;
}

export function diffResult(plan: ChangePlan): DiffResult {
  const changes = plan.replaces.length + plan.changed.length + plan.removed.length > 0;
  return { changes, replaces: plan.replaces, deleteBeforeReplace: false };
}

/**
 * The PATCH body: `type` and `name` (the docs list both as required in it), the changed fields, and each removed
 * field set back to Buddy's documented default (null when none is documented). No other unchanged field.
 */
export function patchBody(spec: ActionSpec, olds: Json, news: Json, plan: ChangePlan): Json {
  const type = actionTypeOf(spec, news);
  const body: Json = { type, name: news.name };
  for (const key of [...plan.changed, ...plan.removed]) {
    const def = spec.fields[key];
    if (def.kind === "bag") {
      // Buddy's own names: send only the members that changed. A removed member goes back to Buddy's default as the
      // typed spec for this `type` documents it (PROMOTE_IMAGE's same_location → false), null otherwise.
      const before = isPlainObject(olds[key]) ? olds[key] : {};
      const after = isPlainObject(news[key]) ? news[key] : {};
      for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (!jsonEqual(before[k], after[k])) body[k] = after[k] === undefined ? wireDefaultFor(type, k) : after[k];
      }
    } else if (news[key] === undefined) {
      body[wireNameOf(key, def)] = def.default;
    } else {
      fieldToBody(key, def, news[key], body);
    }
  }
  return body;
}
