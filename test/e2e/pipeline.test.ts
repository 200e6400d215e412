// Issue 19 items 1-2 through the real Pulumi CLI, one stack reused across the steps (CI time): one `up` makes a
// pipeline and its actions from nothing; a change of one pipeline setting is exactly one PATCH; a setting changed in
// Buddy shows as named drift; `destroy` removes the actions before the pipeline and leaves nothing.
import * as assert from "assert";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { api } from "../helpers/emulator";
import { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, LocalStack } from "./harness";

describe("e2e: a Pipeline and its actions under the real Pulumi CLI", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let stack: LocalStack;
  let pipelineId: number;
  const pipelines = () => `/workspaces/${emulator.workspace}/projects/my-project/pipelines`;
  const writes = async () =>
    (await admin.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.split("?")[0]}`);

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
    stack = new LocalStack({
      programDir: path.join(__dirname, "pipeline-program"),
      env: { BUDDY_BASE_URL: emulator.url, BUDDY_TOKEN: emulator.token },
    });
    await stack.init({ workspace: emulator.workspace, priority: "LOW" });
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.close();
  });

  it("a preview from nothing succeeds (the actions' pipelineId is not known yet) and writes nothing", async () => {
    await admin.clearRequests();
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.stdout, /\+ {1,4}pulumi-nodejs:dynamic\/buddy:Pipeline/);
    assert.deepStrictEqual(await writes(), []);
  });

  it("one up makes the pipeline, then its actions in it", async () => {
    await admin.clearRequests();
    await stack.up();
    const { deployment } = await stack.exportState();
    const pipeline = buddyResources(deployment).find((r) => r.type.endsWith(":Pipeline"));
    assert.ok(pipeline?.id, "the state holds the pipeline");
    pipelineId = Number(pipeline.id.split("/")[2]);
    // The pipeline first; then each action's POST (under its create's claim name) and the PATCH of its name
    // (README "Create safety"), the two creates running side by side.
    const written = await writes();
    assert.strictEqual(written[0], `POST ${pipelines()}`);
    assert.deepStrictEqual(
      written
        .slice(1)
        .map((w) => w.replace(/\/actions\/\d+$/, "/actions/:id"))
        .sort(),
      [
        `PATCH ${pipelines()}/${pipelineId}/actions/:id`,
        `PATCH ${pipelines()}/${pipelineId}/actions/:id`,
        `POST ${pipelines()}/${pipelineId}/actions`,
        `POST ${pipelines()}/${pipelineId}/actions`,
      ],
    );
    const got = await api<Record<string, unknown>>(emulator, "GET", `${pipelines()}/${pipelineId}`);
    assert.strictEqual(got.body.priority, "LOW");
    assert.deepStrictEqual(
      (await admin.actions(pipelineId)).map((a) => [a.type, a.name]),
      [
        ["SLEEP", "Wait for the rollout"],
        ["SLEEP", "Settle"],
      ],
    );
  });

  it("a change of one pipeline setting is exactly one PATCH, of that setting, and no action is touched", async () => {
    await stack.setConfig({ priority: "HIGH" });
    await admin.clearRequests();
    await stack.up();
    const patches = (await admin.requests()).filter((r) => r.method === "PATCH");
    assert.deepStrictEqual(
      patches.map((r) => [r.path, r.body]),
      [[`${pipelines()}/${pipelineId}`, { priority: "HIGH" }]],
    );
    assert.deepStrictEqual(await writes(), [`PATCH ${pipelines()}/${pipelineId}`]);
  });

  it("a setting changed in Buddy shows as named drift on a refreshing preview", async () => {
    emulator.admin.editPipeline(emulator.workspace, "my-project", pipelineId, { priority: "NORMAL" });
    const preview = await stack.preview(["--refresh", "--diff"]);
    assert.match(preview.stdout, /~ pulumi-nodejs:dynamic\/buddy:Pipeline: \(update\)/);
    assert.match(preview.stdout, /~ priority\s*: "NORMAL" => "HIGH"/);
    assert.doesNotMatch(preview.stdout, /buddy:SleepAction: \(update\)|replace/);
  });

  it("destroy deletes the actions before the pipeline and leaves nothing", async () => {
    await admin.clearRequests();
    await stack.destroy();
    const deletes = await writes();
    assert.strictEqual(deletes.length, 3);
    assert.strictEqual(deletes[2], `DELETE ${pipelines()}/${pipelineId}`, deletes.join("\n"));
    assert.strictEqual((await api(emulator, "GET", `${pipelines()}/${pipelineId}`)).status, 404);
    const { deployment } = await stack.exportState();
    assert.deepStrictEqual(buddyResources(deployment), []);
  });
});
