// Moving a stack from the dynamic resources to the provider plugin without recreating its actions, as README "Which
// door" says: the same stack (project and backend), first run by a TypeScript program of dynamic resources
// (test/e2e/migrate-program), then by a YAML program of the plugin's types.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { LocalStack, repoRoot } from "../../scripts/pulumi-stack";
import { EmulatorAdmin } from "./emulator-admin";
import { pluginProgram, yamlProject, type YamlProject } from "./plugin-project";

type Resource = { type: string; urn: string; id?: string };

/** The YAML program of the same project: the two actions as the plugin's types, `options` (YAML) on each. */
function yamlProgram(options: (name: string) => string): string {
  return pluginProgram(
    "buddy-migrate-e2e",
    `resources:
  notify:
    type: buddy:index:SlackAction
    properties:
      workspace: \${workspace}
      projectName: my-project
      pipelineId: 1
      name: Notify
      channel: C0123
      integration:
        identifier: slack
      content: Deployed
${options("notify")}
  pause:
    type: buddy:index:SleepAction
    properties:
      workspace: \${workspace}
      projectName: my-project
      pipelineId: 1
      name: Pause
      sleepInSec: 5
${options("pause")}
`,
  );
}

describe("e2e: moving a stack from the dynamic resources to the plugin", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let dynamic: LocalStack;
  let plugin: LocalStack;
  let project: YamlProject;

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
    dynamic = new LocalStack({
      programDir: path.join(__dirname, "migrate-program"),
      env: { BUDDY_BASE_URL: emulator.url },
    });
    await dynamic.init({ workspace: emulator.workspace }, { "buddy:token": emulator.token });
    await dynamic.up();
    // The same stack, run from the YAML program: same backend, same stack name, the stack's settings file copied.
    project = yamlProject(
      "buddy-migrate-yaml-",
      yamlProgram(() => ""),
      emulator.url,
      {
        stackName: dynamic.stackName,
        env: { PULUMI_BACKEND_URL: `file://${dynamic.backendDir}` },
      },
    );
    plugin = project.stack;
    const settings = `Pulumi.${dynamic.stackName}.yaml`;
    fs.copyFileSync(path.join(dynamic.programDir, settings), path.join(project.dir, settings));
  });
  after(async () => {
    await plugin?.run(["destroy", "--yes"]);
    await dynamic?.dispose();
    fs.rmSync(path.join(repoRoot, "test", "e2e", "migrate-program", `Pulumi.${dynamic?.stackName}.yaml`), {
      force: true,
    });
    if (plugin) fs.rmSync(plugin.backendDir, { recursive: true, force: true });
    await emulator?.close();
    if (project) fs.rmSync(project.dir, { recursive: true, force: true });
  });

  const resources = async (stack: LocalStack): Promise<Resource[]> =>
    ((await stack.exportState()).deployment as unknown as { deployment: { resources?: Resource[] } }).deployment
      .resources ?? [];

  it("aliases: one `pulumi up` of the YAML program takes both actions over: same ids, no POST, no DELETE", async () => {
    const before = await resources(dynamic);
    // The program creates both at once: which one gets which id varies, so everything below is by name.
    const listed = async (): Promise<Array<[unknown, unknown, unknown]>> =>
      (await admin.actions(1)).map((a) => [a.name, a.type, a.id] as [unknown, unknown, unknown]).sort();
    const actionsBefore = await listed();
    assert.deepStrictEqual(
      actionsBefore.map(([name, type]) => [name, type]),
      [
        ["Notify", "SLACK"],
        ["Pause", "SLEEP"],
      ],
    );
    const urnOf = (name: string): string => {
      const urn = before.find((r) => r.urn.endsWith(`::${name}`))?.urn ?? "";
      assert.ok(urn.includes("::pulumi-nodejs:dynamic/buddy:"), `${name}: ${urn}`);
      return urn;
    };
    // Each resource names its old URN (type pulumi-nodejs:dynamic/buddy:<Class>) as an alias.
    project.write(yamlProgram((name) => `    options:\n      aliases:\n        - ${urnOf(name)}`));
    await admin.clearRequests();
    const preview = await plugin.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, /to create|to delete|to replace/, preview.output);
    await plugin.up();
    // Not even a PATCH: the plugin's diff of the dynamic resource's state against the program finds no change.
    assert.deepStrictEqual(
      (await admin.requests()).filter((q) => q.method !== "GET"),
      [],
    );
    assert.deepStrictEqual(await listed(), actionsBefore);
    const after = (await resources(plugin)).filter((r) => r.type.startsWith("buddy:"));
    assert.deepStrictEqual(after.map((r) => [r.type, r.id]).sort(), [
      ["buddy:index:SlackAction", `${emulator.workspace}/my-project/1/${String(actionsBefore[0][2])}`],
      ["buddy:index:SleepAction", `${emulator.workspace}/my-project/1/${String(actionsBefore[1][2])}`],
    ]);
  });

  it("then refresh rewrites the outputs in the plugin's form; without the aliases nothing changes; destroy deletes", async () => {
    await admin.clearRequests();
    await plugin.refresh();
    const { text } = await plugin.exportState();
    assert.ok(!text.includes("__provider"), "the dynamic provider's serialized code is still in the state");
    project.write(yamlProgram(() => ""));
    const preview = await plugin.preview(["--expect-no-changes"]);
    assert.strictEqual(preview.code, 0, preview.output);
    assert.deepStrictEqual(
      (await admin.requests()).filter((q) => q.method !== "GET"),
      [],
    );
    await plugin.destroy();
    assert.deepStrictEqual(await admin.actions(1), []);
  });
});
