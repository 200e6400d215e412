// Creates that must never make two actions: an ambiguous POST (the emulator's commit-then-drop fault: the action is
// created, then the connection is dropped before the answer) and adoption of existing actions.
import * as assert from "assert";
import { MAX_CREATE_POSTS, PartialCreateError } from "../../../provider/engine/create";
import { actionProvider } from "../../../provider/engine/provider";
import { BuddyClient } from "../../../provider/http/client";
import { useEmulator } from "../../helpers/emulator";
import { serverModes } from "../../helpers/server-modes";
import { SkippingClock } from "../../helpers/clock";
import { Server, freshProvider } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
let k8sProvider: ReturnType<typeof fx.providerFor>;
let genericProvider: ReturnType<typeof fx.providerFor>;
/**
 * A new provider process per test (the emulator was reset), on a skipping clock: the settle and the repost backoff
 * after a lost POST follow each other in order without waiting for real.
 */
function newProcess(server: Server): void {
  const provider = freshProvider(server, { clock: new SkippingClock() });
  k8sProvider = fx.providerFor("kubernetes-set-image", provider);
  genericProvider = fx.providerFor("pipeline-action", provider);
}
const ws = "my-company";
const project = "my-project";

// Every server behaviour of the matrix (test/helpers/server-modes.ts).
for (const mode of serverModes())
  describe(`create safety against the emulator${mode.suffix}`, function () {
    this.timeout(60_000);
    const ctx = useEmulator({ modes: mode.modes }, true);
    beforeEach(() => newProcess(ctx.emu));

    function actionsNamed(name: string, pipelineId = 1): Inputs[] {
      const body = ctx.emu.admin.state() as unknown as {
        workspaces: Array<{
          name: string;
          projects: Array<{
            name: string;
            pipelines: Array<{ id: number; actions: Array<{ id: number; fields: Inputs }> }>;
          }>;
        }>;
      };
      const pipeline = body.workspaces
        .find((w) => w.name === ws)!
        .projects.find((p) => p.name === project)!
        .pipelines.find((p) => p.id === pipelineId)!;
      return pipeline.actions.filter((a) => a.fields.name === name).map((a) => ({ id: a.id, ...a.fields }));
    }

    it("commit-then-drop on POST: the action made by the lost POST is found and used; exactly one exists", async () => {
      ctx.emu.admin.setFaults({ rate: 1, kinds: ["commit-then-drop"], methods: ["POST"] });
      const created = await k8sProvider.create({ ...fx.seed000Inputs, name: "Ambiguous", __provider: "p" });
      ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
      const same = actionsNamed("Ambiguous");
      assert.strictEqual(same.length, 1, JSON.stringify(same));
      assert.strictEqual((created.outs as Inputs).actionId, same[0].id);
      const posts = ctx.emu.admin.requests().filter((r) => r.method === "POST");
      assert.strictEqual(posts.length, 1, "the POST is not repeated once its action is found");
    });

    /** A provider whose client gives up quickly (the default one retries for up to two minutes). */
    function impatient(spec: "kubernetes-set-image"): ReturnType<typeof fx.providerFor> {
      const client = new BuddyClient({
        baseUrl: ctx.emu.url,
        token: ctx.emu.token,
        maxAttempts: 2,
        baseDelayMs: 1,
        maxDelayMs: 2,
      });
      return fx.providerFor(
        spec,
        actionProvider(() => client, { clock: new SkippingClock(), log: () => undefined }),
      );
    }

    it("commit-then-drop on POST while every PATCH fails: the found action is recorded by a partial create under its claim name, never orphaned; the next update renames it", async () => {
      ctx.emu.admin.setFaults({ rate: 1, kinds: ["commit-then-drop", "500"], methods: ["POST", "PATCH"], seed: 7 });
      // POSTs get commit-then-drop or 500 (either way the provider looks, and POSTs again only if nothing was made).
      const provider = impatient("kubernetes-set-image");
      const inputs = { ...fx.seed000Inputs, name: "NoPatch", __provider: "p" };
      try {
        const err = await provider.create(inputs).then(
          () => assert.fail("the rename cannot succeed"),
          (e: unknown) => e as PartialCreateError,
        );
        ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
        assert.ok(err instanceof PartialCreateError, String(err));
        const claimName = String(err.properties.name);
        assert.match(claimName, /^pulumi-create-[0-9a-f]{16}$/);
        const made = actionsNamed(claimName);
        assert.strictEqual(made.length, 1, JSON.stringify(made));
        assert.strictEqual(err.id, `${ws}/${project}/1/${String(made[0].id)}`);
        assert.strictEqual(actionsNamed("NoPatch").length, 0);
        // The next `up`: diff shows the name, update PATCHes it.
        const olds = { ...err.properties, __provider: "p" };
        assert.strictEqual((await provider.diff(err.id, olds, inputs)).changes, true);
        await provider.update(err.id, olds, inputs);
        assert.strictEqual(actionsNamed("NoPatch").length, 1);
        assert.strictEqual(actionsNamed(claimName).length, 0);
      } finally {
        ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
      }
    });

    it("a pre-existing action of the same name is never taken for the one an ambiguous POST made", async () => {
      // Other values than ours: an identical pre-existing one is refused before any POST (twins.ts; below).
      const existing = ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Twin", image_tag: "0.0.1" });
      ctx.emu.admin.setFaults({ rate: 1, kinds: ["commit-then-drop"], methods: ["POST"] });
      const created = await k8sProvider.create({ ...fx.seed000Inputs, name: "Twin", __provider: "p" });
      ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
      const same = actionsNamed("Twin");
      assert.strictEqual(same.length, 2, "the pre-existing one and ours");
      assert.notStrictEqual((created.outs as Inputs).actionId, existing.id);
    });

    it("a pre-existing action identical to ours (a killed run's) is neither taken nor duplicated: an error naming the recovery", async () => {
      const existing = ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Twin" });
      await assert.rejects(
        k8sProvider.create({ ...fx.seed000Inputs, name: "Twin", __provider: "p" }),
        new RegExp(`identical action \\(id ${String(existing.id)}\\).*pulumi-buddy-actions recover`),
      );
      assert.deepStrictEqual(
        actionsNamed("Twin").map((a) => a.id),
        [existing.id],
      );
    });

    it("a POST dropped before reaching the server's commit is retried (bounded) and makes one action", async () => {
      // 500 after sending is ambiguous too, but nothing was created: the provider looks, finds nothing, POSTs again.
      ctx.emu.admin.setFaults({ rate: 1, kinds: ["500"], methods: ["POST"] });
      await assert.rejects(
        genericProvider.create({
          ...fx.location,
          type: "SLEEP",
          name: "Never",
          fields: { sleep_in_sec: 1 },
          __provider: "p",
        }),
        new RegExp(`${MAX_CREATE_POSTS} attempts, and the pipeline holds no such action: nothing was created`),
      );
      ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
      assert.strictEqual(actionsNamed("Never").length, 0);
      assert.strictEqual(ctx.emu.admin.requests().filter((r) => r.method === "POST").length, MAX_CREATE_POSTS);
    });

    describe("adopt", () => {
      it("exactly one same-named action of the same type: taken over and PATCHed to the declared state", async () => {
        const existing = ctx.emu.admin.addAction(ws, project, 1, {
          ...fx.seed000Body,
          name: "Legacy",
          image_tag: "0.1",
        });
        ctx.emu.admin.addAction(ws, project, 1, { type: "NOT_IN_CATALOG", name: "Legacy" }); // same name, other type: ignored
        ctx.emu.admin.clearRequests();
        const created = await k8sProvider.create({
          ...fx.seed000Inputs,
          name: "Legacy",
          imageTag: "2.0",
          adopt: true,
          __provider: "p",
        });
        assert.strictEqual((created.outs as Inputs).actionId, existing.id);
        const w = ctx.emu.admin.requests().filter((r) => r.method !== "GET");
        assert.deepStrictEqual(
          w.map((r) => r.method),
          ["PATCH"],
        );
        assert.strictEqual(actionsNamed("Legacy").filter((a) => a.type === "KUBERNETES_SET_IMAGE").length, 1);
        assert.strictEqual(actionsNamed("Legacy").find((a) => a.id === existing.id)!.image_tag, "2.0");
        // managed from then on: delete removes it
        await k8sProvider.delete(created.id, created.outs as Inputs);
        assert.strictEqual(actionsNamed("Legacy").filter((a) => a.type === "KUBERNETES_SET_IMAGE").length, 0);
      });

      it("the PATCH fails: a partial failure keeps the adopted action in state with Buddy's current values", async () => {
        const existing = ctx.emu.admin.addAction(ws, project, 1, {
          ...fx.seed000Body,
          name: "Stuck",
          image_tag: "0.1",
        });
        ctx.emu.admin.setFaults({ rate: 1, kinds: ["500"], methods: ["PATCH"] });
        const news = { ...fx.seed000Inputs, name: "Stuck", imageTag: "2.0", adopt: true, __provider: "p" };
        const provider = impatient("kubernetes-set-image");
        const err = (await provider.create(news).then(
          () => assert.fail("create should fail"),
          (e: unknown) => e,
        )) as PartialCreateError;
        ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
        assert.strictEqual(err.id, `${ws}/${project}/1/${existing.id}`);
        assert.ok(err.reasons.length === 1 && /500/.test(err.reasons[0]), String(err.reasons));
        assert.strictEqual(err.properties.actionId, existing.id);
        assert.strictEqual(err.properties.imageTag, "0.1");
        assert.strictEqual(err.properties.__spec, "kubernetes-set-image");
        assert.strictEqual(err.properties.__provider, "p");
        // What the next `up` does with that state: one PATCH, nothing created.
        assert.strictEqual((await provider.diff(err.id, err.properties, news)).changes, true);
        await provider.update(err.id, err.properties, news);
        assert.strictEqual(actionsNamed("Stuck").length, 1);
        assert.strictEqual(actionsNamed("Stuck")[0].image_tag, "2.0");
      });

      it("two same-named actions: a clear error naming the count, nothing created", async () => {
        ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Dup" });
        ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Dup" });
        await assert.rejects(
          k8sProvider.create({ ...fx.seed000Inputs, name: "Dup", adopt: true, __provider: "p" }),
          /found 2 actions "Dup" \(KUBERNETES_SET_IMAGE\).*adopt needs exactly one/,
        );
        assert.strictEqual(actionsNamed("Dup").length, 2);
      });

      it("none: creates normally", async () => {
        const created = await k8sProvider.create({ ...fx.seed000Inputs, name: "Fresh", adopt: true, __provider: "p" });
        assert.strictEqual(actionsNamed("Fresh").length, 1);
        assert.strictEqual((created.outs as Inputs).adopt, true);
      });

      it("without adopt a same-named action (other values) is left alone and a new one is created", async () => {
        ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Side", image_tag: "0.0.1" });
        await k8sProvider.create({ ...fx.seed000Inputs, name: "Side", __provider: "p" });
        assert.strictEqual(actionsNamed("Side").length, 2);
      });
    });
  });

