// The product under the real Pulumi engine: `pulumi up / preview / refresh / destroy` spawned as a user runs
// them, the provider serialized into state and run in Pulumi's provider process, against the emulator over HTTP.
// The scenarios share one stack and run in order, like a team's day with one pipeline.
import * as assert from "assert";
import type { RunningEmulator } from "../../emulator/index";
import type { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, useEmulatorStack, type LocalStack } from "./harness";

describe("e2e: a pipeline's life under the real Pulumi CLI", function () {
  this.timeout(180_000);
  const ctx = useEmulatorStack();
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let stack: LocalStack;
  before(() => {
    ({ emulator, admin, stack } = ctx);
  });

  it("up creates the declared actions, in program order", async () => {
    await stack.up();
    const actions = await admin.actions(1);
    assert.deepStrictEqual(
      actions.map((a) => [a.type, a.name]),
      [
        ["KUBERNETES_SET_IMAGE", "Set image"],
        ["PROMOTE_IMAGE", "Tag image"],
        ["NOT_IN_CATALOG", "Generic"],
      ],
    );
    const { deployment } = await stack.exportState();
    const ids = buddyResources(deployment)
      .map((r) => r.id)
      .sort();
    assert.deepStrictEqual(ids, actions.map((a) => `${emulator.workspace}/my-project/1/${a.id}`).sort());
  });

  it("preview right after up reports no changes and makes no write call", async () => {
    await admin.clearRequests();
    const r = await stack.preview(["--expect-no-changes"]);
    assert.strictEqual(r.code, 0, r.output);
    const writes = (await admin.requests()).filter((q) => q.method !== "GET");
    assert.deepStrictEqual(writes, []);
  });

  it("a refresh right after up changes nothing either (Buddy's defaults are not drift)", async () => {
    await stack.refresh();
    const r = await stack.preview(["--expect-no-changes"]);
    assert.strictEqual(r.code, 0, r.output);
  });

  it("changing imageTag is an in-place update: one PATCH carrying only image_tag (+ type and name)", async () => {
    await stack.setConfig({ imageTag: "1.0.1" });
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /~ .*update/i);
    assert.doesNotMatch(preview.output, /replace/i);
    // Only the changed action: the ones chained after it (afterActionId) keep a known actionId in preview.
    assert.match(preview.output, /~ 1 to update/);
    await admin.clearRequests();
    await stack.up();
    const writes = (await admin.requests()).filter((q) => q.method !== "GET");
    assert.strictEqual(writes.length, 1, JSON.stringify(writes));
    assert.strictEqual(writes[0].method, "PATCH");
    const body = writes[0].body as Record<string, unknown>;
    assert.strictEqual(body.image_tag, "1.0.1");
    assert.deepStrictEqual(
      Object.keys(body).filter((k) => !["image_tag", "type", "name"].includes(k)),
      [],
    );
    const [setImage] = await admin.actions(1);
    assert.strictEqual(setImage.image_tag, "1.0.1");
  });

  it("an edit made in Buddy's UI shows in `preview --refresh`, and up puts the declared value back", async () => {
    const [setImage] = await admin.actions(1);
    await admin.editAction(1, setImage.id, { image_tag: "hand-edited" });
    const preview = await stack.preview(["--refresh"]);
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /hand-edited/);
    assert.match(preview.output, /1\.0\.1/);
    await stack.up(["--refresh"]);
    const [after] = await admin.actions(1);
    assert.strictEqual(after.id, setImage.id);
    assert.strictEqual(after.image_tag, "1.0.1");
  });

  it("an action deleted in Buddy's UI is dropped by refresh and recreated by up", async () => {
    const before = await admin.actions(1);
    const generic = before.find((a) => a.type === "NOT_IN_CATALOG");
    assert.ok(generic);
    await admin.deleteAction(1, generic.id);
    await stack.refresh();
    const { deployment } = await stack.exportState();
    assert.ok(!buddyResources(deployment).some((r) => r.id?.endsWith(`/${generic.id}`)), "refresh dropped it");
    await stack.up();
    const after = await admin.actions(1);
    assert.deepStrictEqual(
      after.map((a) => a.type),
      ["KUBERNETES_SET_IMAGE", "PROMOTE_IMAGE", "NOT_IN_CATALOG"],
    );
    assert.notStrictEqual(after[2].id, generic.id);
  });

  it("changing a PipelineAction's type is a replace: one action of the new type, none of the old", async () => {
    await stack.setConfig({ genericType: "EMAIL" });
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /replace/i);
    await stack.up();
    const types = (await admin.actions(1)).map((a) => a.type);
    assert.strictEqual(types.filter((t) => t === "EMAIL").length, 1);
    assert.strictEqual(types.filter((t) => t === "NOT_IN_CATALOG").length, 0);
  });

  it("moving an action to another pipeline is a replace", async () => {
    await stack.setConfig({ tagPipelineId: 2 });
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /replace/i);
    await stack.up();
    assert.deepStrictEqual(
      (await admin.actions(1)).map((a) => a.type).filter((t) => t === "PROMOTE_IMAGE"),
      [],
    );
    assert.deepStrictEqual(
      (await admin.actions(2)).map((a) => a.type),
      ["PROMOTE_IMAGE"],
    );
  });

  it("destroy leaves the pipelines empty", async () => {
    await stack.destroy();
    assert.deepStrictEqual(await admin.actions(1), []);
    assert.deepStrictEqual(await admin.actions(2), []);
  });
});
