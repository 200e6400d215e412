// A release pipeline as code: the pipeline is found by name (no ids in the program), then three steps in order:
//
//   1. "Promote image"  (TagDockerImageAction)      gives the tested build's image the release tag
//   2. "Deploy"         (KubernetesSetImageAction)  points the production deployment at that tag
//   3. "Tell the team"  (PipelineAction, SLACK)     says which version went out
//
// Changing `releaseTag` and running `pulumi up` updates the steps in place (one PATCH each that mentions it).
//
//   pulumi config set workspace my-company
//   pulumi config set projectName my-project
//   pulumi config set pipelineName release
//   pulumi config set releaseTag 2.4.0
//   pulumi config set --secret kubeconfig "$(cat ~/.kube/config)"
//   pulumi config set --secret registryPassword <password>
//   pulumi config set --secret buddy:token <token>     # or BUDDY_TOKEN in CI
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import {
  KubernetesSetImageAction,
  PipelineAction,
  TagDockerImageAction,
  getPipeline,
  getProject,
} from "pulumi-buddy-actions";

const config = new pulumi.Config();
const workspace = config.get("workspace") ?? "my-company";
const registry = config.get("registry") ?? "registry.example.com";
const image = "shop/web";
const buildTag = config.get("buildTag") ?? "build-1842";
const releaseTag = config.get("releaseTag") ?? "2.4.0";

// Looked up at preview and at up, with the same token and endpoint as the resources.
const project = getProject({ workspace, name: config.get("projectName") ?? "my-project" });
const pipeline = getPipeline({ workspace, projectName: project.id, name: config.get("pipelineName") ?? "release" });
const where = { workspace, projectName: project.id, pipelineId: pipeline.id };

const promote = new TagDockerImageAction("promote", {
  ...where,
  name: "Promote image",
  sameLocation: true,
  src: {
    dockerRegistry: "OTHER",
    registry,
    image,
    tag: buildTag,
    username: "ci",
    password: config.getSecret("registryPassword") ?? "not-a-real-password",
  },
  dest: { tag: releaseTag },
});

const deploy = new KubernetesSetImageAction("deploy", {
  ...where,
  name: "Deploy",
  afterActionId: promote.actionId,
  namespace: "production",
  deployment: "web",
  container: "web",
  imageName: `${registry}/${image}`,
  imageTag: releaseTag,
  recordArg: "TRUE",
  content: config.getSecret("kubeconfig") ?? "apiVersion: v1\nkind: Config\nclusters: []\n",
});

const notify = new PipelineAction("notify", {
  ...where,
  type: "SLACK",
  name: "Tell the team",
  afterActionId: deploy.actionId,
  triggerTime: "ON_SUCCESS",
  // Buddy's SLACK action posts through a Slack integration of the workspace, to a channel given by its id.
  fields: {
    content: `web ${releaseTag} is live in production`,
    channel: config.get("slackChannel") ?? "C024BE91L",
    integration: { identifier: config.get("slackIntegration") ?? "slack-integration-id" },
  },
});

export const pipelineUrl = pipeline.htmlUrl;
export const steps = [promote.htmlUrl, deploy.htmlUrl, notify.htmlUrl];
