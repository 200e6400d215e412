/**
 * pulumi-buddy-actions: Buddy.works pipeline actions as Pulumi resources.
 *
 * Every typed action resource is generated from the catalog into ./actions (re-exported here); adding an action
 * type is an edit of catalog/types/<TYPE>.json and `npm run generate`. PipelineAction, the generic resource, is
 * written here. Every public type is a plain interface (no internal generic type reaches a user's editor or errors).
 */
import * as pulumi from "@pulumi/pulumi";
import type { CommonActionArgs, CommonActionOutputs } from "./actions";
import type { ActionResourceClass } from "./resources/class";
import { defineActionResource } from "./resources/define";

/**
 * Any Buddy action (Buddy action type given as the `type` input): the common fields are typed, the type's own
 * fields go in `fields` with Buddy's names. Prefer the typed class of a type when there is one (e.g. SlackAction).
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export const PipelineAction: ActionResourceClass<PipelineActionArgs, PipelineAction> = defineActionResource(
  "pipeline-action",
  "PipelineAction",
);

/** The PipelineAction resource: every input (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface PipelineAction extends pulumi.dynamic.Resource, CommonActionOutputs {
  /** The type of the action, e.g. "SLACK", "BUILD", "KUBERNETES_SET_IMAGE". */
  readonly type: pulumi.Output<string>;
  /** The action type's own fields, with Buddy's names, as sent. */
  readonly fields: pulumi.Output<Record<string, unknown> | undefined>;
}

/** The arguments of a PipelineAction. */
export interface PipelineActionArgs extends CommonActionArgs {
  /**
   * The type of the action, e.g. "SLACK", "BUILD", "KUBERNETES_SET_IMAGE": any upper-case type name is accepted.
   * Changing it replaces the action: Buddy cannot change the type of an existing action.
   */
  type: pulumi.Input<string>;
  /**
   * The action type's own fields, with Buddy's names (e.g. `{ channel_name: "#deploys", content: "Done" }`), sent as
   * they are. A secret value inside (`pulumi.secret(...)`) makes the whole `fields` object secret in state.
   */
  fields?: pulumi.Input<Record<string, unknown>>;
}

export * from "./actions";
export { Pipeline } from "./pipeline";
export type * from "./pipeline";
export type { ActionResourceClass } from "./resources/class";
export type { ActionLocationArgs, ActionLocationOutputs } from "./resources/location";

export { getPipeline, getProject } from "./lookups";
export type { GetPipelineArgs, GetPipelineResult, GetProjectArgs, GetProjectResult, RemoteParameter } from "./lookups";
