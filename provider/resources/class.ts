/**
 * The shape of an action resource class, as plain types: `new` manages an action, `get` reads one. The generated
 * classes (../actions.ts) spell it out per class so each constructor carries its own type's summary.
 */
import * as pulumi from "@pulumi/pulumi";

/** An action resource class: `Args` its arguments, `Instance` the resource it makes or reads. */
export interface ActionResourceClass<Args, Instance> {
  /** Manages a Buddy pipeline action. The Pulumi id is `workspace/projectName/pipelineId/actionId`. */
  new (name: string, args: Args, opts?: pulumi.CustomResourceOptions): Instance;
  /** Reads an existing action by its id (`workspace/projectName/pipelineId/actionId`) without managing it. */
  get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Instance;
}
