// Credentials, secrets and bad input under the real engine: what lands in state, in the CLI's output and in
// error messages, and what reaches Buddy before a program is valid.
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, e2eStack, type LocalStack } from "./harness";

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: kube-secret-7f3a9c";
const REGISTRY_PASSWORD = "registry-pass-4d81e2";
const WEBHOOK_SECRET = "webhook-secret-93be07";

/** How `pulumi stack export` writes a secret value. */
function isSecret(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270"
  );
}

/** Every place a secret could leak to, for one stack. */
async function leakReport(stack: LocalStack, secrets: string[]): Promise<string[]> {
  const { text } = await stack.exportState();
  const places: Array<[string, string]> = [
    ["stack export", text],
    ["CLI output", stack.transcript.join("\n")],
  ];
  const hits: string[] = [];
  for (const [where, content] of places) {
    for (const s of secrets) if (content.includes(s)) hits.push(`${where} contains ${s.slice(0, 6)}...`);
  }
  return hits;
}

describe("e2e: credentials, secrets and bad input", function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  const stacks: LocalStack[] = [];
  const track = (s: LocalStack) => {
    stacks.push(s);
    return s;
  };

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
  });
  afterEach(async () => {
    await admin.setWorkspaceFlags({ api_disabled: false, suspended: false });
    for (const s of stacks.splice(0)) {
      await s.destroy().catch(() => undefined);
      await s.dispose();
    }
  });
  after(async () => {
    await emulator?.close();
  });

  it("bad input fails preview with the property named, before any API call", async () => {
    const stack = track(e2eStack(emulator.url, emulator.token));
    await stack.init({ workspace: emulator.workspace, timeout: -5 });
    await admin.clearRequests();
    const r = await stack.preview();
    assert.notStrictEqual(r.code, 0, r.output);
    assert.match(r.output, /timeout.*must be an integer ≥ 0/);
    // Nothing is sent: the only requests are the looks the program's valid new resources take at their pipeline
    // (a listing, survey.ts; the pipeline itself, yaml-defined.ts); the resource with the bad input makes none.
    const requests = await admin.requests();
    assert.deepStrictEqual(
      requests.filter((q) => !(q.method === "GET" && /\/pipelines\/1(\/actions)?$/.test(q.path.split("?")[0]))),
      [],
      "nothing but listings reached Buddy",
    );
  });

  it("a token from `config set --secret buddy:token` works, and no secret lands in state or output", async () => {
    const stack = track(e2eStack(emulator.url)); // no BUDDY_TOKEN in the environment
    await stack.init(
      { workspace: emulator.workspace, "buddy:baseUrl": emulator.url },
      {
        "buddy:token": emulator.token,
        kubeconfig: KUBECONFIG,
        registryPassword: REGISTRY_PASSWORD,
        webhookSecret: WEBHOOK_SECRET,
      },
    );
    const secrets = [emulator.token, KUBECONFIG, "kube-secret-7f3a9c", REGISTRY_PASSWORD, WEBHOOK_SECRET];
    await stack.up();
    assert.strictEqual((await admin.actions(1)).length, 3);
    assert.deepStrictEqual(await leakReport(stack, secrets), [], "after up");
    // refresh reads every action back (Buddy answers secrets encrypted; the state keeps the program's values),
    // and an update rewrites the state: neither may bring a secret into plain text.
    await stack.refresh();
    assert.deepStrictEqual(await leakReport(stack, secrets), [], "after refresh");
    await stack.setConfig({ imageTag: "9.9.9" });
    await stack.up();
    await stack.preview(["--refresh"]);
    assert.deepStrictEqual(await leakReport(stack, secrets), [], "after an update and a refreshed preview");
    const generic = buddyResources((await stack.exportState()).deployment).find((r) =>
      r.type.endsWith(":PipelineAction"),
    );
    assert.ok(
      generic && isSecret(generic.inputs?.fields) && isSecret(generic.outputs?.fields),
      "a secret inside PipelineAction.fields makes `fields` secret in state",
    );

    // The provider is stored in state as one small require line per resource, not a copy of its code.
    const { deployment } = await stack.exportState();
    const sizes = buddyResources(deployment).map((r) => String((r.inputs ?? {}).__provider ?? "").length);
    console.log(`      __provider per resource: ${sizes.join(", ")} bytes`);
    for (const size of sizes) assert.ok(size > 0 && size < 1024, `__provider is ${size} bytes`);
  });

  it("credentials given as plain strings inside PipelineAction.fields and open values are secret in state, inputs and outputs", async () => {
    const suffix = "5f2c91ab";
    const stack = track(e2eStack(emulator.url, emulator.token));
    await stack.init({ workspace: emulator.workspace, plainCredentials: suffix });
    const secrets = ["kubeconfig", "push-password", "api-token", "hook"].map((what) => `plain-${what}-${suffix}`);
    await stack.up();
    assert.deepStrictEqual(await leakReport(stack, secrets), [], "after up");
    await stack.refresh();
    await stack.preview(["--refresh"]);
    assert.deepStrictEqual(await leakReport(stack, secrets), [], "after refresh and a refreshed preview");
    const resources = buddyResources((await stack.exportState()).deployment);
    const byName = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`));
    for (const [name, key] of [
      ["generic-set-image", "fields"],
      ["git-push", "targets"],
      ["untyped-credentials", "fields"],
    ] as const) {
      const r = byName(name);
      assert.ok(r, `${name} is in state`);
      assert.ok(isSecret(r.inputs?.[key]) && isSecret(r.outputs?.[key]), `${name}.${key} is secret in state`);
    }
    // What is not a credential stays readable: the rest of each resource is plain.
    assert.strictEqual(byName("generic-set-image")?.inputs?.name, "Generic set image");
  });

  it("a wrong token fails with Buddy's 401, leaks no secret, and leaves state unchanged", async () => {
    const wrong = "wrong-token-0a1b2c3d4e";
    const stack = track(e2eStack(emulator.url, wrong));
    await stack.init(
      { workspace: emulator.workspace },
      { kubeconfig: KUBECONFIG, registryPassword: REGISTRY_PASSWORD },
    );
    const r = await stack.run(["up", "--yes", "--skip-preview"]);
    assert.notStrictEqual(r.code, 0);
    assert.match(r.output, /401/);
    for (const secret of [wrong, emulator.token, "kube-secret-7f3a9c", REGISTRY_PASSWORD]) {
      assert.ok(!r.output.includes(secret), `the failing run's output contains ${secret.slice(0, 6)}...`);
    }
    const { deployment } = await stack.exportState();
    assert.deepStrictEqual(buddyResources(deployment), []);
  });

  // One stack for both flags and for the BUDDY_TOKEN proof: a refresh refused for a workspace flag leaves the state
  // as `up` made it (asserted), so the second flag meets the same stack a fresh `up` would give it.
  it("a token from BUDDY_TOKEN works; a workspace with api_disabled, then suspended, makes refresh fail clearly and drops nothing from state", async () => {
    // e2eStack hands the token over as BUDDY_TOKEN only (no buddy:token in the stack's config).
    const stack = track(e2eStack(emulator.url, emulator.token));
    await stack.init({ workspace: emulator.workspace });
    await stack.up();
    assert.strictEqual((await admin.actions(1)).length, 3, "up with the token from BUDDY_TOKEN made the actions");
    const before = buddyResources((await stack.exportState()).deployment).map((r) => r.id);
    for (const [flag, message] of [
      ["api_disabled", /API is disabled in this workspace/],
      ["suspended", /Only active workspace have access to API/],
    ] as const) {
      await admin.setWorkspaceFlags({ api_disabled: false, suspended: false, [flag]: true });
      const r = await stack.run(["refresh", "--yes"]);
      assert.notStrictEqual(r.code, 0, r.output);
      assert.match(r.output, message, flag);
      assert.match(r.output, /403/, flag);
      const after = buddyResources((await stack.exportState()).deployment).map((r2) => r2.id);
      assert.deepStrictEqual(after, before, flag);
    }
  });
});
