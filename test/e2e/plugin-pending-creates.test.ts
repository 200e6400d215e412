// Issue 18 item 3: what `pulumi refresh --import-pending-creates URN ID` does after a killed run, through the
// provider plugin, with the CLI the project pins (3.248.0). The CLI rewrites the pending create into a pending
// *import* with the given id (pkg/cmd/pulumi/operations/refresh.go, pendingCreatesToImports), then refreshes; but no
// part of the engine acts on a pending import: the refresh walks only the snapshot's resources
// (pkg/resource/deploy/deployment_executor.go:680-707), and the new snapshot keeps only pending *creates*
// (pkg/backend/snapshot.go:726-733; the cloud backend's journal: pkg/backend/journal.go:356-362). So the pending
// operation is dropped without any provider call, and the action is in neither list. The same code is in the
// newest source read (v3.259.0, pulumi/pulumi 1b59498). This test pins that behaviour with the real CLI: when a
// CLI that does import is pinned, it fails, and README "The provider plugin" should then name the flag as the way.
// The recovery that works is in plugin.test.ts (`cancel`, `refresh --clear-pending-creates`, `import`).
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import type { LocalStack } from "../../scripts/pulumi-stack";
import { ManualClock } from "../helpers/clock";
import { EmulatorAdmin } from "./emulator-admin";
import { pluginProgram, upKilledDuringPost, yamlProject, type YamlProject } from "./plugin-project";

const PROGRAM = (name: string): string =>
  pluginProgram(
    "buddy-pending-creates",
    `resources:
  interrupted:
    type: buddy:index:SlackAction
    properties:
      workspace: \${workspace}
      projectName: my-project
      pipelineId: 1
      name: ${name}
      channel: C0123
      integration:
        identifier: slack
      content: hello
`,
  );

interface State {
  deployment: {
    resources?: Array<{ urn: string; id?: string }>;
    pending_operations?: Array<{ type: string; resource: { urn: string; id?: string } }>;
  };
}

describe("e2e: `pulumi refresh --import-pending-creates` after a killed run (plugin, CLI 3.248.0)", function () {
  this.timeout(600_000);
  const clock = new ManualClock();
  const LATENCY = 60_000;
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let project: YamlProject;
  let stack: LocalStack;

  before(async function () {
    // killedRun makes every POST wait on the test's clock, so the run can be killed while its create is in flight.
    emulator = await startEmulator({ quiet: true, clock });
    admin = new EmulatorAdmin(emulator);
    project = yamlProject("buddy-pending-creates-", PROGRAM("Interrupted"), emulator.url);
    stack = project.stack;
    await stack.init({ workspace: emulator.workspace }, { "buddy:token": emulator.token });
  });

  after(async () => {
    await admin?.setFaults({ rate: 0 });
    await stack?.destroy().catch(() => undefined);
    await project?.dispose();
    await emulator?.close();
  });

  /** A run killed while its POST waits in Buddy; Buddy then makes the action. The pending create's URN, the id. */
  async function killedRun(name: string): Promise<{ urn: string; id: string; actionId: number }> {
    project.write(PROGRAM(name));
    emulator.admin.setFaults({ rate: 1, kinds: ["latency"], latencyMs: LATENCY, methods: ["POST"] });
    const made = await upKilledDuringPost(project, admin, clock, LATENCY, name);
    await admin.setFaults({ rate: 0 });
    const state = (await stack.exportState()).deployment as unknown as State;
    const pending = (state.deployment.pending_operations ?? []).filter((p) => p.type === "creating");
    assert.strictEqual(pending.length, 1, JSON.stringify(state.deployment.pending_operations));
    await stack.ok(["cancel", "--yes"]); // the killed run's lock
    return { urn: pending[0].resource.urn, id: `${emulator.workspace}/my-project/1/${made.id}`, actionId: made.id };
  }

  const stateNow = async (): Promise<State["deployment"]> =>
    ((await stack.exportState()).deployment as unknown as State).deployment;

  it("the CLI turns the pending create into an import, then drops it: no provider call, the action in neither list", async () => {
    const { urn, id, actionId } = await killedRun("Interrupted");

    // The form some docs print (URN and ID after one flag) is refused: the ID is taken for a positional argument.
    const positional = await stack.run(["refresh", "--yes", "--import-pending-creates", urn, id]);
    assert.notStrictEqual(positional.code, 0);
    assert.match(positional.output, /accepts 0 arg\(s\), received 1/);

    // The working form: one flag per value, URN then ID.
    emulator.admin.clearRequests();
    const r = await stack.refresh(["--import-pending-creates", urn, "--import-pending-creates", id]);
    assert.doesNotMatch(r.output, /did not correspond to a pending create/, "the URN matched the pending create");
    const reads = emulator.admin
      .requests()
      .filter((q) => q.method === "GET" && q.path.endsWith(`/actions/${actionId}`));
    assert.deepStrictEqual(reads, [], "no provider read the action");
    const after = await stateNow();
    assert.deepStrictEqual(after.pending_operations ?? [], [], "the pending operation is gone");
    assert.ok(
      !(after.resources ?? []).some((x) => x.urn === urn),
      "the action is not in the state: the engine imported nothing",
    );
    // The action is still in Buddy, now unknown to the stack.
    assert.deepStrictEqual(
      (await admin.actions(1)).filter((a) => a.name === "Interrupted").map((a) => a.id),
      [actionId],
    );
  });

  it("the two halves: the CLI's edit writes a pending import with the id; the refresh after it drops that import", async () => {
    const { urn, id } = await killedRun("Interrupted again");
    // --preview-only: the CLI's state edit is made (and saved) before the preview, which changes nothing.
    await stack.ok(["refresh", "--preview-only", "--import-pending-creates", urn, "--import-pending-creates", id]);
    const edited = await stateNow();
    assert.deepStrictEqual(
      (edited.pending_operations ?? []).map((p) => [p.type, p.resource.urn, p.resource.id]),
      [["importing", urn, id]],
    );
    await stack.refresh();
    const after = await stateNow();
    assert.deepStrictEqual(after.pending_operations ?? [], [], "the refresh dropped the pending import");
    assert.ok(!(after.resources ?? []).some((x) => x.urn === urn), "and did not import it");
  });
});
