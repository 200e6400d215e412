// Issue 9 items 6, 7 and 11: what a refresh reports after edits in Buddy's UI. Refresh returns the inputs as Buddy
// holds them (ReadResult.inputs, so the engine's diff can name each drifted field); a field with a documented
// default is managed even when the program leaves it unset; a secret changed in Buddy is seen through Buddy's
// encrypted form changing since our last write.
import * as assert from "assert";
import { api, actionsPath, useEmulator } from "../../helpers/emulator";
import { freshProvider } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
let k8sProvider: ReturnType<typeof fx.providerFor>;
let tagProvider: ReturnType<typeof fx.providerFor>;
let genericProvider: ReturnType<typeof fx.providerFor>;
const ws = "my-company";
const project = "my-project";

describe("providers against the emulator: drift after edits in Buddy's UI", function () {
  this.timeout(60_000);
  const ctx = useEmulator({}, true);
  beforeEach(() => {
    const provider = freshProvider(ctx.emu);
    k8sProvider = fx.providerFor("kubernetes-set-image", provider);
    tagProvider = fx.providerFor("tag-docker-image", provider);
    genericProvider = fx.providerFor("pipeline-action", provider);
  });

  const program: Inputs = { ...fx.seed000Inputs, content: "kubeconfig-A", __provider: "p" };

  async function create(p: typeof k8sProvider, inputs: Inputs) {
    const { id, outs } = await p.create(inputs);
    return { id, outs: outs as Inputs, actionId: (outs as Inputs).actionId as number };
  }

  it("refresh returns the inputs as Buddy holds them: the program's inputs right after create, Buddy's value after an edit", async () => {
    const { id, outs, actionId } = await create(k8sProvider, program);
    const fresh = await k8sProvider.read(id, outs);
    const { __provider: _p, ...rest } = program;
    const expected = { ...rest, __spec: "kubernetes-set-image" };
    assert.deepStrictEqual(fresh.inputs, expected, "nothing drifted: the inputs are the program's");
    ctx.emu.admin.editAction(ws, project, 1, actionId, { image_tag: "hand-edited" });
    const read = await k8sProvider.read(id, outs);
    assert.deepStrictEqual(read.inputs, { ...expected, imageTag: "hand-edited" });
    for (const key of ["actionId", "url", "htmlUrl", "lastExecutionStatus", "__ciphertexts"]) {
      assert.ok(!(key in (read.inputs as Inputs)), `${key} is an output, not an input`);
    }
  });

  it("a field with a documented default is managed when unset: disabled in the UI is drift, and update puts false back", async () => {
    const { id, outs, actionId } = await create(k8sProvider, program);
    ctx.emu.admin.editAction(ws, project, 1, actionId, {
      disabled: true,
      trigger_time: "ON_SUCCESS",
      config_path: "/x",
    });
    const read = await k8sProvider.read(id, outs);
    const inputs = read.inputs as Inputs;
    assert.strictEqual(inputs.disabled, true);
    assert.strictEqual(inputs.triggerTime, "ON_SUCCESS");
    assert.strictEqual(inputs.configPath, undefined, "no documented default: not managed when unset");
    const diff = await k8sProvider.diff(id, read.props as Inputs, program);
    assert.strictEqual(diff.changes, true);
    ctx.emu.admin.clearRequests();
    const updated = await k8sProvider.update(id, read.props as Inputs, program);
    const patch = ctx.emu.admin.requests().filter((r) => r.method === "PATCH");
    assert.deepStrictEqual(
      patch.map((r) => r.body),
      [{ type: "KUBERNETES_SET_IMAGE", name: "Set image", disabled: false, trigger_time: "ON_EVERY_EXECUTION" }],
    );
    const again = await k8sProvider.read(id, updated.outs as Inputs);
    assert.strictEqual((await k8sProvider.diff(id, again.props as Inputs, program)).changes, false);
  });

  it("the emulator's encrypted form of a secret is stable between reads and changes with the value", async () => {
    const { actionId } = await create(k8sProvider, program);
    const path = `${actionsPath(ws, project, 1)}/${actionId}`;
    const first = (await api<Inputs>(ctx.emu, "GET", path)).body.content;
    const second = (await api<Inputs>(ctx.emu, "GET", path)).body.content;
    assert.match(String(first), /^secure!/);
    assert.strictEqual(first, second);
    ctx.emu.admin.editAction(ws, project, 1, actionId, { content: "kubeconfig-B" });
    assert.notStrictEqual((await api<Inputs>(ctx.emu, "GET", path)).body.content, first);
  });

  it("a secret changed in the UI is drift of that field; update writes the declared value back; then no drift", async () => {
    const { id, outs, actionId } = await create(k8sProvider, program);
    const quiet = await k8sProvider.read(id, outs);
    assert.strictEqual(
      (quiet.inputs as Inputs).content,
      "kubeconfig-A",
      "unchanged in Buddy: the program's value is kept",
    );
    assert.strictEqual((await k8sProvider.diff(id, quiet.props as Inputs, program)).changes, false);
    ctx.emu.admin.editAction(ws, project, 1, actionId, { content: "kubeconfig-B" });
    const read = await k8sProvider.read(id, quiet.props as Inputs);
    const seen = (read.inputs as Inputs).content;
    assert.notStrictEqual(seen, "kubeconfig-A");
    assert.ok(!String(seen).includes("kubeconfig-B"), "never the plaintext");
    // Pulumi's CLI masks secrets before diffing them for display: this refreshed input names the one that changed.
    assert.deepStrictEqual((read.inputs as Inputs).secretsChangedInBuddy, ["content"]);
    assert.strictEqual((await k8sProvider.diff(id, read.props as Inputs, program)).changes, true);
    ctx.emu.admin.clearRequests();
    const updated = await k8sProvider.update(id, read.props as Inputs, program);
    const patch = ctx.emu.admin.requests().filter((r) => r.method === "PATCH");
    assert.strictEqual(patch.length, 1);
    assert.strictEqual(
      (patch[0].body as Inputs).content,
      (await api<Inputs>(ctx.emu, "GET", `${actionsPath(ws, project, 1)}/${actionId}`)).body.content,
    );
    const after = await k8sProvider.read(id, updated.outs as Inputs);
    assert.strictEqual((after.inputs as Inputs).content, "kubeconfig-A");
    assert.strictEqual((after.inputs as Inputs).secretsChangedInBuddy, undefined);
    assert.strictEqual((await k8sProvider.diff(id, after.props as Inputs, program)).changes, false);
  });

  it("a nested secret (a registry password in src) changed in the UI is drift of src", async () => {
    const tagProgram: Inputs = {
      ...fx.location,
      name: "Tag",
      sameLocation: false,
      __provider: "p",
      src: { dockerRegistry: "OTHER", registry: "r.example.com", image: "web", username: "ci", password: "pw-A" },
      dest: { dockerRegistry: "DOCKER_HUB", image: "web" },
    };
    const { id, outs, actionId } = await create(tagProvider, tagProgram);
    assert.strictEqual(
      (await tagProvider.diff(id, (await tagProvider.read(id, outs)).props as Inputs, tagProgram)).changes,
      false,
    );
    const current = (await api<Inputs>(ctx.emu, "GET", `${actionsPath(ws, project, 1)}/${actionId}`)).body;
    ctx.emu.admin.editAction(ws, project, 1, actionId, {
      src: { ...(current.src as Inputs), password: "pw-B" },
    } as never);
    const read = await tagProvider.read(id, outs);
    assert.notStrictEqual(((read.inputs as Inputs).src as Inputs).password, "pw-A");
    assert.strictEqual((await tagProvider.diff(id, read.props as Inputs, tagProgram)).changes, true);
  });
  it("PipelineAction: a secret inside `fields` (its type's typed spec says so) changed in the UI is drift of fields, named like a typed secret", async () => {
    const genericProgram: Inputs = {
      ...fx.location,
      type: "KUBERNETES_SET_IMAGE",
      name: "Generic set image",
      __provider: "p",
      fields: {
        namespace: "default",
        deployment: "web",
        container: "web",
        image_name: "nginx",
        image_tag: "1.0",
        content: "kubeconfig-A",
      },
    };
    const { id, outs, actionId } = await create(genericProvider, genericProgram);
    const quiet = await genericProvider.read(id, outs);
    assert.strictEqual(((quiet.inputs as Inputs).fields as Inputs).content, "kubeconfig-A");
    assert.strictEqual((quiet.inputs as Inputs).secretsChangedInBuddy, undefined);
    assert.strictEqual((await genericProvider.diff(id, quiet.props as Inputs, genericProgram)).changes, false);
    ctx.emu.admin.editAction(ws, project, 1, actionId, { content: "kubeconfig-B" } as never);
    const read = await genericProvider.read(id, quiet.props as Inputs);
    const seen = ((read.inputs as Inputs).fields as Inputs).content;
    assert.match(String(seen), /^secure!/, "Buddy's encrypted form takes the secret's place");
    assert.deepStrictEqual((read.inputs as Inputs).secretsChangedInBuddy, ["fields"]);
    assert.strictEqual((await genericProvider.diff(id, read.props as Inputs, genericProgram)).changes, true);
    const updated = await genericProvider.update(id, read.props as Inputs, genericProgram);
    const after = await genericProvider.read(id, updated.outs as Inputs);
    assert.strictEqual(((after.inputs as Inputs).fields as Inputs).content, "kubeconfig-A");
    assert.strictEqual((after.inputs as Inputs).secretsChangedInBuddy, undefined);
    assert.strictEqual((await genericProvider.diff(id, after.props as Inputs, genericProgram)).changes, false);
  });
});
