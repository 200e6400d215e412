/**
 * Inputs ↔ Buddy's JSON, driven by the spec. Names go through wire/names.ts only.
 * - toWire: an input value → its request-body form (undefined members omitted, nothing added).
 * - fromWire: a response value → its input form (null means unset and is omitted).
 */
import { FieldDef, Fields } from "../specs/field";
import { ActionSpec, serverOutputs, ServerOutputs } from "../specs/spec";
import { specForType } from "../specs/registry";
import { toInputName, toWireName } from "../wire/names";
import { isPlainObject } from "../wire/values";

export type Json = Record<string, unknown>;

export function wireNameOf(inputName: string, def: { wire?: string }): string {
  return def.wire ?? toWireName(inputName);
}

/** Fields whose values are sent to Buddy (not location, not local switches). */
export function wireFields(spec: ActionSpec): Array<[string, FieldDef]> {
  return Object.entries(spec.fields).filter(([, def]) => def.placement === "wire");
}

/** Keys converted at every depth: for objects whose members are not documented (Kubernetes targets). */
function convertKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => convertKeys(v, convert));
  if (!isPlainObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value))
    if (v !== undefined && v !== null) out[convert(k)] = convertKeys(v, convert);
  return out;
}

function membersToWire(fields: Fields, value: Json): Json {
  const out: Json = {};
  for (const [key, def] of Object.entries(fields)) {
    if (value[key] !== undefined) out[wireNameOf(key, def)] = toWire(def, value[key]);
  }
  return out;
}

export function toWire(def: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (def.kind) {
    case "leaf":
    case "bag":
      return value;
    case "open":
      return convertKeys(value, toWireName);
    case "array":
      return Array.isArray(value) ? value.map((v) => toWire(def.item, v)) : value;
    case "object":
      return isPlainObject(value) ? membersToWire(def.fields, value) : value;
  }
}

export function fromWire(def: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (def.kind) {
    case "leaf":
    case "bag":
      return value;
    case "open":
      return convertKeys(value, toInputName);
    case "array":
      return Array.isArray(value) ? value.map((v) => fromWire(def.item, v)).filter((v) => v !== undefined) : value;
    case "object": {
      if (!isPlainObject(value)) return value;
      const out: Json = {};
      for (const [key, sub] of Object.entries(def.fields)) {
        const v = fromWire(sub, value[wireNameOf(key, sub)]);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
  }
}

/** Buddy's `type` for these inputs: the spec's, or the generic resource's `type` input. */
export function actionTypeOf(spec: ActionSpec, inputs: Json): string {
  const type = spec.actionType ?? inputs.type;
  if (typeof type !== "string") throw new Error(`${spec.resourceType}: the action type is missing`);
  return type;
}

/** The typed spec for Buddy's `type` (e.g. PROMOTE_IMAGE → the TagDockerImageAction spec), undefined when none. */
export function typedSpecFor(actionType: unknown): ActionSpec | undefined {
  return specForType(actionType);
}

/**
 * Buddy's documented default for a wire name of `actionType`'s own fields, as its typed spec declares it; null when
 * there is no typed spec for the type or it documents no default.
 */
export function wireDefaultFor(actionType: unknown, wire: string): unknown {
  const spec = typedSpecFor(actionType);
  if (spec === undefined) return null;
  for (const [key, def] of wireFields(spec))
    if (def.kind !== "bag" && wireNameOf(key, def) === wire) return def.default;
  return null;
}

/** One field's contribution to a request body: a bag spreads its own keys, everything else is one wire key. */
export function fieldToBody(key: string, def: FieldDef, value: unknown, body: Json): void {
  if (value === undefined) return;
  if (def.kind === "bag") {
    if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) if (v !== undefined) body[k] = v;
    return;
  }
  body[wireNameOf(key, def)] = toWire(def, value);
}

/** The POST body: `type` and every set wire field, nothing else (Buddy fills in its own defaults). */
export function createBody(spec: ActionSpec, inputs: Json): Json {
  const body: Json = { type: actionTypeOf(spec, inputs) };
  for (const [key, def] of wireFields(spec)) fieldToBody(key, def, inputs[key], body);
  return body;
}

/** actionId, url, htmlUrl, lastExecutionStatus from an action Buddy returned. */
export function serverOutputsOf(action: Json): ServerOutputs {
  const out: Json = {};
  for (const [name, o] of Object.entries(serverOutputs)) {
    const v = action[wireNameOf(name, o)];
    if (v !== undefined && v !== null) out[name] = v;
  }
  return out as unknown as ServerOutputs;
}

/** The wire keys the spec's typed fields use (for telling the generic resource's own `fields` apart). */
export function typedWireNames(spec: ActionSpec): Set<string> {
  const names = new Set<string>(["type"]);
  for (const [key, def] of wireFields(spec)) if (def.kind !== "bag") names.add(wireNameOf(key, def));
  return names;
}
