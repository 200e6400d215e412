/**
 * pulumi-buddy-actions: Buddy.works pipeline actions as Pulumi resources.
 *
 * Adding an action type: one spec file in specs/ (its `file` is its file name), and one export here like the ones
 * below: the resource class made from the spec, with its instance and arguments types named after it. (The types
 * refer to `typeof spec.fields`, so the emitted .d.ts keeps each field's doc comment.)
 */
import { ActionResource, ActionResourceClass, defineActionResource } from "./resources/define";
import { ActionArgs } from "./resources/types";
import { kubernetesSetImageSpec } from "./specs/kubernetes-set-image";
import { pipelineActionSpec } from "./specs/pipeline-action";
import { tagDockerImageSpec } from "./specs/tag-docker-image";

/**
 * A Buddy pipeline action: a Kubernetes Set Image action (KUBERNETES_SET_IMAGE): points a deployment's container at an image tag.
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export const KubernetesSetImageAction: ActionResourceClass<KubernetesSetImageActionArgs, KubernetesSetImageAction> = defineActionResource(kubernetesSetImageSpec);
/** Every input of a KubernetesSetImageAction (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface KubernetesSetImageAction extends ActionResource<typeof kubernetesSetImageSpec.fields> {}
/** The arguments of a KubernetesSetImageAction. */
export interface KubernetesSetImageActionArgs extends ActionArgs<typeof kubernetesSetImageSpec.fields> {}

/**
 * A Buddy pipeline action: a Tag Docker Image action (PROMOTE_IMAGE): tags an image, in one registry or copied to another.
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export const TagDockerImageAction: ActionResourceClass<TagDockerImageActionArgs, TagDockerImageAction> = defineActionResource(tagDockerImageSpec);
/** Every input of a TagDockerImageAction (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface TagDockerImageAction extends ActionResource<typeof tagDockerImageSpec.fields> {}
/** The arguments of a TagDockerImageAction. */
export interface TagDockerImageActionArgs extends ActionArgs<typeof tagDockerImageSpec.fields> {}

/**
 * A Buddy pipeline action: any Buddy action: `type` is an input, the common fields are typed, the type's own fields go in `fields` with Buddy's names.
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export const PipelineAction: ActionResourceClass<PipelineActionArgs, PipelineAction> = defineActionResource(pipelineActionSpec);
/** Every input of a PipelineAction (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface PipelineAction extends ActionResource<typeof pipelineActionSpec.fields> {}
/** The arguments of a PipelineAction. */
export interface PipelineActionArgs extends ActionArgs<typeof pipelineActionSpec.fields> {}

export type { KubernetesTarget } from "./specs/kubernetes-set-image";
export type { ServerOutputs } from "./specs/spec";
export type { ActionArgs, ActionOutputs, DeepInput } from "./resources/types";
export type { ActionResource, ActionResourceClass } from "./resources/define";

export { getPipeline, getProject } from "./lookups";
export type { GetPipelineArgs, GetPipelineResult, GetProjectArgs, GetProjectResult } from "./lookups";
