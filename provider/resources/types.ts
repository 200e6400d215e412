/**
 * Public input and output types, derived from the specs so each field is declared once. TypeScript carries each
 * spec entry's JSDoc into these types (and into the emitted .d.ts), so hovering `imageTag` in a program shows the
 * doc comment written in the spec.
 */
import * as pulumi from "@pulumi/pulumi";
import { commonFields, locationFields } from "../specs/common";
import { OptionalKeys, PlainValue, RequiredKeys } from "../specs/field";
import { ServerOutputs, typeField } from "../specs/spec";

/**
 * The fields shared by every spec, as declared (with their doc comments) in specs/common.ts and specs/spec.ts.
 * A spec spreads them into its own fields (`...commonFields`), and TypeScript's declaration output drops the doc
 * comments of spread members; so the types below take each shared field's type from where it is declared, and only
 * a spec's own fields from the spec. Hover then shows `workspace`, `name`, `variables[].key`... documented.
 */
type Shared = typeof locationFields & typeof commonFields & typeof typeField;
type SharedKeys<F> = keyof F & keyof Shared;
/** `F` with each shared member's type (and doc) taken from its declaration. */
type Documented<F> = Pick<typeof locationFields, SharedKeys<F> & keyof typeof locationFields> &
  Pick<typeof commonFields, SharedKeys<F> & keyof typeof commonFields> &
  Pick<typeof typeField, SharedKeys<F> & keyof typeof typeField> &
  Omit<F, keyof Shared>;

/** A plain value type with every member (at any depth) accepting an Input. */
export type DeepInput<T> =
  T extends ReadonlyArray<infer U>
    ? Array<pulumi.Input<DeepInput<U>>>
    : T extends object
      ? { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> }
      : T;

type InputMap<F> = { [K in keyof F]: pulumi.Input<DeepInput<PlainValue<F[K]>>> };

type ArgsOf<F> = Pick<InputMap<F>, RequiredKeys<F>> & Partial<Pick<InputMap<F>, OptionalKeys<F>>>;

/** A resource's arguments: required fields required, the rest optional, every value an Input. */
export type ActionArgs<F> = ArgsOf<Documented<F>>;

type OutputMap<F> = { readonly [K in keyof F]: pulumi.Output<PlainValue<F[K]>> };
type OptionalOutputMap<F> = { readonly [K in keyof F]: pulumi.Output<PlainValue<F[K]> | undefined> };

type OutputsOf<F> = Pick<OutputMap<F>, RequiredKeys<F>> & Pick<OptionalOutputMap<F>, OptionalKeys<F>>;

/** A resource's outputs: every input (undefined when not set) plus Buddy's server-set fields. */
export type ActionOutputs<F> = OutputsOf<Documented<F>> & {
  readonly [K in keyof ServerOutputs]: pulumi.Output<ServerOutputs[K]>;
};
