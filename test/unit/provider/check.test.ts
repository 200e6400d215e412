// check: every documented rule, each failure naming the property, and the bad-input catalog. check runs through
// the real provider modules with a client against a local server that counts requests (and answers 500): every case
// asserts that no request was made. Provider and client run on a ManualClock: a valid create's look at its failing
// pipeline ends when its budget does (ENGINE_TIMING.checkBudgetMs, or the client's retries, whichever the clock
// reaches first), without waiting for either in real time.
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { BuddyClient } from "../../../provider/http/client";
import { UNKNOWN } from "../../../provider/wire/values";
import { ActionProvider, actionProvider } from "../../../provider/engine/provider";
import { ManualClock } from "../../helpers/clock";
import * as fx from "./fixtures";

type Inputs = Record<string, unknown>;
const clock = new ManualClock();
let client: BuddyClient | undefined;
const engine = actionProvider(() => client!, { clock, log: () => undefined });
/** A resource class's provider whose check runs to its end on the test's clock. */
function onClock(spec: Parameters<typeof fx.providerFor>[0]): ActionProvider {
  const p = fx.providerFor(spec, engine);
  return { ...p, check: (olds, news) => clock.runUntil(p.check(olds, news)) };
}
const k8sProvider = onClock("kubernetes-set-image");
const tagProvider = onClock("tag-docker-image");
const genericProvider = onClock("pipeline-action");
/** The `__spec` each resource class adds to its inputs; check returns it with them. */
const specOf = new Map<ActionProvider, string>([
  [k8sProvider, "kubernetes-set-image"],
  [tagProvider, "tag-docker-image"],
  [genericProvider, "pipeline-action"],
]);

const k8sMin: Inputs = { ...fx.k8sMinInputs };
const tagMin: Inputs = {
  ...fx.location,
  name: "Tag",
  src: { dockerRegistry: "DOCKER_HUB", image: "nginx" },
  dest: { dockerRegistry: "DOCKER_HUB", image: "nginx" },
};
const genMin: Inputs = { ...fx.location, name: "Notify", type: "NOT_IN_CATALOG" };

function without(base: Inputs, key: string): Inputs {
  const out = { ...base };
  delete out[key];
  return out;
}

interface Case {
  what: string;
  provider: ActionProvider;
  inputs: Inputs;
  property: string;
  reason?: RegExp;
}

const k8s = (what: string, change: Inputs, property: string, reason?: RegExp): Case => ({
  what,
  provider: k8sProvider,
  inputs: { ...k8sMin, ...change },
  property,
  reason,
});
const tag = (what: string, change: Inputs, property: string, reason?: RegExp): Case => ({
  what,
  provider: tagProvider,
  inputs: { ...tagMin, ...change },
  property,
  reason,
});
const gen = (what: string, change: Inputs, property: string, reason?: RegExp): Case => ({
  what,
  provider: genericProvider,
  inputs: { ...genMin, ...change },
  property,
  reason,
});

