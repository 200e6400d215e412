/**
 * check: every documented rule, before any API call. Each failure names the camelCase property path
 * (`imageTag`, `src.dockerRegistry`, `triggerConditions[0].triggerCondition`) and the rule. Values that are
 * unknown during preview (at any depth) are skipped: they are checked again when known, at `pulumi up`.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { FieldDef, Fields, reasons } from "../specs/field";
import { ActionSpec, SPEC_KEY } from "../specs/spec";
import { isPlainObject, isUnknown } from "../wire/values";
import { fromWire, typedSpecFor, wireFields, wireNameOf } from "./wire";
import { CIPHERTEXTS_KEY } from "./ciphertexts";
import { CHECK_RECORD_KEY } from "./check-record";

/**
 * Keys added to every resource's inputs by the engine (`__provider`) and by the resource class (`__spec`, which
 * the provider itself puts back into the outputs), the provider's own hidden output (`__ciphertexts`) and what check
 * records for recovery (`__sameNamedAtCheck`, inputs only); never user input, never sent to Buddy.
 */
export const ENGINE_KEYS: readonly string[] = ["__provider", SPEC_KEY, CIPHERTEXTS_KEY, CHECK_RECORD_KEY];

export function joinPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

function unknownMember(path: string, hint: string): CheckFailure {
  return { property: path, reason: `unknown property ${path} (${hint})` };
}

function checkMembers(
  fields: Fields,
  value: Record<string, unknown>,
  path: string,
  hint: string,
  skip: readonly string[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(value)) {
    if (!(key in fields) && !skip.includes(key)) failures.push(unknownMember(joinPath(path, key), hint));
  }
  for (const [key, def] of Object.entries(fields)) {
    const member = value[key];
    if (member === undefined || member === null) {
      if (def.required) failures.push({ property: joinPath(path, key), reason: "is required" });
      continue;
    }
    failures.push(...checkValue(def, member, joinPath(path, key)));
  }
  return failures;
}

const NESTED_HINT = "not a documented member";

/** The failures of one value against its field definition. */
export function checkValue(def: FieldDef, value: unknown, path: string): CheckFailure[] {
  if (isUnknown(value)) return [];
  switch (def.kind) {
    case "leaf": {
      const result = def.schema.safeParse(value);
      return result.success ? [] : [{ property: path, reason: result.error.issues[0]?.message ?? "is invalid" }];
    }
    case "array": {
      if (!Array.isArray(value)) return [{ property: path, reason: reasons.list }];
      return value.flatMap((item, i) => {
        const itemPath = `${path}[${i}]`;
        if (item === undefined || item === null) return [{ property: itemPath, reason: "must not be null" }];
        return checkValue(def.item, item, itemPath);
      });
    }
    case "object": {
      if (!isPlainObject(value)) return [{ property: path, reason: reasons.object }];
      const failures = checkMembers(def.fields, value, path, NESTED_HINT);
      for (const f of def.rules?.(value) ?? []) failures.push({ property: joinPath(path, f.path), reason: f.reason });
      return failures;
    }
    case "open":
      return isPlainObject(value) ? [] : [{ property: path, reason: reasons.object }];
    case "bag": {
      if (!isPlainObject(value)) return [{ property: path, reason: reasons.object }];
      return Object.keys(value)
        .filter((k) => k.trim() === "")
        .map(() => ({ property: path, reason: "must not have an empty field name" }));
    }
  }
}

/**
 * A generic resource's free-form `fields` (a bag) whose `type` has a typed spec: the members that spec declares
 * (by their wire names; the common fields are typed inputs already) are checked by its rules, and its required
 * ones must be there. Without this, `PipelineAction` of type KUBERNETES_SET_IMAGE without `image_tag` passed
 * preview and failed at up.
 */
function typedBagFailures(spec: ActionSpec, news: Record<string, unknown>): CheckFailure[] {
  const typed = typedSpecFor(news.type);
  if (typed === undefined) return [];
  const failures: CheckFailure[] = [];
  for (const [bagKey, bagDef] of Object.entries(spec.fields)) {
    const bag = news[bagKey];
    if (bagDef.kind !== "bag" || isUnknown(bag) || (bag !== undefined && !isPlainObject(bag))) continue;
    for (const [key, def] of wireFields(typed)) {
      if (key in spec.fields || def.kind === "bag") continue;
      const wire = wireNameOf(key, def);
      const value = bag?.[wire];
      const path = `${bagKey}.${wire}`;
      if (value === undefined || value === null) {
        if (def.required) failures.push({ property: path, reason: `is required for type ${String(news.type)}` });
        continue;
      }
      const asInput = def.kind === "leaf" ? value : fromWire(def, value);
      failures.push(...checkValue(def, asInput, path));
    }
  }
  return failures;
}

/** check's failures for a resource's new inputs. Inputs are never modified (no defaults are added). */
export function checkInputs(spec: ActionSpec, news: Record<string, unknown>): CheckFailure[] {
  const failures = checkMembers(spec.fields, news, "", spec.unknownInputHint, ENGINE_KEYS);
  for (const rule of spec.rules) {
    for (const f of rule(news)) failures.push({ property: f.path, reason: f.reason });
  }
  failures.push(...typedBagFailures(spec, news));
  return failures;
}
