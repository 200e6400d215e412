// The plugin as a user installs it: the archive `npm run pack:plugin` writes (a Node.js single executable), installed
// by the real CLI with `pulumi plugin install resource buddy <version> --file <archive>` into a fresh PULUMI_HOME,
// then a YAML program that names no plugin path (the Registry example of SleepAction) runs up and destroy against
// the emulator, with no `node` on PATH.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { LocalStack, repoRoot, requireCli } from "../../scripts/pulumi-stack";
import { EmulatorAdmin } from "./emulator-admin";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(repoRoot, "scripts", "pulumi-cli.js")) as { locateYamlHost(): string | undefined };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const archiver = require(path.join(repoRoot, "scripts", "plugin-archive.js")) as {
  pluginArchive(opts: { dest: string; launcher?: boolean }): Promise<string>;
};

/**
 * The program: the Registry example of SleepAction exactly as the schema's description shows it (what
 * test/unit/catalog/registry-examples.test.ts checks for every type), moved to the emulator's pipeline 1.
 */
function exampleProgram(): string {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider/plugin/schema.json"), "utf8")) as {
    resources: Record<string, { description: string }>;
  };
  const example = /```yaml\n([\s\S]*?)```/.exec(schema.resources["buddy:index:SleepAction"].description)?.[1] ?? "";
  assert.ok(example.includes("      pipelineId: 123\n"), example);
  return `name: buddy-plugin-archive-e2e\nruntime: yaml\n${example.replace("pipelineId: 123", "pipelineId: 1")}`;
}

describe("e2e: the plugin archive installed with `pulumi plugin install --file`", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let work: string;
  let stack: LocalStack;

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-plugin-archive-"));
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("installs into PULUMI_HOME and serves a YAML program without Node.js: up creates, destroy deletes", async () => {
    const yamlHost = cli.locateYamlHost();
    if (!yamlHost) throw new Error("No YAML language host: run `node scripts/setup.js` (it builds and caches it)");
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    const archive = await archiver.pluginArchive({ dest: path.join(work, "packs") });
    assert.match(
      path.basename(archive),
      new RegExp(`^pulumi-resource-buddy-v${version}-linux-(amd64|arm64)\\.tar\\.gz$`),
    );

    // Only the CLI and the YAML host on PATH: neither folder holds `node`, so the plugin cannot be a node script.
    const PATH = [yamlHost, requireCli()].join(path.delimiter);
    for (const dir of PATH.split(path.delimiter)) assert.ok(!fs.existsSync(path.join(dir, "node")), `node in ${dir}`);
    const home = path.join(work, "pulumi-home");
    const programDir = path.join(work, "program");
    fs.mkdirSync(programDir);
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), exampleProgram());
    stack = new LocalStack({ programDir, env: { PATH, PULUMI_HOME: home, BUDDY_BASE_URL: emulator.url } });

    const pulumi = (args: string[]): string =>
      execFileSync(path.join(requireCli(), "pulumi"), args, {
        env: { ...process.env, PATH, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" },
        encoding: "utf8",
      });
    pulumi(["plugin", "install", "resource", "buddy", version, "--file", archive]);
    const installed = path.join(home, "plugins", `resource-buddy-v${version}`, "pulumi-resource-buddy");
    assert.ok(fs.statSync(installed).isFile(), `${installed} is missing`);
    assert.match(pulumi(["plugin", "ls"]), new RegExp(`buddy\\s+resource\\s+${version.replace(/\./g, "\\.")}`));

    const admin = new EmulatorAdmin(emulator);
    assert.strictEqual(emulator.workspace, "my-company", "the example's workspace");
    await stack.init({}, { "buddy:token": emulator.token });
    await stack.up();
    const actions = await admin.actions(1);
    assert.deepStrictEqual(
      actions.map((a) => [a.type, a.name, a.sleep_in_sec]),
      [["SLEEP", "My Sleep", 1]],
    );
    const { deployment } = await stack.exportState();
    const resources = (deployment as unknown as { deployment: { resources: Array<{ type: string; id?: string }> } })
      .deployment.resources;
    assert.deepStrictEqual(
      resources.filter((r) => r.type === "buddy:index:SleepAction").map((r) => r.id),
      [`${emulator.workspace}/my-project/1/${String(actions[0]?.id)}`],
    );
    await stack.destroy();
    assert.deepStrictEqual(await admin.actions(1), []);
  });
});
