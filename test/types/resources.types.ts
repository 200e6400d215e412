// Type-level tests: what a user's program may and may not write, checked by the compiler against the published
// declarations. Each `@ts-expect-error` line must fail to compile (an unused one is itself an error, TS2578), and
// the lines without one must compile. Compiled by test/unit/types.test.ts and by `npm run typecheck`.
import * as pulumi from "@pulumi/pulumi";
import {
  AwsCliAction,
  ClearCacheAction,
  getPipeline,
  getProject,
  HttpRequestAction,
  type IntegrationReference,
  type IntegrationReferenceArgs,
  KubernetesSetImageAction,
  PipelineAction,
  SlackAction,
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

// Shapes several fields share are one interface (IntegrationReference, HttpHeader, ...): accepted and refused as when
// each class had its own copy (AwsCliActionIntegrationArgs, SlackActionIntegrationArgs, ...).
const slackBase = { ...where, name: "Slack", channel: "#a" };
const awsBase = { ...where, name: "AWS", executeCommands: ["aws s3 ls"], region: "eu-west-1" };
const httpBase = { ...where, name: "GET", notificationUrl: "https://example.com", method: "GET" };
const byIdentifier: IntegrationReferenceArgs = { identifier: pulumi.output("aws-prod") };
const aws = new AwsCliAction("aws", { ...awsBase, integration: byIdentifier });
export const slack = new SlackAction("slack", { ...slackBase, integration: { hashId: "5ddb7c18" } });
// One class's integration output is another's input.
new SlackAction("same-integration", { ...slackBase, integration: aws.integration });
export const integration: pulumi.Output<IntegrationReference> = slack.integration;
export const hashId: pulumi.Output<string | undefined> = slack.integration.apply((i) => i.hashId);
// @ts-expect-error hashID is not a member (hashId is)
new SlackAction("typo-ref", { ...slackBase, integration: { hashID: "5ddb7c18" } });
// @ts-expect-error identifier is a string
new AwsCliAction("number-ref", { ...awsBase, integration: { identifier: 1 } });
// @ts-expect-error the integration is required on an AwsCliAction
new AwsCliAction("no-ref", { ...awsBase });
new HttpRequestAction("headers", { ...httpBase, headers: [{ name: "A", value: "b" }] });
// @ts-expect-error a header has a value
new HttpRequestAction("header-without-value", { ...httpBase, headers: [{ name: "A" }] });
