import type { JsonObject, JsonValue } from "./types";
import type { Fields } from "../provider/specs/field";
import { commonFields } from "../provider/specs/common";
import { kubernetesSetImageFields } from "../provider/specs/kubernetes-set-image";
import { tagDockerImageFields } from "../provider/specs/tag-docker-image";
import { wireNameOf } from "../provider/engine/wire";

/**
 * Buddy's documented scalar defaults, read from the provider's specs (each field's `default`), under the wire
 * names the provider sends (wireNameOf). ONE source of truth: the value the provider puts back when an input is
 * removed is, by construction, the value the emulator fills in on create and restores on a PATCH with null.
 * `except`: fields already covered by another table (a type's spec repeats the common fields).
 */
export function specScalarDefaults(fields: Fields, except: Fields = {}): JsonObject {
  const out: JsonObject = {};
  for (const [name, def] of Object.entries(fields)) {
    if (def.placement !== "wire" || Object.prototype.hasOwnProperty.call(except, name)) continue;
    if (def.default === null || def.default === undefined) continue;
    out[wireNameOf(name, def)] = def.default as JsonValue;
  }
  return out;
}

/**
 * What the emulator fills in on its own, on top of the specs' defaults: empty lists. These are server fill-ins
 * (Buddy answers an empty list as []), not values the provider restores: it sends null for a removed list input,
 * which the emulator answers with [] again.
 */
export const LIST_FILL_INS: Readonly<Record<"common" | "KUBERNETES_SET_IMAGE" | "PROMOTE_IMAGE", Readonly<JsonObject>>> = {
  common: { trigger_conditions: [], variables: [], loop: [] },
  KUBERNETES_SET_IMAGE: { setup_commands: [], targets: [] },
  PROMOTE_IMAGE: {},
};

/**
 * THE defaults table: what the emulator fills in, like Buddy, for every documented field a create leaves out (or a
 * PATCH sets to null, see validation.ts). Built from two parts, never written out twice:
 * - scalar defaults (trigger_time ON_EVERY_EXECUTION, run_next WAIT_ON_SUCCESS, disabled false, timeout 0,
 *   record_arg NOT_SET, kubectl_version "latest", same_location false, ...): the provider specs' `default`s
 *   (specScalarDefaults above). To change one, change the spec;
 * - lists: [] (LIST_FILL_INS).
 * Every other field (strings and objects with no documented default, run_only_on_first_failure, permissions) is
 * null when not sent: Buddy answers empty fields with null, never omits them. run_only_on_first_failure has no
 * default because it is "restricted to and required if trigger_time is ON_FAILURE": outside ON_FAILURE it may not
 * be set, inside it must be sent. Required fields (name, type, and each type's required ones in schema.ts) have
 * no default.
 */
export const ACTION_DEFAULTS: Readonly<Record<"common" | "KUBERNETES_SET_IMAGE" | "PROMOTE_IMAGE", Readonly<JsonObject>>> = {
  common: { ...specScalarDefaults(commonFields), ...LIST_FILL_INS.common },
  KUBERNETES_SET_IMAGE: {
    ...specScalarDefaults(kubernetesSetImageFields, commonFields),
    ...LIST_FILL_INS.KUBERNETES_SET_IMAGE,
  },
  PROMOTE_IMAGE: { ...specScalarDefaults(tagDockerImageFields, commonFields), ...LIST_FILL_INS.PROMOTE_IMAGE },
};

/** Filled into each `variables[]` item. */
export const VARIABLE_DEFAULTS: Readonly<JsonObject> = {
  value: null,
  type: "VAR",
  encrypted: false,
  settable: false,
  description: null,
  file_place: null,
  file_name: null,
  file_path: null,
  file_chmod: null,
};

/** Filled into a `permissions` object when one is sent (a missing `permissions` stays null). */
export const PERMISSIONS_DEFAULTS: Readonly<JsonObject> = { others: "DEFAULT", users: [], groups: [] };

/** Every other documented key of a trigger condition or an image location is null when not sent. */

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
  const common = ACTION_DEFAULTS.common;
  if (Object.prototype.hasOwnProperty.call(common, field)) return clone(common[field]);
  if (type === "KUBERNETES_SET_IMAGE" || type === "PROMOTE_IMAGE") {
    const own = ACTION_DEFAULTS[type];
    if (Object.prototype.hasOwnProperty.call(own, field)) return clone(own[field]);
  }
  return null;
}

export function hasDefault(type: string, field: string): boolean {
  const own = type === "KUBERNETES_SET_IMAGE" || type === "PROMOTE_IMAGE" ? ACTION_DEFAULTS[type] : {};
  const has = (o: object): boolean => Object.prototype.hasOwnProperty.call(o, field);
  return has(ACTION_DEFAULTS.common) || has(own);
}

function clone<T extends JsonValue>(v: T): T {
  return v === null || typeof v !== "object" ? v : (JSON.parse(JSON.stringify(v)) as T);
}
