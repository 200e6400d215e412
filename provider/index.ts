/**
 * pulumi-buddy-actions: Buddy.works pipeline actions as Pulumi resources.
 *
 * Every typed action resource is generated from the catalog into ./actions (re-exported here); adding an action
 * type is an edit of catalog/types/<TYPE>.json and `npm run generate`. PipelineAction, the generic resource, is
 * written here. (The types refer to `typeof spec.fields`, so the emitted .d.ts keeps each field's doc comment.)
 */
import { ActionResource, ActionResourceClass, defineActionResource } from "./resources/define";
import { ActionArgs } from "./resources/types";
import { pipelineActionSpec } from "./specs/pipeline-action";

/**
 * A Buddy pipeline action: any Buddy action: `type` is an input, the common fields are typed, the type's own fields go in `fields` with Buddy's names.
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export const PipelineAction: ActionResourceClass<PipelineActionArgs, PipelineAction> =
  defineActionResource(pipelineActionSpec);
/** Every input of a PipelineAction (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface PipelineAction extends ActionResource<typeof pipelineActionSpec.fields> {}
/** The arguments of a PipelineAction. */
export interface PipelineActionArgs extends ActionArgs<typeof pipelineActionSpec.fields> {}

export * from "./actions";
export type { ServerOutputs } from "./specs/spec";
export type { ActionArgs, ActionOutputs, DeepInput } from "./resources/types";
export type { ActionResource, ActionResourceClass } from "./resources/define";

export { getPipeline, getProject } from "./lookups";
export type { GetPipelineArgs, GetPipelineResult, GetProjectArgs, GetProjectResult } from "./lookups";
