// Secret inputs echoed by Buddy in errors[].message never reach an error message: the provider registers every
// value the spec marks secret (top-level, nested like src.password, encrypted variables' values) with the
// redactor before it talks to Buddy, on create, read, update and delete. Real client, scripted HTTP server.
import * as assert from "assert";
import { actionProvider } from "../../../provider/engine/provider";
import { registerSecretInputs } from "../../../provider/engine/secrets";
import { BuddyClient } from "../../../provider/http/client";
import { REDACTED, redact } from "../../../provider/http/redact";
import { ScriptServer, SeenRequest, errorBody } from "../http/script-server";
import * as fx from "../../unit/provider/fixtures";
import { loadSpec } from "../../../provider/specs/registry";

const kubernetesSetImageSpec = loadSpec("kubernetes-set-image");
const tagDockerImageSpec = loadSpec("tag-docker-image");

type Json = Record<string, unknown>;

const KUBECONFIG = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: KUBECONFIG-SECRET-c2VjcmV0";
const K8S_PASSWORD = "k8s-Pa55word-7781";
const VARIABLE_SECRET = "encrypted-variable-value-42";
const PLAIN_VARIABLE = "plain-variable-value-7";
const REGISTRY_PASSWORD = "registry-pw-98765";
const FIELDS_KUBECONFIG = "fields-kubeconfig-SECRET-5e1f";
const TARGET_PASSWORD = "target-push-password-6d0c";
const API_TOKEN = "untyped-api-token-2b77";
const SECRETS = [KUBECONFIG, K8S_PASSWORD, VARIABLE_SECRET, REGISTRY_PASSWORD];
const K8S_SECRETS = [KUBECONFIG, K8S_PASSWORD, VARIABLE_SECRET];
const TAG_SECRETS = [REGISTRY_PASSWORD];
/** The secrets the resource under test holds: what the scripted Buddy quotes back, and what must not leak. */
let quoted: string[] = [];

const k8sInputs: Json = {
  ...fx.seed000Inputs,
  name: "Leaky",
  content: KUBECONFIG,
  authType: "BASIC",
  server: "https://k8s.example.com",
  login: "admin",
  password: K8S_PASSWORD,
  variables: [
    { key: "DEPLOY_KEY", value: VARIABLE_SECRET, encrypted: true },
    { key: "PLAIN", value: PLAIN_VARIABLE },
  ],
};

const tagInputs: Json = {
  ...fx.location,
  name: "Leaky tag",
  sameLocation: false,
  src: {
    dockerRegistry: "OTHER",
    registry: "registry.example.com",
    image: "web",
    username: "ci",
    password: REGISTRY_PASSWORD,
  },
  dest: { dockerRegistry: "DOCKER_HUB", image: "acme/web", tag: "live" },
};

let round = 0;
/**
 * `values` with each of `secrets` made unique to this call, and `quoted` set to those: the process's redactor keeps
 * every secret it has met, so only the operation under test can have registered these.
 */
function fresh(secrets: string[], ...values: Json[]): Json[] {
  const suffix = `-round-${++round}`;
  const renamed = (v: unknown): unknown =>
    typeof v === "string" && secrets.includes(v)
      ? v + suffix
      : Array.isArray(v)
        ? v.map(renamed)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renamed(x)]))
          : v;
  quoted = secrets.map((x) => x + suffix);
  return values.map((v) => renamed(v) as Json);
}

/** Buddy's validation answer quoting back what it was sent, and the resource's secret values. */
function echo(req: SeenRequest): { status: number; body: unknown } {
  return {
    status: 400,
    body: errorBody(`Invalid action: ${req.body}`, `Cannot use ${[...quoted, PLAIN_VARIABLE].join(" / ")}`),
  };
}

function assertNoSecret(err: unknown): void {
  const e = err as Error & { messages?: string[] };
  const text = `${e.message}\n${(e.messages ?? []).join("\n")}\n${e.stack ?? ""}`;
  assert.ok(quoted.length > 0);
  for (const s of quoted) {
    assert.ok(!text.includes(s), `secret ${JSON.stringify(s)} leaked: ${text}`);
    assert.ok(
      !text.includes(JSON.stringify(s).slice(1, -1)),
      `secret ${JSON.stringify(s)} leaked in JSON form: ${text}`,
    );
  }
  assert.ok(text.includes(REDACTED), text);
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail("expected a failure"),
    (e: unknown) => e,
  );
}

