/**
 * What a resource class hands to `pulumi.dynamic.Resource`: the inputs with every sensitive one wrapped in
 * `pulumi.secret()` whatever the user passed (the state stores inputs as well as outputs, and
 * `additionalSecretOutputs` protects only the outputs), and the options that mark the always-secret outputs.
 * Which fields are sensitive comes from the one walk of specs/secrecy.ts: the specs' secret marks (also those of
 * the typed spec of PipelineAction's `type`, for its `fields`) and credential names inside open values.
 */
import * as pulumi from "@pulumi/pulumi";
import { FieldDef } from "../specs/field";
import { holdsSecret } from "../specs/secrecy";
import { ActionSpec, SPEC_KEY, serverOutputs } from "../specs/spec";
import { isPlainObject } from "../wire/values";

/** Whether `value` is plain data all through (no Output or promise inside, at any depth). */
function isPlainData(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return false;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (isPlainObject(value)) return Object.values(value).every(isPlainData);
  return true;
}

/**
 * `value` as the input to register: secret when the one walk (specs/secrecy.ts) finds a secret in it. `holder` is
 * what the walk may need from the resource's other inputs: the `type` that says which members of PipelineAction's
 * `fields` are secret (possibly an Output itself).
 */
function protect(def: FieldDef, value: unknown, holder: { type?: unknown }): unknown {
  if (def.secret === true) return pulumi.secret(value);
  if (def.kind === "leaf") return value;
  if (isPlainData(value) && isPlainData(holder.type)) {
    return holdsSecret(def, value, holder as Record<string, unknown>) ? pulumi.secret(value) : value;
  }
  // Resolve first: whether a location carries a password is known only from its (possibly Output) members.
  // `pulumi.output` also keeps a secret the user put inside (e.g. in PipelineAction's `fields`): the whole value
  // becomes a secret Output.
  return pulumi
    .output({ value: value as pulumi.Input<object>, type: holder.type as pulumi.Input<unknown> })
    .apply((resolved) =>
      holdsSecret(def, resolved.value, { type: resolved.type }) ? pulumi.secret(resolved.value) : resolved.value,
    );
}

/**
 * Top-level fields that are always secret: additionalSecretOutputs. With `args`, only those set: an input not set
 * never becomes an output (the provider returns the inputs it was given), and the list is stored in the state of
 * every resource. `get` (no args) names them all: there every output comes from read.
 */
export function secretOutputNames(spec: ActionSpec, args?: object): string[] {
  const set = args as Record<string, unknown> | undefined;
  return Object.entries(spec.fields)
    .filter(([key, def]) => def.secret === true && (set === undefined || set[key] !== undefined))
    .map(([key]) => key);
}

/** Server outputs each resource registers: they come from Buddy. `actionId` is not one: it follows the id. */
const REGISTERED_SERVER_OUTPUTS = Object.keys(serverOutputs).filter((key) => key !== "actionId");

/**
 * The props a resource registers, plus the hidden `__spec`, which tells the one provider which spec this resource
 * uses (also for `get`: read receives these props).
 * Only keys that can hold a value are registered: the inputs the program set and Buddy's server-set outputs. For
 * each registered key the SDK makes an Output out of four promises that each capture a stack trace (a profile of
 * a no-change preview of 200 actions put most of the program's CPU there), so registering every field of the spec
 * made each resource cost in proportion to its type's field count. An input the program did not set stays unset
 * in the outputs as well (the provider returns the inputs it was given), so its Output is made only when read
 * (defineOutputAccessors). `get` (`args` undefined) registers every key: there everything comes from read.
 */
export function resourceProps(spec: ActionSpec, args: object | undefined): pulumi.Inputs {
  const props: pulumi.Inputs = {};
  if (args === undefined) for (const key of Object.keys(spec.fields)) props[key] = undefined;
  for (const key of REGISTERED_SERVER_OUTPUTS) props[key] = undefined;
  const given = (args ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const def = spec.fields[key];
    // A key no spec declares is passed on unchanged, so check reports it by name (JavaScript callers).
    props[key] = def === undefined ? value : protect(def, value, { type: spec.actionType ?? given.type });
  }
  props[SPEC_KEY] = spec.file;
  return props;
}

/** `target[key] = value` as an own enumerable property, which hides the prototype's accessor from then on. */
function setOwn<T>(target: object, key: string, value: T): T {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/**
 * Accessors on a resource class's prototype for every input and output key, so each is an Output whether or not it
 * was registered:
 * - a registered key: the SDK assigns its Output when the resource registers, which the setter turns into an own
 *   property (so reads no longer reach the accessor);
 * - an input the program did not set: on first read, `undefined` once the resource has its id (unknown in a
 *   preview of its creation, like every output then);
 * - `actionId` follows the Pulumi id (`.../actionId`) instead of the recorded outputs. Why: during a preview, every
 *   output of a resource being updated is unknown, so an action chained with `afterActionId: previous.actionId`
 *   would show a spurious update whenever `previous` changes. The id, though, stays known through an in-place update
 *   and is unknown exactly when the action is created or replaced, which is precisely when the chained action's
 *   `afterActionId` really changes.
 */
export function defineOutputAccessors(prototype: pulumi.CustomResource, spec: ActionSpec): void {
  for (const key of [...Object.keys(spec.fields), ...REGISTERED_SERVER_OUTPUTS]) {
    Object.defineProperty(prototype, key, {
      configurable: true,
      get(this: pulumi.CustomResource) {
        return setOwn(
          this,
          key,
          this.id.apply(() => undefined),
        );
      },
      set(this: pulumi.CustomResource, value: unknown) {
        setOwn(this, key, value);
      },
    });
  }
  Object.defineProperty(prototype, "actionId", {
    configurable: true,
    get(this: pulumi.CustomResource) {
      return setOwn(
        this,
        "actionId",
        this.id.apply((id) => Number(id.slice(id.lastIndexOf("/") + 1))),
      );
    },
  });
}

/** `args` as for resourceProps: undefined for `get`. */
export function resourceOptions(
  spec: ActionSpec,
  opts: pulumi.CustomResourceOptions | undefined,
  args?: object,
): pulumi.CustomResourceOptions {
  return pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputNames(spec, args) });
}
