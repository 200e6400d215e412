/**
 * The resource class of an action type: `defineActionResource(specKey, resourceType)` is all an action type needs
 * (actions.ts and index.ts export the result under the resource's name). The class loads its spec (registry.ts)
 * when its first resource is made, so importing the package builds no spec. Every class registers the type token
 * `pulumi-nodejs:dynamic/buddy:<spec.resourceType>`, uses the one provider (providers/action.ts, stored in state
 * as a one-line require) with the hidden input `__spec` naming the spec, wraps sensitive inputs in
 * `pulumi.secret()` and marks the always-secret outputs, registers only the inputs set (every input and output is
 * an Output all the same) and makes `actionId` follow the Pulumi id (props.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import provider = require("../providers/action");
import { loadSpec } from "../specs/registry";
import { ActionSpec, TYPE_MODULE } from "../specs/spec";
import { checkProgramConfig } from "./program-config";
import { warnIfSameNamed } from "./same-named";
import { defineOutputAccessors, resourceOptions, resourceProps } from "./props";
import { suspendPromiseStacks, withStack } from "./stacks";
import type { ActionResourceClass } from "./class";

export type { ActionResourceClass };

/** `Args` and `Instance` are the class's plain interfaces (actions.ts, index.ts). */
export function defineActionResource<Args, Instance>(
  specKey: string,
  resourceType: string,
): ActionResourceClass<Args, Instance> {
  let loaded: ActionSpec | undefined;
  const specOf = (): ActionSpec => {
    if (loaded === undefined) {
      loaded = loadSpec(specKey);
      defineOutputAccessors(Action.prototype, loaded);
    }
    return loaded;
  };
  class Action extends pulumi.dynamic.Resource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Action {
      // With an id the args are not used: everything comes from read (which still learns the spec from `__spec`).
      return new Action(name, {}, { ...opts, id });
    }

    constructor(name: string, args: object, opts?: pulumi.CustomResourceOptions) {
      const spec = specOf();
      checkProgramConfig();
      // Most of a resource's registration CPU is the SDK capturing stacks nobody reads (stacks.ts).
      const resumeStacks = suspendPromiseStacks();
      try {
        const given = opts?.id === undefined ? args : undefined; // `get` has no args: everything comes from read
        if (given !== undefined) {
          const type = spec.actionType ?? (given as Record<string, unknown>).type;
          warnIfSameNamed(name, type, given as Record<string, unknown>);
        }
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
  // Stack traces and `constructor.name` show the resource's own name.
  Object.defineProperty(Action, "name", { value: resourceType });
  return Action as unknown as ActionResourceClass<Args, Instance>;
}
