// The one secret walk (provider/specs/secrecy.ts) and its credential-name rule: which places of a value are secret,
// through typed specs, PipelineAction's `fields` with the typed spec of its `type`, and open values.
import * as assert from "assert";
import { isCredentialName, secretPlaces, withoutSecrets } from "../../../provider/specs/secrecy";
import { FieldDef } from "../../../provider/specs/field";
import { loadSpec } from "../../../provider/specs/registry";
import { pipelineActionSpec } from "../../../provider/specs/pipeline-action";
import { madeFromBody } from "../../../provider/engine/create";
import { WireAction } from "../../../provider/engine/api";
import { createBody } from "../../../provider/engine/wire";

const kubernetesSetImageSpec = loadSpec("kubernetes-set-image");
const tagDockerImageSpec = loadSpec("tag-docker-image");

type Json = Record<string, unknown>;

/** The secret places of `value` as "a.b[0].c" paths. */
function places(def: FieldDef, value: unknown, holder: Json = {}): string[] {
  return [...secretPlaces(def, value, holder)].map(({ path }) =>
    path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join(""),
  );
}

describe("secrecy: the credential-name rule", () => {
  const credentials = [
    "password",
    "PASSWORD",
    "passwd",
    "db_password",
    "dbPassword",
    "pass_word",
    "pass",
    "passphrase",
    "private_key_passphrase",
    "token",
    "access_token",
    "accessToken",
    "AUTH-TOKEN",
    "tokens",
    "secret",
    "client_secret",
    "clientsecret",
    "webhook_secret",
    "secrets",
    "private_key",
    "privateKey",
    "privatekey",
    "ssh_private_key",
    "api_key",
    "apiKey",
    "APIKey",
    "X-Api-Key",
    "apikey",
    "client_key",
    "clientKey",
    "secret_key",
    "secret_access_key",
    "secretAccessKey",
    "ssh_key",
    "deploy_key",
    "account_key",
    "key_material",
    "keyMaterial",
    "credentials",
    "kubeconfig",
    "password_value",
    "private_key_pem",
    "token_base64",
  ];
  for (const name of credentials) it(`${name} is a credential`, () => assert.strictEqual(isCredentialName(name), true));

  const innocent = [
    "token_type",
    "tokenType",
    "token_url",
    "secret_name",
    "secretName",
    "password_file",
    "private_key_path",
    "api_key_id",
    "key",
    "key_id",
    "access_key",
    "accessKey",
    "username",
    "login",
    "bypass",
    "compass",
    "monkey",
    "auth",
    "method",
    "content",
    "channel_name",
    "",
  ];
  for (const name of innocent) {
    it(`${JSON.stringify(name)} is not a credential`, () => assert.strictEqual(isCredentialName(name), false));
  }
});

