// Issue 9 item 8: inputs and config that passed `pulumi preview` and failed at `up` (or were silently ignored) are
// refused by check / at program time, with the property or key named.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { checkProgramConfig, programConfigProblems } from "../../../provider/resources/program-config";
import * as fx from "./fixtures";

type Inputs = Record<string, unknown>;
const k8sProvider = fx.providerFor("kubernetes-set-image");
const genericProvider = fx.providerFor("pipeline-action");
const k8sMin: Inputs = { ...fx.k8sMinInputs };
const genMin: Inputs = { ...fx.location, name: "Notify", type: "SLACK" };

async function failures(
  provider: typeof k8sProvider,
  inputs: Inputs,
): Promise<Array<{ property: string; reason: string }>> {
  return ((await provider.check({}, inputs)).failures ?? []) as Array<{ property: string; reason: string }>;
}

describe("check: inputs a new user got past preview (issue 9 item 8)", () => {
  it("a name of only spaces is refused, naming `name`", async () => {
    assert.deepStrictEqual(await failures(k8sProvider, { ...k8sMin, name: "   " }), [
      { property: "name", reason: `must not be empty or only spaces; got "   "` },
    ]);
    assert.deepStrictEqual(await failures(k8sProvider, k8sMin), []);
  });

  it("a PipelineAction type in lower case is refused, naming `type`", async () => {
    const f = await failures(genericProvider, { ...genMin, type: "slack" });
    assert.deepStrictEqual(
      f.map((x) => x.property),
      ["type"],
    );
    assert.match(f[0].reason, /upper case/);
    assert.deepStrictEqual(
      await failures(genericProvider, { ...genMin, type: "GCLOUD_CLI" }),
      [],
      "an unknown upper-case type is fine",
    );
  });

  it("a PipelineAction whose type has a typed spec: `fields` is checked against that spec", async () => {
    const f = await failures(genericProvider, {
      ...genMin,
      type: "KUBERNETES_SET_IMAGE",
      fields: { namespace: "default", image_name: "nginx", record_arg: "sometimes" },
    });
    assert.deepStrictEqual(f.map((x) => x.property).sort(), [
      "fields.container",
      "fields.deployment",
      "fields.image_tag",
      "fields.record_arg",
    ]);
    assert.match(
      f.find((x) => x.property === "fields.image_tag")?.reason ?? "",
      /is required for type KUBERNETES_SET_IMAGE/,
    );
    const complete = {
      namespace: "default",
      deployment: "web",
      container: "web",
      image_name: "nginx",
      image_tag: "1.0",
    };
    assert.deepStrictEqual(
      await failures(genericProvider, { ...genMin, type: "KUBERNETES_SET_IMAGE", fields: complete }),
      [],
    );
    const noFields = await failures(genericProvider, { ...genMin, type: "PROMOTE_IMAGE" });
    assert.deepStrictEqual(noFields.map((x) => x.property).sort(), ["fields.dest", "fields.src"]);
  });
});

describe("program-time config checks (issue 9 items 3 and 8)", () => {
  it("an unknown buddy:* key is an error naming it and the known keys", () => {
    const { error } = programConfigProblems(
      { "buddy:baseURL": "https://x", "buddy:token": "t" },
      ["buddy:token"],
      undefined,
    );
    assert.match(error ?? "", /Unknown config key buddy:baseURL: .*buddy:token, buddy:baseUrl, buddy:insecure/);
    assert.strictEqual(
      programConfigProblems({ "other:baseURL": "x", "buddy:token": "t" }, ["buddy:token"], undefined).error,
      undefined,
    );
  });

  it("no token in config nor BUDDY_TOKEN is an error saying how to set it", () => {
    assert.match(programConfigProblems({}, [], undefined).error ?? "", /pulumi config set --secret buddy:token/);
    assert.match(programConfigProblems({ "buddy:token": " " }, [], "").error ?? "", /BUDDY_TOKEN/);
    assert.deepStrictEqual(programConfigProblems({}, [], "env-token"), { warnings: [] });
  });

  it("a buddy:token that is not a secret is a warning; a secret one is not", () => {
    const plain = programConfigProblems({ "buddy:token": "t" }, [], undefined);
    assert.strictEqual(plain.error, undefined);
    assert.strictEqual(plain.warnings.length, 1);
    assert.match(plain.warnings[0], /buddy:token is set in plain text.*--secret/);
    assert.deepStrictEqual(programConfigProblems({ "buddy:token": "t" }, ["buddy:token"], undefined), { warnings: [] });
  });

  it("the error stopping the program is a RunError without stack frames (provider/program-error.ts says why)", () => {
    const saved = process.env.BUDDY_TOKEN;
    delete process.env.BUDDY_TOKEN;
    pulumi.runtime.setAllConfig({});
    try {
      assert.throws(
        () => checkProgramConfig(),
        (err: Error) =>
          pulumi.RunError.isInstance(err) &&
          /No Buddy API token/.test(err.message) &&
          err.stack === `Error: ${err.message}`,
      );
    } finally {
      if (saved !== undefined) process.env.BUDDY_TOKEN = saved;
    }
  });
});
