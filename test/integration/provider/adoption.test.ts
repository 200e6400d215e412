// Adoption against the emulator over real HTTP: after an adopting create, the state equals Buddy (a refresh finds no
// change, so `preview --refresh --expect-no-changes` passes), and `adoptActionId` picks one of several same-named
// actions.
import * as assert from "assert";
import { useEmulator } from "../../helpers/emulator";
import { freshProvider } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

type Json = Record<string, unknown>;
let k8s: ReturnType<typeof fx.providerFor>;
let generic: ReturnType<typeof fx.providerFor>;
const ws = "my-company";
const project = "my-project";

describe("adoption against the emulator", function () {
  this.timeout(60_000);
  const ctx = useEmulator({}, true);
  beforeEach(() => {
    const provider = freshProvider(ctx.emu); // a new provider process per test: the emulator was reset
    k8s = fx.providerFor("kubernetes-set-image", provider);
    generic = fx.providerFor("pipeline-action", provider);
  });

  /** What `preview --refresh` does with the adopted resource: read it back, then diff the program against that. */
  async function changesAfterRefresh(
    provider: ReturnType<typeof fx.providerFor>,
    created: { id: string; outs?: Json },
    news: Json,
  ): Promise<boolean | undefined> {
    const read = await provider.read(created.id, { ...created.outs, __provider: "p" });
    return (await provider.diff(created.id, read.props as Json, news)).changes;
  }

  it("fields the program leaves unset are put back to Buddy's documented defaults: a refresh finds no change", async () => {
    ctx.emu.admin.addAction(ws, project, 1, {
      ...fx.seed000Body,
      name: "Legacy",
      image_tag: "0.1",
      kubectl_version: "1.20",
      timeout: 300,
      disabled: true,
      retry_count: 2,
    });
    const news = { ...fx.seed000Inputs, name: "Legacy", imageTag: "2.0", adopt: true, __provider: "p" };
    const created = await k8s.create(news);
    assert.strictEqual(await changesAfterRefresh(k8s, created, news), false);
    const patch = ctx.emu.admin.requests().find((r) => r.method === "PATCH");
    assert.ok(patch, "one PATCH");
  });

  it("a disabled action of a type the generic resource adopts is enabled (unset `disabled` means false)", async () => {
    const existing = ctx.emu.admin.addAction(ws, project, 1, {
      type: "SLACK",
      name: "Notify",
      content: "Deployed",
      channel: "C024BE91L",
      integration: { identifier: "slack" },
      disabled: true,
    });
    const news = {
      ...fx.location,
      type: "SLACK",
      name: "Notify",
      fields: { content: "Deployed", channel: "C024BE91L", integration: { identifier: "slack" } },
      adopt: true,
      __provider: "p",
    };
    const created = await generic.create(news);
    assert.strictEqual((created.outs as Json).actionId, existing.id);
    assert.strictEqual(await changesAfterRefresh(generic, created, news), false);
  });

  it("adoptActionId: the action with that id is adopted, the other same-named one is left alone", async () => {
    const first = ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Twin", image_tag: "0.1" });
    const second = ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Twin", image_tag: "0.2" });
    const created = await k8s.create({
      ...fx.seed000Inputs,
      name: "Twin",
      imageTag: "2.0",
      adoptActionId: second.id,
      __provider: "p",
    });
    assert.strictEqual((created.outs as Json).actionId, second.id);
    const state = ctx.emu.admin.state() as unknown as {
      workspaces: Array<{
        projects: Array<{ pipelines: Array<{ id: number; actions: Array<{ id: number; fields: Json }> }> }>;
      }>;
    };
    const tags = state.workspaces[0].projects[0].pipelines
      .find((p) => p.id === 1)!
      .actions.filter((a) => a.fields.name === "Twin")
      .map((a) => [a.id, a.fields.image_tag]);
    assert.deepStrictEqual(tags, [
      [first.id, "0.1"],
      [second.id, "2.0"],
    ]);
  });

  it("adoptActionId of a missing action or of another type: an error naming it, nothing created", async () => {
    const other = ctx.emu.admin.addAction(ws, project, 1, { type: "NOT_IN_CATALOG", name: "Other" });
    await assert.rejects(
      k8s.create({ ...fx.seed000Inputs, adoptActionId: 987654, __provider: "p" }),
      /adoptActionId: there is no action 987654 in my-company\/my-project pipeline 1/,
    );
    await assert.rejects(
      k8s.create({ ...fx.seed000Inputs, adoptActionId: other.id, __provider: "p" }),
      new RegExp(`adoptActionId: action ${other.id} .* is of type NOT_IN_CATALOG, not KUBERNETES_SET_IMAGE`),
    );
    assert.strictEqual(ctx.emu.admin.requests().filter((r) => r.method === "POST" || r.method === "PATCH").length, 0);
  });
});
