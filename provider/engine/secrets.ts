/**
 * Secrets on the provider's side, from the one walk of specs/secrecy.ts (the same the resource classes use to store
 * inputs as secrets):
 * - every secret input value is registered with the redactor (provider/http/redact.ts) before any request is made
 *   for the resource, so that Buddy echoing one (a kubeconfig, a password, an encrypted variable's value, a secret
 *   member of PipelineAction's `fields`, a credential-named member of an open value) in `errors[].message` never
 *   reaches an error message or a log line;
 * - a partial failure's outputs leave out every top-level field that holds a secret;
 * - after a refresh, the fields whose secret Buddy changed are named.
 * Not covered: a value the user wrapped in `pulumi.secret()` that no spec marks secret and whose name does not say
 * credential (a member of `fields` of an untyped type); the provider receives it unwrapped and cannot know it.
 */
import { registerSecret } from "../http/redact";
import { ActionSpec } from "../specs/spec";
import { holdsSecret, secretPlaces } from "../specs/secrecy";
import { isEncryptedSecret, isPlainObject } from "../wire/values";
import { Json } from "./wire";

/** Every string inside `value`. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isPlainObject(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Registers the secret values in `inputs` (a resource's inputs or recorded outputs); anything else is ignored. */
export function registerSecretInputs(spec: ActionSpec, inputs: Json | undefined): void {
  if (!isPlainObject(inputs)) return;
  for (const [key, def] of Object.entries(spec.fields)) {
    for (const place of secretPlaces(def, inputs[key], inputs)) stringsIn(place.value).forEach(registerSecret);
  }
}

/**
 * `props` without the top-level fields that hold a secret. For outputs the engine stores as they are (a partial
 * failure's `properties`), where nothing marks them secret: leaving them out keeps them out of the state in plain
 * text, and the next preview shows them as changes to apply. PipelineAction's `fields` is always left out: it may
 * hold a value the user made secret that no spec knows.
 */
export function withoutSecretFields(spec: ActionSpec, props: Json): Json {
  const kept: Json = { ...props };
  for (const [key, def] of Object.entries(spec.fields)) {
    if (props[key] !== undefined && (def.kind === "bag" || holdsSecret(def, props[key], props))) delete kept[key];
  }
  return kept;
}

/**
 * After a refresh: the inputs holding Buddy's encrypted form of a secret in a secret place (read-map.ts puts it
 * there when the secret changed in Buddy) instead of the program's value.
 */
export function secretsChangedInBuddy(spec: ActionSpec, inputs: Json): string[] {
  return Object.entries(spec.fields)
    .filter(([key, def]) =>
      [...secretPlaces(def, inputs[key], inputs)].some((place) => stringsIn(place.value).some(isEncryptedSecret)),
    )
    .map(([key]) => key);
}

/**
 * The top-level fields of `props` that hold a secret (per the spec, the same walk as the resource classes'): what
 * the provider plugin stores as secrets, whatever the program marked.
 */
export function secretFieldKeys(spec: ActionSpec, props: Json): string[] {
  return Object.entries(spec.fields)
    .filter(([key, def]) => props[key] !== undefined && holdsSecret(def, props[key], props))
    .map(([key]) => key);
}
