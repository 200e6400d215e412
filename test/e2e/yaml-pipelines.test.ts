// Issue 19 item 3 through the real CLI: a program whose actions live in a pipeline defined in YAML in a repository
// (definition_source REMOTE) stops `pulumi preview` with one clear error per resource naming the pipeline and its
// definition source, and `up` stops the same way; nothing is written (the emulator's request log).
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { REMOTE_ID, yamlSeed } from "../helpers/yaml-pipelines";
import { e2eStack, stateIds, useTrackedStacks } from "./harness";

describe("e2e: an action on a pipeline defined in YAML stops preview (issue 19 item 3)", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  const track = useTrackedStacks();

  before(async () => {
    emulator = await startEmulator({ quiet: true, seed: yamlSeed });
  });
  after(async () => {
    await emulator?.close();
  });

  it("preview and up fail at check with the pipeline's name, id and definition source; no write reaches Buddy", async () => {
    const stack = track(e2eStack(emulator.url, emulator.token));
    await stack.init({ workspace: emulator.workspace, pipelineId: REMOTE_ID });
    emulator.admin.clearRequests();
    const message =
      'pipeline "templated" (id 3) in my-company/my-project is defined in YAML (definition_source REMOTE: the file ' +
      '"pipelines/deploy.yml" at ref "refs/heads/main" of project "ci-templates")';
    for (const args of [["preview"], ["up", "--yes", "--skip-preview"]]) {
      const run = await stack.run(args);
      assert.notStrictEqual(run.code, 0, run.output);
      const lines = run.output.split("\n").filter((l) => l.includes(message));
      assert.ok(lines.length > 0, run.output);
      for (const line of lines) assert.match(line, /Nothing was written\./, `one line per error: ${line}`);
      assert.doesNotMatch(run.output, /^\s+at \S.*(\(|:\d+:\d+)/m, "no stack frame");
    }
    const writes = emulator.admin.requests().filter((r) => r.method !== "GET");
    assert.deepStrictEqual(writes, [], "no POST, PATCH or DELETE");
    assert.deepStrictEqual(await stateIds(stack), []);
  });
});
