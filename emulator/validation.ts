import { badRequest } from "./errors";
import { defaultFor, hasDefault, PERMISSIONS_DEFAULTS, VARIABLE_DEFAULTS } from "./defaults";
import {
  ACCESS_LEVELS,
  DOCKER_REGISTRIES,
  FieldSpec,
  fieldsFor,
  IMAGE_LOCATION_FIELDS,
  isKnownType,
  READ_ONLY_ACTION_FIELDS,
  TRIGGER_CONDITION_FIELDS,
  TRIGGER_CONDITIONS,
  VARIABLE_FIELDS,
  VARIABLE_TYPES,
} from "./schema";
import { encryptActionSecrets } from "./secrets";
import type { JsonObject, JsonValue } from "./types";

/**
 * Action bodies: turn a client's POST/PATCH body into the stored field set, or refuse it with 400 and one message per
 * problem, each naming the field (`Field "src.registry" ...`). Both paths check the MERGED result (defaults + body on
 * create, stored action + body on edit), so rules that tie fields together (ON_FAILURE, same_location) hold for the
 * action as it would be stored, not just for the fields in one request.
 *
 * Fields: a known type keeps only its documented fields (unknown keys are ignored, as Buddy ignores them); an
 * unknown type is validated on the common fields and keeps any other keys as sent, so a generic client can round-trip
 * type-specific fields the emulator does not know. Read-only fields and `after_action_id` are never stored.
 */

export const TYPE_CHANGE_MESSAGE =
  "You can't change the type of an existing action. To change the type, remove the action and add it again.";

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function requireObjectBody(body: unknown): JsonObject {
  if (!isPlainObject(body)) throw badRequest("Request body must be a JSON object.");
  return body;
}

/** Validates and normalises a create body. Throws ApiError(400). */
export function prepareNewAction(body: unknown): JsonObject {
  const obj = requireObjectBody(body);
  const type = obj.type;
  if (type === undefined || type === null || (typeof type === "string" && type.trim() === "")) {
    throw badRequest('Field "type" is required.');
  }
  if (typeof type !== "string") throw badRequest('Field "type" must be a string.');
  const merged: JsonObject = {};
  for (const field of Object.keys(fieldsFor(type))) merged[field] = defaultFor(type, field);
  const refused = applyBody(type, merged, obj);
  return finish(type, merged, refused);
}

/** Validates and normalises an edit of `existing` (a stored action). Only the fields sent change. */
export function prepareActionEdit(existing: JsonObject, body: unknown): JsonObject {
  const obj = requireObjectBody(body);
  const type = existing.type as string;
  if (Object.prototype.hasOwnProperty.call(obj, "type") && obj.type !== type) {
    throw badRequest(TYPE_CHANGE_MESSAGE);
  }
  const merged: JsonObject = { ...existing };
  const refused = applyBody(type, merged, obj);
  return finish(type, merged, refused);
}

/** Reads `after_action_id` from a body: undefined when absent or null; 400 when not an integer. */
export function afterActionId(body: JsonObject): number | undefined {
  const v = body.after_action_id;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw badRequest('Field "after_action_id" must be an integer.');
  return v;
}

/**
 * Copies a body's fields onto `target`. `null` means "empty": an enum or text field with a default (trigger_time,
 * run_next, record_arg, kubectl_version) and a list go back to their default, like Buddy; a field with no default
 * stays null (a required field then fails validation). A boolean or integer field with a default (disabled,
 * timeout, retry_count, same_location, ...) refuses null: such a field is never empty, a client resets it by
 * sending its default (which is what the provider does when an input is removed). Returns those refusals.
 */
