// Issue 9 item 1 and 2: a 404 means "the action is gone" only when the action's pipeline answers. A wrong base URL,
// workspace, project or pipeline also answers 404 (to everything); refresh and delete must then fail and leave the
// state alone, and `get` of an id that does not exist must fail naming the id.
import * as assert from "assert";
import { resetConfigForTests } from "../../../provider/config";
import { useEmulator } from "../../helpers/emulator";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
const k8sProvider = fx.providerFor("kubernetes-set-image");

describe("providers against the emulator: what a 404 means", function () {
  this.timeout(60_000);
  const ctx = useEmulator({}, true);
  beforeEach(() => resetConfigForTests({ baseUrl: ctx.emu.url, token: ctx.emu.token }));
  after(() => resetConfigForTests());

  async function created(): Promise<{ id: string; outs: Inputs; actionId: number }> {
    const { id, outs } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
    return { id, outs: outs as Inputs, actionId: (outs as Inputs).actionId as number };
  }

  it("a wrong base URL (the right host plus /api): refresh and delete fail, naming buddy:baseUrl; nothing is deleted", async () => {
    const { id, outs, actionId } = await created();
    resetConfigForTests({ baseUrl: `${ctx.emu.url}/api`, token: ctx.emu.token });
    await assert.rejects(k8sProvider.read(id, outs), /pipeline could not be confirmed.*buddy:baseUrl/);
    await assert.rejects(k8sProvider.delete(id, outs), /pipeline could not be confirmed.*buddy:baseUrl/);
    resetConfigForTests({ baseUrl: ctx.emu.url, token: ctx.emu.token });
    assert.strictEqual((await k8sProvider.read(id, outs)).id, id, "the action is still there");
    assert.strictEqual((await k8sProvider.read(id, outs)).props?.actionId, actionId);
  });

  for (const [what, wrong] of [
    ["workspace", (id: string) => id.replace(/^my-company\//, "no-such-company/")],
    ["project", (id: string) => id.replace("/my-project/", "/no-such-project/")],
    ["pipeline", (id: string) => id.replace("/my-project/1/", "/my-project/999/")],
  ] as const) {
    it(`a wrong ${what} in the id: refresh, delete and get fail instead of reporting the action deleted`, async () => {
      const { id, outs } = await created();
      const bad = wrong(id);
      assert.notStrictEqual(bad, id);
      await assert.rejects(k8sProvider.read(bad, outs), /404.*pipeline could not be confirmed/);
      await assert.rejects(k8sProvider.delete(bad, outs), /pipeline could not be confirmed/);
      await assert.rejects(
        k8sProvider.read(bad, { __provider: "p", __spec: "kubernetes-set-image" }),
        /pipeline could not be confirmed/,
      );
    });
  }

  it("an action deleted in Buddy (its pipeline answers): refresh returns {} and a second delete succeeds", async () => {
    const { id, outs, actionId } = await created();
    ctx.emu.admin.deleteAction("my-company", "my-project", 1, actionId);
    assert.deepStrictEqual(await k8sProvider.read(id, outs), {});
    await k8sProvider.delete(id, outs);
  });

  it("get of an id that does not exist fails with an error naming the id", async () => {
    const missing = "my-company/my-project/1/9999";
    await assert.rejects(
      k8sProvider.read(missing, { __provider: "p", __spec: "kubernetes-set-image" }),
      (err: Error) => {
        assert.match(err.message, /KubernetesSetImageAction\.get/);
        assert.ok(err.message.includes(JSON.stringify(missing)), err.message);
        return true;
      },
    );
  });
});
