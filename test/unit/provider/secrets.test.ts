// Which inputs a resource class stores as secrets (decided by the one walk, provider/specs/secrecy.ts: the specs and
// credential names in untyped values), and additionalSecretOutputs.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceOptions, resourceProps, secretOutputNames } from "../../../provider/resources/props";
import { pipelineActionSpec } from "../../../provider/specs/pipeline-action";
import { ActionSpec } from "../../../provider/specs/spec";
import { loadSpec } from "../../../provider/specs/registry";
import * as fx from "./fixtures";

const kubernetesSetImageSpec = loadSpec("kubernetes-set-image");
const tagDockerImageSpec = loadSpec("tag-docker-image");

function resolve<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((res) => o.apply((v) => res(v)));
}

async function secretKeys(spec: ActionSpec, args: Record<string, unknown>): Promise<string[]> {
  const props = resourceProps(spec, args);
  const out: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    if (v !== undefined && pulumi.Output.isInstance(v) && (await pulumi.isSecret(v))) out.push(k);
  }
  return out.sort();
}

describe("secrets", () => {
  it("KubernetesSetImageAction: content, password, token, clientCa, clientCert, clientKey always; variables when one is encrypted", async () => {
    assert.deepStrictEqual(
      await secretKeys(kubernetesSetImageSpec, fx.k8sInputs),
      ["clientCa", "clientCert", "clientKey", "content", "password", "token", "variables"].sort(),
    );
  });

  it("plain variables are not secret", async () => {
    const args = { ...fx.seed000Inputs, variables: [{ key: "A", value: "1" }] };
    assert.deepStrictEqual(await secretKeys(kubernetesSetImageSpec, args), []);
  });

  it("TagDockerImageAction: a location with a password is secret, one without is not", async () => {
    assert.deepStrictEqual(await secretKeys(tagDockerImageSpec, fx.tagInputs), ["src", "variables"]);
  });

  it("a password given as an Output (not yet resolved at construction) still makes the location secret", async () => {
    const args = {
      ...fx.location,
      name: "T",
      src: { dockerRegistry: "OTHER", registry: "r", image: "x", password: pulumi.output("pw") },
      dest: { dockerRegistry: "DOCKER_HUB", image: "x" },
    };
    assert.deepStrictEqual(await secretKeys(tagDockerImageSpec, args), ["src"]);
    const src = resourceProps(tagDockerImageSpec, args).src as pulumi.Output<Record<string, unknown>>;
    assert.deepStrictEqual(await resolve(src), { dockerRegistry: "OTHER", registry: "r", image: "x", password: "pw" });
  });

  it("PipelineAction: a secret inside `fields` makes `fields` secret; plain fields are not", async () => {
    const withSecret = { ...fx.location, type: "X", name: "n", fields: { api_key: pulumi.secret("k"), other: "o" } };
    assert.deepStrictEqual(await secretKeys(pipelineActionSpec, withSecret), ["fields"]);
    const plain = { ...fx.location, type: "X", name: "n", fields: { other: "o" } };
    assert.deepStrictEqual(await secretKeys(pipelineActionSpec, plain), []);
  });

  it("PipelineAction: a secret its type's typed spec knows makes `fields` secret, plain or unwrapped, type plain or Output", async () => {
    const fields = { namespace: "default", deployment: "d", container: "c", image_name: "n", content: "kubeconfig" };
    for (const type of [
      "KUBERNETES_SET_IMAGE",
      pulumi.output("KUBERNETES_SET_IMAGE"),
      Promise.resolve("KUBERNETES_SET_IMAGE"),
    ]) {
      const args = { ...fx.location, type, name: "n", fields };
      assert.deepStrictEqual(await secretKeys(pipelineActionSpec, args), ["fields"]);
      const registered = resourceProps(pipelineActionSpec, args).fields as pulumi.Output<Record<string, unknown>>;
      assert.deepStrictEqual(await resolve(registered), fields, "the value is kept as given");
    }
    const noSecret = { ...fields, content: undefined };
    assert.deepStrictEqual(
      await secretKeys(pipelineActionSpec, {
        ...fx.location,
        type: "KUBERNETES_SET_IMAGE",
        name: "n",
        fields: noSecret,
      }),
      [],
    );
  });

  it("credential-named members of open values are secret in state: GitPushAction targets, `fields` of an untyped type", async () => {
    const gitPush = loadSpec("PUSH");
    const target = { identifier: "t", auth: { method: "HTTP", username: "u", password: "pw" } };
    assert.deepStrictEqual(await secretKeys(gitPush, { ...fx.location, name: "p", targets: [target] }), ["targets"]);
    const plainTarget = { identifier: "t", auth: { method: "SSH_KEY", username: "u" } };
    assert.deepStrictEqual(await secretKeys(gitPush, { ...fx.location, name: "p", targets: [plainTarget] }), []);
    const untyped = { ...fx.location, type: "NOT_IN_CATALOG", name: "n", fields: { api_token: "t", token_type: "x" } };
    assert.deepStrictEqual(await secretKeys(pipelineActionSpec, untyped), ["fields"]);
    const innocent = { ...fx.location, type: "NOT_IN_CATALOG", name: "n", fields: { token_type: "x" } };
    assert.deepStrictEqual(await secretKeys(pipelineActionSpec, innocent), []);
  });

  it("a value the user already made secret stays secret and keeps its value", async () => {
    const props = resourceProps(kubernetesSetImageSpec, { ...fx.seed000Inputs, content: pulumi.secret("kc") });
    const content = props.content as pulumi.Output<string>;
    assert.strictEqual(await pulumi.isSecret(content), true);
    assert.strictEqual(await resolve(content), "kc");
  });

  it("get registers every input and server output (everything comes from read); actionId follows the id instead", () => {
    const props = resourceProps(kubernetesSetImageSpec, undefined);
    for (const k of [...Object.keys(kubernetesSetImageSpec.fields), "url", "htmlUrl", "lastExecutionStatus"])
      assert.ok(k in props, k);
    assert.ok(!("actionId" in props));
  });

  it("a resource registers only the inputs set, the server outputs and __spec, however many fields its type declares", () => {
    const props = resourceProps(kubernetesSetImageSpec, { ...fx.seed000Inputs, timeout: undefined });
    const set = Object.keys(fx.seed000Inputs).filter(
      (k) => (fx.seed000Inputs as Record<string, unknown>)[k] !== undefined,
    );
    assert.deepStrictEqual(
      Object.keys(props).sort(),
      [...set, "url", "htmlUrl", "lastExecutionStatus", "__spec"].sort(),
    );
  });

  it("the hidden __spec names the spec's file, for `get` too, and args cannot change it", () => {
    assert.strictEqual(resourceProps(kubernetesSetImageSpec, undefined).__spec, "kubernetes-set-image");
    assert.strictEqual(
      resourceProps(tagDockerImageSpec, { ...fx.location, __spec: "pipeline-action" }).__spec,
      "tag-docker-image",
    );
  });

  it("additionalSecretOutputs come from the spec's always-secret fields", () => {
    assert.deepStrictEqual(secretOutputNames(kubernetesSetImageSpec), [
      "content",
      "password",
      "token",
      "clientCa",
      "clientCert",
      "clientKey",
    ]);
    assert.deepStrictEqual(secretOutputNames(tagDockerImageSpec), []);
    assert.deepStrictEqual(
      resourceOptions(kubernetesSetImageSpec, { protect: true }).additionalSecretOutputs,
      secretOutputNames(kubernetesSetImageSpec),
    );
    assert.strictEqual(resourceOptions(kubernetesSetImageSpec, { protect: true }).protect, true);
  });

  it("a resource names only the always-secret fields it sets in additionalSecretOutputs (the list is stored per resource)", () => {
    const args = { ...fx.seed000Inputs, content: "kc", token: undefined };
    assert.deepStrictEqual(resourceOptions(kubernetesSetImageSpec, undefined, args).additionalSecretOutputs, [
      "content",
    ]);
    assert.deepStrictEqual(
      resourceOptions(kubernetesSetImageSpec, undefined, fx.seed000Inputs).additionalSecretOutputs,
      [],
    );
  });
});
