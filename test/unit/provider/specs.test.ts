// The one provider serves every action type: it finds a resource's spec from the hidden `__spec` input (the spec's
// file name in provider/specs/). Every spec must be loadable from its own name; anything else is refused clearly;
// `__spec` itself never shows as a change.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadSpec } from "../../../provider/engine/provider";
import actionProvider = require("../../../provider/providers/action");
import * as fx from "./fixtures";

const SPECS_DIR = path.resolve(__dirname, "../../../provider/specs");

/** Every spec the spec modules export, with the file it lives in. */
function declaredSpecs(): Array<{ file: string; spec: { file?: unknown; resourceType: string } }> {
  return fs.readdirSync(SPECS_DIR).filter((f) => f.endsWith(".ts")).flatMap((f) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(SPECS_DIR, f)) as Record<string, unknown>;
    return Object.values(exports)
      .filter((v): v is { file?: unknown; resourceType: string } => typeof v === "object" && v !== null && "resourceType" in v && "fields" in v)
      .map((spec) => ({ file: path.basename(f, ".ts"), spec }));
  });
}

describe("specs by name (__spec)", () => {
  it("each spec's `file` is its own file name, and loadSpec(file) returns that very spec", () => {
    const specs = declaredSpecs();
    assert.deepStrictEqual(specs.map((s) => s.spec.resourceType).sort(), ["KubernetesSetImageAction", "PipelineAction", "TagDockerImageAction"]);
    for (const { file, spec } of specs) {
      assert.strictEqual(spec.file, file, `${spec.resourceType}: file must be "${file}"`);
      assert.strictEqual(loadSpec(file), spec);
    }
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ["missing", undefined, /Invalid __spec undefined: /],
    ["not a string", 7, /Invalid __spec 7: /],
    ["a path", "../http/client", /Invalid __spec "\.\.\/http\/client": /],
    ["an absolute path", "/etc/passwd", /Invalid __spec "\/etc\/passwd": /],
    ["upper case", "Kubernetes-Set-Image", /Invalid __spec /],
    ["no such spec", "kubernetes-set-imagex", /Unknown action spec "kubernetes-set-imagex" \(__spec\): this version of pulumi-buddy-actions has no provider\/specs\/kubernetes-set-imagex$/],
    ["a helper module, not a spec", "common", /Unknown action spec "common" \(__spec\): provider\/specs\/common exports no spec whose file is "common"$/],
  ];
  for (const [what, name, message] of refused) {
    it(`refuses a __spec that is ${what}, by every method that needs a spec`, async () => {
      assert.throws(() => loadSpec(name), message);
      const news = { ...fx.location, name: "x", __spec: name };
      await assert.rejects(actionProvider.check({}, news), message);
      await assert.rejects(actionProvider.diff("a/b/1/2", { __spec: "pipeline-action" }, news), message);
      await assert.rejects(actionProvider.create(news), message);
      await assert.rejects(actionProvider.update("a/b/1/2", news, news), message);
      await assert.rejects(actionProvider.read("a/b/1/2", { __spec: name }), message);
    });
  }

  it("check accepts __spec (never an unknown input) and returns it with the inputs", async () => {
    const news = { ...fx.location, name: "Notify", type: "SLACK", __spec: "pipeline-action", __provider: "p" };
    assert.deepStrictEqual(await actionProvider.check({}, news), { inputs: news, failures: [] });
  });

  describe("diff", () => {
    const program = { ...fx.location, name: "Notify", type: "SLACK", __provider: "p" };
    const outs = { ...program, actionId: 2, url: "u", htmlUrl: "h", lastExecutionStatus: "INITIAL" };
    it("__spec is never a change", async () => {
      const diff = await actionProvider.diff("a/b/1/2", { ...outs, __spec: "pipeline-action" }, { ...program, __spec: "pipeline-action" });
      assert.deepStrictEqual([diff.changes, diff.replaces], [false, []]);
    });
    it("recorded outputs without __spec are not a change either", async () => {
      const diff = await actionProvider.diff("a/b/1/2", outs, { ...program, __spec: "pipeline-action" });
      assert.deepStrictEqual([diff.changes, diff.replaces], [false, []]);
    });
    it("a different __spec (cannot happen for one URN) is a replace, like a change of type", async () => {
      const diff = await actionProvider.diff("a/b/1/2", { ...outs, __spec: "kubernetes-set-image" }, { ...program, __spec: "pipeline-action" });
      assert.deepStrictEqual([diff.changes, diff.replaces], [true, ["__spec"]]);
    });
  });
});
