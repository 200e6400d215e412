// A release pipeline declared from nothing, the pipeline and its steps in one program:
//
//   Pipeline "Release"  runs on a push of a release tag (refs/tags/v*), high priority, one run at a time
//     1. "Deploy"         (KubernetesSetImageAction)  points the production deployment at the pushed tag's image
//     2. "Tell the team"  (PipelineAction, SLACK)     says that it went out
//
// The steps take the new pipeline's `pipelineId`, so one `pulumi up` makes the pipeline first and then its steps,
// and `pulumi destroy` removes the steps before the pipeline. Changing a pipeline setting (say `priority`) is one
// edit of the pipeline in place; moving it to another project replaces it (Buddy cannot move a pipeline).
//
//   pulumi config set workspace my-company
//   pulumi config set projectName my-project
//   pulumi config set --secret kubeconfig "$(cat ~/.kube/config)"
//   pulumi config set --secret buddy:token <token>     # or BUDDY_TOKEN in CI
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { KubernetesSetImageAction, Pipeline, PipelineAction } from "pulumi-buddy-actions";

const config = new pulumi.Config();
const workspace = config.get("workspace") ?? "my-company";
const projectName = config.get("projectName") ?? "my-project";
const image = config.get("image") ?? "registry.example.com/shop/web";

const release = new Pipeline("release", {
  workspace,
  projectName,
  name: "Release",
  events: [{ type: "PUSH", refs: ["refs/tags/v*"] }],
  priority: "HIGH",
  concurrentPipelineRuns: false,
  terminateStaleRuns: true,
  executionMessageTemplate: "Release $BUDDY_RUN_COMMIT_SUBJECT",
  permissions: { others: "READ_ONLY" },
});

const where = { workspace, projectName, pipelineId: release.pipelineId };

const deploy = new KubernetesSetImageAction("deploy", {
  ...where,
  name: "Deploy",
  namespace: "production",
  deployment: "web",
  container: "web",
  imageName: image,
  imageTag: "$BUDDY_RUN_TAG",
  content: config.getSecret("kubeconfig") ?? "apiVersion: v1\nkind: Config\nclusters: []\n",
});

const notify = new PipelineAction("notify", {
  ...where,
  type: "SLACK",
  name: "Tell the team",
  afterActionId: deploy.actionId,
  triggerTime: "ON_SUCCESS",
  fields: {
    content: "web $BUDDY_RUN_TAG is live in production",
    channel: config.get("slackChannel") ?? "C024BE91L",
    integration: { identifier: config.get("slackIntegration") ?? "slack-integration-id" },
  },
});

export const pipelineId = release.pipelineId;
export const pipelineUrl = release.htmlUrl;
export const steps = [deploy.htmlUrl, notify.htmlUrl];