function applyBody(type: string, target: JsonObject, body: JsonObject): string[] {
  const specs = fieldsFor(type);
  const known = isKnownType(type);
  const refused: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (READ_ONLY_ACTION_FIELDS.includes(key) || key === "after_action_id") continue;
    if (known && !Object.prototype.hasOwnProperty.call(specs, key)) continue;
    if (value === null && hasDefault(type, key)) {
      const fallback = defaultFor(type, key);
      if (typeof fallback === "boolean" || typeof fallback === "number") {
        const what = typeof fallback === "boolean" ? "a boolean" : "an integer";
        refused.push(`Field "${key}" must be ${what}, got null (send ${JSON.stringify(fallback)}, its default, to reset it).`);
        continue;
      }
      target[key] = fallback;
      continue;
    }
    target[key] = value;
  }
  return refused;
}

function finish(type: string, merged: JsonObject, refused: readonly string[] = []): JsonObject {
  const errors = [...refused, ...validateAction(type, merged)];
  if (errors.length > 0) throw badRequest(errors);
  return normalize(type, merged);
}

/** Every problem with a merged action, one message each; empty when valid. */
export function validateAction(type: string, action: JsonObject): string[] {
  const errors: string[] = [];
  const specs = fieldsFor(type);
  for (const [field, spec] of Object.entries(specs)) {
    checkField(field, spec, action[field] ?? null, errors);
  }

  // "Restricted to and required if the trigger_time is ON_FAILURE."
  const onFailure = action.trigger_time === "ON_FAILURE";
  const roff = action.run_only_on_first_failure ?? null;
  if (onFailure && roff === null) {
    errors.push('Field "run_only_on_first_failure" is required when "trigger_time" is ON_FAILURE.');
  } else if (!onFailure && roff !== null) {
    errors.push('Field "run_only_on_first_failure" is only allowed when "trigger_time" is ON_FAILURE.');
  }

  if (type === "PROMOTE_IMAGE") {
    const same = action.same_location === true;
    if (isPlainObject(action.src)) checkLocation("src", action.src, false, errors);
    if (isPlainObject(action.dest)) checkLocation("dest", action.dest, same, errors);
  }
  return errors;
}

function describe(v: JsonValue): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function checkField(path: string, spec: FieldSpec, value: JsonValue, errors: string[]): void {
  if (value === null) {
    if (spec.required) errors.push(`Field "${path}" is required.`);
    return;
  }
  switch (spec.kind) {
    case "string":
      if (typeof value !== "string") {
        errors.push(`Field "${path}" must be a string, got ${describe(value)}.`);
      } else if (spec.required && value.trim() === "") {
        errors.push(`Field "${path}" is required and must not be empty.`);
      } else if (spec.enum && !spec.enum.includes(value)) {
        errors.push(`Field "${path}" must be one of: ${spec.enum.join(", ")}; got "${value}".`);
      }
      return;
    case "boolean":
      if (typeof value !== "boolean") errors.push(`Field "${path}" must be a boolean, got ${describe(value)}.`);
      return;
    case "count":
      checkCount(path, value, errors);
      return;
    case "strings":
      checkStrings(path, value, errors);
      return;
    case "objects":
      if (!Array.isArray(value)) errors.push(`Field "${path}" must be an array, got ${describe(value)}.`);
      else value.forEach((item, i) => {
        if (!isPlainObject(item)) errors.push(`Field "${path}[${i}]" must be an object.`);
      });
      return;
    case "trigger_conditions":
      checkArrayOfObjects(path, value, errors, (p, item) => checkTriggerCondition(p, item, errors));
      return;
    case "variables":
      checkArrayOfObjects(path, value, errors, (p, item) => checkVariable(p, item, errors));
      return;
    case "permissions":
      checkPermissions(path, value, errors);
      return;
    case "image_location":
      if (!isPlainObject(value)) errors.push(`Field "${path}" must be an object, got ${describe(value)}.`);
      // contents are checked with the same_location context in validateAction
      return;
  }
}

function checkCount(path: string, value: JsonValue, errors: string[]): void {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    errors.push(`Field "${path}" must be an integer, got ${describe(value)}.`);
  } else if (value < 0) {
    errors.push(`Field "${path}" must be a non-negative integer, got ${value}.`);
  }
}

