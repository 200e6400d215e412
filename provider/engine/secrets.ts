/**
 * Every secret input value is registered with the redactor (provider/http/redact.ts) before any request is made
 * for the resource, so that Buddy echoing one (a kubeconfig, a password, an encrypted variable's value in
 * `errors[].message`) never reaches an error message or a log line. Which values are secret comes from the spec
 * alone: the same `secret` marks the resource classes use to store inputs as secrets (resources/props.ts
 * `holdsSecret`, which is not imported here: that module loads @pulumi/pulumi, which the provider process must not
 * need), read through read-map.ts's `isSecretMember`.
 * Not covered: values inside PipelineAction's free-form `fields` that the user marked secret; the provider
 * receives them unwrapped and the spec cannot know them.
 */
import { registerSecret } from "../http/redact";
import { FieldDef } from "../specs/field";
import { ActionSpec } from "../specs/spec";
import { isPlainObject } from "../wire/values";
import { isSecretMember } from "./read-map";
import { Json } from "./wire";

function registerValue(value: unknown): void {
  if (typeof value === "string") registerSecret(value);
  else if (Array.isArray(value)) value.forEach(registerValue);
  else if (isPlainObject(value)) Object.values(value).forEach(registerValue);
}

function registerField(def: FieldDef, value: unknown, holder: Json): void {
  if (value === undefined || value === null) return;
  if (isSecretMember(def, holder)) {
    registerValue(value);
    return;
  }
  switch (def.kind) {
    case "array":
      if (Array.isArray(value)) for (const item of value) registerField(def.item, item, {});
      return;
    case "object":
      if (isPlainObject(value))
        for (const [key, sub] of Object.entries(def.fields)) registerField(sub, value[key], value);
      return;
    default:
      return;
  }
}

/** Whether a value of this field can hold a secret somewhere inside, per the spec. */
export function mayHoldSecret(def: FieldDef): boolean {
  switch (def.kind) {
    case "leaf":
      return def.secret !== false;
    case "array":
      return mayHoldSecret(def.item);
    case "object":
      return Object.values(def.fields).some(mayHoldSecret);
    default:
      return false;
  }
}

/** Registers the secret values in `inputs` (a resource's inputs or recorded outputs); anything else is ignored. */
export function registerSecretInputs(spec: ActionSpec, inputs: Json | undefined): void {
  if (!isPlainObject(inputs)) return;
  for (const [key, def] of Object.entries(spec.fields)) registerField(def, inputs[key], inputs);
}

/** Whether a value of this field holds a secret (per the spec); a free-form bag may hold one the spec cannot see. */
function holdsSecretValue(def: FieldDef, value: unknown, holder: Json): boolean {
  if (value === undefined || value === null) return false;
  if (def.kind === "bag") return true;
  if (isSecretMember(def, holder)) return true;
  if (def.kind === "array") return Array.isArray(value) && value.some((item) => holdsSecretValue(def.item, item, {}));
  if (def.kind === "object") {
    return (
      isPlainObject(value) && Object.entries(def.fields).some(([key, sub]) => holdsSecretValue(sub, value[key], value))
    );
  }
  return false;
}

/**
 * `props` without the top-level fields that hold a secret. For outputs the engine stores as they are (a partial
 * failure's `properties`), where nothing marks them secret: leaving them out keeps them out of the state in plain
 * text, and the next preview shows them as changes to apply.
 */
export function withoutSecretFields(spec: ActionSpec, props: Json): Json {
  const kept: Json = { ...props };
  for (const [key, def] of Object.entries(spec.fields)) {
    if (holdsSecretValue(def, props[key], props)) delete kept[key];
  }
  return kept;
}

/**
 * The top-level fields of `props` that the spec says hold a secret: what the provider plugin stores as secrets. A
 * free-form bag is not among them: what it holds is secret only when the program marked it so (the plugin keeps
 * every value that arrived secret as a secret).
 */
export function secretFieldKeys(spec: ActionSpec, props: Json): string[] {
  return Object.entries(spec.fields)
    .filter(([key, def]) => def.kind !== "bag" && holdsSecretValue(def, props[key], props))
    .map(([key]) => key);
}
