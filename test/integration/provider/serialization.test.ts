// The serialized provider round trip, as the Pulumi engine does it: build and stage the package, serialize the
// staged provider object (the one provider of every resource) with pulumi.runtime.serializeFunction (as
// dynamic.Resource does), check the text is a small require line with no token in it, load the text as a fresh
// module graph and drive configure/check/create/read/diff/update/delete through it against the emulator, once per
// spec: the program's inputs carry `__spec` as the resource classes put it; read gets only the recorded outputs.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { ResourceProvider } from "@pulumi/pulumi/dynamic";
import { REPO_ROOT, useEmulator } from "../../helpers/emulator";
import * as fx from "../../unit/provider/fixtures";
import { STAGED, forgetStaged, stagePackage } from "./stage";

type Inputs = Record<string, unknown>;
/** Loads serialized provider text the way the dynamic provider host does (requireFromString(text).handler()). */
function loadSerialized(text: string, dir: string, name: string): ResourceProvider {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { handler: () => ResourceProvider }).handler();
}

const programs: Array<{ spec: string; create: Inputs; change: Inputs }> = [
  {
    spec: "kubernetes-set-image",
    create: { ...fx.seed000Inputs, content: "kubeconfig" },
    change: { imageTag: "2.0.0" },
  },
  {
    spec: "tag-docker-image",
    create: {
      ...fx.location,
      name: "Tag",
      sameLocation: true,
      src: { dockerRegistry: "DOCKER_HUB", image: "nginx" },
      dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "stable" },
    },
    change: { dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "live" } },
  },
  {
    spec: "pipeline-action",
    create: { ...fx.location, type: "NOT_IN_CATALOG", name: "Notify", fields: { channel_name: "#a" } },
    change: { fields: { channel_name: "#b" } },
  },
];

describe("serialized provider (staged package)", function () {
  this.timeout(180_000);
  const ctx = useEmulator({
    tokens: [{ token: "serialization-test-token-5f2c9a", scopes: ["WORKSPACE", "EXECUTION_MANAGE"] }],
  });
  let tmp: string;

  before(() => {
    stagePackage();
    tmp = fs.mkdtempSync(path.join(REPO_ROOT, "node_modules", ".serialized-provider-"));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    forgetStaged();
    delete process.env.BUDDY_TOKEN;
  });

  for (const program of programs) {
    it(`${program.spec}: < 1 KiB, one require line, no token; create/read/update/delete through the loaded text`, async () => {
      const token = ctx.emu.token;
      // A provider configured with the token before serializing: nothing it holds may end up in the text.
      process.env.BUDDY_TOKEN = token;
      forgetStaged();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const staged = require(path.join(STAGED, "dist", "provider", "providers", "action.js")) as ResourceProvider;
      await staged.configure!({
        config: {
          get: (k: string) => ({ "buddy:token": token, "buddy:baseUrl": ctx.emu.url })[k],
          require: (k: string) => k,
        },
      });
      const { text } = await pulumi.runtime.serializeFunction(() => staged, { allowSecrets: true });
      assert.ok(Buffer.byteLength(text) < 1024, `serialized provider is ${Buffer.byteLength(text)} bytes:\n${text}`);
      assert.ok(text.includes(`require("pulumi-buddy-actions/dist/provider/providers/action.js")`), text);
      assert.ok(!text.includes(token), "the token must not be in the serialized provider");
      delete process.env.BUDDY_TOKEN;

      // Fresh module graph, as in a new provider process: configure is what gives it the endpoint and token.
      forgetStaged();
      const provider = loadSerialized(text, tmp, program.spec);
      assert.notStrictEqual(provider, staged);
      await provider.configure!({
        config: {
          get: (k: string) => ({ "buddy:token": token, "buddy:baseUrl": ctx.emu.url })[k],
          require: (k: string) => k,
        },
      });

      const news = { ...program.create, __spec: program.spec, __provider: text };
      const checked = await provider.check!({}, news);
      assert.deepStrictEqual(checked.failures, []);
      const created = await provider.create(news);
      assert.strictEqual(created.outs.__spec, program.spec, "create's outputs keep __spec, for refresh");
      const read = await provider.read!(created.id, { ...created.outs, __provider: text });
      assert.strictEqual(read.id, created.id);
      assert.strictEqual(read.props.__spec, program.spec, "read's outputs keep __spec");
      assert.strictEqual((await provider.diff!(created.id, read.props, news)).changes, false);
      const changed = { ...news, ...program.change };
      assert.strictEqual((await provider.diff!(created.id, read.props, changed)).changes, true);
      ctx.emu.admin.clearRequests();
      const updated = await provider.update!(created.id, read.props, changed);
      const patch = ctx.emu.admin.requests().filter((r) => r.method === "PATCH");
      assert.strictEqual(patch.length, 1);
      for (const [k, v] of Object.entries(program.change)) assert.deepStrictEqual(updated.outs[k], v);
      assert.strictEqual(updated.outs.__spec, program.spec, "update's outputs keep __spec");
      await provider.delete!(created.id, updated.outs);
      assert.deepStrictEqual(await provider.read!(created.id, updated.outs), {});
    });
  }
});
