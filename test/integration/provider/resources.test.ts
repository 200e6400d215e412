// The resource classes of the staged package under Pulumi's mock runtime: type tokens, the registered inputs
// (secrets wrapped), outputs exposed, `get` by id, and the size of the provider each one stores.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockResourceArgs } from "@pulumi/pulumi/runtime";
import { STAGED, stagePackage } from "./stage";

type Package = typeof import("../../../provider");

describe("resource classes (staged package, mock runtime)", function () {
  this.timeout(180_000);
  const registered: MockResourceArgs[] = [];
  let pkg: Package;

  const savedToken = process.env.BUDDY_TOKEN;
  // The classes refuse to be declared without a token (issue 9 item 8); the mock runtime has no stack config.
  after(() => {
    if (savedToken === undefined) delete process.env.BUDDY_TOKEN;
    else process.env.BUDDY_TOKEN = savedToken;
  });
  before(() => {
    process.env.BUDDY_TOKEN = "mock-runtime-token";
    stagePackage();
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || `my-company/my-project/1/${registered.length}`,
            state: { ...args.inputs, actionId: registered.length },
          };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pkg = require(path.join(STAGED, "dist", "provider", "index.js")) as Package;
  });

  const where = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };
  /** A KubernetesSetImageAction's required inputs. */
  const k8s = { ...where, name: "K", namespace: "n", deployment: "d", container: "c", imageName: "i", imageTag: "t" };

  function resolve<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((res) => o.apply((v) => res(v)));
  }

  it("each class registers its own type token and stores a one-line require provider", async () => {
    const k = new pkg.KubernetesSetImageAction("k", k8s);
    const t = new pkg.TagDockerImageAction("t", {
      ...where,
      name: "T",
      src: { dockerRegistry: "DOCKER_HUB", image: "x" },
      dest: { dockerRegistry: "DOCKER_HUB", image: "x" },
    });
    const g = new pkg.PipelineAction("g", {
      ...where,
      type: "NOT_IN_CATALOG",
      name: "G",
      fields: { channel_name: "#a" },
      afterActionId: k.actionId,
    });
    const urns = await Promise.all([resolve(k.urn), resolve(t.urn), resolve(g.urn)]);
    assert.deepStrictEqual(
      urns.map((u) => u.split("::")[2]),
      [
        "pulumi-nodejs:dynamic/buddy:KubernetesSetImageAction",
        "pulumi-nodejs:dynamic/buddy:TagDockerImageAction",
        "pulumi-nodejs:dynamic/buddy:PipelineAction",
      ],
    );
    assert.strictEqual(
      await resolve(g.afterActionId),
      await resolve(k.actionId),
      "afterActionId takes another action's actionId",
    );
    const last3 = registered.slice(-3);
    for (const r of last3) {
      const text = String(r.inputs.__provider);
      assert.ok(
        text.length < 1024 && text.includes('require("pulumi-buddy-actions/dist/provider/providers/action.js")'),
        text,
      );
    }
    // one provider for all: each resource names its spec (the spec's file name) in the hidden input __spec
    assert.deepStrictEqual(Object.fromEntries(last3.map((r) => [r.name, r.inputs.__spec])), {
      k: "kubernetes-set-image",
      t: "tag-docker-image",
      g: "pipeline-action",
    });
  });

  it("outputs: every input plus actionId; secret inputs come out secret", async () => {
    const k = new pkg.KubernetesSetImageAction("k2", {
      ...k8s,
      content: "kc",
    });
    assert.strictEqual(await resolve(k.imageTag), "t");
    assert.strictEqual(typeof (await resolve(k.actionId)), "number");
    assert.strictEqual(await resolve(k.content), "kc");
    assert.strictEqual(await pulumi.isSecret(k.content), true);
    assert.strictEqual(await pulumi.isSecret(k.imageTag), false);
  });

  it("registers only the inputs set; an input not set is an Output of undefined all the same", async () => {
    const k = new pkg.KubernetesSetImageAction("k3", k8s);
    assert.strictEqual(await resolve(k.imageTag), "t");
    const last = registered[registered.length - 1];
    assert.deepStrictEqual(Object.keys(last.inputs).sort(), [
      "__provider",
      "__spec",
      "container",
      "deployment",
      "imageName",
      "imageTag",
      "name",
      "namespace",
      "pipelineId",
      "projectName",
      "workspace",
    ]);
    assert.ok(pulumi.Output.isInstance(k.timeout));
    assert.strictEqual(await resolve(k.timeout), undefined);
    assert.strictEqual(await resolve(k.url), undefined, "the mock returns no url");
    assert.strictEqual(k.timeout, k.timeout, "made once per resource");
    assert.deepStrictEqual(await resolve(pulumi.all([k.actionId, k.id])), [
      registered.length,
      `my-company/my-project/1/${registered.length}`,
    ]);
  });

  it("registering captures no stack per promise (the SDK's are most of a resource's CPU), but the declaration site still", () => {
    const original = Error.prepareStackTrace;
    let frames = 0;
    Error.prepareStackTrace = (err, callSites) => {
      frames += callSites.length;
      return original ? original(err, callSites) : String(err);
    };
    try {
      new pkg.KubernetesSetImageAction("k4", k8s);
    } finally {
      Error.prepareStackTrace = original;
    }
    // The SDK's one look at where the resource is declared (Resource.callsites, whole stack); before, four captures
    // of ten frames for each of the 13 registered properties as well.
    assert.ok(frames > 0 && frames < 60, `${frames} stack frames formatted`);
    assert.ok(Error.stackTraceLimit > 0, "the limit is back");
  });

  it("an error thrown while registering still has the stack of the declaration", () => {
    try {
      new pkg.KubernetesSetImageAction("", k8s);
      assert.fail("an empty resource name must be refused");
    } catch (err) {
      assert.match(String((err as Error).stack), /resources\.test\.ts/);
    }
    assert.ok(Error.stackTraceLimit > 0, "the limit is back");
  });

  it("get(name, id) reads by id alone", async () => {
    const got = pkg.KubernetesSetImageAction.get("existing", "my-company/my-project/1/456");
    assert.strictEqual(await resolve(got.id), "my-company/my-project/1/456");
    const last = registered[registered.length - 1];
    // only the hidden keys: the provider, and the spec that read needs to map the action back
    assert.deepStrictEqual(Object.keys(last.inputs).sort(), ["__provider", "__spec"]);
    assert.strictEqual(last.inputs.__spec, "kubernetes-set-image");
  });
});
