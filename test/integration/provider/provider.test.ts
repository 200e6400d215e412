// The providers' methods called for real over HTTP against the Buddy API emulator: create/read/update/delete for
// all three resources, the bodies on the wire (from the emulator's request log), drift, 404/401/403, type changes,
// ambiguous creates and adoption.
import * as assert from "assert";
import { useEmulator } from "../../helpers/emulator";
import { serverModes } from "../../helpers/server-modes";
import { encryptSecret, type RequestLogEntry } from "../../../emulator/index";
import { freshProvider, stackConfig } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
let k8sProvider: ReturnType<typeof fx.providerFor>;
let tagProvider: ReturnType<typeof fx.providerFor>;
let genericProvider: ReturnType<typeof fx.providerFor>;
/** A new provider process's providers, for `url` and `token`. */
function newProcess(url: string, token: string): void {
  const provider = freshProvider({ url, token });
  k8sProvider = fx.providerFor("kubernetes-set-image", provider);
  tagProvider = fx.providerFor("tag-docker-image", provider);
  genericProvider = fx.providerFor("pipeline-action", provider);
}
const ws = "my-company";
const project = "my-project";
const ACTIONS = `/workspaces/${ws}/projects/${project}/pipelines/1/actions`;

function writes(log: RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => r.method !== "GET");
}

/** What `pulumi preview` would see after a refresh: the diff between read's outputs and the program's inputs. */
async function refreshAndDiff(provider: typeof k8sProvider, id: string, outs: Inputs, program: Inputs) {
  const read = await provider.read(id, { ...outs, __provider: "p" });
  assert.strictEqual(read.id, id);
  return { props: read.props as Inputs, diff: await provider.diff(id, read.props as Inputs, program) };
}

// Every server behaviour of the matrix (test/helpers/server-modes.ts).

/** A create's POST body as the program declared it: the POST carries the create's claim name (engine/claims.ts). */
function underClaim(body: unknown, declaredName: string): Inputs {
  const b = body as Inputs;
  assert.match(String(b.name), /^pulumi-create-[0-9a-f]{16}$/, "a create POSTs under its claim name");
  return { ...b, name: declaredName };
}

