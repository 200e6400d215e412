/**
 * The shape of an action resource class, as plain types: `new` manages an action, `get` reads one. Each class's
 * constant (../actions.ts, index.ts) carries its own type's summary, which hover shows on `new X(` too.
 */
import * as pulumi from "@pulumi/pulumi";

/** An action resource class: `Args` its arguments, `Instance` the resource it makes or reads. */
export interface ActionResourceClass<Args, Instance> {
  // No doc comment here: hovering `new X(` then shows the doc of the class's constant (its type's summary).
  new (name: string, args: Args, opts?: pulumi.CustomResourceOptions): Instance;
  /** Reads an existing action by its id (`workspace/projectName/pipelineId/actionId`) without managing it. */
  get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Instance;
}
