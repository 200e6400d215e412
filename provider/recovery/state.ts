/**
 * The parts of a Pulumi state (`pulumi stack export`, deployment version 3) the recovery reads and writes. Secret
 * values stay as the export gives them (`{"4dabf18193072939515e22adb298388d": ..., "ciphertext": ...}`): the
 * recovery never asks for them in plain text, compares only what is not secret, and writes them back unchanged.
 */
import { isPlainObject } from "../wire/values";

/** The signature key Pulumi puts on a secret value in a serialized state. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** The type tokens of this package's resources: pulumi-nodejs:dynamic/buddy:<Class>. */
const BUDDY_TYPE_PREFIX = "pulumi-nodejs:dynamic/buddy:";

export type Json = Record<string, unknown>;

export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Json;
  outputs?: Json;
  parent?: string;
  provider?: string;
  dependencies?: string[];
  [key: string]: unknown;
}

export interface PendingOperation {
  resource: StateResource;
  type: "creating" | "updating" | "deleting" | "reading" | "importing" | string;
}

export interface UntypedDeployment {
  version: number;
  deployment: {
    resources?: StateResource[];
    pending_operations?: PendingOperation[];
    [key: string]: unknown;
  };
}

export function isSecretValue(value: unknown): boolean {
  return isPlainObject(value) && SECRET_SIG_KEY in value;
}

/** A copy of `value` with every secret value left out (at any depth): what can be compared with Buddy. */
export function withoutSecretValues(value: Json): Json {
  const strip = (v: unknown): unknown => {
    if (isSecretValue(v)) return undefined;
    if (Array.isArray(v)) return v.map(strip);
    if (isPlainObject(v)) {
      const out: Json = {};
      for (const [k, m] of Object.entries(v)) {
        const s = strip(m);
        if (s !== undefined) out[k] = s;
      }
      return out;
    }
    return v;
  };
  return strip(value) as Json;
}

/**
 * An action resource of this package. The Pipeline resource shares the type prefix but is not an action: recovery
 * does not read or decide its pending operations (they are reported as another resource's, and kept).
 */
export function isBuddyResource(r: StateResource): boolean {
  return (
    typeof r.type === "string" && r.type.startsWith(BUDDY_TYPE_PREFIX) && r.type !== `${BUDDY_TYPE_PREFIX}Pipeline`
  );
}

/** The ids of every action the state manages (resources of this package with an id). */
export function managedIds(d: UntypedDeployment): Set<string> {
  return new Set(
    (d.deployment.resources ?? []).filter((r) => isBuddyResource(r) && typeof r.id === "string").map((r) => r.id!),
  );
}

export function pendingOf(d: UntypedDeployment): PendingOperation[] {
  return d.deployment.pending_operations ?? [];
}
