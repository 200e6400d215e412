// Issue 16 item 6: the token scopes the README states per resource and lookup (provider/http/scopes.ts) suffice on
// every documented reading of Buddy's scopes (one scope per endpoint; WORKSPACE beside each), and a token missing
// one of them fails with an error naming that scope.
import * as assert from "assert";
import { ALL_SCOPES } from "../../../emulator/index";
import { BuddyClient } from "../../../provider/http";
import { SCOPES_NEEDED } from "../../../provider/http/scopes";
import { findPipeline, findProject } from "../../../provider/lookups";
import { api, useEmulator } from "../../helpers/emulator";
import { freshProvider, stackConfig } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
let k8s: ReturnType<typeof fx.providerFor>;
const ADMIN = "admin-token-all-scopes";
const where = { workspace: "my-company", projectName: "my-project" };

/** A token per set of scopes, named by them. */
const tokenFor = (scopes: readonly string[]): string => `t-${scopes.join("-") || "none"}`;
const needs = Object.values(SCOPES_NEEDED).flatMap((n) => [n.scopes, n.newer]);
const without = (scopes: readonly string[], drop: string) => scopes.filter((s) => s !== drop);
const tokens = [
  { token: ADMIN, scopes: [...ALL_SCOPES] },
  ...[...needs, ...needs.flatMap((set) => set.map((s) => without(set, s)))].map((scopes) => ({
    token: tokenFor(scopes),
    scopes: [...scopes],
  })),
].filter((t, i, all) => all.findIndex((o) => o.token === t.token) === i);

for (const strict of [false, true]) {
  describe(`token scopes as the README states them [${strict ? "WORKSPACE listed beside each endpoint" : "one scope per endpoint"}]`, function () {
    this.timeout(60_000);
    const ctx = useEmulator({ tokens, modes: { workspaceScopeRequired: strict } }, true);
    beforeEach(() => (k8s = fx.providerFor("kubernetes-set-image", freshProvider({ url: ctx.emu.url, token: ADMIN }))));
    /** The test's provider, configured (as `pulumi config set` then configure would) with a token of `scopes`. */
    const use = (scopes: readonly string[]) =>
      k8s.configure(stackConfig({ baseUrl: ctx.emu.url, token: tokenFor(scopes) }));
    const client = (scopes: readonly string[]) => new BuddyClient({ baseUrl: ctx.emu.url, token: tokenFor(scopes) });
    const deletePipeline = async (id: number) => {
      const r = await api(
        { url: ctx.emu.url, token: ADMIN },
        "DELETE",
        `/workspaces/my-company/projects/my-project/pipelines/${id}`,
      );
      assert.strictEqual(r.status, 204, r.text);
    };

    for (const generation of ["scopes", "newer"] as const) {
      const scopes = SCOPES_NEEDED.resources[generation];
      it(`resources with exactly ${scopes.join(" + ")}: create, refresh, update, delete, and a deleted pipeline told apart`, async () => {
        await use(scopes);
        const { id, outs } = await k8s.create({ ...fx.seed000Inputs, __provider: "p" });
        assert.strictEqual((await k8s.read(id, outs as Inputs)).id, id);
        const news = { ...fx.seed000Inputs, imageTag: "2.0.0", __provider: "p" };
        await k8s.update(id, outs as Inputs, news);
        await k8s.delete(id, outs as Inputs);
        const second = await k8s.create({ ...fx.seed000Inputs, __provider: "p" });
        await deletePipeline(1);
        assert.deepStrictEqual(await k8s.read(second.id, second.outs as Inputs), {});
        await k8s.delete(second.id, second.outs as Inputs);
      });

      it(`get with exactly ${SCOPES_NEEDED.get[generation].join(" + ")}; getPipeline and getProject with theirs`, async () => {
        await use(SCOPES_NEEDED.resources.scopes);
        const { id } = await k8s.create({ ...fx.seed000Inputs, __provider: "p" });
        await use(SCOPES_NEEDED.get[generation]);
        assert.strictEqual((await k8s.read(id, { __provider: "p", __spec: "kubernetes-set-image" })).id, id);
        const pipeline = await findPipeline(client(SCOPES_NEEDED.getPipeline[generation]), {
          ...where,
          name: "release",
        });
        assert.strictEqual(pipeline.id, 2);
        const project = await findProject(client(SCOPES_NEEDED.getProject[generation]), {
          workspace: where.workspace,
          name: where.projectName,
        });
        assert.strictEqual(project.id, "my-project");
      });
    }

    it("resources without EXECUTION_MANAGE: create fails naming the scope, and nothing is created", async () => {
      await use(without(SCOPES_NEEDED.resources.scopes, "EXECUTION_MANAGE"));
      await assert.rejects(k8s.create({ ...fx.seed000Inputs, __provider: "p" }), (err: Error) => {
        assert.match(err.message, /403: Access denied: the token lacks the scope one of .*EXECUTION_MANAGE/);
        assert.match(err.message, /needs the token scopes WORKSPACE and .*EXECUTION_MANAGE/);
        return true;
      });
      // Read-only (what `get` needs): the listing passes, the POST is refused naming the write scope.
      await use(SCOPES_NEEDED.get.scopes);
      await assert.rejects(
        k8s.create({ ...fx.seed000Inputs, __provider: "p" }),
        /POST .*403: Access denied: the token lacks the scope one of EXECUTION_MANAGE, PIPELINE_WRITE\. \(this request needs the token scopes WORKSPACE and EXECUTION_MANAGE \(newer accounts: PIPELINE_WRITE\)\)/,
      );
      const listed = await api(
        { url: ctx.emu.url, token: ADMIN },
        "GET",
        "/workspaces/my-company/projects/my-project/pipelines/1/actions",
      );
      assert.deepStrictEqual((listed.body as { actions: unknown[] }).actions, []);
    });

    it("resources without WORKSPACE: an error naming WORKSPACE (every request, or telling a deleted pipeline apart)", async () => {
      await use(SCOPES_NEEDED.resources.scopes);
      const { id, outs } = await k8s.create({ ...fx.seed000Inputs, __provider: "p" });
      await deletePipeline(1);
      await use(without(SCOPES_NEEDED.resources.scopes, "WORKSPACE"));
      await assert.rejects(k8s.read(id, outs as Inputs), /WORKSPACE/);
      await assert.rejects(k8s.delete(id, outs as Inputs), /WORKSPACE/);
    });

    it("lookups without their scope: an error naming it", async () => {
      await assert.rejects(
        findPipeline(client(without(SCOPES_NEEDED.getPipeline.scopes, "EXECUTION_INFO")), {
          ...where,
          name: "release",
        }),
        /lacks the scope one of EXECUTION_INFO.*needs the token scopes WORKSPACE and EXECUTION_INFO/,
      );
      await assert.rejects(
        findProject(client(without(SCOPES_NEEDED.getProject.scopes, "WORKSPACE")), {
          workspace: where.workspace,
          name: where.projectName,
        }),
        /lacks the scope one of WORKSPACE, PROJECT_INFO.*needs the token scopes WORKSPACE/,
      );
      if (strict) {
        await assert.rejects(
          findPipeline(client(without(SCOPES_NEEDED.getPipeline.scopes, "WORKSPACE")), { ...where, name: "release" }),
          /lacks the scope WORKSPACE\./,
        );
      }
    });
  });
}
