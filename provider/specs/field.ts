/**
 * The field model every spec is written in. A spec declares each field once, as a property of a `Fields`
 * object: the property's camelCase key is the input name, its JSDoc is the input's doc comment (TypeScript
 * carries it into the resource's Args and output types, see types.ts), and the FieldDef holds the rest:
 * schema, required, secret, replace-on-change, Buddy's documented default, where the value goes.
 * The wire name is derived by wire/names.ts unless a field overrides it.
 */
import { z } from "zod";

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
  /** Phantom: the field's plain value type, for types.ts. Never set. */
  readonly __value?: T;
}

/**
 * What check needs from a leaf's schema. The builders below use zod schemas, which satisfy it; declared here so
 * that the published declarations do not reach zod's, which do not compile without `esModuleInterop` (Pulumi's
 * TypeScript template leaves it off).
 */
export interface LeafSchema {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } };
}

/** A scalar or list of scalars checked by one schema. */
export interface LeafField<T = unknown, R extends boolean = boolean> extends FieldBase<T, R> {
  readonly kind: "leaf";
  readonly schema: LeafSchema;
}

/** An object with documented members (src/dest, a trigger condition, permissions). */
export interface ObjectField<T = unknown, R extends boolean = boolean> extends FieldBase<T, R> {
  readonly kind: "object";
  readonly fields: Fields;
  /** Rules across members (registry required for some registries). */
  readonly rules?: (value: Record<string, unknown>) => RuleFailure[];
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
}

function base(o: FieldOptions<boolean>): Omit<FieldBase<never, boolean>, "__value"> {
  return {
    required: o.required ?? false,
    secret: o.secret ?? false,
    replace: o.replace ?? false,
    default: o.default ?? null,
    writeOnly: o.writeOnly ?? false,
    placement: o.placement ?? "wire",
    wire: o.wire,
  };
}

/** `required` is a runtime flag and a type parameter: the builders below keep the two in step. */
function leaf<T, R extends boolean>(schema: LeafSchema, o: FieldOptions<boolean>): LeafField<T, R> {
  return { kind: "leaf", schema, ...base(o) } as LeafField<T, R>;
}

function objectField<T, R extends boolean>(
  fields: Fields,
  rules: ((value: Record<string, unknown>) => RuleFailure[]) | undefined,
  o: FieldOptions<boolean>,
): ObjectField<T, R> {
  return { kind: "object", fields, rules, ...base(o) } as ObjectField<T, R>;
}

// ---- zod leaf schemas, with the reasons check reports -------------------------------------------------------

export const reasons = {
  string: "must be a string",
  nonEmpty: "must not be empty or only spaces",
  typeName: 'must be a Buddy action type in upper case, letters, digits and "_" (e.g. "SLACK", "KUBERNETES_SET_IMAGE")',
  boolean: "must be a boolean (true or false)",
  count: "must be an integer ≥ 0",
  number: "must be a number",
  positive: "must be an integer ≥ 1",
  list: "must be a list",
  object: "must be an object",
  oneOf: (values: readonly string[]) => `must be one of ${values.join(", ")}`,
  between: (min: number, max: number) => `must be an integer from ${min} to ${max}`,
};

// Only spaces is as empty as "" to Buddy (a name of spaces passed preview and failed at up).
const nonEmptyString = z.string({ error: reasons.string }).refine((v) => v.trim() !== "", { error: reasons.nonEmpty });
const typeName = z.string({ error: reasons.string }).regex(/^[A-Z][A-Z0-9_]*$/, { error: reasons.typeName });
const anyString = z.string({ error: reasons.string });
const bool = z.boolean({ error: reasons.boolean });
const intBetween = (min: number, max: number, reason: string) =>
  z.number({ error: reason }).int({ error: reason }).min(min, { error: reason }).max(max, { error: reason });

// ---- builders ---------------------------------------------------------------------------------------------

type Req<O> = O extends { required: true } ? true : false;

/** A non-empty string (Buddy treats "" as unset, so an empty input is always a mistake). */
export function text<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<string, Req<O>> {
  return leaf(nonEmptyString, o);
}

/** Buddy's action `type`: upper-case letters, digits and "_" (Buddy's names are all spelled so; "slack" is refused). */
export function actionTypeName<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<string, Req<O>> {
  return leaf(typeName, o);
}

/** A string that may be empty (a variable's value, a description). */
export function anyText<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<string, Req<O>> {
  return leaf(anyString, o);
}

export function enumOf<const V extends readonly [string, ...string[]], O extends FieldOptions<boolean>>(
  values: V,
  o: O = {} as O,
): LeafField<V[number], Req<O>> {
  return leaf(z.enum(values, { error: reasons.oneOf(values) }), o);
}

export function flag<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<boolean, Req<O>> {
  return leaf(bool, o);
}

/** An integer ≥ 0 (timeouts, retry counts and intervals). */
export function count<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<number, Req<O>> {
  return leaf(intBetween(0, Number.MAX_SAFE_INTEGER, reasons.count), o);
}

/** An integer ≥ 1 (Buddy ids). */
export function id<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<number, Req<O>> {
  return leaf(intBetween(1, Number.MAX_SAFE_INTEGER, reasons.positive), o);
}

export function intRange<O extends FieldOptions<boolean>>(
  min: number,
  max: number,
  o: O = {} as O,
): LeafField<number, Req<O>> {
  return leaf(intBetween(min, max, reasons.between(min, max)), o);
}

export function list<I extends FieldDef, O extends FieldOptions<boolean>>(
  item: I,
  o: O = {} as O,
): ArrayField<Array<PlainValue<I>>, Req<O>> {
  return { kind: "array", item, ...base(o) } as ArrayField<Array<PlainValue<I>>, Req<O>>;
}

export function object<S extends Fields, O extends FieldOptions<boolean>>(
  fields: S,
  o: O & { rules?: (value: Record<string, unknown>) => RuleFailure[] } = {} as O,
): ObjectField<PlainObject<S>, Req<O>> {
  return objectField<PlainObject<S>, Req<O>>(fields, o.rules, o);
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

/** Any number, fractions allowed (a tolerance, a threshold). */
export function decimal<O extends FieldOptions<boolean>>(o: O = {} as O): LeafField<number, Req<O>> {
  return leaf(z.number({ error: reasons.number }).refine(Number.isFinite, { error: reasons.number }), o);
}
