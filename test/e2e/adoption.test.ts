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

  // One stack from adoption to destroy: preview's announcement, the take-over, convergence, an update, destroy.
  it("takes over the one same-named action: preview says it will adopt, and which; after `up` the state equals Buddy (refresh finds no change); it updates, and destroy removes it", async () => {
    // Fields the program leaves unset, changed in Buddy's UI: unset means Buddy's default, so adoption puts it back.
    const existing = await admin.addAction(2, {
      ...legacy("Legacy deploy"),
      kubectl_version: "1.20",
      timeout: 300,
      disabled: true,
    });
    const stack = e2eStack(emulator.url, emulator.token);
    stacks.push(stack);
    await stack.init({ workspace: emulator.workspace, adoptName: "Legacy deploy" });
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(
      preview.output,
      new RegExp(
        `KubernetesSetImageAction "Legacy deploy": will adopt the existing action "Legacy deploy" \\(KUBERNETES_SET_IMAGE\\) ` +
          `in ${emulator.workspace}/my-project pipeline 2, id ${existing.id}, and update it to the declared state ` +
          `\\(unset fields back to Buddy's defaults: .*disabled: true → false`,
      ),
    );
    await stack.up();
    let pipeline2 = await admin.actions(2);
    assert.deepStrictEqual(
      pipeline2.map((a) => a.id),
      [existing.id],
      "adopted, not duplicated",
    );
    const [after] = pipeline2;
    assert.deepStrictEqual(
      [after.id, after.disabled, after.timeout, after.kubectl_version, after.image_tag],
      [existing.id, false, 0, "latest", "2.0.0"],
      "updated to the declared state",
    );
    const adopted = buddyResources((await stack.exportState()).deployment).find((r) => r.urn.endsWith("::adopted"));
    assert.strictEqual(adopted?.id, `${emulator.workspace}/my-project/2/${existing.id}`);
    const converged = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    assert.strictEqual(converged.code, 0, converged.output);

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

  it("adoptActionId: of several same-named actions, the one with that id is adopted; the others are left alone", async () => {
    const first = await admin.addAction(2, legacy("Twin"));
    const second = await admin.addAction(2, legacy("Twin"));
    const stack = e2eStack(emulator.url, emulator.token);
    stacks.push(stack);
    await stack.init({ workspace: emulator.workspace, adoptName: "Twin", adoptActionId: second.id });
    const preview = await stack.preview();
    assert.match(preview.output, new RegExp(`will adopt the existing action "Twin".*id ${second.id}`));
    await stack.up();
    const adopted = buddyResources((await stack.exportState()).deployment).find((r) => r.urn.endsWith("::adopted"));
    assert.strictEqual(adopted?.id, `${emulator.workspace}/my-project/2/${second.id}`);
    assert.deepStrictEqual(
      (await admin.actions(2)).map((a) => [a.id, a.image_tag]),
      [
        [first.id, "1.0.0"],
        [second.id, "2.0.0"],
      ],
    );
  });

  it("preview warns of two resources declaring one action, and of a same-named action this stack will not manage", async () => {
    const foreign = await admin.addAction(1, {
      type: "KUBERNETES_SET_IMAGE",
      name: "Set image",
      namespace: "other",
      deployment: "other",
      container: "other",
      image_name: "other",
      image_tag: "9",
    });
    const stack = e2eStack(emulator.url, emulator.token);
    stacks.push(stack);
    await stack.init({ workspace: emulator.workspace, twinResource: "true" });
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(
      preview.output,
      /Resources "generic" and "generic-twin" both declare action "Generic" \(NOT_IN_CATALOG\) in .* pipeline 1/,
    );
    assert.match(
      preview.output,
      new RegExp(
        `KubernetesSetImageAction "Set image": the pipeline already holds an action "Set image" \\(KUBERNETES_SET_IMAGE\\) ` +
          `in ${emulator.workspace}/my-project pipeline 1 \\(id ${foreign.id}\\) that this resource will not manage`,
      ),
    );
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
