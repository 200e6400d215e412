// What a 404 means (issue 9 items 1-2, issue 16 item 5). A 404 for the action is "gone" when its pipeline answers,
// or when the pipeline is 404 in a project that answers (the pipeline was deleted, its actions with it). A wrong base
// URL, workspace or project also answers 404 to everything: refresh and delete must then fail, leave the state alone
// and name the way out; `get` of an id that does not exist fails naming the id.
import * as assert from "assert";
import { ALL_SCOPES } from "../../../emulator/index";
import { api, useEmulator } from "../../helpers/emulator";
import { ScriptServer, type Step } from "../http/script-server";
import { freshProvider, stackConfig } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
let k8sProvider: ReturnType<typeof fx.providerFor>;
let engine: ReturnType<typeof freshProvider>;
/** A new provider process for `url` and `token`; reconfigured later with `k8sProvider.configure(stackConfig(...))`. */
function newProcess(url: string, token: string): void {
  engine = freshProvider({ url, token });
  k8sProvider = fx.providerFor("kubernetes-set-image", engine);
}
const FULL = "full-scopes-token-0001";
const PIPELINES_ONLY = "pipeline-scopes-token-0002";
const WAY_OUT = /pulumi refresh --run-program.*pulumi state delete <urn>/;

describe("providers against the emulator: what a 404 means", function () {
  this.timeout(60_000);
  const ctx = useEmulator(
    {
      tokens: [
        { token: FULL, scopes: [...ALL_SCOPES] },
        { token: PIPELINES_ONLY, scopes: ["EXECUTION_INFO", "EXECUTION_MANAGE"] },
      ],
    },
    true,
  );
  beforeEach(() => newProcess(ctx.emu.url, FULL));

  async function created(): Promise<{ id: string; outs: Inputs; actionId: number }> {
    const { id, outs } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
    return { id, outs: outs as Inputs, actionId: (outs as Inputs).actionId as number };
  }
  const stillThere = async (id: string, outs: Inputs) => {
    await k8sProvider.configure(stackConfig({ baseUrl: ctx.emu.url, token: FULL }));
    assert.strictEqual((await k8sProvider.read(id, outs)).id, id, "the action is still there");
  };

  it("a wrong base URL (the right host plus /api): refresh and delete fail naming buddy:baseUrl and the way out", async () => {
    const { id, outs } = await created();
    await k8sProvider.configure(stackConfig({ baseUrl: `${ctx.emu.url}/api`, token: FULL }));
    for (const op of [() => k8sProvider.read(id, outs), () => k8sProvider.delete(id, outs)]) {
      await assert.rejects(op(), (err: Error) => {
        assert.match(err.message, /answered 404 .*wrong address, not a deletion, so the state is left as it was/);
        assert.match(err.message, /buddy:baseUrl/);
        assert.ok(err.message.includes(`server ${ctx.emu.url}/api`), err.message);
        assert.match(err.message, WAY_OUT);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
    }
    await stillThere(id, outs);
  });

  for (const [what, wrong, where] of [
    [
      "workspace",
      (id: string) => id.replace(/^my-company\//, "no-such-company/"),
      /workspace "no-such-company" is not found either/,
    ],
    [
      "project",
      (id: string) => id.replace("/my-project/", "/no-such-project/"),
      /workspace "my-company" answers but has no project "no-such-project"/,
    ],
  ] as const) {
    it(`a wrong ${what} in the id: refresh, delete and get fail instead of reporting the action deleted`, async () => {
      const { id, outs } = await created();
      const bad = wrong(id);
      assert.notStrictEqual(bad, id);
      await assert.rejects(k8sProvider.read(bad, outs), where);
      await assert.rejects(k8sProvider.delete(bad, outs), WAY_OUT);
      await assert.rejects(k8sProvider.read(bad, { __provider: "p", __spec: "kubernetes-set-image" }), where);
      await stillThere(id, outs);
    });
  }

  it("an action deleted in Buddy (its pipeline answers): refresh returns {} and a second delete succeeds", async () => {
    const { id, outs, actionId } = await created();
    ctx.emu.admin.deleteAction("my-company", "my-project", 1, actionId);
    assert.deepStrictEqual(await k8sProvider.read(id, outs), {});
    await k8sProvider.delete(id, outs);
  });

  it("a pipeline deleted in Buddy (its project answers): refresh returns {}, delete succeeds, get names the pipeline", async () => {
    const { id, outs } = await created();
    const del = await api(
      { url: ctx.emu.url, token: FULL },
      "DELETE",
      "/workspaces/my-company/projects/my-project/pipelines/1",
    );
    assert.strictEqual(del.status, 204, del.text);
    assert.deepStrictEqual(await k8sProvider.read(id, outs), {});
    await k8sProvider.delete(id, outs);
    await assert.rejects(
      k8sProvider.read(id, { __provider: "p", __spec: "kubernetes-set-image" }),
      /KubernetesSetImageAction\.get: there is no Buddy action with id "[^"]+" \(its pipeline 1 does not exist\)/,
    );
  });

  it("a pipeline 404 with a token that may not read projects: an error naming the scope, never a deletion", async () => {
    const { id, outs } = await created();
    await api({ url: ctx.emu.url, token: FULL }, "DELETE", "/workspaces/my-company/projects/my-project/pipelines/1");
    await k8sProvider.configure(stackConfig({ baseUrl: ctx.emu.url, token: PIPELINES_ONLY }));
    await assert.rejects(
      k8sProvider.read(id, outs),
      /could not be read .*403.*needs the token scope PROJECT_INFO or WORKSPACE/,
    );
    await assert.rejects(k8sProvider.delete(id, outs), /PROJECT_INFO or WORKSPACE/);
  });

  it("get of an id that does not exist fails with an error naming the id", async () => {
    const missing = "my-company/my-project/1/9999";
    await assert.rejects(
      k8sProvider.read(missing, { __provider: "p", __spec: "kubernetes-set-image" }),
      (err: Error) => {
        assert.match(err.message, /KubernetesSetImageAction\.get/);
        assert.ok(err.message.includes(JSON.stringify(missing)), err.message);
        assert.match(err.message, /its pipeline exists, the action does not/);
        return true;
      },
    );
  });

  it("get of an action of another typed type names the class that reads it", async () => {
    const slack = fx.providerFor("pipeline-action", engine);
    const { id } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
    // TagDockerImageAction.get of a Kubernetes action.
    const tag = fx.providerFor("tag-docker-image", engine);
    await assert.rejects(
      tag.read(id, { __provider: "p", __spec: "tag-docker-image" }),
      /TagDockerImageAction\.get: Buddy action "[^"]+" is of type "KUBERNETES_SET_IMAGE", not PROMOTE_IMAGE: read it with KubernetesSetImageAction\.get instead/,
    );
    // PipelineAction reads any type.
    assert.strictEqual((await slack.read(id, { __provider: "p", __spec: "pipeline-action" })).id, id);
  });
});

describe("providers against scripted servers: 404s whatever their bodies say", function () {
  this.timeout(60_000);
  let server: ScriptServer;
  const id = "my-company/my-project/1/7";
  const outs = { ...fx.seed000Inputs, __spec: "kubernetes-set-image", actionId: 7, url: "" } as Inputs;
  const ACTION = "/workspaces/my-company/projects/my-project/pipelines/1/actions/7";
  const PIPELINE = "/workspaces/my-company/projects/my-project/pipelines/1";
  const PROJECT = "/workspaces/my-company/projects/my-project";

  async function serve(answer: (path: string) => Step): Promise<void> {
    server = await new ScriptServer().handle((req) => answer(req.url.split("?")[0])).start();
    newProcess(server.url, "script-token");
  }
  afterEach(async () => {
    await server?.close();
  });
  const recorded = (): Inputs => ({ ...outs, url: `${server.url}${ACTION}` });

  it("bare 404s (no body) for action and pipeline, and the project answers: the pipeline is gone", async () => {
    await serve((p) =>
      p === PROJECT ? { status: 200, body: { name: "my-project", url: `${server.url}${PROJECT}` } } : { status: 404 },
    );
    assert.deepStrictEqual(await k8sProvider.read(id, recorded()), {});
    await k8sProvider.delete(id, recorded());
  });

  it("a server answering a bare 404 to everything: an error, nothing dropped", async () => {
    await serve(() => ({ status: 404 }));
    await assert.rejects(k8sProvider.read(id, recorded()), /wrong address, not a deletion/);
    await assert.rejects(k8sProvider.delete(id, recorded()), /wrong address, not a deletion/);
  });

  it("a project of the same name on another server (the action was recorded elsewhere): an error", async () => {
    await serve((p) =>
      p === PROJECT ? { status: 200, body: { name: "my-project", url: `${server.url}${PROJECT}` } } : { status: 404 },
    );
    const elsewhere = { ...outs, url: `https://api.buddy.works${ACTION}` };
    await assert.rejects(k8sProvider.read(id, elsewhere), /another server.*pulumi state delete <urn>/);
    await assert.rejects(k8sProvider.delete(id, elsewhere), /another server/);
  });

  it("a server that answers 200 for the project's path with another project: an error", async () => {
    await serve((p) => (p === PROJECT ? { status: 200, body: { name: "some-other" } } : { status: 404 }));
    await assert.rejects(k8sProvider.read(id, recorded()), /project "some-other", not "my-project"/);
  });

  it("a pipeline that answers 400: an error, nothing dropped", async () => {
    await serve((p) => (p === PIPELINE ? { status: 400, body: { errors: [{ message: "boom" }] } } : { status: 404 }));
    await assert.rejects(
      k8sProvider.read(id, recorded()),
      /its pipeline could not be read to confirm the action is gone \(.*boom/,
    );
  });
});