const REQUIRED = /^is required$/;
const catalog: Case[] = [
  // each required field missing
  ...[
    "workspace",
    "projectName",
    "pipelineId",
    "name",
    "namespace",
    "deployment",
    "container",
    "imageName",
    "imageTag",
  ].map((key): Case => ({
    what: `KubernetesSetImageAction without ${key}`,
    provider: k8sProvider,
    inputs: without(k8sMin, key),
    property: key,
    reason: REQUIRED,
  })),
  ...["name", "src", "dest"].map((key): Case => ({
    what: `TagDockerImageAction without ${key}`,
    provider: tagProvider,
    inputs: without(tagMin, key),
    property: key,
    reason: REQUIRED,
  })),
  ...["type", "name", "workspace"].map((key): Case => ({
    what: `PipelineAction without ${key}`,
    provider: genericProvider,
    inputs: without(genMin, key),
    property: key,
    reason: REQUIRED,
  })),
  // each enum wrong
  k8s(
    "triggerTime not in the enum",
    { triggerTime: "SOMETIMES" },
    "triggerTime",
    /^must be one of ON_EVERY_EXECUTION, ON_SUCCESS, ON_FAILURE/,
  ),
  k8s(
    "runNext not in the enum",
    { runNext: "LATER" },
    "runNext",
    /^must be one of WAIT_ON_SUCCESS, IN_SOFT_PARALLEL, IN_HARD_PARALLEL; got "LATER"$/,
  ),
  k8s(
    "recordArg not in the enum",
    { recordArg: "true" },
    "recordArg",
    /^must be one of TRUE, FALSE, NOT_SET; got "true" \(did you mean "TRUE"\?\)$/,
  ),
  k8s("authType not in the enum", { authType: "OAUTH" }, "authType", /must be one of BASIC, TOKEN, CERTS/),
  k8s(
    "triggerCondition not in the enum",
    { triggerConditions: [{ triggerCondition: "ALWAYS" }] },
    "triggerConditions[0].triggerCondition",
    /must be one of ON_CHANGE,/,
  ),
  k8s(
    "variable type not in the enum",
    { variables: [{ key: "A", type: "FILE" }] },
    "variables[0].type",
    /must be one of VAR, SSH_KEY/,
  ),
  k8s(
    "permissions.others not in the enum",
    { permissions: { others: "ALL" } },
    "permissions.others",
    /must be one of DEFAULT, DENIED/,
  ),
  k8s(
    "a user's accessLevel not in the enum",
    { permissions: { users: [{ id: 1, accessLevel: "ADMIN" }] } },
    "permissions.users[0].accessLevel",
    /must be one of/,
  ),
  tag(
    "src.dockerRegistry not in the enum",
    { src: { dockerRegistry: "QUAY", image: "x" } },
    "src.dockerRegistry",
    /must be one of DOCKER_HUB, AMAZON_ECR/,
  ),
  gen("triggerTime not in the enum (generic)", { triggerTime: "NEVER" }, "triggerTime", /must be one of/),
  // wrong types
  k8s("pipelineId a string", { pipelineId: "1" }, "pipelineId", /integer ≥ 1/),
  k8s("pipelineId 0", { pipelineId: 0 }, "pipelineId", /integer ≥ 1/),
  k8s("timeout a string", { timeout: "60" }, "timeout", /^must be an integer ≥ 0; got "60"$/),
  k8s("timeout a fraction", { timeout: 1.5 }, "timeout", /^must be an integer ≥ 0; got 1.5$/),
  k8s("disabled a string", { disabled: "yes" }, "disabled", /must be a boolean/),
  k8s("ignoreErrors a number", { ignoreErrors: 1 }, "ignoreErrors", /must be a boolean/),
  k8s("imageTag a number", { imageTag: 2 }, "imageTag", /must be a string/),
  k8s("loop not a list", { loop: "echo" }, "loop", /must be a list/),
  k8s("loop item not a string", { loop: ["ok", 3] }, "loop[1]", /must be a string/),
  k8s("setupCommands item empty", { setupCommands: [""] }, "setupCommands[0]", /must not be empty/),
  k8s("targets item not an object", { targets: ["gke"] }, "targets[0]", /must be an object/),
  k8s("permissions not an object", { permissions: "open" }, "permissions", /must be an object/),
  k8s("afterActionId negative", { afterActionId: -1 }, "afterActionId", /integer ≥ 1/),
  k8s(
    "triggerHours out of range",
    { triggerConditions: [{ triggerCondition: "DATETIME", triggerHours: [24] }] },
    "triggerConditions[0].triggerHours[0]",
    /from 0 to 23/,
  ),
  k8s(
    "triggerDays out of range",
    { triggerConditions: [{ triggerCondition: "DATETIME", triggerDays: [0] }] },
    "triggerConditions[0].triggerDays[0]",
    /from 1 to 7/,
  ),
  k8s("adopt a string", { adopt: "true" }, "adopt", /must be a boolean/),
  tag("sameLocation a string", { sameLocation: "true" }, "sameLocation", /must be a boolean/),
  gen("fields not an object", { fields: ["a"] }, "fields", /must be an object/),
  // empty strings
  k8s("empty name", { name: "" }, "name", /^must not be empty or only spaces; got ""$/),
  k8s("empty namespace", { namespace: "" }, "namespace", /^must not be empty or only spaces; got ""$/),
  k8s("empty imageTag", { imageTag: "" }, "imageTag", /^must not be empty or only spaces; got ""$/),
  k8s("empty workspace", { workspace: "" }, "workspace", /^must not be empty or only spaces; got ""$/),
  tag(
    "empty src.image",
    { src: { dockerRegistry: "DOCKER_HUB", image: "" } },
    "src.image",
    /^must not be empty or only spaces; got ""$/,
  ),
  gen("empty type", { type: "" }, "type", /^must not be empty or only spaces; got ""$/),
  // negative numbers
  k8s("negative timeout", { timeout: -1 }, "timeout", /^must be an integer ≥ 0; got -1$/),
  k8s("negative retryCount", { retryCount: -2 }, "retryCount", /^must be an integer ≥ 0; got -2$/),
  k8s("negative retryInterval", { retryInterval: -5 }, "retryInterval", /^must be an integer ≥ 0; got -5$/),
  // the ON_FAILURE rule, both ways
  k8s(
    "ON_FAILURE without runOnlyOnFirstFailure",
    { triggerTime: "ON_FAILURE" },
    "runOnlyOnFirstFailure",
    /^is required when triggerTime is ON_FAILURE$/,
  ),
  k8s(
    "runOnlyOnFirstFailure without ON_FAILURE",
    { runOnlyOnFirstFailure: true },
    "runOnlyOnFirstFailure",
    /^is only allowed when triggerTime is ON_FAILURE; got true$/,
  ),
  k8s(
    "runOnlyOnFirstFailure with ON_SUCCESS",
    { triggerTime: "ON_SUCCESS", runOnlyOnFirstFailure: false },
    "runOnlyOnFirstFailure",
    /ON_FAILURE/,
  ),
  gen(
    "ON_FAILURE without runOnlyOnFirstFailure (generic)",
    { triggerTime: "ON_FAILURE" },
    "runOnlyOnFirstFailure",
    /ON_FAILURE/,
  ),
  // malformed src/dest
  tag("src not an object", { src: "nginx:1" }, "src", /must be an object/),
  tag("src without dockerRegistry", { src: { image: "nginx" } }, "src.dockerRegistry", REQUIRED),
  tag("dest without image", { dest: { dockerRegistry: "DOCKER_HUB" } }, "dest.image", REQUIRED),
  tag(
    "GAR src without registry",
    { src: { dockerRegistry: "GOOGLE_ARTIFACT_REGISTRY", image: "x" } },
    "src.registry",
    /required when dockerRegistry is GOOGLE_ARTIFACT_REGISTRY or OTHER/,
  ),
  tag(
    "OTHER dest without registry",
    { dest: { dockerRegistry: "OTHER", image: "x" } },
    "dest.registry",
    /required when dockerRegistry is/,
  ),
  tag(
    "ECR src without region",
    { src: { dockerRegistry: "AMAZON_ECR", image: "x" } },
    "src.region",
    /required when dockerRegistry is AMAZON_ECR/,
  ),
  tag(
    "unknown member in src",
    { src: { dockerRegistry: "DOCKER_HUB", image: "x", imageTag: "1" } },
    "src.imageTag",
    /unknown property src.imageTag/,
  ),
  tag(
    "empty dest.password",
    { dest: { dockerRegistry: "OTHER", registry: "r", image: "x", password: "" } },
    "dest.password",
    /must not be empty/,
  ),
  // unknown fields in a typed resource
  k8s(
    "snake_case field in a typed resource",
    { image_tag: "1.0" },
    "image_tag",
    /unknown property image_tag \(typed resources accept only their documented fields/,
  ),
  k8s(
    "a misspelt field",
    { imagetag: "1.0" },
    "imagetag",
    /unknown property imagetag .*; got "1.0"; did you mean imageTag\?$/,
  ),
  k8s("a PROMOTE_IMAGE field on KUBERNETES_SET_IMAGE", { sameLocation: true }, "sameLocation", /unknown property/),
  tag("a KUBERNETES_SET_IMAGE field on PROMOTE_IMAGE", { namespace: "x" }, "namespace", /unknown property/),
  k8s("type on a typed resource", { type: "BUILD" }, "type", /unknown property/),
  k8s(
    "unknown member in a trigger condition",
    { triggerConditions: [{ triggerCondition: "ON_CHANGE", paths: ["a"] }] },
    "triggerConditions[0].paths",
    /unknown property/,
  ),
  gen(
    "a type's own field outside `fields`",
    { channelName: "#x" },
    "channelName",
    /unknown property channelName \(put the action type's own fields in `fields`/,
  ),
  // PipelineAction fields collisions
  gen(
    "fields.trigger_time collides",
    { fields: { trigger_time: "ON_SUCCESS" } },
    "fields.trigger_time",
    /collides with the common field triggerTime/,
  ),
  gen("fields.name collides", { fields: { name: "x" } }, "fields.name", /collides with the common field name/),
  gen("fields.type collides", { fields: { type: "BUILD" } }, "fields.type", /collides with the common field type/),
  gen(
    "fields.runNext collides (camelCase spelling)",
    { fields: { runNext: "IN_SOFT_PARALLEL" } },
    "fields.runNext",
    /collides with the common field runNext/,
  ),
  gen(
    "fields.after_action_id collides",
    { fields: { after_action_id: 3 } },
    "fields.after_action_id",
    /collides with the common field afterActionId/,
  ),
  gen("fields.html_url is read-only", { fields: { html_url: "x" } }, "fields.html_url", /read-only/),
];

/** A create's checked inputs carry its claim name (engine/claims.ts); the rest must be the inputs as given. */
function claimed(inputs: Inputs | undefined): Inputs {
  const { __createClaim: claim, ...rest } = inputs ?? {};
  assert.match(String(claim), /^pulumi-create-[0-9a-f]{16}$/, "a create's check draws its claim name");
  return rest;
}

describe("check", () => {
  let server: http.Server;
  let requests = 0;
  /**
   * Requests other than listings of the pipeline a valid create's check looks at (survey.ts, check-record.ts) and the
   * GET of the pipeline itself (yaml-defined.ts).
   */
  let notListings = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      requests++;
      if (!(req.method === "GET" && /\/pipelines\/[0-9]+(\/actions)?(\?|$)/.test(req.url ?? ""))) notListings++;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    client = new BuddyClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      token: "check-test-token",
      now: () => clock.now(),
      sleep: (ms) => clock.sleep(ms),
      log: () => undefined,
    });
  });
  after(async () => {
    client?.close();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests = 0;
    notListings = 0;
  });

  describe(`bad-input catalog (${catalog.length} cases)`, () => {
    for (const c of catalog) {
      it(`${c.what} → ${c.property}`, async () => {
        const result = await c.provider.check({}, { ...c.inputs, __provider: "serialized" });
        const failures = result.failures ?? [];
        const hit = failures.find((f) => f.property === c.property);
        assert.ok(hit, `no failure for ${c.property}; got ${JSON.stringify(failures)}`);
        if (c.reason) assert.match(hit.reason, c.reason);
        assert.strictEqual(requests, 0, "check must not call the API");
      });
    }
  });

  describe("valid inputs", () => {
    const valid: Array<[string, ActionProvider, Inputs]> = [
      ["KubernetesSetImageAction, minimal", k8sProvider, k8sMin],
      ["KubernetesSetImageAction, every field", k8sProvider, fx.k8sInputs],
      ["KubernetesSetImageAction, seed 000's example", k8sProvider, fx.seed000Inputs],
      ["TagDockerImageAction, minimal", tagProvider, tagMin],
      ["TagDockerImageAction, every field", tagProvider, fx.tagInputs],
      [
        "TagDockerImageAction, sameLocation with dest.tag",
        tagProvider,
        { ...tagMin, sameLocation: true, dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "stable" } },
      ],
      ["PipelineAction, minimal", genericProvider, genMin],
      ["PipelineAction, every field", genericProvider, fx.genericInputs],
      ["PipelineAction, a type no doc lists", genericProvider, { ...genMin, type: "SOMETHING_NEW_2027" }],
      [
        "ON_FAILURE with runOnlyOnFirstFailure",
        k8sProvider,
        { ...k8sMin, triggerTime: "ON_FAILURE", runOnlyOnFirstFailure: false },
      ],
      ["an empty variable value", k8sProvider, { ...k8sMin, variables: [{ key: "A", value: "" }] }],
    ];
    for (const [what, provider, inputs] of valid) {
      it(`${what}: no failures, inputs returned as given (Buddy failing: no check record)`, async () => {
        const news = { ...inputs, __provider: "serialized" };
        const result = await provider.check({}, news);
        assert.deepStrictEqual(result.failures, []);
        assert.deepStrictEqual(claimed(result.inputs), { ...news, __spec: specOf.get(provider) });
        assert.strictEqual(notListings, 0, "a valid create's check only lists its pipeline");
      });
    }
  });

  describe("unknown values during preview are not checked", () => {
    const previews: Array<[string, ActionProvider, Inputs]> = [
      ["a required field unknown", k8sProvider, { ...k8sMin, imageTag: UNKNOWN }],
      ["afterActionId unknown (another action's actionId)", k8sProvider, { ...k8sMin, afterActionId: UNKNOWN }],
      ["a whole object unknown", tagProvider, { ...tagMin, src: UNKNOWN }],
      ["a member unknown", tagProvider, { ...tagMin, src: { dockerRegistry: UNKNOWN, image: "x" } }],
      ["a list item unknown", k8sProvider, { ...k8sMin, loop: ["a", UNKNOWN] }],
      [
        "triggerTime unknown: the ON_FAILURE rule waits",
        k8sProvider,
        { ...k8sMin, triggerTime: UNKNOWN, runOnlyOnFirstFailure: true },
      ],
      ["a nested item member unknown", k8sProvider, { ...k8sMin, triggerConditions: [{ triggerCondition: UNKNOWN }] }],
      ["fields unknown", genericProvider, { ...genMin, fields: UNKNOWN }],
      ["location unknown", k8sProvider, { ...k8sMin, pipelineId: UNKNOWN }],
    ];
    for (const [what, provider, inputs] of previews) {
      it(what, async () => {
        const result = await provider.check({}, inputs);
        assert.deepStrictEqual(result.failures, []);
        assert.deepStrictEqual(claimed(result.inputs), { ...inputs, __spec: specOf.get(provider) });
      });
    }
  });

  it("reports every failure at once, not just the first", async () => {
    const result = await k8sProvider.check({}, { ...fx.location, imageTag: "", timeout: -1, bogus: 1 });
    const props = (result.failures ?? []).map((f) => f.property).sort();
    assert.deepStrictEqual(props, [
      "bogus",
      "container",
      "deployment",
      "imageName",
      "imageTag",
      "name",
      "namespace",
      "timeout",
    ]);
  });
});
