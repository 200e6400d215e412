/**
 * An action Buddy returned → the resource's inputs, two ways:
 * - `get` (no recorded inputs): every non-null field Buddy reports becomes an input.
 * - refresh: only what the program had set is taken from Buddy, shaped like what the program set (a member the
 *   program never set is Buddy's default and must not show as a change). Kept as recorded instead: secrets
 *   (Buddy answers them encrypted, "secure!...", so they cannot be compared), write-only fields, and fields Buddy
 *   does not report at all. A field Buddy reports as null was unset out of band: it is dropped, so the next
 *   preview shows it as a change.
 */
import { FieldDef } from "../specs/field";
import { ActionSpec, READ_ONLY_WIRE_FIELDS } from "../specs/spec";
import { isEncryptedSecret, isPlainObject } from "../wire/values";
import { Json, fromWire, typedWireNames, wireFields, wireNameOf } from "./wire";

/** The generic resource's `fields`: what Buddy reports beyond the typed fields and its read-only ones. */
function bagFromAction(spec: ActionSpec, action: Json): Json | undefined {
  const typed = typedWireNames(spec);
  const out: Json = {};
  for (const [k, v] of Object.entries(action)) {
    if (!typed.has(k) && !READ_ONLY_WIRE_FIELDS.includes(k) && v !== null && v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `get`: every non-null field Buddy reports. */
export function inputsFromAction(spec: ActionSpec, action: Json): Json {
  const inputs: Json = {};
  for (const [key, def] of wireFields(spec)) {
    const v = def.kind === "bag" ? bagFromAction(spec, action) : fromWire(def, action[wireNameOf(key, def)]);
    if (v !== undefined) inputs[key] = v;
  }
  return inputs;
}

/** Whether a field's value is secret, given the object holding it (an encrypted variable's `value`). */
export function isSecretMember(def: FieldDef, holder: Json): boolean {
  return typeof def.secret === "function" ? def.secret(holder) : def.secret;
}

/** Buddy's value shaped like the recorded one, keeping what cannot or must not be compared. */
function project(def: FieldDef | undefined, server: unknown, recorded: unknown): unknown {
  if (server === undefined) return undefined;
  if (isEncryptedSecret(server) && server !== recorded) return recorded;
  if (Array.isArray(server) && Array.isArray(recorded)) {
    const item = def?.kind === "array" ? def.item : undefined;
    return server.map((s, i) => (i < recorded.length ? project(item, s, recorded[i]) : s));
  }
  if (isPlainObject(server) && isPlainObject(recorded) && def?.kind !== "leaf") {
    const out: Json = {};
    for (const [key, rec] of Object.entries(recorded)) {
      if (rec === undefined) continue;
      const member = def?.kind === "object" ? def.fields[key] : undefined;
      const v = member && isSecretMember(member, recorded) ? rec : project(member, server[key], rec);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  return server;
}

/** refresh: the recorded inputs, with every compared field replaced by what Buddy reports. */
export function refreshInputs(spec: ActionSpec, action: Json, recorded: Json): Json {
  const inputs: Json = { ...recorded };
  for (const [key, def] of wireFields(spec)) {
    const rec = recorded[key];
    if (rec === undefined || def.writeOnly || isSecretMember(def, recorded)) continue;
    if (def.kind === "bag") {
      if (!isPlainObject(rec)) continue;
      const bag: Json = {};
      for (const [k, r] of Object.entries(rec)) {
        const v = action[k] === undefined ? r : project(undefined, action[k] ?? undefined, r);
        if (v !== undefined) bag[k] = v;
      }
      inputs[key] = bag;
      continue;
    }
    const server = action[wireNameOf(key, def)];
    if (server === undefined) continue; // not reported by Buddy: nothing to compare with
    const v = project(def, fromWire(def, server), rec);
    if (v === undefined) delete inputs[key];
    else inputs[key] = v;
  }
  return inputs;
}
