/**
 * The emulator's view of the action catalog: per action type, its fields by wire name with what Buddy enforces
 * (kind, enum, required, default, secret, cross-field rules). The data is generated from catalog/ into
 * catalog-data.ts (`npm run generate`); the emulator reads nothing of the provider's. validation.ts, defaults.ts
 * and secrets.ts interpret these tables.
 */
import { COMMON_FIELDS, TYPE_FIELDS } from "./catalog-data";

type Scalar = string | number | boolean;

export type WireKind = "string" | "enum" | "boolean" | "integer" | "number" | "list" | "object" | "open";

/** Another field's value a rule depends on: a sibling in the same object, or a field of the action with `root`. */
export interface WireCondition {
  readonly field: string;
  readonly root?: boolean;
  readonly equals?: Scalar;
  readonly in?: readonly Scalar[];
  readonly notEquals?: Scalar;
}

export interface WireRule {
  readonly requiredWhen?: WireCondition;
  readonly allowedOnlyWhen?: WireCondition;
}

export interface WireField {
  readonly kind: WireKind;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly allowEmpty?: boolean;
  readonly required?: boolean;
  /** Buddy's default: filled in when the field is not sent (or sent as null, see validation.ts). */
  readonly default?: Scalar | readonly unknown[];
  /** Stored and answered in Buddy's encrypted form (secrets.ts). */
  readonly secret?: boolean;
  readonly secretWhen?: WireCondition;
  /** Sent by clients, never stored or answered (after_action_id: a placement control). */
  readonly writeOnly?: boolean;
  readonly rules?: readonly WireRule[];
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

/** Whether `c` holds for a value. */
export function holds(c: WireCondition, value: unknown): boolean {
  if (c.notEquals !== undefined) return value !== c.notEquals;
  if (c.equals !== undefined) return value === c.equals;
  if (c.in !== undefined) return c.in.includes(value as Scalar);
  return value !== undefined && value !== null;
}
