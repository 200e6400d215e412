/**
 * The field model every spec is written in: a `Fields` object whose camelCase keys are the input names and whose
 * FieldDefs hold the rest: kind and facts, required, secret, replace-on-change, Buddy's documented default, where
 * the value goes. Buddy's fields are built from the catalog's data (from-catalog.ts). The wire name is derived by
 * wire/names.ts unless a field gives it.
 */
import type { Condition, Facts, GroupRule, Rule } from "../../catalog/rules";

/** Where a field's value goes. */
type Placement =
  /** Sent to Buddy under its wire name, read back, compared. */
  | "wire"
  /** Part of the action's address (workspace, projectName, pipelineId): never in a body; a change replaces. */
  | "location"
  /** Only steers the provider (adopt): never sent, never compared. */
  | "local";

/** A rule failure relative to the value being checked: `path` "" means the value itself. */
export interface RuleFailure {
  path: string;
  reason: string;
}

interface FieldBase {
  readonly required: boolean;
  /**
   * Sensitive: `true` always; a function decides from the object holding the value (an encrypted variable's
   * `value`). A top-level field that is or holds a secret is stored as a secret in state.
   */
  readonly secret: boolean | ((holder: Record<string, unknown>) => boolean);
  /** A change cannot be applied in place: the action is replaced. */
  readonly replace: boolean;
  /** What Buddy uses when the field is not set (put back when an input is removed); null when undocumented. */
  readonly default: unknown;
  /** Sent but never reported back by Buddy (after_action_id): read keeps the recorded value. */
  readonly writeOnly: boolean;
  readonly placement: Placement;
  /** Overrides the derived wire name. */
  readonly wire?: string;
  /** The catalog's cross-field rules on this field (requiredWhen, allowedOnlyWhen), by input names. */
  readonly rules?: readonly Rule[];
  /** `secret` as data, when it depends on a sibling: for check's messages (catalog/rules.ts). */
  readonly secretWhen?: Condition;
}

/** A scalar: its kind, enum values and bounds are catalog facts, read by catalog/rules.ts. */
export interface LeafField extends FieldBase {
  readonly kind: "leaf";
  readonly facts: LeafFacts;
  /** A spelling rule of the provider's own, beyond the catalog's facts (Buddy's action type names). */
  readonly pattern?: { readonly regex: RegExp; readonly problem: string };
}

/** What a leaf is, in the catalog's terms (catalog/model.ts). */
export interface LeafFacts {
  readonly kind: "string" | "enum" | "boolean" | "integer" | "number";
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly allowEmpty?: boolean;
}

/** An object with documented members (src/dest, a trigger condition, permissions). */
interface ObjectField extends FieldBase {
  readonly kind: "object";
  readonly fields: Fields;
  /** Rules over several members (exactly one of, at least one of), by input names. */
  readonly groups?: readonly GroupRule[];
}

/** An object whose members vary and are not all documented (Kubernetes targets): keys converted, values kept. */
interface OpenObjectField extends FieldBase {
  readonly kind: "open";
}

interface ArrayField extends FieldBase {
  readonly kind: "array";
  readonly item: FieldDef;
}

/**
 * PipelineAction's `fields`: Buddy's own field names and values, spread into the request body as they are.
 * `reserved` lists the wire names it must not use (the common fields, typed elsewhere).
 */
export interface BagField extends FieldBase {
  readonly kind: "bag";
}

export type FieldDef = LeafField | ObjectField | OpenObjectField | ArrayField | BagField;

export type Fields = { readonly [inputName: string]: FieldDef };

/**
 * Options of the few fields the provider declares itself (the location, `adopt`, PipelineAction's `type` and
 * `fields`); every field of Buddy's is built from the catalog's data (from-catalog.ts).
 */
interface FieldOptions {
  required?: boolean;
  replace?: boolean;
  placement?: Placement;
}

function base(o: FieldOptions): FieldBase {
  return {
    required: o.required ?? false,
    secret: false,
    replace: o.replace ?? false,
    default: null,
    writeOnly: false,
    placement: o.placement ?? "wire",
  };
}

/** A non-empty string. */
export function text(o: FieldOptions = {}): LeafField {
  return { kind: "leaf", facts: { kind: "string" }, ...base(o) };
}

/** Buddy's action `type`: upper-case letters, digits and "_" (Buddy's names are all spelled so; "slack" is refused). */
export function actionTypeName(o: FieldOptions = {}): LeafField {
  return {
    kind: "leaf",
    facts: { kind: "string" },
    pattern: {
      regex: /^[A-Z][A-Z0-9_]*$/,
      problem:
        'must be a Buddy action type in upper case, letters, digits and "_" (e.g. "SLACK", "KUBERNETES_SET_IMAGE")',
    },
    ...base(o),
  };
}

export function flag(o: FieldOptions = {}): LeafField {
  return { kind: "leaf", facts: { kind: "boolean" }, ...base(o) };
}

/** An integer ≥ 1 (Buddy ids). */
export function id(o: FieldOptions = {}): LeafField {
  return { kind: "leaf", facts: { kind: "integer", min: 1 }, ...base(o) };
}

export function bag(o: FieldOptions = {}): BagField {
  return { kind: "bag", ...base(o) };
}

/** A field's facts in the catalog's terms, by input names, for the interpreter (catalog/rules.ts). */
function factsOf(def: FieldDef): Facts {
  const common = {
    ...(def.required ? { required: true } : {}),
    ...(def.secret === true ? { secret: true } : {}),
    ...(def.secretWhen ? { secretWhen: def.secretWhen } : {}),
    ...(def.rules ? { rules: def.rules } : {}),
  };
  switch (def.kind) {
    case "leaf":
      return { ...def.facts, ...common };
    case "array":
      return { kind: "list", item: factsOf(def.item), ...common };
    case "object":
      return {
        kind: "object",
        fields: fieldsFacts(def.fields),
        ...(def.groups ? { groups: def.groups } : {}),
        ...common,
      };
    case "open":
    case "bag":
      return { kind: "open", ...common };
  }
}

/** The facts of every member of `fields`. */
export function fieldsFacts(fields: Fields): Record<string, Facts> {
  return Object.fromEntries(Object.entries(fields).map(([name, def]) => [name, factsOf(def)]));
}
