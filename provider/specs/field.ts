/**
 * The field model every spec is written in. A spec declares each field once, as a property of a `Fields`
 * object: the property's camelCase key is the input name, its JSDoc is the input's doc comment (TypeScript
 * carries it into the resource's Args and output types, see types.ts), and the FieldDef holds the rest:
 * schema, required, secret, replace-on-change, Buddy's documented default, where the value goes.
 * The wire name is derived by wire/names.ts unless a field overrides it.
 */
import { Condition, Facts, GroupRule, Rule, holds } from "../../catalog/rules";

/** Where a field's value goes. */
export type Placement =
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

interface FieldBase<T, R extends boolean> {
  readonly required: R;
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
  /** Phantom: the field's plain value type, for types.ts. Never set. */
  readonly __value?: T;
}

/** A scalar: its kind, enum values and bounds are catalog facts, read by catalog/rules.ts. */
export interface LeafField<T = unknown, R extends boolean = boolean> extends FieldBase<T, R> {
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
export interface ObjectField<T = unknown, R extends boolean = boolean> extends FieldBase<T, R> {
  readonly kind: "object";
  readonly fields: Fields;
  /** Rules over several members (exactly one of, at least one of), by input names. */
  readonly groups?: readonly GroupRule[];
}

/** An object whose members vary and are not all documented (Kubernetes targets): keys converted, values kept. */
export interface OpenObjectField<T = unknown, R extends boolean = boolean> extends FieldBase<T, R> {
  readonly kind: "open";
}

export interface ArrayField<T = unknown, R extends boolean = boolean> extends FieldBase<T, R> {
  readonly kind: "array";
  readonly item: FieldDef;
}

/**
 * PipelineAction's `fields`: Buddy's own field names and values, spread into the request body as they are.
 * `reserved` lists the wire names it must not use (the common fields, typed elsewhere).
 */
export interface BagField<T = unknown, R extends boolean = boolean> extends FieldBase<T, R> {
  readonly kind: "bag";
}

export type FieldDef<T = unknown, R extends boolean = boolean> =
  LeafField<T, R> | ObjectField<T, R> | OpenObjectField<T, R> | ArrayField<T, R> | BagField<T, R>;

export type Fields = { readonly [inputName: string]: FieldDef };

/** Options every builder accepts. */
export interface FieldOptions<R extends boolean> {
  required?: R;
  secret?: boolean | ((holder: Record<string, unknown>) => boolean);
  replace?: boolean;
  default?: unknown;
  writeOnly?: boolean;
  placement?: Placement;
  wire?: string;
  rules?: readonly Rule[];
  /** Secret when a sibling says so (`{ field: "encrypted", equals: true }`); sets `secret` accordingly. */
  secretWhen?: Condition;
}

function base(o: FieldOptions<boolean>): Omit<FieldBase<never, boolean>, "__value"> {
  return {
    required: o.required ?? false,
    secret: o.secretWhen ? secretWhenHolds(o.secretWhen) : (o.secret ?? false),
    replace: o.replace ?? false,
    default: o.default ?? null,
    writeOnly: o.writeOnly ?? false,
    placement: o.placement ?? "wire",
    wire: o.wire,
    ...(o.rules ? { rules: o.rules } : {}),
    ...(o.secretWhen ? { secretWhen: o.secretWhen } : {}),
  };
}

function secretWhenHolds(c: Condition): (holder: Record<string, unknown>) => boolean {
  return (holder) => holds(c, holder[c.field]);
}

/** `required` is a runtime flag and a type parameter: the builders below keep the two in step. */
function leaf<T, R extends boolean>(
  facts: LeafFacts,
  o: FieldOptions<boolean>,
  pattern?: LeafField["pattern"],
): LeafField<T, R> {
  return { kind: "leaf", facts, ...(pattern ? { pattern } : {}), ...base(o) } as LeafField<T, R>;
}

function objectField<T, R extends boolean>(
  fields: Fields,
  groups: readonly GroupRule[] | undefined,
  o: FieldOptions<boolean>,
): ObjectField<T, R> {
  return { kind: "object", fields, ...(groups ? { groups } : {}), ...base(o) } as ObjectField<T, R>;
}

// ---- builders ---------------------------------------------------------------------------------------------

type Req<O> = O extends { required: true } ? true : false;

/** A non-empty string (Buddy treats "" as unset, so an empty input is always a mistake). */
export function text<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<string, Req<O>> {
  return leaf({ kind: "string" }, o);
}

/** Buddy's action `type`: upper-case letters, digits and "_" (Buddy's names are all spelled so; "slack" is refused). */
export function actionTypeName<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<string, Req<O>> {
  return leaf({ kind: "string" }, o, {
    regex: /^[A-Z][A-Z0-9_]*$/,
    problem:
      'must be a Buddy action type in upper case, letters, digits and "_" (e.g. "SLACK", "KUBERNETES_SET_IMAGE")',
  });
}

/** A string that may be empty (a variable's value, a description). */
export function anyText<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<string, Req<O>> {
  return leaf({ kind: "string", allowEmpty: true }, o);
}

export function enumOf<const V extends readonly [string, ...string[]], O extends FieldOptions<boolean>>(
  values: V,
  o: O = {} as O,
): LeafField<V[number], Req<O>> {
  return leaf({ kind: "enum", values }, o);
}

export function flag<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<boolean, Req<O>> {
  return leaf({ kind: "boolean" }, o);
}

/** An integer ≥ 0 (timeouts, retry counts and intervals). */
export function count<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<number, Req<O>> {
  return leaf({ kind: "integer", min: 0 }, o);
}

/** An integer ≥ 1 (Buddy ids). */
export function id<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<number, Req<O>> {
  return leaf({ kind: "integer", min: 1 }, o);
}

/** An integer from `min` to `max` (inclusive; no upper bound when `max` is undefined). */
export function intRange<O extends FieldOptions<boolean>>(
  min: number,
  max: number | undefined,
  o: O = {} as O,
): LeafField<number, Req<O>> {
  return leaf({ kind: "integer", min, ...(max !== undefined ? { max } : {}) }, o);
}

export function list<I extends FieldDef, O extends FieldOptions<boolean>>(
  item: I,
  o: O = {} as O,
): ArrayField<Array<PlainValue<I>>, Req<O>> {
  return { kind: "array", item, ...base(o) } as ArrayField<Array<PlainValue<I>>, Req<O>>;
}

export function object<S extends Fields, O extends FieldOptions<boolean>>(
  fields: S,
  o: O & { groups?: readonly GroupRule[] } = {} as O,
): ObjectField<PlainObject<S>, Req<O>> {
  return objectField<PlainObject<S>, Req<O>>(fields, o.groups, o);
}

/** An object of undocumented shape; `T` is what the resource's Args declare for it. */
export function openObject<T>(o: FieldOptions<false> = {}): OpenObjectField<T, false> {
  return { kind: "open", ...base(o) } as OpenObjectField<T, false>;
}

export function bag(o: FieldOptions<false> = {}): BagField<Record<string, unknown>, false> {
  return { kind: "bag", ...base(o) } as BagField<Record<string, unknown>, false>;
}

// ---- plain value types derived from fields ------------------------------------------------------------------

export type PlainValue<F> = F extends FieldDef<infer T, boolean> ? T : never;

export type RequiredKeys<S> = { [K in keyof S]: S[K] extends { required: true } ? K : never }[keyof S];
export type OptionalKeys<S> = Exclude<keyof S, RequiredKeys<S>>;

type PlainMap<S> = { [K in keyof S]: PlainValue<S[K]> };

/** The plain (resolved) object a set of fields describes: required members required, the rest optional. */
export type PlainObject<S> = Pick<PlainMap<S>, RequiredKeys<S>> & Partial<Pick<PlainMap<S>, OptionalKeys<S>>>;

/** Any number, fractions allowed (a tolerance, a threshold), from `min` to `max` when given. */
export function decimal<O extends FieldOptions<boolean>>(
  o: O & { min?: number; max?: number } = {} as O,
): LeafField<number, Req<O>> {
  return leaf(
    { kind: "number", ...(o.min !== undefined ? { min: o.min } : {}), ...(o.max !== undefined ? { max: o.max } : {}) },
    o,
  );
}

/** A field's facts in the catalog's terms, by input names, for the interpreter (catalog/rules.ts). */
export function factsOf(def: FieldDef): Facts {
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
