/**
 * The inputs and outputs every action resource has besides Buddy's action fields: where the action lives, the
 * `adopt` switch, and the values Buddy sets. Plain interfaces (the generated ones in ../actions.ts extend them), so
 * editors, TypeScript's errors and the API reference show plain property types. The same facts drive the runtime
 * in specs/spec.ts (`locationFields`, `ServerOutputs`); test/unit/provider/public-types.test.ts holds the two equal.
 */
import * as pulumi from "@pulumi/pulumi";

/** Where an action lives, plus `adopt`. A change of workspace, project or pipeline replaces the action. */
export interface ActionLocationArgs {
  /** The human-readable ID of the workspace, e.g. "my-company". */
  workspace: pulumi.Input<string>;
  /** The human-readable ID of the project, e.g. "my-project". */
  projectName: pulumi.Input<string>;
  /** The ID of the pipeline, e.g. 123. */
  pipelineId: pulumi.Input<number>;
  /**
   * On create, take over the one existing action of the same name and type in the pipeline instead of adding a
   * new one (it is updated to the declared state and managed from then on). Several such actions are an error.
   * Default false. Pulumi's `import` does not work for dynamic resources; this and `get` are the ways in.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * On create, take over the existing action with this ID in the pipeline (it must be of this resource's type)
   * instead of adding a new one: the way to pick one when several actions share a name. Like `adopt`, it is updated
   * to the declared state and managed from then on; it is only read when the resource is created.
   */
  adoptActionId?: pulumi.Input<number>;
}

/** An action's location and `adopt` as outputs, plus the values Buddy sets. */
export interface ActionLocationOutputs {
  /** The human-readable ID of the workspace, e.g. "my-company". */
  readonly workspace: pulumi.Output<string>;
  /** The human-readable ID of the project, e.g. "my-project". */
  readonly projectName: pulumi.Output<string>;
  /** The ID of the pipeline, e.g. 123. */
  readonly pipelineId: pulumi.Output<number>;
  /** Whether the resource was allowed to take over an existing action of its name and type on create. */
  readonly adopt: pulumi.Output<boolean | undefined>;
  /** The ID of the action the resource was told to take over on create, if any. */
  readonly adoptActionId: pulumi.Output<number | undefined>;
  /** The ID of the action in Buddy (pass it to another action's `afterActionId` to order actions). */
  readonly actionId: pulumi.Output<number>;
  /** API endpoint to GET this action. */
  readonly url: pulumi.Output<string>;
  /** Web URL to view this action in Buddy.works. */
  readonly htmlUrl: pulumi.Output<string>;
  /** The status of the last run of the action (INITIAL, SUCCESSFUL, FAILED, ...). */
  readonly lastExecutionStatus: pulumi.Output<string>;
}
