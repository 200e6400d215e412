// Issue 9 through the real CLI: what a new user met. A wrong base URL must not lose state, a `get` of a missing id
// must fail, config mistakes stop preview, drift names its fields (defaults and secrets included), and an
// unreachable endpoint fails soon with few lines.
import * as assert from "assert";
import { encryptSecret, startEmulator, type RunningEmulator } from "../../emulator/index";
import { EmulatorAdmin } from "./emulator-admin";
import { e2eStack, stateIds, useTrackedStacks } from "./harness";
import { refusedUrl } from "../helpers/ports";

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: kube-secret-11aa22";

describe("e2e: what a new user met (issue 9)", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  const track = useTrackedStacks((s) => s.removeConfig("buddy:baseUrl"));

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
  });
  after(async () => {
    await emulator?.close();
  });

  const ids = stateIds;

  it("a base URL with a typo: refresh and destroy fail naming buddy:baseUrl, and state and Buddy keep every action", async () => {
    const stack = track(e2eStack(emulator.url, emulator.token));
    await stack.init({ workspace: emulator.workspace });
    await stack.up();
    const before = await ids(stack);
    assert.strictEqual(before.length, 3);
    // The remedy the README gives for config changes (--run-program) makes refresh/destroy use the typo'd URL.
    await stack.setConfig({ "buddy:baseUrl": `${emulator.url}/api` });
    const refresh = await stack.run(["refresh", "--yes", "--run-program"]);
    assert.notStrictEqual(refresh.code, 0, refresh.output);
    assert.match(refresh.output, /wrong address, not a deletion, so the state is left as it was\. Check buddy:baseUrl/);
    assert.doesNotMatch(refresh.output, /\d+ deleted/);
    assert.deepStrictEqual(await ids(stack), before, "refresh dropped nothing");
    const destroy = await stack.run(["destroy", "--yes", "--run-program"]);
    assert.notStrictEqual(destroy.code, 0, destroy.output);
    assert.deepStrictEqual(await ids(stack), before, "destroy dropped nothing from state");
    assert.strictEqual((await admin.actions(1)).length, 3);
    // With the URL fixed, up finds every action where it was: nothing is created twice.
    await stack.removeConfig("buddy:baseUrl");
    await stack.up();
    assert.strictEqual((await admin.actions(1)).length, 3);
    assert.deepStrictEqual(await ids(stack), before);
  });

  it("get of an id that does not exist fails `up` with an error naming the id", async () => {
    const stack = track(e2eStack(emulator.url, emulator.token));
    const missing = `${emulator.workspace}/my-project/1/9999`;
    await stack.init({ workspace: emulator.workspace, getId: missing });
    const r = await stack.run(["up", "--yes", "--skip-preview"]);
    assert.notStrictEqual(r.code, 0, r.output);
    assert.ok(
      r.output.includes(`KubernetesSetImageAction.get: there is no Buddy action with id "${missing}"`),
      r.output,
    );
  });

  it("config mistakes stop preview before any request: an unknown buddy:* key, no token at all", async () => {
    const typo = track(e2eStack(emulator.url, emulator.token));
    await typo.init({ workspace: emulator.workspace, "buddy:baseURL": emulator.url });
    await admin.clearRequests();
    const r1 = await typo.preview();
    assert.notStrictEqual(r1.code, 0, r1.output);
    assert.match(
      r1.output,
      /Unknown config key buddy:baseURL: pulumi-buddy-actions reads only buddy:token, buddy:baseUrl, buddy:insecure/,
    );
    const none = track(e2eStack(emulator.url));
    await none.init({ workspace: emulator.workspace });
    const r2 = await none.preview();
    assert.notStrictEqual(r2.code, 0, r2.output);
    assert.match(r2.output, /No Buddy API token: set it with `pulumi config set --secret buddy:token <token>`/);
    assert.deepStrictEqual(await admin.requests(), [], "no request reached Buddy");
  });

  it("a buddy:token set without --secret draws a warning; a secret one does not", async () => {
    const plain = track(e2eStack(emulator.url));
    await plain.init({ workspace: emulator.workspace });
    // The CLI itself refuses a value that looks like a secret without --secret or --plaintext.
    await plain.ok(["config", "set", "--plaintext", "buddy:token", "--", emulator.token]);
    const r1 = await plain.preview();
    assert.strictEqual(r1.code, 0, r1.output);
    assert.match(r1.output, /buddy:token is set in plain text/);
    const secret = track(e2eStack(emulator.url));
    await secret.init({ workspace: emulator.workspace }, { "buddy:token": emulator.token });
    const r2 = await secret.preview();
    assert.strictEqual(r2.code, 0, r2.output);
    assert.doesNotMatch(r2.output, /plain text/);
  });

  it("drift names what drifted: an edited field, an unset field with a default, a secret; up puts them back", async () => {
    const stack = track(e2eStack(emulator.url, emulator.token));
    await stack.init({ workspace: emulator.workspace }, { kubeconfig: KUBECONFIG });
    await stack.up();
    const [setImage] = await admin.actions(1);
    await admin.editAction(1, setImage.id, {
      image_tag: "hand-edited",
      disabled: true,
      content: "someone else's kubeconfig",
    });
    await stack.refresh();
    const summary = await stack.run(["preview"]);
    assert.strictEqual(summary.code, 0, summary.output);
    const diffLine = /\[diff: ([^\]]*)\]/.exec(summary.output)?.[1] ?? "";
    // e.g. "[diff: -disabled,secretsChangedInBuddy~imageTag]": removed keys, then updated ones.
    for (const field of ["imageTag", "disabled", "secretsChangedInBuddy"])
      assert.match(diffLine, new RegExp(`\\b${field}\\b`), summary.output);
    const preview = await stack.preview();
    assert.strictEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /~ imageTag\s*: "hand-edited" => "1\.0\.0"/);
    assert.match(preview.output, /- disabled\s*: true/);
    assert.match(preview.output, /- secretsChangedInBuddy\s*: \[\s*-?\s*\[0\]: "content"/);
    for (const out of [summary.output, preview.output])
      assert.ok(!out.includes("kube-secret-11aa22") && !out.includes("someone else"), out);
    await stack.up();
    const [after] = await admin.actions(1);
    assert.deepStrictEqual(
      [after.image_tag, after.disabled, after.content],
      ["1.0.0", false, encryptSecret(KUBECONFIG)],
    );
    const quiet = await stack.preview(["--expect-no-changes", "--refresh"]);
    assert.strictEqual(quiet.code, 0, quiet.output);
  });

  it("an unreachable endpoint fails after 3 attempts per request, with one retry line per resource operation", async () => {
    const stack = track(e2eStack(await refusedUrl(), emulator.token));
    await stack.init({ workspace: emulator.workspace });
    const r = await stack.run(["up", "--yes", "--skip-preview"]);
    assert.notStrictEqual(r.code, 0, r.output);
    assert.match(r.output, /failed after 3 attempts .*ECONNREFUSED/);
    const retryLines = r.output.split("\n").filter((l) => /retr(y|ies)|retrying/i.test(l));
    console.log(`      retry lines: ${retryLines.length}, output lines: ${r.output.split("\n").length}`);
    // One summary per operation that retried (check's listing for the recovery record, the create), each shown in
    // the progress and again under Diagnostics: never one line per attempt.
    assert.ok(retryLines.length <= 4, retryLines.join("\n"));
    assert.ok(
      retryLines.every((l) => /retr(y|ies) of Buddy API requests/.test(l)),
      `a per-attempt retry line: ${retryLines.join("\n")}`,
    );
  });
});
