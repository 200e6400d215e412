/**
 * Which values of a resource are secret: the one walk over a field's value that every secret-aware part of the
 * package uses (the resource classes storing inputs as secrets, the redactor's registration, a partial failure's
 * outputs, secret drift, create's comparison of what it sent with what Buddy holds). It finds:
 * - every member the spec marks secret, at any depth (a kubeconfig, `src.password`, an encrypted variable's
 *   `value`, which is secret when its holder says `encrypted: true`);
 * - inside PipelineAction's `fields`: the members the typed spec of its `type` marks secret, walked with that spec
 *   (so `fields.content` of a KUBERNETES_SET_IMAGE action is as secret as KubernetesSetImageAction's `content`);
 * - the safety net: inside every value whose members the spec does not know (open objects, the members of
 *   `fields` its type's spec does not type, or all of them when the type has no spec), at any depth, each member
 *   whose name says it is a credential (isCredentialName).
 * It loads nothing but the specs (no @pulumi/pulumi), so the provider process and the program process share it.
 */
import { FieldDef } from "./field";
import { specForType } from "./registry";
import { toWireName } from "../wire/names";
import { isPlainObject } from "../wire/values";

type Json = Record<string, unknown>;

/** Where a secret sits inside the walked value: member names and list indexes, outermost first. */
type SecretPath = ReadonlyArray<string | number>;

/**
 * Words that, as the last word of a member's name (or glued to the words before it), make it a credential. Matched
 * as name endings, so `dbPassword`, `access_token`, `clientsecret` and `pass_word` match too; a plural `s` is
 * ignored (`tokens`, `secrets`).
 */
const CREDENTIAL_ENDINGS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "credential",
  "apikey",
  "privatekey",
  "secretkey",
  "secretaccesskey",
  "deploykey",
  "clientkey",
  "signingkey",
  "encryptionkey",
  "sshkey",
  "accountkey",
  "masterkey",
  "keymaterial",
  "kubeconfig",
];

/** Names that are a credential only as a whole word (as an ending, `pass` would catch `bypass`). */
const CREDENTIAL_WORDS = new Set(["pass"]);

/**
 * Words after the credential that say only how it is written down: `password_value`, `private_key_pem`,
 * `token_base64` are still the credential. Other trailing words make the name about something else:
 * `token_type`, `secret_name`, `password_file`, `private_key_path`, `api_key_id`.
 */
const FORM_WORDS = new Set(["value", "data", "content", "contents", "base64", "b64", "pem", "text", "string", "raw"]);

/** `privateKey` / `private_key` / `PRIVATE-KEY` / `APIKey` → ["private", "key"] / ["api", "key"]. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

const singular = (w: string): string => (w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w);

/**
 * Whether a member's name says its value is a credential: the name's last word (after dropping words such as
 * `value` or `base64`), alone or glued to the two words before it, ends with a credential word. Case and separators do
 * not matter (snake_case, camelCase, kebab-case, spaces). Chosen to err on the side of secrecy for names that say
 * credential, and to leave alone names that are about one (`token_type`, `secret_name`, `password_file`,
 * `key_id`, `access_key`: Buddy's AWS `access_key` is the key id, its `secret_key` the secret).
 */
export function isCredentialName(name: string): boolean {
  const words = wordsOf(name);
  while (words.length > 1 && FORM_WORDS.has(words[words.length - 1])) words.pop();
  if (words.length === 0) return false;
  const last = singular(words[words.length - 1]);
  if (CREDENTIAL_WORDS.has(last)) return true;
  const glued = [...words.slice(-3, -1), last].join("");
  return CREDENTIAL_ENDINGS.some((ending) => last.endsWith(ending) || glued.endsWith(ending));
}

/** Whether a field's value is secret, given the object holding it (an encrypted variable's `value`). */
export function isSecretMember(def: FieldDef, holder: Json): boolean {
  return typeof def.secret === "function" ? def.secret(holder) : def.secret;
}

/**
 * A value under a credential name is secret when it can carry one: a string, or an object or list (all of it). A
 * boolean or number (`use_token: true`) is not.
 */