describe("secret input values echoed by Buddy are redacted from error messages", () => {
  const server = new ScriptServer();
  let k8s: ReturnType<typeof fx.providerFor>;
  let tag: ReturnType<typeof fx.providerFor>;
  let generic: ReturnType<typeof fx.providerFor>;

  before(async () => {
    await server.start();
    server.handle((req) =>
      req.method === "GET" && /\/actions(\?|$)/.test(req.url) ? { status: 200, body: { actions: [] } } : echo(req),
    );
    const client = new BuddyClient({ baseUrl: server.url, token: "redaction-test-token-0123456789", maxAttempts: 1 });
    const provider = actionProvider(() => client, { log: () => undefined });
    k8s = fx.providerFor("kubernetes-set-image", provider);
    tag = fx.providerFor("tag-docker-image", provider);
    generic = fx.providerFor("pipeline-action", provider);
  });
  after(async () => {
    await server.close();
  });

  const id = "my-company/my-project/1/42";

  it("create: kubeconfig, password and an encrypted variable's value", async () => {
    const [inputs] = fresh(K8S_SECRETS, { ...k8sInputs, __provider: "p" });
    assertNoSecret(await failure(k8s.create(inputs)));
  });

  it("create: a nested secret (src.password)", async () => {
    const [inputs] = fresh(TAG_SECRETS, { ...tagInputs, __provider: "p" });
    assertNoSecret(await failure(tag.create(inputs)));
  });

  it("create: PipelineAction.fields, a secret its type's typed spec knows (a kubeconfig as `content`)", async () => {
    const fields = {
      namespace: "default",
      deployment: "d",
      container: "c",
      image_name: "n",
      content: FIELDS_KUBECONFIG,
    };
    const [inputs] = fresh([FIELDS_KUBECONFIG], {
      ...fx.location,
      type: "KUBERNETES_SET_IMAGE",
      name: "Leaky generic",
      fields,
      __provider: "p",
    });
    assertNoSecret(await failure(generic.create(inputs)));
  });

  it("create: credential-named members of untyped values (`fields` of an untyped type, at any depth)", async () => {
    const fields = { api_token: API_TOKEN, targets: [{ auth: { username: "u", password: TARGET_PASSWORD } }] };
    const [inputs] = fresh([TARGET_PASSWORD, API_TOKEN], {
      ...fx.location,
      type: "NOT_IN_CATALOG",
      name: "Leaky untyped",
      fields,
      __provider: "p",
    });
    assertNoSecret(await failure(generic.create(inputs)));
  });

  it("update: the old and the new values", async () => {
    const [olds, news] = fresh(
      K8S_SECRETS,
      { ...k8sInputs, actionId: 42, __spec: "kubernetes-set-image" },
      { ...k8sInputs, imageTag: "9.9", __provider: "p" },
    );
    assertNoSecret(await failure(k8s.update(id, olds, news)));
  });

  it("read (refresh) and delete: the recorded values", async () => {
    const recorded = { ...tagInputs, actionId: 42, __spec: "tag-docker-image" };
    const [read] = fresh(TAG_SECRETS, recorded);
    assertNoSecret(await failure(tag.read(id, read)));
    const [deleted] = fresh(TAG_SECRETS, recorded); // values delete alone can have registered
    assertNoSecret(await failure(tag.delete(id, deleted)));
  });

  it("only what the spec marks secret is registered: a plain variable's value and plain fields stay readable", () => {
    registerSecretInputs(kubernetesSetImageSpec, k8sInputs);
    registerSecretInputs(tagDockerImageSpec, tagInputs);
    const text = `${SECRETS.join(" | ")} | ${PLAIN_VARIABLE} | registry.example.com | admin`;
    assert.strictEqual(
      redact(text),
      `${SECRETS.map(() => REDACTED).join(" | ")} | ${PLAIN_VARIABLE} | registry.example.com | admin`,
    );
  });
});
