// Adoption under the real CLI: an action someone made in Buddy's UI is taken over by a resource with
// `adopt: true` (same name and type), updated to the declared state, managed from then on, and removed by
// `destroy`. Two candidates are a clear error that changes nothing.
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, e2eStack, type LocalStack } from "./harness";

const legacy = (name: string) => ({
  type: "KUBERNETES_SET_IMAGE",
  name,
  namespace: "prod",
  deployment: "api",
  container: "api",
  image_name: "registry.example.com/api",
  image_tag: "1.0.0",
});

describe("e2e: adopting actions made in Buddy's UI", function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  const stacks: LocalStack[] = [];

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
  });
  beforeEach(() => emulator.admin.reset());
  afterEach(async () => {
    for (const s of stacks.splice(0)) {
      await s.destroy().catch(() => undefined);
      await s.dispose();
    }
  });
  after(async () => {
    await emulator?.close();
  });

  it("takes over the one same-named action, updates it, and destroy removes it", async () => {
    const existing = await admin.addAction(2, legacy("Legacy deploy"));
    const stack = e2eStack(emulator.url, emulator.token);
    stacks.push(stack);
    await stack.init({ workspace: emulator.workspace, adoptName: "Legacy deploy" });
    await stack.up();
    let pipeline2 = await admin.actions(2);
    assert.deepStrictEqual(
      pipeline2.map((a) => a.id),
      [existing.id],
      "adopted, not duplicated",
    );
    assert.strictEqual(pipeline2[0].image_tag, "2.0.0", "updated to the declared state");
    const adopted = buddyResources((await stack.exportState()).deployment).find((r) => r.urn.endsWith("::adopted"));
    assert.strictEqual(adopted?.id, `${emulator.workspace}/my-project/2/${existing.id}`);

    await stack.setConfig({ adoptedTag: "2.1.0" });
    await stack.up();
    pipeline2 = await admin.actions(2);
    assert.deepStrictEqual(
      pipeline2.map((a) => [a.id, a.image_tag]),
      [[existing.id, "2.1.0"]],
    );

    await stack.destroy();
    assert.deepStrictEqual(await admin.actions(2), []);
  });

  it("two same-named actions: a clear error, both left alone, nothing recorded", async () => {
    await admin.addAction(2, legacy("Twin"));
    await admin.addAction(2, legacy("Twin"));
    const stack = e2eStack(emulator.url, emulator.token);
    stacks.push(stack);
    await stack.init({ workspace: emulator.workspace, adoptName: "Twin" });
    const r = await stack.run(["up", "--yes", "--skip-preview"]);
    assert.notStrictEqual(r.code, 0);
    assert.match(r.output, /found 2 actions "Twin".*adopt needs exactly one/);
    assert.strictEqual((await admin.actions(2)).length, 2);
    const recorded = buddyResources((await stack.exportState()).deployment).filter((x) => x.urn.endsWith("::adopted"));
    assert.deepStrictEqual(recorded, []);
  });
});
