// Type-level tests: what a user's program may and may not write, checked by the compiler against the published
// declarations. Each `@ts-expect-error` line must fail to compile (an unused one is itself an error, TS2578), and
// the lines without one must compile. Compiled by test/unit/types.test.ts and by `npm run typecheck`.
import * as pulumi from "@pulumi/pulumi";
import {
  ClearCacheAction,
  getPipeline,
  getProject,
  KubernetesSetImageAction,
  PipelineAction,
  TagDockerImageAction,
} from "pulumi-buddy-actions";

const where = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };
const tagBase = { ...where, name: "Tag", dest: { tag: "x" } };
const k8s = {
  ...where,
  name: "Set image",
  namespace: "default",
  deployment: "web",
  container: "web",
  imageName: "web",
};

// Every required input given: compiles, with Inputs and Outputs where plain values are allowed.
export const ok = new KubernetesSetImageAction("ok", { ...k8s, imageTag: pulumi.output("1.0.0"), recordArg: "TRUE" });
export const tag: pulumi.Output<string> = ok.imageTag;
export const id: pulumi.Output<number> = ok.actionId;

// A list of enum values is a list as an output too (the output was once typed `"DOCKER" | ... | "ADDITIONAL"[]`).
type CacheType = "DOCKER" | "FILE_SYSTEM" | "SERVICES" | "ADDITIONAL";
export const caches: pulumi.Output<CacheType[]> = new ClearCacheAction("c", {
  ...where,
  name: "Clear",
  cacheTypes: ["DOCKER"],
}).cacheTypes;

// A missing required input.
// @ts-expect-error imageTag is required
new KubernetesSetImageAction("no-tag", { ...k8s });
// @ts-expect-error type is required on a PipelineAction
new PipelineAction("no-type", { ...where, name: "Notify" });
// @ts-expect-error src.image is required
new TagDockerImageAction("no-image", { ...tagBase, src: { dockerRegistry: "DOCKER_HUB" } });
// @ts-expect-error the pipeline is required
new PipelineAction("no-pipeline", { workspace: "my-company", projectName: "my-project", type: "SLEEP", name: "Wait" });

// A misspelt field or value.
// @ts-expect-error imageTags is not an input (imageTag is)
new KubernetesSetImageAction("typo", { ...k8s, imageTag: "1.0.0", imageTags: "1.0.1" });
// @ts-expect-error recordArg is TRUE, FALSE or NOT_SET
new KubernetesSetImageAction("bad-enum", { ...k8s, imageTag: "1.0.0", recordArg: "YES" });
// @ts-expect-error triggerTime has no ON_SUCESS
new PipelineAction("bad-trigger", { ...where, type: "SLEEP", name: "Wait", triggerTime: "ON_SUCESS" });
// @ts-expect-error pipelineId is a number
new PipelineAction("string-id", { ...where, pipelineId: "1", type: "SLEEP", name: "Wait" });
// @ts-expect-error dockerRegistry is an enum
new TagDockerImageAction("bad-registry", { ...tagBase, src: { dockerRegistry: "DOCKERHUB", image: "web" } });

// Outputs have the input's type.
// @ts-expect-error imageTag is a string, not a number
export const wrong: pulumi.Output<number> = ok.imageTag;

// Lookups: every argument required, results typed.
const pipeline = getPipeline({
  workspace: "my-company",
  projectName: getProject({ workspace: "my-company", name: "my-project" }).id,
  name: "release",
});
export const pipelineId: pulumi.Output<number> = pipeline.id;
// @ts-expect-error name is required
getPipeline({ workspace: "my-company", projectName: "my-project" });
// @ts-expect-error a pipeline id is a number, not a string
export const pipelineName: pulumi.Output<string> = pipeline.id;
