// The provider plugin `pulumi-resource-buddy` under the real Pulumi CLI, driven by a YAML program (the YAML language
// host built by scripts/pulumi-cli.js): up, a no-change preview, an in-place update, refresh with drift, `pulumi
// import` of an action made outside Pulumi, destroy, and the token and a secret input kept out of `stack export`.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import type { LocalStack } from "../../scripts/pulumi-stack";
import { ManualClock } from "../helpers/clock";
import { EmulatorAdmin } from "./emulator-admin";
import { pluginProgram, upKilledDuringPost, yamlProject, type YamlProject } from "./plugin-project";

const WEBHOOK = "https://discord.example/api/webhooks/123/very-secret-webhook-token";

/** A YAML program loading the plugin from this checkout, with `resources` (YAML text) below its config and lookup. */
const program = (resources: string): string =>
  pluginProgram(
    "buddy-plugin-e2e",
    `variables:
  pipeline:
    fn::invoke:
      function: buddy:index:getPipeline
      arguments:
        workspace: \${workspace}
        projectName: my-project
        name: build-and-deploy
${resources}`,
    `  message:
    type: string
    default: Deployed
  genericType:
    type: string
    default: NOT_IN_CATALOG
  webhook:
    type: string
`,
  );

/** Three actions; `message` (stack config) is the content of the Slack one, `webhook` (a secret) Discord's URL. */
const THREE_ACTIONS = `resources:
  notify:
    type: buddy:index:SlackAction
    properties:
      workspace: \${workspace}
      projectName: my-project
      pipelineId: \${pipeline.id}
      name: Notify
      channel: C0123
      integration:
        identifier: slack
      content: \${message}
  discord:
    type: buddy:index:DiscordAction
    properties:
      workspace: \${workspace}
      projectName: my-project
      pipelineId: \${pipeline.id}
      name: Tell Discord
      notificationUrl: \${webhook}
      content: done
  generic:
    type: buddy:index:PipelineAction
    properties:
      workspace: \${workspace}
      projectName: my-project
      pipelineId: \${pipeline.id}
      name: Generic
      type: \${genericType}
      fields:
        some_setting: on
outputs:
  notifyId: \${notify.actionId}
`;

type State = {
  deployment: { resources?: Array<{ type: string; id?: string; urn: string; outputs?: Record<string, unknown> }> };
};

describe("e2e: the provider plugin from a YAML program", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let project: YamlProject;
  let stack: LocalStack;
  let programDir: string;
  let pipelineId: number;

  const actionsByName = async (): Promise<Map<string, Record<string, unknown>>> =>
    new Map((await admin.actions(pipelineId)).map((a) => [a.name, a]));
  const buddyState = async (): Promise<State["deployment"]["resources"] & object> => {
    const { deployment } = await stack.exportState();
    return ((deployment as unknown as State).deployment.resources ?? []).filter((r) =>
      r.type.startsWith("buddy:index:"),
    );
  };

  before(async function () {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
    pipelineId = 1;
    project = yamlProject("buddy-plugin-yaml-", program(THREE_ACTIONS), emulator.url);
    ({ stack, dir: programDir } = project);
    await stack.init({ workspace: emulator.workspace }, { "buddy:token": emulator.token, webhook: WEBHOOK });
  });

  after(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("up creates the actions, found through getPipeline, with the plugin's resource types", async () => {
    const r = await stack.up();
    assert.match(r.output, /buddy:index:SlackAction/);
    const actions = await actionsByName();
    // YAML programs create independent resources in parallel: the pipeline's order is not the program's.
    assert.deepStrictEqual([...actions.values()].map((a) => `${String(a.type)} ${String(a.name)}`).sort(), [
      "DISCORD Tell Discord",
      "NOT_IN_CATALOG Generic",
      "SLACK Notify",
    ]);
    const ids = (await buddyState()).map((s) => s.id).sort();
    const expected = [...actions.values()].map((a) => `${emulator.workspace}/my-project/${pipelineId}/${a.id}`);
    assert.deepStrictEqual(ids, expected.sort());
  });

  it("neither the token nor the secret input is in plain text in `stack export`", async () => {
    const { text } = await stack.exportState();
    assert.ok(!text.includes(emulator.token), "the token is in the state");
    assert.ok(!text.includes("very-secret-webhook-token"), "the webhook URL is in the state");
    const discord = (await buddyState()).find((s) => s.type === "buddy:index:DiscordAction");
    assert.ok(discord?.outputs && typeof discord.outputs.notificationUrl === "object", JSON.stringify(discord));
  });

  it("a preview right after up reports no changes and makes no write call", async () => {
    await admin.clearRequests();
    const r = await stack.preview(["--expect-no-changes"]);
    assert.strictEqual(r.code, 0, r.output);
    assert.deepStrictEqual(
      (await admin.requests()).filter((q) => q.method !== "GET"),
      [],
    );
    // Check sees the state's inputs: an existing resource is not a create, so no pipeline listing and no warning
    // that its own action is another same-named one (the plugin gave check no olds before).
    assert.deepStrictEqual(
      (await admin.requests()).filter((q) => q.path.endsWith("/actions")).map((q) => `${q.method} ${q.path}`),
      [],
    );
    assert.doesNotMatch(r.output, /already holds/);
  });

  it("a changed input is an in-place update: one PATCH with only the changed field (+ type and name)", async () => {
    await stack.setConfig({ message: "Released" });
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /~ 1 to update/);
    assert.doesNotMatch(preview.output, /replace/i);
    await admin.clearRequests();
    await stack.up();
    const writes = (await admin.requests()).filter((q) => q.method !== "GET");
    assert.deepStrictEqual(
      writes.map((w) => [w.method, w.body]),
      [["PATCH", { type: "SLACK", name: "Notify", content: "Released" }]],
    );
    assert.strictEqual((await actionsByName()).get("Notify")?.content, "Released");
  });

  it("refresh reads drift made in Buddy, and the next preview shows it as an update", async () => {
    const notify = (await actionsByName()).get("Notify") as { id: number };
    await admin.editAction(pipelineId, notify.id, { content: "edited in Buddy" });
    await stack.refresh();
    const state = (await buddyState()).find((s) => s.type === "buddy:index:SlackAction");
    assert.strictEqual(state?.outputs?.content, "edited in Buddy");
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /~ 1 to update/);
    await stack.up();
    assert.strictEqual((await actionsByName()).get("Notify")?.content, "Released");
  });

  it("a change Buddy cannot make in place (PipelineAction's type) is a replace: a new action, the old one deleted", async () => {
    const before = (await actionsByName()).get("Generic") as { id: number };
    await stack.setConfig({ genericType: "ANOTHER_TYPE" });
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /\+-1 to replace/);
    await stack.up();
    const after = (await actionsByName()).get("Generic") as { id: number; type: string };
    assert.strictEqual(after.type, "ANOTHER_TYPE");
    assert.notStrictEqual(after.id, before.id);
    assert.strictEqual((await admin.actions(pipelineId)).filter((a) => a.name === "Generic").length, 1);
  });

  it("`pulumi import` adopts an action made in Buddy and writes the program's YAML for it", async () => {
    const made = await admin.addAction(pipelineId, {
      type: "SLACK",
      name: "Made by hand",
      channel: "C0999",
      content: "hello",
      integration: { identifier: "slack" },
    } as never);
    const id = `${emulator.workspace}/my-project/${pipelineId}/${made.id}`;
    const out = path.join(programDir, "imported.yaml");
    const r = await stack.ok([
      "import",
      "buddy:index:SlackAction",
      "handmade",
      id,
      "--yes",
      "--protect=false",
      "--out",
      out,
    ]);
    assert.match(r.output, /1 imported/);
    const code = fs.readFileSync(out, "utf8");
    // The YAML writer drops the `index` module from the token; both spellings name the same type.
    assert.match(code, /type: buddy:SlackAction/);
    assert.match(code, /channel: C0999/);
    assert.match(code, /content: hello/);
    const imported = (await buddyState()).find((s) => s.id === id);
    assert.strictEqual(imported?.outputs?.name, "Made by hand");
  });

  it("destroy deletes every action it manages", async () => {
    await stack.destroy();
    assert.deepStrictEqual([...(await actionsByName()).keys()], []);
  });
});

