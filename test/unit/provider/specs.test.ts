// The one provider serves every action type: it finds a resource's spec from the hidden `__spec` input through the
// static registry (provider/specs/registry.ts, generated from the catalog): every catalog type's key loads that
// type's spec, the first releases' keys still load theirs, anything else is refused clearly; `__spec` itself never
// shows as a change.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { loadSpec } from "../../../provider/engine/provider";
import actionProvider = require("../../../provider/providers/action");
import { loadCatalog, specKeyOf } from "../../../tools/catalog/generate";
import * as fx from "./fixtures";

const REPO = path.resolve(__dirname, "../../..");

describe("specs by key (__spec)", () => {
  const catalog = loadCatalog();

  it("every catalog type's key loads the spec of that type and class, and so does its Buddy type", () => {
    for (const t of catalog.types) {
      const spec = loadSpec(specKeyOf(t));
      assert.strictEqual(spec.actionType, t.type);
      assert.strictEqual(spec.resourceType, t.className);
      assert.strictEqual(spec.file, specKeyOf(t), `${t.type}: the spec records its own key`);
      assert.strictEqual(loadSpec(t.type), spec);
    }
  });

  it("the keys stacks of the first releases hold keep loading the same specs", () => {
    assert.strictEqual(loadSpec("kubernetes-set-image").actionType, "KUBERNETES_SET_IMAGE");
    assert.strictEqual(loadSpec("tag-docker-image").actionType, "PROMOTE_IMAGE");
    assert.strictEqual(loadSpec("pipeline-action").resourceType, "PipelineAction");
    assert.strictEqual(loadSpec("kubernetes-set-image"), loadSpec("KUBERNETES_SET_IMAGE"));
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ["missing", undefined, /Invalid __spec undefined: /],
    ["not a string", 7, /Invalid __spec 7: /],
    ["empty", "", /Invalid __spec "": /],
    [
      "a path",
      "../http/client",
      /Unknown action spec "\.\.\/http\/client" \(__spec\): this version of pulumi-buddy-actions has no such action type$/,
    ],
    ["an absolute path", "/etc/passwd", /Unknown action spec "\/etc\/passwd" /],
    ["a spec module's file name", "actions/slack", /Unknown action spec "actions\/slack" /],
    [
      "no such spec",
      "kubernetes-set-imagex",
      /Unknown action spec "kubernetes-set-imagex" \(__spec\): this version of pulumi-buddy-actions has no such action type$/,
    ],
    ["a helper module, not a spec", "common", /Unknown action spec "common" /],
    ["an inherited property name", "constructor", /Unknown action spec "constructor" /],
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
    const news = { ...fx.location, name: "Notify", type: "NOT_IN_CATALOG", __spec: "pipeline-action", __provider: "p" };
    const checked = await actionProvider.check({}, news);
    // A create's check adds its claim name (engine/claims.ts) and nothing else.
    const { __createClaim: claim, ...inputs } = checked.inputs ?? {};
    assert.match(String(claim), /^pulumi-create-[0-9a-f]{16}$/);
    assert.deepStrictEqual({ inputs, failures: checked.failures }, { inputs: news, failures: [] });
  });

  describe("diff", () => {
    const program = { ...fx.location, name: "Notify", type: "NOT_IN_CATALOG", __provider: "p" };
    const outs = { ...program, actionId: 2, url: "u", htmlUrl: "h", lastExecutionStatus: "INITIAL" };
    it("__spec is never a change", async () => {
      const diff = await actionProvider.diff(
        "a/b/1/2",
        { ...outs, __spec: "pipeline-action" },
        { ...program, __spec: "pipeline-action" },
      );
      assert.deepStrictEqual([diff.changes, diff.replaces], [false, []]);
    });
    it("recorded outputs without __spec are not a change either", async () => {
      const diff = await actionProvider.diff("a/b/1/2", outs, { ...program, __spec: "pipeline-action" });
      assert.deepStrictEqual([diff.changes, diff.replaces], [false, []]);
    });
    it("the first release's key and the Buddy type of one spec are not a change", async () => {
      const k8s = {
        ...fx.location,
        name: "S",
        namespace: "n",
        deployment: "d",
        container: "c",
        imageName: "i",
        imageTag: "t",
        __provider: "p",
      };
      const recorded = {
        ...k8s,
        actionId: 2,
        url: "u",
        htmlUrl: "h",
        lastExecutionStatus: "INITIAL",
        __spec: "kubernetes-set-image",
      };
      const diff = await actionProvider.diff("a/b/1/2", recorded, { ...k8s, __spec: "KUBERNETES_SET_IMAGE" });
      assert.deepStrictEqual([diff.changes, diff.replaces], [false, []]);
    });
    it("a different __spec (cannot happen for one URN) is a replace, like a change of type", async () => {
      const diff = await actionProvider.diff(
        "a/b/1/2",
        { ...outs, __spec: "kubernetes-set-image" },
        { ...program, __spec: "pipeline-action" },
      );
      assert.deepStrictEqual([diff.changes, diff.replaces], [true, ["__spec"]]);
    });
  });
});

describe("specs are read from the catalog's data when first used", function () {
  this.timeout(120_000);
  /** The catalog type entries a fresh process has read after running `code` (ts-node, as in the tests). */
  function typesRead(code: string): string[] {
    const watch =
      `const fs = require("fs"); const read = fs.readFileSync; const seen = []; ` +
      `fs.readFileSync = function (f, ...rest) { const m = /catalog[\\/]types[\\/](\\w+)\\.json$/.exec(String(f)); if (m) seen.push(m[1]); return read.call(this, f, ...rest); };`;
    const script = `${watch} ${code}; console.log(JSON.stringify(seen))`;
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
      cwd: REPO,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return JSON.parse(out.trim().split("\n").pop() as string) as string[];
  }

  it("importing the package reads no action type's entry", () => {
    assert.deepStrictEqual(typesRead(`require("./provider")`), []);
  });

  it("the provider reads only the entry of the type a resource names", () => {
    assert.deepStrictEqual(
      typesRead(`require("./provider/providers/action"); require("./provider/specs/registry").loadSpec("SLACK")`),
      ["SLACK"],
    );
  });

  it("a first release's key (the type in kebab case) reads only that type's entry", () => {
    assert.deepStrictEqual(typesRead(`require("./provider/specs/registry").loadSpec("kubernetes-set-image")`), [
      "KUBERNETES_SET_IMAGE",
    ]);
  });

  it("a resource class reads its own type's entry when its first resource is made", () => {
    const code = `const pkg = require("./provider"); try { new pkg.SleepAction("s", {}); } catch {}`;
    assert.deepStrictEqual(typesRead(code), ["SLEEP"]);
  });
});
