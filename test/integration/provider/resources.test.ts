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

  before(() => {
    stagePackage();
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: args.id || `my-company/my-project/1/${registered.length}`, state: { ...args.inputs, actionId: registered.length } };
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

  function resolve<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((res) => o.apply((v) => res(v)));
  }

  it("each class registers its own type token and stores a one-line require provider", async () => {
    const k = new pkg.KubernetesSetImageAction("k", { ...where, name: "K", namespace: "n", deployment: "d", container: "c", imageName: "i", imageTag: "t" });
    const t = new pkg.TagDockerImageAction("t", { ...where, name: "T", src: { dockerRegistry: "DOCKER_HUB", image: "x" }, dest: { dockerRegistry: "DOCKER_HUB", image: "x" } });
    const g = new pkg.PipelineAction("g", { ...where, type: "NOT_IN_CATALOG", name: "G", fields: { channel_name: "#a" }, afterActionId: k.actionId });
    const urns = await Promise.all([resolve(k.urn), resolve(t.urn), resolve(g.urn)]);
    assert.deepStrictEqual(
      urns.map((u) => u.split("::")[2]),
      ["pulumi-nodejs:dynamic/buddy:KubernetesSetImageAction", "pulumi-nodejs:dynamic/buddy:TagDockerImageAction", "pulumi-nodejs:dynamic/buddy:PipelineAction"],
    );
    assert.strictEqual(await resolve(g.afterActionId), await resolve(k.actionId), "afterActionId takes another action's actionId");
    const last3 = registered.slice(-3);
    for (const r of last3) {
      const text = String(r.inputs.__provider);
      assert.ok(text.length < 1024 && text.includes('require("pulumi-buddy-actions/dist/provider/providers/action.js")'), text);
    }
    // one provider for all: each resource names its spec (the spec's file name) in the hidden input __spec
    assert.deepStrictEqual(
      Object.fromEntries(last3.map((r) => [r.name, r.inputs.__spec])),
      { k: "kubernetes-set-image", t: "tag-docker-image", g: "pipeline-action" },
    );
  });

  it("outputs: every input plus actionId; secret inputs come out secret", async () => {
    const k = new pkg.KubernetesSetImageAction("k2", { ...where, name: "K", namespace: "n", deployment: "d", container: "c", imageName: "i", imageTag: "t", content: "kc" });
    assert.strictEqual(await resolve(k.imageTag), "t");
    assert.strictEqual(typeof (await resolve(k.actionId)), "number");
    assert.strictEqual(await resolve(k.content), "kc");
    assert.strictEqual(await pulumi.isSecret(k.content), true);
    assert.strictEqual(await pulumi.isSecret(k.imageTag), false);
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
