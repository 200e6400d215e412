// A pipeline of a dozen diverse generated action types, as a user writes it: typed inputs with camelCase names,
// nested objects and lists, enums, defaults left to Buddy, and credentials from secret config.
import * as pulumi from "@pulumi/pulumi";
import {
  AmazonS3Action,
  BuildDockerImageAction,
  GitHubReleaseAction,
  HelmAction,
  HttpRequestAction,
  KubernetesSetImageAction,
  RunDockerContainerAction,
  SftpAction,
  SlackAction,
  SleepAction,
  TagDockerImageAction,
  TriggerPipelineAction,
  WebMonitoringAction,
} from "pulumi-buddy-actions";

const config = new pulumi.Config();
const where = { workspace: config.require("workspace"), projectName: "my-project", pipelineId: 1 };
const sftpPassword = config.requireSecret("sftpPassword");
const serverKey = config.requireSecret("serverKey");
const helmToken = config.requireSecret("helmToken");

const build = new BuildDockerImageAction("build", {
  ...where,
  name: "Build image",
  dockerfilePath: "Dockerfile",
  provenance: "MIN",
});
const run = new RunDockerContainerAction("run", {
  ...where,
  name: "Run tests",
  afterActionId: build.actionId,
  dockerImageName: "node",
  dockerImageTag: "22",
  inlineCommands: "npm test",
});
const s3 = new AmazonS3Action("s3", {
  ...where,
  name: "Upload assets",
  bucketName: "assets",
  integration: { identifier: "aws-main" },
  deploymentExcludes: ["*.map"],
});
const sftp = new SftpAction("sftp", {
  ...where,
  name: "Upload by SFTP",
  authenticationMode: "PASS",
  host: "sftp.example.com",
  port: "22",
  login: "deploy",
  password: sftpPassword,
  serverKey,
});
const setImage = new KubernetesSetImageAction("set-image", {
  ...where,
  name: "Set image",
  namespace: "default",
  deployment: "web",
  container: "web",
  imageName: "registry.example.com/web",
  imageTag: config.get("imageTag") ?? "1.0.0",
});
const tag = new TagDockerImageAction("tag", {
  ...where,
  name: "Tag stable",
  sameLocation: true,
  src: { dockerRegistry: "DOCKER_HUB", image: "web" },
  dest: { tag: "stable" },
});
const helm = new HelmAction("helm", {
  ...where,
  name: "Helm upgrade",
  authType: "TOKEN",
  server: "https://k8s.example.com",
  token: helmToken,
  helmVersion: "3.14.0",
  executeCommands: ["helm upgrade --install web ./chart"],
});
const sleep = new SleepAction("sleep", { ...where, name: "Wait a minute", sleepInSec: 60 });
const web = new WebMonitoringAction("web", { ...where, name: "Check the site", destination: "https://example.com" });
const http = new HttpRequestAction("http", {
  ...where,
  name: "Call the hook",
  notificationUrl: "https://hooks.example.com/deployed",
  method: "POST",
});
const release = new GitHubReleaseAction("release", {
  ...where,
  name: "GitHub release",
  tagName: "v1.0.0",
  organization: "my-org",
  externalProjectId: "web",
});
const slack = new SlackAction("slack", {
  ...where,
  name: "Tell the team",
  channel: "C024BE91L",
  integration: { identifier: "slack" },
  content: `Deployed web ${config.get("imageTag") ?? "1.0.0"}`,
});
const next = new TriggerPipelineAction("next", { ...where, name: "Trigger release", nextPipeline: { id: 2 } });

export const ids = [build, run, s3, sftp, setImage, tag, helm, sleep, web, http, release, slack, next].map((r) => r.id);
