// Every example project under examples/ (found by its Pulumi.yaml, so a new example is covered without touching
// this file) runs under the real CLI against the emulator: `up` makes what it declares, a second `preview` has
// nothing to do, `destroy` removes it all. The CI recipes in examples/ci/ are run too: their `pulumi` command lines,
// as written, with the token coming from the environment as a CI secret store hands it over.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { api } from "../helpers/emulator";
import { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, LocalStack } from "./harness";
import { repoRoot, type StateResource } from "../../scripts/pulumi-stack";

const examplesDir = path.join(repoRoot, "examples");
const projects = fs
  .readdirSync(examplesDir)
  .filter((name) => fs.existsSync(path.join(examplesDir, name, "Pulumi.yaml")))
  .sort();

/** The action (or Pipeline) behind a state entry, read through Buddy's API: its status code. */
async function actionStatus(emulator: RunningEmulator, r: StateResource): Promise<number> {
  const [ws, project, pipelineId, actionId] = (r.id ?? "").split("/");
  const pipeline = `/workspaces/${ws}/projects/${project}/pipelines/${pipelineId}`;
  const res = await api(emulator, "GET", r.type.endsWith(":Pipeline") ? pipeline : `${pipeline}/actions/${actionId}`);
  return res.status;
}

/** The `pulumi ...` command lines of a CI recipe, in file order (YAML list items and `run:` values). */
function pulumiCommands(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:-\s+)?(?:run:\s+)?(pulumi\s.+?)\s*$/gm)].map((m) => m[1]);
}

describe("e2e: the examples", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  const stacks: LocalStack[] = [];
  /** Stacks a test destroyed itself, or that need no destroy: the clean-up only removes them (one CLI run less each). */
  const destroyed = new Set<LocalStack>();
  const newStack = (dir: string): LocalStack => {
    const stack = new LocalStack({
      programDir: dir,
      env: { BUDDY_BASE_URL: emulator.url, BUDDY_TOKEN: emulator.token },
    });
    stacks.push(stack);
    return stack;
  };

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
  });
  beforeEach(() => emulator.admin.reset());
  afterEach(async () => {
    for (const s of stacks.splice(0)) {
      if (!destroyed.has(s)) await s.destroy().catch(() => undefined);
      await s.dispose();
    }
  });
  after(async () => {
    await emulator?.close();
  });

  it("finds an example per resource class, and the release pipeline", () => {
    for (const name of ["kubernetes-set-image", "tag-docker-image", "pipeline-action", "release-pipeline"]) {
      assert.ok(projects.includes(name), `examples/${name}/Pulumi.yaml is missing`);
    }
  });

  /** What some examples set in their stack config, and check after `up`, beyond what every example is checked for. */
  const extras: Record<string, { config: Record<string, string>; afterUp: () => Promise<void> }> = {
    "release-pipeline-from-scratch": {
      config: {},
      afterUp: async () => {
        const res = await api<{ pipelines: Array<{ id: number; name: string }> }>(
          emulator,
          "GET",
          `/workspaces/${emulator.workspace}/projects/my-project/pipelines`,
        );
        const made = res.body.pipelines.find((p) => p.name === "Release");
        assert.ok(made, "the pipeline was made");
        assert.deepStrictEqual(
          (await admin.actions(made.id)).map((a) => [a.type, a.name]),
          [
            ["KUBERNETES_SET_IMAGE", "Deploy"],
            ["SLACK", "Tell the team"],
          ],
        );
      },
    },
    "release-pipeline": {
      config: { pipelineName: "release", releaseTag: "3.0.0" },
      afterUp: async () => {
        const actions = await admin.actions(2);
        assert.deepStrictEqual(
          actions.map((a) => [a.type, a.name]),
          [
            ["PROMOTE_IMAGE", "Promote image"],
            ["KUBERNETES_SET_IMAGE", "Deploy"],
            ["SLACK", "Tell the team"],
          ],
          "the pipeline found by name holds promote, deploy, notify, in that order",
        );
        assert.strictEqual(actions[1].image_tag, "3.0.0");
        assert.deepStrictEqual(await admin.actions(1), [], "nothing in the pipeline that was not named");
      },
    },
  };

  for (const name of projects) {
    it(`examples/${name}: up creates what it declares, preview then has nothing to do, destroy removes it`, async () => {
      const stack = newStack(path.join(examplesDir, name));
      await stack.init({ workspace: emulator.workspace, ...extras[name]?.config });
      await stack.up();
      const resources = buddyResources((await stack.exportState()).deployment);
      assert.ok(resources.length > 0, "the example declares at least one action");
      for (const r of resources) assert.strictEqual(await actionStatus(emulator, r), 200, `${r.urn} exists in Buddy`);
      await extras[name]?.afterUp();
      const preview = await stack.preview(["--expect-no-changes"]);
      assert.strictEqual(preview.code, 0, preview.output);
      await stack.destroy();
      destroyed.add(stack);
      for (const r of resources) assert.strictEqual(await actionStatus(emulator, r), 404, `${r.urn} is gone`);
    });
  }

  it("examples/ci/github-workflow.yml and buddy.yml: their preview and up commands run as written, the token from the environment", async () => {
    const recipes = ["github-workflow.yml", "buddy.yml"];
    /** Each distinct pair of command lines, once: the recipes write the same lines, and a line runs the same whichever file holds it. */
    const distinct = new Map<string, string[]>();
    for (const recipe of recipes) {
      const file = path.join(examplesDir, "ci", recipe);
      const text = fs.readFileSync(file, "utf8");
      assert.match(
        text,
        recipe === "buddy.yml" ? /refs\/pull\/\*[\s\S]*refs\/heads\/main/ : /pull_request[\s\S]*refs\/heads\/main/,
        recipe,
      );
      assert.match(
        text,
        recipe === "buddy.yml" ? /BUDDY_TOKEN[^]*?ENCRYPTED/ : /BUDDY_TOKEN: \$\{\{ secrets\.BUDDY_TOKEN \}\}/,
        recipe,
      );
      const commands = pulumiCommands(file);
      assert.deepStrictEqual(
        commands.map((c) => c.split(" ").slice(0, 2).join(" ")),
        ["pulumi preview", "pulumi up"],
        recipe,
      );
      distinct.set(JSON.stringify(commands), commands);
    }
    for (const [preview, up] of distinct.values()) {
      await emulator.admin.reset();
      // Not destroyed afterwards: nothing is asserted of it, and the emulator's reset drops what it made.
      const stack = newStack(path.join(examplesDir, "release-pipeline"));
      destroyed.add(stack);
      await stack.init({ workspace: emulator.workspace });
      const previewed = await stack.shell(preview);
      assert.strictEqual(previewed.code, 0, previewed.output);
      assert.deepStrictEqual(await admin.actions(2), [], "preview changes nothing");
      const applied = await stack.shell(up);
      assert.strictEqual(applied.code, 0, applied.output);
      assert.strictEqual((await admin.actions(2)).length, 3);
      const again = await stack.shell(`${preview} --expect-no-changes`);
      assert.strictEqual(again.code, 0, again.output);
    }
  });
});
