/**
 * Seeing a secret changed in Buddy's UI. Buddy answers secrets encrypted ("secure!..."), so the program's value can
 * never be compared with Buddy's. What can be compared is Buddy's encrypted form between two reads: after each of
 * our writes the outputs record a digest of every encrypted value Buddy returned (hidden output `__ciphertexts`,
 * keyed by wire path: `content`, `src.password`, `variables[0].value`); a refresh that reads a different one means
 * someone changed that secret, and the field is reported as drifted (shown as `[secret]`, since it is a secret).
 * Digests rather than the encrypted values themselves, so the state holds nothing derived from a secret but a hash.
 * This relies on Buddy answering the same encrypted form for an unchanged secret (the emulator does; see README).
 */
import { createHash } from "crypto";
import { isEncryptedSecret, isPlainObject } from "../wire/values";

export const CIPHERTEXTS_KEY = "__ciphertexts";

type Digests = Record<string, string>;

function digest(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex").slice(0, 32);
}

/** Every encrypted value in an action Buddy returned, at the top level or one object/list level down. */
function encryptedValues(action: Record<string, unknown>): Record<string, string> {
  const found: Record<string, string> = {};
  const visit = (value: unknown, path: string, depth: number): void => {
    if (isEncryptedSecret(value)) found[path] = value as string;
    else if (depth >= 2) return;
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`, depth + 1));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`, depth + 1);
  };
  for (const [k, v] of Object.entries(action)) visit(v, k, 0);
  return found;
}

/** The digests to record in the outputs after Buddy returned `action`. */
export function digestsOf(action: Record<string, unknown>): Digests {
  const out: Digests = {};
  for (const [path, value] of Object.entries(encryptedValues(action))) out[path] = digest(value);
  return out;
}

/**
 * The wire paths whose encrypted value differs from the one recorded (changed, or cleared, in Buddy), with Buddy's
 * current encrypted value (undefined when cleared). Paths never recorded are not reported: nothing to compare with.
 */
export function changedSecrets(recorded: unknown, action: Record<string, unknown>): Map<string, string | undefined> {
  const changed = new Map<string, string | undefined>();
  if (!isPlainObject(recorded)) return changed;
  const now = encryptedValues(action);
  for (const [path, was] of Object.entries(recorded)) {
    const current = now[path];
    if (current === undefined || digest(current) !== was) changed.set(path, current);
  }
  return changed;
}

/**
 * The input that names, after a refresh, the secret fields whose value in Buddy changed (their place holds Buddy's
 * encrypted form, not the program's value). Pulumi's CLI masks secrets before it diffs them for display, so a
 * changed secret would show as `content: [secret]`, unchanged; this input (only in the refreshed inputs, never in
 * a program's) makes the preview say which secret drifted: `- secretsChangedInBuddy: ["content"]`, gone after up.
 */
export const SECRET_DRIFT_KEY = "secretsChangedInBuddy";
