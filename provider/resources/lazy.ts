/**
 * A resource class whose spec is loaded on first use: the package exports 130+ classes, and a program uses a few,
 * so importing the package must not load (and build the checks of) every spec. The class made by
 * defineActionResource is created when the first resource is constructed; `instanceof` and `get` behave as on it.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadSpec } from "../specs/registry";
import type { ActionResourceClass } from "./class";
import { defineActionResource } from "./define";

export function lazyActionResource<Args, Instance>(
  specKey: string,
  resourceType: string,
): ActionResourceClass<Args, Instance> {
  let made: ActionResourceClass<Args, Instance> | undefined;
  const real = (): ActionResourceClass<Args, Instance> =>
    (made ??= defineActionResource(loadSpec(specKey)) as unknown as ActionResourceClass<Args, Instance>);
  // A plain function, not a class: `new` of a function that returns an object yields that object.
  const Lazy = function (name: string, args: Args, opts?: pulumi.CustomResourceOptions): Instance {
    return new (real())(name, args, opts);
  } as unknown as ActionResourceClass<Args, Instance> & { [Symbol.hasInstance]: (v: unknown) => boolean };
  Object.defineProperty(Lazy, "get", {
    value: (name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Instance =>
      real().get(name, id, opts),
  });
  Object.defineProperty(Lazy, Symbol.hasInstance, {
    value: (v: unknown) => v instanceof (real() as unknown as new () => unknown),
  });
  Object.defineProperty(Lazy, "name", { value: resourceType });
  return Lazy;
}
