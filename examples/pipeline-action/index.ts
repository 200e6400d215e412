// Any Buddy action type as a PipelineAction: `type` is an input, the common settings are typed and checked at
// preview, and the type's own fields go in `fields` under Buddy's (snake_case) names, sent as they are.
// Here a shell step that runs the smoke tests after a deployment, and a Slack message only when they fail.
//
//   pulumi config set workspace my-company
//   pulumi config set projectName my-project
//   pulumi config set pipelineId 1
//   pulumi config set --secret buddy:token <token>
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { PipelineAction } from "pulumi-buddy-actions";

const config = new pulumi.Config();
const where = {
  workspace: config.get("workspace") ?? "my-company",
  projectName: config.get("projectName") ?? "my-project",
  pipelineId: config.getNumber("pipelineId") ?? 1,
};

const smokeTests = new PipelineAction("smoke-tests", {
  ...where,
  type: "BUILD",
  name: "Smoke tests",
  retryCount: 2,
  retryInterval: 30,
  fields: {
    docker_image_name: "library/node",
    docker_image_tag: "22",
    execute_commands: ["npm ci", "npm run smoke"],
  },
});

const alert = new PipelineAction("alert", {
  ...where,
  type: "SLACK",
  name: "Smoke tests failed",
  afterActionId: smokeTests.actionId,
  triggerTime: "ON_FAILURE",
  runOnlyOnFirstFailure: true,
  fields: { content: "Smoke tests failed on $BUDDY_EXECUTION_REVISION_SHORT", channel_name: "#deployments" },
});

export const smokeTestsId = smokeTests.actionId;
export const alertId = alert.actionId;