function checkStrings(path: string, value: JsonValue, errors: string[]): void {
  if (!Array.isArray(value)) {
    errors.push(`Field "${path}" must be an array of strings, got ${describe(value)}.`);
    return;
  }
  value.forEach((v, i) => {
    if (typeof v !== "string") errors.push(`Field "${path}[${i}]" must be a string, got ${describe(v)}.`);
  });
}

function checkIntegers(path: string, value: JsonValue, min: number, max: number, errors: string[]): void {
  if (!Array.isArray(value)) {
    errors.push(`Field "${path}" must be an array of integers, got ${describe(value)}.`);
    return;
  }
  value.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      errors.push(`Field "${path}[${i}]" must be an integer from ${min} to ${max}.`);
    }
  });
}

function checkOptionalString(path: string, value: JsonValue | undefined, errors: string[], allowed?: readonly string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "string") errors.push(`Field "${path}" must be a string, got ${describe(value)}.`);
  else if (allowed && !allowed.includes(value)) {
    errors.push(`Field "${path}" must be one of: ${allowed.join(", ")}; got "${value}".`);
  }
}

function checkOptionalBoolean(path: string, value: JsonValue | undefined, errors: string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "boolean") errors.push(`Field "${path}" must be a boolean, got ${describe(value)}.`);
}

function checkArrayOfObjects(
  path: string,
  value: JsonValue,
  errors: string[],
  each: (itemPath: string, item: JsonObject) => void,
): void {
  if (!Array.isArray(value)) {
    errors.push(`Field "${path}" must be an array, got ${describe(value)}.`);
    return;
  }
  value.forEach((item, i) => {
    if (!isPlainObject(item)) errors.push(`Field "${path}[${i}]" must be an object, got ${describe(item)}.`);
    else each(`${path}[${i}]`, item);
  });
}

function checkTriggerCondition(path: string, c: JsonObject, errors: string[]): void {
  const cond = c.trigger_condition;
  if (cond === undefined || cond === null) errors.push(`Field "${path}.trigger_condition" is required.`);
  else checkOptionalString(`${path}.trigger_condition`, cond, errors, TRIGGER_CONDITIONS);
  if (c.trigger_condition_paths !== undefined && c.trigger_condition_paths !== null) {
    checkStrings(`${path}.trigger_condition_paths`, c.trigger_condition_paths, errors);
  }
  if (c.trigger_hours !== undefined && c.trigger_hours !== null) {
    checkIntegers(`${path}.trigger_hours`, c.trigger_hours, 0, 23, errors);
  }
  if (c.trigger_days !== undefined && c.trigger_days !== null) {
    checkIntegers(`${path}.trigger_days`, c.trigger_days, 1, 7, errors); // 1 = Monday
  }
  for (const key of [
    "trigger_variable_key",
    "trigger_variable_value",
    "timezone",
    "trigger_project_name",
    "trigger_pipeline_name",
    "trigger_user",
    "trigger_group",
  ]) {
    checkOptionalString(`${path}.${key}`, c[key], errors);
  }
}

function checkVariable(path: string, v: JsonObject, errors: string[]): void {
  if (typeof v.key !== "string" || v.key.trim() === "") {
    errors.push(`Field "${path}.key" is required and must be a non-empty string.`);
  }
  checkOptionalString(`${path}.value`, v.value, errors);
  checkOptionalString(`${path}.type`, v.type, errors, VARIABLE_TYPES);
  checkOptionalBoolean(`${path}.encrypted`, v.encrypted, errors);
  checkOptionalBoolean(`${path}.settable`, v.settable, errors);
  for (const key of ["description", "file_place", "file_name", "file_path", "file_chmod"]) {
    checkOptionalString(`${path}.${key}`, v[key], errors);
  }
}