// A server that keeps action names unique within a pipeline (Buddy's YAML docs call the name an identifier; its REST
// docs are silent): the claim name is always free, and only the rename can meet a taken name.
describe("create safety against the emulator [server: unique action names]", function () {
  this.timeout(60_000);
  const ctx = useEmulator({ modes: { uniqueActionNames: true } }, true);
  beforeEach(() => {
    newProcess(ctx.emu);
  });
  const names = (): string[] =>
    (
      ctx.emu.admin.state() as unknown as {
        workspaces: Array<{
          projects: Array<{ pipelines: Array<{ id: number; actions: Array<{ fields: Inputs }> }> }>;
        }>;
      }
    ).workspaces[0].projects[0].pipelines
      .find((p) => p.id === 1)!
      .actions.map((a) => String(a.fields.name));

  it("commit-then-drop on POST: found by its claim name, renamed; exactly one action", async () => {
    ctx.emu.admin.setFaults({ rate: 1, kinds: ["commit-then-drop"], methods: ["POST"] });
    const created = await k8sProvider.create({ ...fx.seed000Inputs, name: "Unique", __provider: "p" });
    ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
    assert.deepStrictEqual(names(), ["Unique"]);
    assert.strictEqual((created.outs as Inputs).name, "Unique");
  });

  it("the name is taken (another action, other values): the rename is refused, the claimed action deleted, Buddy quoted, nothing left", async () => {
    ctx.emu.admin.addAction(ws, project, 1, { ...fx.seed000Body, name: "Taken", image_tag: "0.0.1" });
    await assert.rejects(
      k8sProvider.create({ ...fx.seed000Inputs, name: "Taken", __provider: "p" }),
      /Buddy refused the name of action "Taken".*already exists in this pipeline.*was deleted: nothing was created/,
    );
    assert.deepStrictEqual(names(), ["Taken"]);
  });
});
