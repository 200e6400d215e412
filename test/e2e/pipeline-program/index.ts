// A pipeline and its actions from nothing: the actions take the new pipeline's `pipelineId` (an Output), so Pulumi
// makes the pipeline first and deletes the actions first. `priority` is stack config, so a test changes one
// pipeline setting the way a user would.
import * as pulumi from "@pulumi/pulumi";
import { PipelineAction, Pipeline, SleepAction } from "pulumi-buddy-actions";

const config = new pulumi.Config();
const workspace = config.require("workspace");
const projectName = "my-project";

const pipeline = new Pipeline("release", {
  workspace,
  projectName,
  name: "Release",
  priority: (config.get("priority") ?? "NORMAL") as "LOW" | "NORMAL" | "HIGH",
  events: [{ type: "PUSH", refs: ["refs/heads/main"] }],
  concurrentPipelineRuns: false,
});

const wait = new SleepAction("wait", {
  workspace,
  projectName,
  pipelineId: pipeline.pipelineId,
  name: "Wait for the rollout",
  sleepInSec: 5,
});

new PipelineAction("notify", {
  workspace,
  projectName,
  pipelineId: pipeline.pipelineId,
  afterActionId: wait.actionId,
  type: "SLEEP",
  name: "Settle",
  fields: { sleep_in_sec: 1 },
});

export const pipelineId = pipeline.pipelineId;
