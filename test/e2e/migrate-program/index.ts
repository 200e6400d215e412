// Two actions as dynamic resources: the "before" of test/e2e/plugin-migration.test.ts, which moves this stack to
// the provider plugin (a YAML program of the same project) without recreating them.
import * as pulumi from "@pulumi/pulumi";
import { SlackAction, SleepAction } from "pulumi-buddy-actions";

const workspace = new pulumi.Config().require("workspace");
const location = { workspace, projectName: "my-project", pipelineId: 1 };

new SlackAction("notify", {
  ...location,
  name: "Notify",
  channel: "C0123",
  integration: { identifier: "slack" },
  content: "Deployed",
});
new SleepAction("pause", { ...location, name: "Pause", sleepInSec: 5 });
