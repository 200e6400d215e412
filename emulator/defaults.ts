import type { JsonObject, JsonValue } from "./types";

/**
 * THE defaults table: what the emulator fills in, like Buddy, for every documented field a create leaves out (or a
 * PATCH sets to null). The provider team reads this to know what a refresh will see. Rules of thumb:
 * - documented defaults (trigger_time ON_EVERY_EXECUTION, disabled false, kubectl_version "latest") as documented;
 * - booleans false, counts 0, arrays [];
 * - strings and objects with no documented default: null (Buddy answers empty fields with null, never omits them);
 * - run_only_on_first_failure: null, because it is "restricted to and required if trigger_time is ON_FAILURE":
 *   outside ON_FAILURE it may not be set, inside it must be sent, so no value is ever filled in.
 * Required fields (name, type, and each type's required ones in schema.ts) have no default.
 */
export const ACTION_DEFAULTS: Readonly<Record<"common" | "KUBERNETES_SET_IMAGE" | "PROMOTE_IMAGE", Readonly<JsonObject>>> = {
  common: {
    trigger_time: "ON_EVERY_EXECUTION",
    trigger_conditions: [],
    run_next: "WAIT_ON_SUCCESS",
    run_only_on_first_failure: null,
    variables: [],
    disabled: false,
    timeout: 0,
    ignore_errors: false,
    retry_count: 0,
    retry_interval: 0,
    loop: [],
    permissions: null,
  },
  KUBERNETES_SET_IMAGE: {
    config_path: null,
    kubectl_version: "latest",
    setup_commands: [],
    targets: [],
    content: null,
    execute_every_command: false,
    record_arg: "NOT_SET",
    auth_type: null,
    server: null,
    login: null,
    password: null,
    token: null,
    client_ca: null,
    client_cert: null,
    client_key: null,
  },
  PROMOTE_IMAGE: {
    same_location: false,
    insecure_registry: false,
  },
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
