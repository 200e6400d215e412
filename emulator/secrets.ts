import { createHash } from "crypto";
import { fieldsFor, FieldSpecs, KNOWN_ACTION_TYPES } from "./schema";
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

export function isEncrypted(value: string): boolean {
  return value.startsWith(SECRET_PREFIX);
}

/**
 * An action body with every secret replaced by encryptSecret(secret), by the rules the store applies when it
 * saves an action (SECRET_FIELDS in schema.ts): the type's secret top-level fields (KUBERNETES_SET_IMAGE `content`,
 * `password`, `token`, `client_*`), `password` inside every image location (`src`, `dest`), and `variables[].value`
 * when that variable has `encrypted: true`. The store uses it before saving, the request log before logging, so
 * neither ever holds a plaintext secret, and a test tells which value was sent by comparing with encryptSecret(v).
 *
 * `type` undefined (a PATCH that names no type, of an action that cannot be found): the rules of every known type
 * at once, so nothing that could be a secret stays in plain text. An unknown type string: the common rules only
 * (its own fields are stored as sent, so they are logged as sent). Shapes that do not match (a non-string
 * password, a variables value that is not a list) are left as they are. Returns a copy; `body` is not changed.
 */
export function encryptActionSecrets(type: string | undefined, body: JsonObject): JsonObject {
  const specs: FieldSpecs =
    type === undefined ? Object.assign({}, ...KNOWN_ACTION_TYPES.map((t) => fieldsFor(t))) : fieldsFor(type);
  const out: JsonObject = { ...body };
  for (const [field, spec] of Object.entries(specs)) {
    const value = out[field];
    if (value === undefined || value === null) continue;
    if (spec.secret && typeof value === "string") out[field] = encryptSecret(value);
    if (spec.kind === "image_location" && isObject(value) && typeof value.password === "string") {
      out[field] = { ...value, password: encryptSecret(value.password) };
    }
    if (spec.kind === "variables" && Array.isArray(value)) {
      out[field] = value.map((v) =>
        isObject(v) && v.encrypted === true && typeof v.value === "string" ? { ...v, value: encryptSecret(v.value) } : v,
      );
    }
  }
  return out;
}

function isObject(v: JsonValue): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