function canCarryCredential(value: unknown): boolean {
  return typeof value === "string" || Array.isArray(value) || isPlainObject(value);
}

/** The spelling members are looked up by: input (camelCase, a resource's inputs) or wire (Buddy's snake_case). */
export type Spelling = "input" | "wire";

function memberName(key: string, def: FieldDef, spelling: Spelling): string {
  return spelling === "input" ? key : (def.wire ?? toWireName(key));
}

/** A member of `fields` as its type's typed spec declares it (by wire name), if it does. */
function typedMember(actionType: unknown, wire: string): FieldDef | undefined {
  const typed = specForType(actionType);
  if (typed === undefined) return undefined;
  for (const [key, def] of Object.entries(typed.fields)) {
    if (def.placement === "wire" && def.kind !== "bag" && memberName(key, def, "wire") === wire) return def;
  }
  return undefined;
}

/**
 * Every secret place inside `value`, a value of field `def` held by `holder` (the object the value is a member of:
 * a resource's inputs for a top-level field; for `fields` it must hold the resource's `type`). `spelling` says how
 * the typed members of `value` are named. A secret place's own insides are not visited.
 */
export function* secretPlaces(
  def: FieldDef | undefined,
  value: unknown,
  holder: Json,
  spelling: Spelling = "input",
  path: SecretPath = [],
): Generator<{ path: SecretPath; value: unknown }> {
  if (value === undefined || value === null) return;
  if (def === undefined) {
    // Members nobody typed: only the credential-name net applies, at any depth.
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) yield* secretPlaces(undefined, item, {}, spelling, [...path, i]);
    } else if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (isCredentialName(k) && canCarryCredential(v)) yield { path: [...path, k], value: v };
        else yield* secretPlaces(undefined, v, value, spelling, [...path, k]);
      }
    }
    return;
  }
  if (isSecretMember(def, holder)) {
    yield { path, value };
    return;
  }
  switch (def.kind) {
    case "leaf":
      return;
    case "array":
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) yield* secretPlaces(def.item, item, {}, spelling, [...path, i]);
      }
      return;
    case "object":
      if (isPlainObject(value)) {
        for (const [key, sub] of Object.entries(def.fields)) {
          const name = memberName(key, sub, spelling);
          yield* secretPlaces(sub, value[name], value, spelling, [...path, name]);
        }
      }
      return;
    case "open":
      yield* secretPlaces(undefined, value, holder, spelling, path);
      return;
    case "bag":
      // Buddy's own names: each member walked with its type's typed spec where that spec has it, else by name.
      if (isPlainObject(value)) {
        for (const [k, v] of Object.entries(value)) {
          const typed = typedMember(holder.type, k);
          if (typed !== undefined) yield* secretPlaces(typed, v, value, "wire", [...path, k]);
          else if (isCredentialName(k) && canCarryCredential(v)) yield { path: [...path, k], value: v };
          else yield* secretPlaces(undefined, v, value, "wire", [...path, k]);
        }
      }
      return;
  }
}

/** Whether `value` (of field `def`, held by `holder`) holds a secret anywhere. */
export function holdsSecret(def: FieldDef, value: unknown, holder: Json, spelling: Spelling = "input"): boolean {
  return !secretPlaces(def, value, holder, spelling).next().done;
}

/** The value at `path` inside `value`, removed (a list keeps its length: the item becomes undefined). */
function removeAt(value: unknown, path: SecretPath): unknown {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === "number") {
    return value.map((item, i) => (i === head ? removeAt(item, rest) : item));
  }
  if (isPlainObject(value) && typeof head === "string") {
    const out: Json = { ...value };
    if (rest.length === 0) delete out[head];
    else out[head] = removeAt(value[head], rest);
    return out;
  }
  return value;
}

/** `value` without its secret places (undefined when the whole value is secret). Never modifies `value`. */
export function withoutSecrets(def: FieldDef, value: unknown, holder: Json, spelling: Spelling = "input"): unknown {
  let out = value;
  for (const place of [...secretPlaces(def, value, holder, spelling)]) out = removeAt(out, place.path);
  return out;
}
