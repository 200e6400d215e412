/**
 * What a resource class hands to `pulumi.dynamic.Resource`: the inputs with every sensitive one wrapped in
 * `pulumi.secret()` whatever the user passed (the state stores inputs as well as outputs, and
 * `additionalSecretOutputs` protects only the outputs), and the options that mark the always-secret outputs.
 * Which fields are sensitive comes from the spec alone.
 */
import * as pulumi from "@pulumi/pulumi";
import { FieldDef } from "../specs/field";
import { ActionSpec, SPEC_KEY, serverOutputs } from "../specs/spec";
import { isPlainObject } from "../wire/values";
import { mayHoldSecret } from "../engine/secrets";

/** Whether this value does hold a secret (a location with a password, an encrypted variable). */
export function holdsSecret(def: FieldDef, value: unknown, holder: Record<string, unknown> = {}): boolean {
  if (value === undefined || value === null) return false;
  switch (def.kind) {
    case "leaf":
      return typeof def.secret === "function" ? def.secret(holder) : def.secret;
    case "array":
      return Array.isArray(value) && value.some((v) => holdsSecret(def.item, v));
    case "object":
      return isPlainObject(value) && Object.entries(def.fields).some(([k, sub]) => holdsSecret(sub, value[k], value));
    default:
      return false;
  }
}

function protect(def: FieldDef, value: unknown): unknown {
  if (def.secret === true) return pulumi.secret(value);
  // Resolve first: whether a location carries a password is known only from its (possibly Output) members.
  // `pulumi.output` also keeps a secret the user put inside (e.g. in PipelineAction's `fields`): the whole value
  // becomes a secret Output.
  if (mayHoldSecret(def) || def.kind === "bag") {
    return pulumi.output(value as pulumi.Input<object>).apply((v) => (holdsSecret(def, v) ? pulumi.secret(v) : v));
  }
  return value;
}

/** Top-level fields that are always secret: additionalSecretOutputs. */
export function secretOutputNames(spec: ActionSpec): string[] {
  return Object.entries(spec.fields)
    .filter(([, def]) => def.secret === true)
    .map(([key]) => key);
}

/**
 * The props: every input and output key present (undefined when unset) so the resource exposes each as an
 * Output, including for `get`, where `args` is undefined and everything comes from read. Plus the hidden
 * `__spec`, which tells the one provider which spec this resource uses (also for `get`: read receives these props).
 */
export function resourceProps(spec: ActionSpec, args: object | undefined): pulumi.Inputs {
  const props: pulumi.Inputs = {};
  for (const key of [...Object.keys(spec.fields), ...Object.keys(serverOutputs)]) props[key] = undefined;
  for (const [key, value] of Object.entries(args ?? {})) {
    if (value === undefined) continue;
    const def = spec.fields[key];
    // A key no spec declares is passed on unchanged, so check reports it by name (JavaScript callers).
    props[key] = def === undefined ? value : protect(def, value);
  }
  props[SPEC_KEY] = spec.file;
  return props;
}

export function resourceOptions(spec: ActionSpec, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputNames(spec) });
}

/**
 * Makes `resource.actionId` follow the Pulumi id (`.../actionId`) instead of the recorded outputs.
 * Why: during a preview, every output of a resource being updated is unknown, so an action chained with
 * `afterActionId: previous.actionId` would show a spurious update whenever `previous` changes. The id, though,
 * stays known through an in-place update and is unknown exactly when the action is created or replaced, which
 * is precisely when the chained action's `afterActionId` really changes.
 */
export function actionIdFollowsId(resource: pulumi.CustomResource): void {
  Object.defineProperty(resource, "actionId", {
    value: resource.id.apply((id) => Number(id.slice(id.lastIndexOf("/") + 1))),
    enumerable: true,
  });
}
