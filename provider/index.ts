/**
 * pulumi-buddy-actions: Buddy.works pipeline actions as Pulumi resources.
 *
 * Adding an action type: one spec in specs/, a provider module in providers/ and a resource class in resources/
 * (both a few lines, following the existing ones), and one export here.
 */
export { KubernetesSetImageAction, KubernetesSetImageActionArgs } from "./resources/kubernetes-set-image";
export { TagDockerImageAction, TagDockerImageActionArgs } from "./resources/tag-docker-image";
export { PipelineAction, PipelineActionArgs } from "./resources/pipeline-action";
export type { KubernetesTarget } from "./specs/kubernetes-set-image";
export type { ServerOutputs } from "./specs/spec";
export type { ActionArgs, ActionOutputs, DeepInput } from "./resources/types";
