/**
 * What Buddy documents about action bodies (seed pages 000 and 002, ../shared/reference/buddy-api.md): the enums,
 * the fields of each action type in documented order, which are required, which are secrets. Values filled in for
 * fields a client leaves out live in defaults.ts; the checks themselves in validation.ts.
 */
import { KUBERNETES_AUTH_TYPES, RECORD_ARGS, RUN_NEXT, TRIGGER_TIMES } from "../provider/specs/enums";

// The documented enums are shared with the provider's specs (one list per fact).
export * from "../provider/specs/enums";

export const PIPELINE_ON = ["CLICK", "EVENT", "SCHEDULE"] as const;

/** Server-set fields. A client may send them (e.g. echoing a GET); they are ignored, as in Buddy. */
export const READ_ONLY_ACTION_FIELDS: readonly string[] = [
  "url",
  "html_url",
  "id",
  "last_execution_status",
  "current_revision",
  "pipeline",
];

/** How a field's value is checked. Nested kinds have their own item rules in validation.ts. */
export type FieldKind =
  | "string"
  | "boolean"
  | "count" // non-negative integer
  | "strings" // string[]
  | "objects" // array of objects kept as sent (e.g. Kubernetes targets, whose shape varies by cluster type)
  | "trigger_conditions"
  | "variables"
  | "permissions"
  | "image_location";

export interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  enum?: readonly string[];
  /** Answered in Buddy's encrypted form (secrets.ts), never as sent. */
  secret?: boolean;
}

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** Request fields every action type has, in the documented order. `after_action_id` is a placement control, not a field. */
export const COMMON_FIELDS: FieldSpecs = {
  name: { kind: "string", required: true },
  type: { kind: "string", required: true },
  trigger_time: { kind: "string", enum: TRIGGER_TIMES },
  trigger_conditions: { kind: "trigger_conditions" },
  run_next: { kind: "string", enum: RUN_NEXT },
  run_only_on_first_failure: { kind: "boolean" },
  variables: { kind: "variables" },
  disabled: { kind: "boolean" },
  timeout: { kind: "count" },
  ignore_errors: { kind: "boolean" },
  retry_count: { kind: "count" },
  retry_interval: { kind: "count" },
  loop: { kind: "strings" },
  permissions: { kind: "permissions" },
};

export const KUBERNETES_SET_IMAGE_FIELDS: FieldSpecs = {
  config_path: { kind: "string" },
  kubectl_version: { kind: "string" },
  setup_commands: { kind: "strings" },
  targets: { kind: "objects" },
  namespace: { kind: "string", required: true },
  content: { kind: "string", secret: true },
  execute_every_command: { kind: "boolean" },
  deployment: { kind: "string", required: true },
  container: { kind: "string", required: true },
  image_name: { kind: "string", required: true },
  image_tag: { kind: "string", required: true },
  record_arg: { kind: "string", enum: RECORD_ARGS },
  // Older request models (buddy-api.md): direct cluster credentials. Everything but server/login is a secret.
  auth_type: { kind: "string", enum: KUBERNETES_AUTH_TYPES },
  server: { kind: "string" },
  login: { kind: "string" },
  password: { kind: "string", secret: true },
  token: { kind: "string", secret: true },
  client_ca: { kind: "string", secret: true },
  client_cert: { kind: "string", secret: true },
  client_key: { kind: "string", secret: true },
};

export const PROMOTE_IMAGE_FIELDS: FieldSpecs = {
  same_location: { kind: "boolean" },
  src: { kind: "image_location", required: true },
  dest: { kind: "image_location", required: true },
  insecure_registry: { kind: "boolean" },
};

/** Fields of a PROMOTE_IMAGE `src`/`dest` location, in order. `password` is a secret. */
export const IMAGE_LOCATION_FIELDS: readonly string[] = [
  "docker_registry",
  "image",
  "registry",
  "region",
  "integration",
  "username",
  "password",
  "tag",
];

export const VARIABLE_FIELDS: readonly string[] = [
  "key",
  "value",
  "type",
  "encrypted",
  "settable",
  "description",
  "file_place",
  "file_name",
  "file_path",
  "file_chmod",
];

export const TRIGGER_CONDITION_FIELDS: readonly string[] = [
  "trigger_condition",
  "trigger_condition_paths",
  "trigger_variable_key",
  "trigger_variable_value",
  "trigger_hours",
  "trigger_days",
  "timezone",
  "trigger_project_name",
  "trigger_pipeline_name",
  "trigger_user",
  "trigger_group",
];

const TYPE_FIELDS: Readonly<Record<string, FieldSpecs>> = {
  KUBERNETES_SET_IMAGE: KUBERNETES_SET_IMAGE_FIELDS,
  PROMOTE_IMAGE: PROMOTE_IMAGE_FIELDS,
};

/** The action types whose own fields the emulator knows; any other type string is accepted with the common fields. */
export const KNOWN_ACTION_TYPES: readonly string[] = Object.keys(TYPE_FIELDS);

export function isKnownType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(TYPE_FIELDS, type);
}

/** All request fields of a type (common first, then the type's own), or only the common ones for an unknown type. */
export function fieldsFor(type: string): FieldSpecs {
  return isKnownType(type) ? { ...COMMON_FIELDS, ...TYPE_FIELDS[type] } : COMMON_FIELDS;
}

/**
 * Secret fields per type, for the provider team: top-level names, plus "src.password"/"dest.password" and
 * "variables[].value" (when that variable has `encrypted: true`).
 */
export const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  common: ["variables[].value (when encrypted: true)"],
  KUBERNETES_SET_IMAGE: Object.entries(KUBERNETES_SET_IMAGE_FIELDS)
    .filter(([, spec]) => spec.secret === true)
    .map(([name]) => name),
  PROMOTE_IMAGE: ["src.password", "dest.password"],
};
