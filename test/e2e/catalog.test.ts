// A dozen diverse generated action types in one stack under the real Pulumi CLI (test/e2e/catalog-program):
// up creates them all, a preview right after makes no API call at all, a refresh finds no drift, no credential is
// in the state in plain text, and destroy removes them all.
import * as assert from "assert";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, LocalStack } from "./harness";

const SECRETS = {
  sftpPassword: "sftp-pass-e2e-1f3c",
  serverKey: "server-key-e2e-9b2d",
  helmToken: "helm-token-e2e-77ae",
};
const TYPES = [
  "AMAZON_S3",
  "DOCKERFILE",
  "GIT_HUB_RELEASE",
  "HELM",
  "HTTP",
  "KUBERNETES_SET_IMAGE",
  "PROMOTE_IMAGE",
  "RUN_DOCKER_CONTAINER",
  "RUN_NEXT_PIPELINE",
  "SFTP",
  "SLACK",
  "SLEEP",
  "WEB",
];

describe("e2e: a dozen generated action types under the real Pulumi CLI", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let stack: LocalStack;

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
    stack = new LocalStack({
      programDir: path.join(__dirname, "catalog-program"),
      env: { BUDDY_BASE_URL: emulator.url, BUDDY_TOKEN: emulator.token },
    });
    await stack.init({ workspace: emulator.workspace }, SECRETS);
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.close();
  });

  it("up creates every action, each of its own type", async () => {
    await stack.up();
    const actions = await admin.actions(1);
    assert.deepStrictEqual(actions.map((a) => a.type).sort(), TYPES);
    const { deployment } = await stack.exportState();
    assert.strictEqual(buddyResources(deployment).length, TYPES.length);
  });

  it("a preview right after up reports no changes and makes no API call at all", async () => {
    await admin.clearRequests();
    const r = await stack.preview(["--expect-no-changes"]);
    assert.strictEqual(r.code, 0, r.output);
    assert.deepStrictEqual(await admin.requests(), []);
  });

  it("a refresh finds no drift: the next preview is still clean", async () => {
    await admin.clearRequests();
    const refresh = await stack.refresh();
    assert.doesNotMatch(refresh.output, /~ \d+ updated/, refresh.output);
    assert.strictEqual((await admin.requests()).filter((q) => q.method !== "GET").length, 0);
    const r = await stack.preview(["--expect-no-changes"]);
    assert.strictEqual(r.code, 0, r.output);
  });

  it("no credential is in the state or the CLI's output in plain text", async () => {
    const { text } = await stack.exportState();
    for (const value of Object.values(SECRETS)) {
      assert.ok(!text.includes(value), `state holds ${value}`);
      assert.ok(!stack.transcript.join("\n").includes(value), `CLI output shows ${value}`);
    }
  });

  it("destroy removes every action", async () => {
    await stack.destroy();
    assert.deepStrictEqual(await admin.actions(1), []);
  });
});
