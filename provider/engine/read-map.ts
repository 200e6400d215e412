/**
 * An action Buddy returned → the resource's inputs, two ways:
 * - `get` (no recorded inputs): every non-null field Buddy reports becomes an input.
 * - refresh: the inputs as Buddy now holds them, for every field the program manages. Returned to the engine as
 *   the refreshed inputs (ReadResult.inputs) and outputs, so the next preview's diff names each drifted field.
 *   Managed: every field the program set, shaped like what it set (a member the program never set is not
 *   compared), and every field with a documented Buddy default even when unset (unset means the default: a value
 *   other than the default is drift, and `up` puts the default back). Kept as recorded: write-only fields, fields
 *   Buddy does not report, and secrets (Buddy answers them encrypted, "secure!...", so they cannot be compared),
 *   unless Buddy's encrypted form changed since our last write (ciphertexts.ts): then Buddy's encrypted value takes
 *   the field's place, which shows as a change of that (secret) field. A field Buddy reports as null was unset out
 *   of band: it is dropped, so the next preview shows it as a change.
 */
import { FieldDef } from "../specs/field";
import { ActionSpec, READ_ONLY_WIRE_FIELDS } from "../specs/spec";
import { isEncryptedSecret, isPlainObject, jsonEqual } from "../wire/values";
import { isSecretMember } from "../specs/secrecy";
import { changedSecrets } from "./ciphertexts";
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

/** Whether a field is managed even when the program leaves it unset: it has a documented, comparable default. */
function hasManagedDefault(def: FieldDef): boolean {
  return (
    def.kind === "leaf" && def.default !== null && def.default !== undefined && def.secret === false && !def.writeOnly
  );
}

/** `holder` with the value at `path` (member names and list indexes) set to `current`; undefined removes it. */
function replaceAt(holder: unknown, path: ReadonlyArray<string | number>, current: string | undefined): unknown {
  if (path.length === 0) return current;
  const [head, ...rest] = path;
  if (typeof head === "number") {
    return Array.isArray(holder) && head < holder.length
      ? holder.map((item, i) => (i === head ? replaceAt(item, rest, current) : item))
      : holder;
  }
  if (!isPlainObject(holder) || holder[head] === undefined) return holder;
  const out: Json = { ...holder, [head]: replaceAt(holder[head], rest, current) };
  if (out[head] === undefined) delete out[head];
  return out;
}

/**
 * Puts Buddy's current encrypted value in place of each secret that changed in Buddy (wire path `w`, `w.m` or
 * `w[i].m`), in the input that holds it; undefined (cleared in Buddy) removes it. A wire name no typed field has is
 * a member of PipelineAction's `fields` (wire names there), replaced in place when the program set it.
 */
function applySecretDrift(spec: ActionSpec, inputs: Json, changed: Map<string, string | undefined>): void {
  const bagKey = wireFields(spec).find(([, def]) => def.kind === "bag")?.[0];
  for (const [path, current] of changed) {
    const m = /^([^.[\]]+)(?:\[(\d+)\])?(?:\.([^.[\]]+))?$/.exec(path);
    if (m === null) continue;
    const [, wire, index, member] = m;
    const entry = wireFields(spec).find(([key, def]) => def.kind !== "bag" && wireNameOf(key, def) === wire);
    if (entry === undefined) {
      if (bagKey === undefined || !isPlainObject(inputs[bagKey])) continue;
      const at = [wire, ...(index === undefined ? [] : [Number(index)]), ...(member === undefined ? [] : [member])];
      inputs[bagKey] = replaceAt(inputs[bagKey], at, current);
      continue;
    }
    const [key, def] = entry;
    if (inputs[key] === undefined) continue; // not managed by the program
    if (member === undefined && index === undefined) {
      if (current === undefined) delete inputs[key];
      else inputs[key] = current;
      continue;
    }
    const objectDef = def.kind === "array" ? def.item : def;
    if (objectDef.kind !== "object" || member === undefined) continue;
    const memberKey = Object.entries(objectDef.fields).find(([k, sub]) => wireNameOf(k, sub) === member)?.[0];
    if (memberKey === undefined) continue;
    const replaceIn = (holder: unknown): unknown =>
      isPlainObject(holder) ? { ...holder, [memberKey]: current } : holder;
    if (index === undefined) inputs[key] = replaceIn(inputs[key]);
    else if (Array.isArray(inputs[key]))
      inputs[key] = (inputs[key] as unknown[]).map((item, i) => (i === Number(index) ? replaceIn(item) : item));
  }
}

/**
 * refresh: the recorded inputs, with every managed field replaced by what Buddy reports. `digests` are the
 * encrypted-value digests recorded after our last write (outputs' `__ciphertexts`), if any.
 */
export function refreshInputs(spec: ActionSpec, action: Json, recorded: Json, digests?: unknown): Json {
  const inputs: Json = { ...recorded };
  for (const [key, def] of wireFields(spec)) {
    const rec = recorded[key];
    if (def.writeOnly) continue;
    if (rec === undefined) {
      if (!hasManagedDefault(def)) continue;
      const server = fromWire(def, action[wireNameOf(key, def)]);
      if (server !== undefined && !jsonEqual(server, def.default)) inputs[key] = server;
      continue;
    }
    if (isSecretMember(def, recorded)) continue;
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
  applySecretDrift(spec, inputs, changedSecrets(digests, action));
  return inputs;
}
