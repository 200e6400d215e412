/**
 * Public input and output types, derived from the specs so each field is declared once. TypeScript carries each
 * spec entry's JSDoc into these types (and into the emitted .d.ts), so hovering `imageTag` in a program shows the
 * doc comment written in the spec.
 */
import * as pulumi from "@pulumi/pulumi";
import { OptionalKeys, PlainValue, RequiredKeys } from "../specs/field";
import { ServerOutputs } from "../specs/spec";

/** A plain value type with every member (at any depth) accepting an Input. */
export type DeepInput<T> = T extends ReadonlyArray<infer U>
  ? Array<pulumi.Input<DeepInput<U>>>
  : T extends object
    ? { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> }
    : T;

type InputMap<F> = { [K in keyof F]: pulumi.Input<DeepInput<PlainValue<F[K]>>> };

/** A resource's arguments: required fields required, the rest optional, every value an Input. */
export type ActionArgs<F> = Pick<InputMap<F>, RequiredKeys<F>> & Partial<Pick<InputMap<F>, OptionalKeys<F>>>;

type OutputMap<F> = { readonly [K in keyof F]: pulumi.Output<PlainValue<F[K]>> };
type OptionalOutputMap<F> = { readonly [K in keyof F]: pulumi.Output<PlainValue<F[K]> | undefined> };

/** A resource's outputs: every input (undefined when not set) plus Buddy's server-set fields. */
export type ActionOutputs<F> = Pick<OutputMap<F>, RequiredKeys<F>> &
  Pick<OptionalOutputMap<F>, OptionalKeys<F>> & { readonly [K in keyof ServerOutputs]: pulumi.Output<ServerOutputs[K]> };
