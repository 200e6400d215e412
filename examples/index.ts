// The example program: three actions of one Buddy pipeline, in order.
//
//   1. "Set image"  (KubernetesSetImageAction)  points a Kubernetes deployment at a new image tag
//   2. "Tag image"  (TagDockerImageAction)      tags that image as "stable" in the same registry
//   3. "Notify"     (PipelineAction)            any other Buddy action type, its own fields as Buddy names them
//
// Where the actions live comes from stack config (`pulumi config set workspace ...`), with defaults that
// match the local emulator's seed. The Buddy token is NOT an input: set it with
// `pulumi config set --secret buddy:token ...` or the BUDDY_TOKEN environment variable.
import * as pulumi from "@pulumi/pulumi";
import { KubernetesSetImageAction, PipelineAction, TagDockerImageAction } from "pulumi-buddy-actions";

const config = new pulumi.Config();
const location = {
  workspace: config.get("workspace") ?? "my-company",
  projectName: config.get("projectName") ?? "my-project",
  pipelineId: config.getNumber("pipelineId") ?? 1,
};
const imageTag = config.get("imageTag") ?? "1.7.8";

const setImage = new KubernetesSetImageAction("set-image", {
  ...location,
  name: "Set image",
  namespace: "default",
  deployment: "nginx-deployment",
  container: "nginx",
  imageName: "nginx",
  imageTag,
  recordArg: "NOT_SET",
  // A kubeconfig is a credential: the resource stores it as a secret whatever you pass.
  content: config.getSecret("kubeconfig") ?? "apiVersion: v1\nkind: Config\nclusters: []\n",
});

const tagImage = new TagDockerImageAction("tag-image", {
  ...location,
  name: "Tag image as stable",
  afterActionId: setImage.actionId,
  sameLocation: true,
  src: { dockerRegistry: "DOCKER_HUB", image: "nginx" },
  dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "stable" },
});

const notify = new PipelineAction("notify", {
  ...location,
  type: "SLACK",
  name: "Tell the team",
  afterActionId: tagImage.actionId,
  triggerTime: "ON_EVERY_EXECUTION",
  fields: {
    content: `Deployed nginx:${imageTag}`,
    channel: "C024BE91L",
    integration: { identifier: "slack" },
  },
});

export const setImageId = setImage.id;
export const setImageUrl = setImage.htmlUrl;
export const tagImageId = tagImage.id;
export const notifyId = notify.id;
