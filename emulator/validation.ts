import { badRequest } from "./errors";
import { defaultFor, hasDefault } from "./defaults";
import { shown, violations } from "../catalog/rules";
import { fieldsFor, groupsFor, isKnownType, WireField, WireFields } from "./catalog";
import { READ_ONLY_ACTION_FIELDS } from "./schema";
import { encryptActionSecrets } from "./secrets";
import type { JsonObject, JsonValue } from "./types";

/**
 * Action bodies: turn a client's POST/PATCH body into the stored field set, or refuse it with 400 and one message per
 * problem, each naming the field (`Field "src.registry" ...`). Both paths check the MERGED result (defaults + body on
 * create, stored action + body on edit), so rules that tie fields together (ON_FAILURE, same_location) hold for the
 * action as it would be stored, not just for the fields in one request.
 *
 * Every rule comes from the catalog (catalog.ts), read by catalog/rules.ts: kinds, enums, bounds, required fields,
 * Buddy's defaults, secrets, and the cross-field rules (requiredWhen / allowedOnlyWhen: run_only_on_first_failure and ON_FAILURE, PROMOTE_IMAGE's
 * registry, region and same_location rules, ...), for every action type the catalog holds.
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
        refused.push(
          `Field "${key}" must be ${what}, got null (send ${JSON.stringify(fallback)}, its default, to reset it).`,
        );
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

/**
 * Every problem with a merged action, one message each; empty when valid. The catalog's facts are read by the
 * interpreter the provider's check uses too (catalog/rules.ts), so preview and the emulator refuse the same bodies.
 */
function validateAction(type: string, action: JsonObject): string[] {
  const stored = Object.fromEntries(Object.entries(fieldsFor(type)).filter(([, f]) => !f.writeOnly));
  return violations(stored, groupsFor(type), action).map((v) => {
    const given = v.value === undefined || v.value === null ? "" : `; got ${shown(v.value, v.secret)}`;
    return `Field "${v.path}" ${v.problem}${given}.`;
  });
}

/** Orders fields as documented, fills nested defaults (else null), encrypts secrets. Input must be valid. */
function normalize(type: string, action: JsonObject): JsonObject {
  const merged = encryptActionSecrets(type, action);
  const out = normalizeMembers(fieldsFor(type), merged);
  if (!isKnownType(type)) {
    // Unknown types keep their own fields as sent.
    for (const [key, value] of Object.entries(merged)) {
      if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = value;
    }
  }
  return out;
}

/** The documented members in order: the sent value (normalized), else the member's default, else null. */
function normalizeMembers(fields: WireFields, src: JsonObject, nested = false): JsonObject {
  const out: JsonObject = {};
  for (const [wire, f] of Object.entries(fields)) {
    if (f.writeOnly) continue;
    const v = src[wire];
    if (v === undefined || v === null) {
      out[wire] =
        nested && f.default !== undefined ? (JSON.parse(JSON.stringify(f.default)) as JsonValue) : (v ?? null);
      continue;
    }
    out[wire] = normalizeValue(f, v);
  }
  return out;
}

function normalizeValue(f: WireField, v: JsonValue): JsonValue {
  if (f.kind === "list" && f.item && Array.isArray(v)) {
    const item = f.item;
    return v.map((x) => (x === null ? x : normalizeValue(item, x)));
  }
  if (f.kind === "object" && isPlainObject(v)) return normalizeMembers(f.fields ?? {}, v, true);
  return v;
}
