/**
 * The emulator's view of the action catalog: per action type, its fields by wire name with what Buddy enforces
 * (kind, enum, bounds, required, default, secret, cross-field and group rules). The data is generated from catalog/ into
 * catalog-data.ts (`npm run generate`); the emulator reads nothing of the provider's. catalog/rules.ts (shared with
 * the provider's check) interprets them for validation.ts; defaults.ts and secrets.ts read defaults and secrets.
 */
import type { Facts, GroupRule } from "../catalog/rules";
import { COMMON_FIELDS, TYPE_FIELDS, TYPE_GROUPS } from "./catalog-data";

type Scalar = string | number | boolean;

/**
 * A field's facts by wire name: what the shared interpreter (catalog/rules.ts) checks, plus what only the emulator
 * uses (Buddy's default, write-only).
 */
export interface WireField extends Facts {
  /** Buddy's default: filled in when the field is not sent (or sent as null, see validation.ts). */
  readonly default?: Scalar | readonly unknown[];
  /** Sent by clients, never stored or answered (after_action_id: a placement control). */
  readonly writeOnly?: boolean;
  readonly item?: WireField;
  readonly fields?: WireFields;
}

export type WireFields = Readonly<Record<string, WireField>>;

/** The stored common fields in Buddy's order: `name`, then `type` (set by each resource), then the rest. */
const COMMON: WireFields = Object.fromEntries([
  ["name", COMMON_FIELDS.name] as const,
  ["type", { kind: "string", required: true } as WireField] as const,
  ...Object.entries(COMMON_FIELDS).filter(([wire, f]) => wire !== "name" && !f.writeOnly),
]);

/** The action types whose own fields the emulator knows; any other type string is accepted with the common fields. */
export const KNOWN_ACTION_TYPES: readonly string[] = Object.keys(TYPE_FIELDS);

export function isKnownType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(TYPE_FIELDS, type);
}

/** The common fields only. */
export function commonFields(): WireFields {
  return COMMON;
}

/** The type's own fields (empty for an unknown type). */
export function ownFields(type: string): WireFields {
  return isKnownType(type) ? TYPE_FIELDS[type] : {};
}

const merged = new Map<string, WireFields>();

/** All stored fields of a type (common first, then the type's own), or only the common ones for an unknown type. */
export function fieldsFor(type: string): WireFields {
  if (!isKnownType(type)) return COMMON;
  let f = merged.get(type);
  if (f === undefined) {
    f = { ...COMMON, ...TYPE_FIELDS[type] };
    merged.set(type, f);
  }
  return f;
}

/** The type's rules over several of its own fields (exactly one of, at least one of), by wire names. */
export function groupsFor(type: string): readonly GroupRule[] {
  return Object.prototype.hasOwnProperty.call(TYPE_GROUPS, type) ? TYPE_GROUPS[type] : [];
}
