import { createHash } from "crypto";

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