for (const mode of serverModes())
  describe(`providers against the emulator${mode.suffix}`, function () {
    this.timeout(60_000);
    const ctx = useEmulator({ modes: mode.modes }, true);

    beforeEach(() => newProcess(ctx.emu.url, ctx.emu.token)); // the emulator was reset

    describe("KubernetesSetImageAction", () => {
      it("create: one POST whose body is seed 000's curl example under the create's claim name, then one PATCH of the name", async () => {
        ctx.emu.admin.clearRequests();
        const created = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
        const writes = ctx.emu.admin.requests().filter((r) => r.method === "POST" || r.method === "PATCH");
        assert.deepStrictEqual(
          writes.map((r) => r.method),
          ["POST", "PATCH"],
        );
        const claim = (writes[0].body as Inputs).name;
        assert.match(String(claim), /^pulumi-create-[0-9a-f]{16}$/);
        assert.deepStrictEqual(writes[0].body, { ...fx.seed000Body, name: claim });
        assert.deepStrictEqual(writes[1].body, { type: fx.seed000Body.type, name: fx.seed000Body.name });
        assert.match(created.id, /^my-company\/my-project\/1\/\d+$/);
        const outs = created.outs as Inputs;
        assert.strictEqual(outs.actionId, Number(created.id.split("/")[3]));
        assert.strictEqual(typeof outs.url, "string");
        assert.strictEqual(typeof outs.htmlUrl, "string");
        assert.strictEqual(outs.lastExecutionStatus, "INITIAL");
        assert.strictEqual(outs.__provider, undefined);
        assert.strictEqual(
          outs.__spec,
          "kubernetes-set-image",
          "the spec stays in the outputs: refresh's read gets only them",
        );
        // every input as given, nothing added (Buddy's defaults are not in the outputs)
        assert.deepStrictEqual(
          Object.keys(outs).sort(),
          [...Object.keys(fx.seed000Inputs), "__spec", "actionId", "url", "htmlUrl", "lastExecutionStatus"].sort(),
        );
      });

      it("refresh right after create: no diff (Buddy's defaults for unset fields never show)", async () => {
        const program = { ...fx.seed000Inputs, content: "kubeconfig-text", __provider: "p" };
        const { id, outs } = await k8sProvider.create(program);
        const { props, diff } = await refreshAndDiff(k8sProvider, id, outs as Inputs, program);
        assert.strictEqual(diff.changes, false, JSON.stringify(diff));
        // Buddy answers the kubeconfig encrypted; the program's value is kept
        assert.strictEqual(props.content, "kubeconfig-text");
      });

      it("update: one PATCH holding only the changed fields plus type and name", async () => {
        const program = { ...fx.seed000Inputs, timeout: 30, __provider: "p" };
        const { id, outs } = await k8sProvider.create(program);
        const news = { ...program, imageTag: "1.9.0", timeout: undefined };
        delete news.timeout;
        const diff = await k8sProvider.diff(id, outs as Inputs, news);
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
        ctx.emu.admin.clearRequests();
        const updated = await k8sProvider.update(id, outs as Inputs, news);
        const w = writes(ctx.emu.admin.requests());
        assert.strictEqual(w.length, 1);
        assert.strictEqual(w[0].method, "PATCH");
        assert.deepStrictEqual(w[0].body, {
          type: "KUBERNETES_SET_IMAGE",
          name: "Set image",
          image_tag: "1.9.0",
          timeout: 0,
        });
        assert.strictEqual((updated.outs as Inputs).imageTag, "1.9.0");
        assert.strictEqual((updated.outs as Inputs).timeout, undefined);
        const after = await k8sProvider.read(id, { ...(updated.outs as Inputs) });
        assert.strictEqual((after.props as Inputs).imageTag, "1.9.0");
        assert.strictEqual((await k8sProvider.diff(id, after.props as Inputs, news)).changes, false);
      });

      it("an edit made in Buddy's UI shows in read and as a diff; so does an unset field with a default; not one without", async () => {
        const program = { ...fx.seed000Inputs, __provider: "p" };
        const { id, outs } = await k8sProvider.create(program);
        const actionId = (outs as Inputs).actionId as number;
        ctx.emu.admin.editAction(ws, project, 1, actionId, {
          image_tag: "hotfix",
          retry_count: 3,
          config_path: "/elsewhere",
        });
        const { props, diff } = await refreshAndDiff(k8sProvider, id, outs as Inputs, program);
        assert.strictEqual(props.imageTag, "hotfix");
        assert.strictEqual(props.retryCount, 3, "retryCount has Buddy's default 0: unset means 0, so 3 is drift");
        assert.strictEqual(
          props.configPath,
          undefined,
          "configPath has no documented default and is not set: not managed",
        );
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
      });

      it("get from the id alone: every non-null field Buddy reports", async () => {
        const { id } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
        // `get`: read receives only the props the resource class registers: __provider and __spec
        const got = await k8sProvider.read(id, { __provider: "p", __spec: "kubernetes-set-image" });
        const props = got.props as Inputs;
        assert.strictEqual(got.id, id);
        assert.strictEqual(props.__spec, "kubernetes-set-image");
        assert.deepStrictEqual([props.workspace, props.projectName, props.pipelineId], [ws, project, 1]);
        assert.strictEqual(props.imageTag, "1.7.8");
        assert.strictEqual(props.kubectlVersion, "latest", "Buddy's default is reported by get");
        assert.deepStrictEqual((props.targets as Inputs[])[0].projectId, "tokyo-house-138923");
      });

      it("delete: one DELETE; a second delete (404) counts as already gone; read then returns no id", async () => {
        const { id } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
        ctx.emu.admin.clearRequests();
        await k8sProvider.delete(id, {});
        const w = writes(ctx.emu.admin.requests());
        assert.deepStrictEqual(
          w.map((r) => [r.method, r.status]),
          [["DELETE", 204]],
        );
        await k8sProvider.delete(id, {});
        assert.deepStrictEqual(await k8sProvider.read(id, { name: "x", __spec: "kubernetes-set-image" }), {});
      });

      it("read after the action was deleted in the UI returns {} so the engine drops it", async () => {
        const { id, outs } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
        ctx.emu.admin.deleteAction(ws, project, 1, (outs as Inputs).actionId as number);
        assert.deepStrictEqual(await k8sProvider.read(id, outs as Inputs), {});
      });
    });

    describe("TagDockerImageAction", () => {
      const program: Inputs = {
        ...fx.location,
        name: "Tag",
        sameLocation: false,
        src: {
          dockerRegistry: "OTHER",
          registry: "registry.example.com",
          image: "web",
          username: "ci",
          password: "pw-1",
        },
        dest: { dockerRegistry: "DOCKER_HUB", image: "acme/web", tag: "live" },
        __provider: "p",
      };

      it("create, refresh (password kept), update dest, delete", async () => {
        ctx.emu.admin.clearRequests();
        const { id, outs } = await tagProvider.create(program);
        const post = writes(ctx.emu.admin.requests())[0];
        assert.deepStrictEqual(underClaim(post.body, "Tag"), {
          type: "PROMOTE_IMAGE",
          name: "Tag",
          same_location: false,
          src: {
            docker_registry: "OTHER",
            registry: "registry.example.com",
            image: "web",
            username: "ci",
            password: encryptSecret("pw-1"),
          },
          dest: { docker_registry: "DOCKER_HUB", image: "acme/web", tag: "live" },
        });
        const { props, diff } = await refreshAndDiff(tagProvider, id, outs as Inputs, program);
        assert.strictEqual((props.src as Inputs).password, "pw-1");
        assert.strictEqual(diff.changes, false, JSON.stringify(diff));

        const news = { ...program, dest: { dockerRegistry: "DOCKER_HUB", image: "acme/web", tag: "stable" } };
        ctx.emu.admin.clearRequests();
        await tagProvider.update(id, props, news);
        assert.deepStrictEqual(
          writes(ctx.emu.admin.requests()).map((r) => r.body),
          [
            {
              type: "PROMOTE_IMAGE",
              name: "Tag",
              dest: { docker_registry: "DOCKER_HUB", image: "acme/web", tag: "stable" },
            },
          ],
        );
        await tagProvider.delete(id, {});
        assert.deepStrictEqual(await tagProvider.read(id, props), {});
      });
    });

    describe("PipelineAction", () => {
      const program: Inputs = {
        ...fx.location,
        type: "NOT_IN_CATALOG",
        name: "Notify",
        fields: { channel_name: "#deployments", content: "hi" },
        __provider: "p",
      };

      it("create sends `fields` as they are; update sends only the changed member", async () => {
        ctx.emu.admin.clearRequests();
        const { id, outs } = await genericProvider.create(program);
        assert.deepStrictEqual(underClaim(writes(ctx.emu.admin.requests())[0].body, "Notify"), {
          type: "NOT_IN_CATALOG",
          name: "Notify",
          channel_name: "#deployments",
          content: "hi",
        });
        const { props, diff } = await refreshAndDiff(genericProvider, id, outs as Inputs, program);
        assert.strictEqual(diff.changes, false, JSON.stringify(diff));
        const news = { ...program, fields: { channel_name: "#releases", content: "hi" } };
        ctx.emu.admin.clearRequests();
        const updated = await genericProvider.update(id, props, news);
        assert.deepStrictEqual(
          writes(ctx.emu.admin.requests()).map((r) => r.body),
          [{ type: "NOT_IN_CATALOG", name: "Notify", channel_name: "#releases" }],
        );
        assert.deepStrictEqual((updated.outs as Inputs).fields, news.fields);
        const got = await genericProvider.read(id, { __provider: "p", __spec: "pipeline-action" });
        assert.deepStrictEqual(((got.props as Inputs).fields as Inputs).channel_name, "#releases");
        assert.strictEqual((got.props as Inputs).type, "NOT_IN_CATALOG");
      });

      it("a type change is a replace, so Buddy's refusal to change a type is never hit", async () => {
        const { id, outs } = await genericProvider.create(program);
        ctx.emu.admin.clearRequests();
        const diff = await genericProvider.diff(id, outs as Inputs, { ...program, type: "EMAIL" });
        assert.deepStrictEqual(diff.replaces, ["type"]);
        assert.strictEqual(ctx.emu.admin.requests().length, 0, "diff makes no API call");
      });

      it("reading a typed resource's id with another type's resource is a clear error", async () => {
        const { id } = await genericProvider.create(program);
        await assert.rejects(
          k8sProvider.read(id, { __spec: "kubernetes-set-image" }),
          /is of type "NOT_IN_CATALOG", not KUBERNETES_SET_IMAGE: read it with PipelineAction\.get instead/,
        );
      });
    });

    describe("errors", () => {
      it("401 (bad token): read throws with Buddy's message, status, method and path; nothing dropped", async () => {
        const { id, outs } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
        await k8sProvider.configure(stackConfig({ baseUrl: ctx.emu.url, token: "not-a-valid-token" }));
        await assert.rejects(
          k8sProvider.read(id, outs as Inputs),
          (err: Error & { status?: number; method?: string; path?: string }) => {
            assert.strictEqual(err.status, 401);
            assert.strictEqual(err.method, "GET");
            assert.match(err.message, new RegExp(`GET ${ACTIONS}/\\d+`));
            return true;
          },
        );
      });

      for (const [flag, message] of [
        ["api_disabled", /API is disabled in this workspace/],
        ["suspended", /Only active workspace have access to API/],
      ] as const) {
        it(`${flag}: read throws (${message.source}), never {}`, async () => {
          const { id, outs } = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
          ctx.emu.admin.setWorkspaceFlags(ws, { [flag]: true });
          await assert.rejects(k8sProvider.read(id, outs as Inputs), message);
          await assert.rejects(k8sProvider.delete(id, outs as Inputs), message);
        });
      }
    });
  });

describe("providers against the emulator: a token without write scope", function () {
  this.timeout(60_000);
  const READ_ONLY = "read-only-token-0123456789";
  const WRITER = "writer-token-0123456789";
  const ctx = useEmulator({
    tokens: [
      { token: WRITER, scopes: ["WORKSPACE", "EXECUTION_MANAGE"] },
      { token: READ_ONLY, scopes: ["WORKSPACE", "EXECUTION_INFO"] },
    ],
  });
  it("403: update throws with the status, method and path; read still works", async () => {
    newProcess(ctx.emu.url, WRITER);
    const created = await k8sProvider.create({ ...fx.seed000Inputs, __provider: "p" });
    await k8sProvider.configure(stackConfig({ baseUrl: ctx.emu.url, token: READ_ONLY }));
    await assert.rejects(
      k8sProvider.update(created.id, created.outs as Inputs, { ...fx.seed000Inputs, imageTag: "2" }),
      (err: Error & { status?: number }) => {
        assert.strictEqual(err.status, 403);
        assert.match(err.message, new RegExp(`PATCH ${ACTIONS}/\\d+`));
        return true;
      },
    );
    assert.strictEqual((await k8sProvider.read(created.id, created.outs as Inputs)).id, created.id);
  });
});