// `pulumi refresh --import-pending-creates <urn> <id>` does not recover it with CLI 3.248.0: the refresh drops the
// pending create without launching any provider (measured with -v=9: no Read call, the buddy plugin is never
// started), so it is an engine matter, not a provider one. What works: clear the pending create, then `pulumi import`
// the action under the program's own name.
describe("e2e: the provider plugin recovers a killed run's create with `pulumi import`", function () {
  this.timeout(600_000);
  const clock = new ManualClock();
  const LATENCY = 60_000;
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let project: YamlProject;

  before(async function () {
    // Every POST waits on the test's clock: the run can be killed while its create is in flight.
    emulator = await startEmulator({
      quiet: true,
      clock,
      faults: { rate: 1, kinds: ["latency"], latencyMs: LATENCY, methods: ["POST"] },
    });
    admin = new EmulatorAdmin(emulator);
    project = yamlProject(
      "buddy-plugin-yaml-",
      program(`resources:
  interrupted:
    type: buddy:index:SlackAction
    properties:
      workspace: \${workspace}
      projectName: my-project
      pipelineId: \${pipeline.id}
      name: Interrupted
      channel: C0123
      integration:
        identifier: slack
      content: hello
`),
      emulator.url,
    );
    await project.stack.init(
      { workspace: emulator.workspace, message: "unused" },
      { "buddy:token": emulator.token, webhook: "x" },
    );
  });

  after(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("a run killed during its POST leaves a pending create; the action is imported under the program's name", async () => {
    const made = await upKilledDuringPost(project, admin, clock, LATENCY, "Interrupted");
    const { stack } = project;

    const { deployment } = await stack.exportState();
    const pending =
      (
        deployment as unknown as {
          deployment: { pending_operations?: Array<{ type: string; resource: { urn: string } }> };
        }
      ).deployment.pending_operations ?? [];
    assert.deepStrictEqual(
      pending.map((p) => p.type),
      ["creating"],
    );
    const id = `${emulator.workspace}/my-project/1/${made.id}`;

    // The killed run still holds the stack's lock, as after any killed run.
    await stack.ok(["cancel", "--yes"]);
    await stack.refresh(["--clear-pending-creates"]);
    const r = await stack.ok(["import", "buddy:index:SlackAction", "interrupted", id, "--yes", "--protect=false"]);
    assert.match(r.output, /1 imported/);
    const after = await stack.exportState();
    const resource = (
      after.deployment as unknown as { deployment: { resources: Array<{ urn: string; id?: string }> } }
    ).deployment.resources.find((x) => x.urn.endsWith("::buddy:index:SlackAction::interrupted"));
    assert.strictEqual(resource?.id, id);
    // The recovered action is managed: the next up makes no second one.
    await admin.setFaults({ rate: 0 });
    await stack.up();
    assert.deepStrictEqual(
      (await admin.actions(1)).filter((a) => a.name === "Interrupted").map((a) => a.id),
      [made.id],
    );
    await stack.destroy();
    assert.deepStrictEqual(
      (await admin.actions(1)).filter((a) => a.name === "Interrupted"),
      [],
    );
  });
});
