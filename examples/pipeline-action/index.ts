// Any Buddy action type as a PipelineAction: `type` is an input, the common settings are typed and checked at
// preview, and the type's own fields go in `fields` under Buddy's (snake_case) names, sent as they are.
// Here the checks after a deployment: wait for the rollout, check the site answers, and call a webhook only when
// a step before failed.
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

const wait = new PipelineAction("wait-for-rollout", {
  ...where,
  type: "SLEEP",
  name: "Wait for the rollout",
  fields: { sleep_in_sec: 60 },
});

const healthCheck = new PipelineAction("health-check", {
  ...where,
  type: "WEB",
  name: "Site answers",
  afterActionId: wait.actionId,
  retryCount: 3,
  retryInterval: 20,
  fields: { destination: "https://shop.example.com/health", text: "ok", text_existence: true },
});

const alert = new PipelineAction("alert", {
  ...where,
  type: "HTTP",
  name: "Call the on-call webhook",
  afterActionId: healthCheck.actionId,
  triggerTime: "ON_FAILURE",
  runOnlyOnFirstFailure: true,
  fields: {
    notification_url: "https://hooks.example.com/on-call",
    method: "POST",
    content: '{"text": "shop.example.com failed its health check after a deployment"}',
  },
});

export const healthCheckId = healthCheck.actionId;
export const alertId = alert.actionId;
