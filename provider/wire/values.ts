/**
 * Plain-JSON helpers shared by check, diff and read: the preview-time unknown sentinel, structural equality,
 * and Buddy's encrypted-secret form.
 */

/**
 * What the engine sends in place of a value that is not known yet during `pulumi preview` (e.g. another
 * resource's `actionId` before it exists). It reaches check and diff as this plain string, at any depth
 * (cmd/dynamic-provider: `Struct.toJavaScript()` of the request; runtime/rpc.js `unknownValue`).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isPlainObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; keys whose value is undefined count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Buddy answers secret values encrypted ("secure!..."), never as sent: such a value cannot be compared. */
export function isEncryptedSecret(value: unknown): boolean {
  return typeof value === "string" && value.startsWith("secure!");
}
