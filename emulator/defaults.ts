import type { JsonObject, JsonValue } from "./types";
import { commonFields, KNOWN_ACTION_TYPES, ownFields, WireField, WireFields } from "./catalog";

/**
 * Buddy's documented defaults of a set of fields, under their wire names: every `default` the catalog records
 * (trigger_time ON_EVERY_EXECUTION, run_next WAIT_ON_SUCCESS, disabled false, record_arg NOT_SET, ...). ONE source
 * of truth: the provider's specs are generated from the same catalog, so the value the provider puts back when an
 * input is removed is, by construction, the value the emulator fills in on create and restores on a PATCH with null.
 */
export function catalogScalarDefaults(fields: WireFields): JsonObject {
  const out: JsonObject = {};
  for (const [wire, f] of Object.entries(fields))
    if (f.default !== undefined && f.kind !== "list") out[wire] = f.default as JsonValue;
  return out;
}

/**
 * What the emulator fills in on its own: an empty list for every list field (Buddy answers an empty list as []).
 * These are server fill-ins, not values the provider restores: it sends null for a removed list input, which the
 * emulator answers with [] again.
 */
function listFillIns(fields: WireFields): JsonObject {
  const out: JsonObject = {};
  // A required list has no default: leaving it out is a 400, like any required field.
  for (const [wire, f] of Object.entries(fields))
    if (f.kind === "list" && !f.required) out[wire] = (f.default as JsonValue | undefined) ?? [];
  return out;
}

function table(build: (fields: WireFields) => JsonObject): Readonly<Record<string, Readonly<JsonObject>>> {
  return Object.fromEntries([
    ["common", build(commonFields())],
    ...KNOWN_ACTION_TYPES.map((t) => [t, build(ownFields(t))]),
  ]);
}

/** List fill-ins: `common`, and per known action type its own fields'. */
export const LIST_FILL_INS: Readonly<Record<string, Readonly<JsonObject>>> = table(listFillIns);

/**
 * THE defaults table: what the emulator fills in, like Buddy, for every documented field a create leaves out (or a
 * PATCH sets to null, see validation.ts): `common`, and per known action type its own fields'. Built from the
 * catalog's defaults plus the list fill-ins, never written out twice. Every other field (strings and objects with
 * no documented default, run_only_on_first_failure, permissions) is null when not sent: Buddy answers empty fields
 * with null, never omits them. run_only_on_first_failure has no default because it is "restricted to and required
 * if trigger_time is ON_FAILURE". Required fields have no default.
 */
export const ACTION_DEFAULTS: Readonly<Record<string, Readonly<JsonObject>>> = table((f) => ({
  ...catalogScalarDefaults(f),
  ...listFillIns(f),
}));

/** The members of an object-valued field filled in when the object is sent: each documented default, else null. */
function memberDefaults(field: WireField | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [wire, f] of Object.entries(field?.fields ?? {})) out[wire] = (f.default as JsonValue | undefined) ?? null;
  return out;
}

/** Filled into each `variables[]` item. */
export const VARIABLE_DEFAULTS: Readonly<JsonObject> = memberDefaults(commonFields().variables?.item);

/** Filled into a `permissions` object when one is sent (a missing `permissions` stays null). */
export const PERMISSIONS_DEFAULTS: Readonly<JsonObject> = memberDefaults(commonFields().permissions);

/** Every other documented key of a nested object (a trigger condition, an image location) is null when not sent. */

/** Filled into a created pipeline. */
export const PIPELINE_DEFAULTS: Readonly<JsonObject> = { on: "CLICK", refs: [] };

/** Values the server sets on every action; read-only for clients. */
export const ACTION_SERVER_FIELDS: Readonly<JsonObject> = { last_execution_status: "INITIAL", current_revision: null };

export const DEFAULT_WORKSPACE = "my-company";
export const DEFAULT_RATE_LIMIT = 1000;
export const DEFAULT_LATENCY_MS = 200;
/** The fault PRNG's seed when none is given: runs are reproducible by default. */
export const DEFAULT_FAULT_SEED = 0x5eed;
export const HTML_BASE = "https://app.buddy.works";

/** The project every default workspace gets when there is neither a seed nor a data file. */
export const DEFAULT_PROJECT = {
  name: "my-project",
  display_name: "My Project",
  pipelines: [
    { id: 1, name: "build-and-deploy" },
    { id: 2, name: "release" },
  ],
} as const;

export function defaultFor(type: string, field: string): JsonValue {
  for (const t of [ACTION_DEFAULTS.common, ownDefaults(type)])
    if (Object.prototype.hasOwnProperty.call(t, field)) return clone(t[field]);
  return null;
}

export function hasDefault(type: string, field: string): boolean {
  const has = (o: object): boolean => Object.prototype.hasOwnProperty.call(o, field);
  return has(ACTION_DEFAULTS.common) || has(ownDefaults(type));
}

function ownDefaults(type: string): Readonly<JsonObject> {
  return type !== "common" && Object.prototype.hasOwnProperty.call(ACTION_DEFAULTS, type) ? ACTION_DEFAULTS[type] : {};
}

function clone<T extends JsonValue>(v: T): T {
  return v === null || typeof v !== "object" ? v : (JSON.parse(JSON.stringify(v)) as T);
}