describe("secrecy: the one walk", () => {
  it("typed secrets at any depth: always-secret fields, a nested password, an encrypted variable's value only", () => {
    const k8s = kubernetesSetImageSpec.fields;
    assert.deepStrictEqual(places(k8s.content, "kc"), [""]);
    assert.deepStrictEqual(places(k8s.imageTag, "1.0"), []);
    const variables = [
      { key: "A", value: "plain" },
      { key: "B", value: "hidden", encrypted: true },
    ];
    assert.deepStrictEqual(places(k8s.variables, variables), ["[1].value"]);
    const src = { dockerRegistry: "OTHER", registry: "r", image: "x", username: "u", password: "pw" };
    assert.deepStrictEqual(places(tagDockerImageSpec.fields.src, src), ["password"]);
  });

  it("PipelineAction.fields: the members its type's typed spec marks secret, by Buddy's names, at any depth", () => {
    const bag = pipelineActionSpec.fields.fields;
    const fields = {
      content: "kubeconfig",
      image_tag: "1.0",
      auth_type: "BASIC",
      password: "pw",
      token: "tk",
      client_key: "ck",
    };
    assert.deepStrictEqual(places(bag, fields, { type: "KUBERNETES_SET_IMAGE" }), [
      "content",
      "password",
      "token",
      "client_key",
    ]);
    const tag = { src: { docker_registry: "OTHER", registry: "r", image: "x", password: "pw" }, dest: { image: "y" } };
    assert.deepStrictEqual(places(bag, tag, { type: "PROMOTE_IMAGE" }), ["src.password"]);
  });

  it("a typed spec's non-secret field under a credential-like name stays what the spec says", () => {
    // SLACK's typed spec has no secret member; a `content` is a message there, not a kubeconfig.
    assert.deepStrictEqual(places(pipelineActionSpec.fields.fields, { content: "hi" }, { type: "SLACK" }), []);
  });

  it("the net: credential-named members of open values at any depth, in lists too; the rest is walked", () => {
    const targets = loadSpec("KUBERNETES_SET_IMAGE").fields.targets; // a list of open objects
    const value = [
      {
        identifier: "t1",
        repository: "https://git.example.com/r.git",
        auth: { method: "HTTP", username: "u", password: "pw" },
      },
      { identifier: "t2", auth: { method: "SSH_KEY", sshKey: "k", passphrase: "pp", tokenType: "bearer" } },
    ];
    assert.deepStrictEqual(places(targets, value), ["[0].auth.password", "[1].auth.sshKey", "[1].auth.passphrase"]);
  });

  it("the net: every member of `fields` of a type no spec types; a boolean under a credential name is not a secret", () => {
    const fields = { api_token: "t", use_token: true, nested: [{ client_secret: "s" }], channel: "#x" };
    assert.deepStrictEqual(places(pipelineActionSpec.fields.fields, fields, { type: "NOT_IN_CATALOG" }), [
      "api_token",
      "nested[0].client_secret",
    ]);
    // `type` not known yet (an Output during preview): the net still applies.
    assert.deepStrictEqual(places(pipelineActionSpec.fields.fields, { password: "p" }, {}), ["password"]);
  });

  it("withoutSecrets removes exactly the secret places and leaves the value it was given alone", () => {
    const bag = pipelineActionSpec.fields.fields;
    const fields = { content: "kc", image_tag: "1.0", variables: [{ key: "A", value: "v", encrypted: true }] };
    const copy = JSON.parse(JSON.stringify(fields)) as Json;
    assert.deepStrictEqual(withoutSecrets(bag, fields, { type: "KUBERNETES_SET_IMAGE" }), {
      image_tag: "1.0",
      variables: [{ key: "A", encrypted: true }],
    });
    assert.deepStrictEqual(fields, copy);
    assert.strictEqual(withoutSecrets(kubernetesSetImageSpec.fields.content, "kc", {}), undefined);
  });
  it("create's comparison of what it sent with what Buddy holds skips the secret places the walk finds", () => {
    // Buddy answers a secret encrypted or not at all; a masked or other value there must not make the action a stranger.
    const location = { workspace: "w", projectName: "p", pipelineId: 1 };
    // [spec, inputs, Buddy's answer with the secret masked, the same with a non-secret value changed]
    const cases: Array<[ReturnType<typeof loadSpec>, Json, Json, Json]> = [
      [
        pipelineActionSpec,
        { ...location, name: "n", type: "KUBERNETES_SET_IMAGE", fields: { namespace: "d", content: "kubeconfig" } },
        { content: "***" },
        { content: "***", namespace: "other" },
      ],
      [
        pipelineActionSpec,
        { ...location, name: "n", type: "NOT_IN_CATALOG", fields: { url: "u", api_token: "t" } },
        { api_token: "***" },
        { api_token: "***", url: "other" },
      ],
      [
        loadSpec("PUSH"),
        { ...location, name: "n", targets: [{ identifier: "t", auth: { username: "u", password: "pw" } }] },
        { targets: [{ identifier: "t", auth: { username: "u", password: "***" } }] },
        { targets: [{ identifier: "t", auth: { username: "other", password: "***" } }] },
      ],
    ];
    for (const [spec, inputs, masked, differing] of cases) {
      const body = createBody(spec, inputs);
      const answer = (over: Json) => ({ ...body, id: 7, ...over }) as WireAction;
      assert.strictEqual(madeFromBody(spec, inputs, body, answer(masked)), true, JSON.stringify(masked));
      assert.strictEqual(madeFromBody(spec, inputs, body, answer(differing)), false, JSON.stringify(differing));
    }
  });
});
