/**
 * The resource class of an action type, made from its spec: `defineActionResource(spec)` is all an action type
 * needs (index.ts exports the result under the resource's name). Every class registers the type token
 * `pulumi-nodejs:dynamic/buddy:<spec.resourceType>`, uses the one provider (providers/action.ts, stored in state
 * as a one-line require) with the hidden input `__spec` naming the spec, wraps sensitive inputs in
 * `pulumi.secret()` and marks the always-secret outputs, registers only the inputs set (every input and output is
 * an Output all the same) and makes `actionId` follow the Pulumi id (props.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import provider = require("../providers/action");
import { Fields } from "../specs/field";
import { ActionSpec, TYPE_MODULE } from "../specs/spec";
import { checkProgramConfig } from "./program-config";
import { defineOutputAccessors, resourceOptions, resourceProps } from "./props";
import { suspendPromiseStacks, withStack } from "./stacks";
import { ActionArgs, ActionOutputs } from "./types";
import type { ActionResourceClass } from "./class";

export type { ActionResourceClass };

/** An action resource: every input (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export type ActionResource<F> = pulumi.dynamic.Resource & ActionOutputs<F>;

export function defineActionResource<F extends Fields>(
  spec: ActionSpec<F>,
): ActionResourceClass<ActionArgs<F>, ActionResource<F>> {
  class Action extends pulumi.dynamic.Resource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Action {
      // With an id the args are not used: everything comes from read (which still learns the spec from `__spec`).
      return new Action(name, {} as ActionArgs<F>, { ...opts, id });
    }

    constructor(name: string, args: ActionArgs<F>, opts?: pulumi.CustomResourceOptions) {
      checkProgramConfig();
      // Most of a resource's registration CPU is the SDK capturing stacks nobody reads (stacks.ts).
      const resumeStacks = suspendPromiseStacks();
      try {
        const given = opts?.id === undefined ? args : undefined; // `get` has no args: everything comes from read
        super(
          provider,
          name,
          resourceProps(spec, given),
          resourceOptions(spec, opts, given),
          TYPE_MODULE,
          spec.resourceType,
        );
      } catch (err) {
        resumeStacks();
        throw withStack(err, Action);
      } finally {
        resumeStacks();
      }
    }
  }
  defineOutputAccessors(Action.prototype, spec);
  // Stack traces and `constructor.name` show the resource's own name.
  Object.defineProperty(Action, "name", { value: spec.resourceType });
  return Action as unknown as ActionResourceClass<ActionArgs<F>, ActionResource<F>>;
}
