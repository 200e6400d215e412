import { createHash } from "crypto";
import { holds } from "../catalog/rules";
import { commonFields, fieldsFor, KNOWN_ACTION_TYPES, ownFields, WireField, WireFields } from "./catalog";
import type { JsonObject, JsonValue } from "./types";

/**
 * Buddy never returns a secret as it was sent: it answers with an encrypted `secure!...` string. The emulator
 * mimics that with a deterministic, non-reversible encoding so that tests can predict the value without the
 * emulator ever storing (or persisting) the plaintext:
 *
 *     encryptSecret(v) = "secure!" + base64(sha256(utf8(v)))
 *
 * A value that already starts with "secure!" is taken as already encrypted and kept as is (a client that sends back
 * what it read does not double-encrypt it, as in Buddy).
 */
export const SECRET_PREFIX = "secure!";

export function encryptSecret(value: string): string {
  if (isEncrypted(value)) return value;
  return SECRET_PREFIX + createHash("sha256").update(value, "utf8").digest("base64");
}

function isEncrypted(value: string): boolean {
  return value.startsWith(SECRET_PREFIX);
}

/**
 * An action body with every secret replaced by encryptSecret(secret), by the catalog's rules (catalog.ts): every
 * field marked secret at any depth (KUBERNETES_SET_IMAGE `content`, `password`, `token`, `client_*`; `password`
 * inside PROMOTE_IMAGE's `src`/`dest`; an SFTP `password`, ...), and every value whose `secretWhen` holds
 * (`variables[].value` when that variable has `encrypted: true`). The store uses it before saving, the request log
 * before logging, so neither ever holds a plaintext secret, and a test tells which value was sent by comparing with
 * encryptSecret(v).
 *
 * `type` undefined (a PATCH that names no type, of an action that cannot be found): the rules of every known type
 * at once, so nothing that could be a secret stays in plain text. An unknown type string: the common rules only
 * (its own fields are stored as sent, so they are logged as sent). Shapes that do not match (a non-string
 * password, a variables value that is not a list) are left as they are. Returns a copy; `body` is not changed.
 */
export function encryptActionSecrets(type: string | undefined, body: JsonObject): JsonObject {
  const tables = type === undefined ? KNOWN_ACTION_TYPES.map((t) => fieldsFor(t)) : [fieldsFor(type)];
  let out: JsonObject = body;
  for (const fields of tables) out = encryptFields(fields, out);
  return out === body ? { ...body } : out;
}

function encryptFields(fields: WireFields, obj: JsonObject): JsonObject {
  let out = obj;
  for (const [wire, f] of Object.entries(fields)) {
    const value = obj[wire];
    if (value === undefined || value === null) continue;
    const encrypted = encryptValue(f, value, obj);
    if (encrypted !== value) {
      if (out === obj) out = { ...obj };
      out[wire] = encrypted;
    }
  }
  return out;
}

function encryptValue(f: WireField, value: JsonValue, holder: JsonObject): JsonValue {
  if (typeof value === "string") {
    const secret = f.secret === true || (f.secretWhen !== undefined && holds(f.secretWhen, holder[f.secretWhen.field]));
    return secret ? encryptSecret(value) : value;
  }
  if (f.kind === "list" && f.item && Array.isArray(value)) {
    const item = f.item;
    const mapped = value.map((v) => (v === null ? v : encryptValue(item, v, {})));
    return mapped.some((v, i) => v !== value[i]) ? mapped : value;
  }
  if (f.kind === "object" && f.fields && isObject(value)) return encryptFields(f.fields, value);
  return value;
}

function isObject(v: JsonValue): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The secret paths of a set of fields ("src.password", "variables[].value (when encrypted: true)"). */
function secretPaths(fields: WireFields, at = ""): string[] {
  return Object.entries(fields).flatMap(([wire, f]) => {
    const path = at === "" ? wire : `${at}.${wire}`;
    const own = f.secret
      ? [path]
      : f.secretWhen
        ? [`${path} (when ${f.secretWhen.field}: ${String(f.secretWhen.equals)})`]
        : [];
    const inner =
      f.kind === "object" && f.fields
        ? secretPaths(f.fields, path)
        : f.kind === "list" && f.item?.fields
          ? secretPaths(f.item.fields, `${path}[]`)
          : [];
    return [...own, ...inner];
  });
}

/** Secret fields: `common`, and per known action type its own (from the catalog), for clients of the emulator. */
export const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ["common", secretPaths(commonFields())],
  ...KNOWN_ACTION_TYPES.map((t) => [t, secretPaths(ownFields(t))]),
]);