function checkPermissions(path: string, value: JsonValue, errors: string[]): void {
  if (!isPlainObject(value)) {
    errors.push(`Field "${path}" must be an object, got ${describe(value)}.`);
    return;
  }
  checkOptionalString(`${path}.others`, value.others, errors, ACCESS_LEVELS);
  for (const list of ["users", "groups"]) {
    const entries = value[list];
    if (entries === undefined || entries === null) continue;
    checkArrayOfObjects(`${path}.${list}`, entries, errors, (p, item) => {
      if (typeof item.id !== "number" || !Number.isInteger(item.id)) {
        errors.push(`Field "${p}.id" is required and must be an integer.`);
      }
      if (item.access_level === undefined || item.access_level === null) {
        errors.push(`Field "${p}.access_level" is required.`);
      } else checkOptionalString(`${p}.access_level`, item.access_level, errors, ACCESS_LEVELS);
    });
  }
}

/**
 * A PROMOTE_IMAGE location. `src` always needs docker_registry and image. `dest` needs them too when images move
 * between registries (same_location false); when same_location is true only the new `tag` is required.
 * `registry` is required for GOOGLE_ARTIFACT_REGISTRY and OTHER, `region` for AMAZON_ECR.
 */
function checkLocation(path: string, loc: JsonObject, sameLocationDest: boolean, errors: string[]): void {
  const requireString = (key: string, why: string): void => {
    const v = loc[key];
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      errors.push(`Field "${path}.${key}" is required${why}.`);
    } else if (typeof v !== "string") {
      errors.push(`Field "${path}.${key}" must be a string, got ${describe(v)}.`);
    }
  };
  if (!sameLocationDest) {
    requireString("docker_registry", "");
    requireString("image", "");
  }
  checkOptionalString(`${path}.docker_registry`, loc.docker_registry, errors, DOCKER_REGISTRIES);
  if (sameLocationDest) requireString("tag", " when same_location is true");
  const registry = loc.docker_registry;
  if (registry === "GOOGLE_ARTIFACT_REGISTRY" || registry === "OTHER") {
    requireString("registry", ` when docker_registry is ${registry}`);
  }
  if (registry === "AMAZON_ECR") requireString("region", " when docker_registry is AMAZON_ECR");
  for (const key of ["image", "registry", "region", "username", "password", "tag"]) {
    checkOptionalString(`${path}.${key}`, loc[key], errors);
  }
  const integration = loc.integration;
  if (integration !== undefined && integration !== null && typeof integration !== "string" && !isPlainObject(integration)) {
    errors.push(`Field "${path}.integration" must be a string or an object, got ${describe(integration)}.`);
  }
}

/** Orders fields as documented, fills nested defaults with null, encrypts secrets. Input must be valid. */
function normalize(type: string, action: JsonObject): JsonObject {
  const merged = encryptActionSecrets(type, action);
  const specs = fieldsFor(type);
  const out: JsonObject = {};
  for (const [field, spec] of Object.entries(specs)) {
    let value: JsonValue = merged[field] ?? null;
    if (spec.kind === "variables" && Array.isArray(value)) value = value.map((v) => normalizeVariable(v as JsonObject));
    if (spec.kind === "trigger_conditions" && Array.isArray(value)) {
      value = value.map((c) => pickFilled(c as JsonObject, TRIGGER_CONDITION_FIELDS, {}));
    }
    if (spec.kind === "image_location" && isPlainObject(value)) {
      value = pickFilled(value, IMAGE_LOCATION_FIELDS, {});
    }
    if (spec.kind === "permissions" && isPlainObject(value)) {
      value = {
        others: value.others ?? PERMISSIONS_DEFAULTS.others,
        users: value.users ?? [],
        groups: value.groups ?? [],
      };
    }
    out[field] = value;
  }
  if (!isKnownType(type)) {
    // Unknown types keep their own fields as sent.
    for (const [key, value] of Object.entries(merged)) {
      if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = value;
    }
  }
  return out;
}

function normalizeVariable(v: JsonObject): JsonObject {
  return pickFilled(v, VARIABLE_FIELDS, VARIABLE_DEFAULTS);
}

/** Copies the documented keys of a nested object in order: sent value, else the default, else null. */
function pickFilled(src: JsonObject, keys: readonly string[], defaults: Readonly<JsonObject>): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) {
    const v = src[key];
    out[key] = v !== undefined && v !== null ? v : (defaults[key] ?? null);
  }
  return out;
}
