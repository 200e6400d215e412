// diff decisions and the PATCH bodies they lead to, table-driven. `olds` are the recorded outputs (every input
// the program set + the server's fields), `news` the program's inputs.
import * as assert from "assert";
import { diffResult, patchBody, planChanges } from "../../../provider/engine/diff";
import { pipelineActionSpec } from "../../../provider/specs/pipeline-action";
import { ActionSpec } from "../../../provider/specs/spec";
import { UNKNOWN } from "../../../provider/wire/values";
import * as fx from "./fixtures";
import { loadSpec } from "../../../provider/specs/registry";

const kubernetesSetImageSpec = loadSpec("kubernetes-set-image");
const tagDockerImageSpec = loadSpec("tag-docker-image");

type Inputs = Record<string, unknown>;
const server = { actionId: 7, url: "u", htmlUrl: "h", lastExecutionStatus: "INITIAL", __provider: "p" };
const k8s: Inputs = { ...fx.k8sMinInputs };
const tag: Inputs = {
  ...fx.location,
  name: "Tag",
  src: { dockerRegistry: "DOCKER_HUB", image: "nginx" },
  dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "a" },
};
const gen: Inputs = { ...fx.location, name: "Notify", type: "SLACK", fields: { channel_name: "#a", content: "hi" } };
const promote: Inputs = {
  src: { docker_registry: "DOCKER_HUB", image: "nginx" },
  dest: { docker_registry: "DOCKER_HUB", image: "nginx", tag: "a" },
};
const setImage: Inputs = {
  namespace: "default",
  deployment: "web",
  container: "web",
  image_name: "nginx",
  image_tag: "1.0",
};

interface Row {
  what: string;
  spec: ActionSpec;
  olds: Inputs;
  news: Inputs;
  changes: boolean;
  replaces?: string[];
  /** The PATCH body update would send (only for in-place changes). */
  patch?: Inputs;
}

const row = (
  what: string,
  spec: ActionSpec,
  base: Inputs,
  oldChange: Inputs,
  newChange: Inputs,
  changes: boolean,
  replaces: string[] = [],
  patch?: Inputs,
): Row => ({
  what,
  spec,
  olds: { ...base, ...oldChange, ...server },
  news: { ...base, ...newChange, __provider: "p" },
  changes,
  replaces,
  patch,
});

const K = kubernetesSetImageSpec;
const T = tagDockerImageSpec;
const G = pipelineActionSpec;
const kBody = { type: "KUBERNETES_SET_IMAGE", name: "Set image" };

const rows: Row[] = [
  // no change
  row("nothing changed", K, k8s, {}, {}, false),
  row("nothing changed, every field set", K, fx.k8sInputs, {}, {}, false),
  row("nothing changed (PROMOTE_IMAGE)", T, tag, {}, {}, false),
  row("nothing changed (generic)", G, gen, {}, {}, false),
  row("object members in another order", T, tag, {}, { src: { image: "nginx", dockerRegistry: "DOCKER_HUB" } }, false),
  row("only the server outputs differ (lastExecutionStatus)", K, k8s, { lastExecutionStatus: "FAILED" }, {}, false),
  row("adopt flipped: steers create only", K, k8s, { adopt: false }, { adopt: true }, false),
  // unset defaults after refresh: Buddy's defaults for fields the program never set are not in olds
  row("Buddy's defaults were never set: not compared", K, k8s, {}, {}, false),
  // replace fields
  row("workspace changed", K, k8s, {}, { workspace: "other" }, true, ["workspace"]),
  row("projectName changed", K, k8s, {}, { projectName: "other" }, true, ["projectName"]),
  row("pipelineId changed", K, k8s, {}, { pipelineId: 2 }, true, ["pipelineId"]),
  row("generic type changed", G, gen, {}, { type: "EMAIL" }, true, ["type"]),
  row("pipelineId unknown: replace", K, k8s, {}, { pipelineId: UNKNOWN }, true, ["pipelineId"]),
  // update fields
  row("imageTag changed", K, k8s, {}, { imageTag: "2.0" }, true, [], { ...kBody, image_tag: "2.0" }),
  row("name changed", K, k8s, {}, { name: "Renamed" }, true, [], { type: "KUBERNETES_SET_IMAGE", name: "Renamed" }),
  row("an optional field added", K, k8s, {}, { timeout: 30 }, true, [], { ...kBody, timeout: 30 }),
  row("afterActionId changed", K, k8s, { afterActionId: 1 }, { afterActionId: 2 }, true, [], {
    ...kBody,
    after_action_id: 2,
  }),
  row(
    "a nested member changed: the whole object is sent",
    T,
    tag,
    {},
    { dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "b" } },
    true,
    [],
    {
      type: "PROMOTE_IMAGE",
      name: "Tag",
      dest: { docker_registry: "DOCKER_HUB", image: "nginx", tag: "b" },
    },
  ),
  row("a list item added", K, k8s, { loop: ["a"] }, { loop: ["a", "b"] }, true, [], { ...kBody, loop: ["a", "b"] }),
  row(
    "a trigger condition changed",
    K,
    k8s,
    { triggerConditions: [{ triggerCondition: "ON_CHANGE" }] },
    { triggerConditions: [{ triggerCondition: "ON_CHANGE_AT_PATH", triggerConditionPaths: ["a/"] }] },
    true,
    [],
    {
      ...kBody,
      trigger_conditions: [{ trigger_condition: "ON_CHANGE_AT_PATH", trigger_condition_paths: ["a/"] }],
    },
  ),
  row(
    "a generic field changed: only that member is sent",
    G,
    gen,
    {},
    { fields: { channel_name: "#b", content: "hi" } },
    true,
    [],
    { type: "SLACK", name: "Notify", channel_name: "#b" },
  ),
  row("a generic field removed: sent as null", G, gen, {}, { fields: { channel_name: "#a" } }, true, [], {
    type: "SLACK",
    name: "Notify",
    content: null,
  }),
  // a removed `fields` member of a type a typed spec covers goes back to that spec's default (null where it has none)
  row(
    "PROMOTE_IMAGE fields.same_location removed (generic) → false",
    G,
    { ...gen, type: "PROMOTE_IMAGE", fields: promote },
    { fields: { ...promote, same_location: true } },
    {},
    true,
    [],
    {
      type: "PROMOTE_IMAGE",
      name: "Notify",
      same_location: false,
    },
  ),
  row(
    "KUBERNETES_SET_IMAGE fields.record_arg and config_path removed (generic) → NOT_SET, null",
    G,
    { ...gen, type: "KUBERNETES_SET_IMAGE", fields: setImage },
    { fields: { ...setImage, record_arg: "TRUE", config_path: "/k" } },
    {},
    true,
    [],
    {
      type: "KUBERNETES_SET_IMAGE",
      name: "Notify",
      record_arg: "NOT_SET",
      config_path: null,
    },
  ),
  row(
    "SLACK: an unknown fields member removed → null",
    G,
    gen,
    { fields: { channel_name: "#a", content: "hi", not_documented: 3 } },
    {},
    true,
    [],
    { type: "SLACK", name: "Notify", not_documented: null },
  ),
  // removed inputs: Buddy's documented default (or null) is put back; every default is checked against the
  // emulator's in defaults.test.ts
  row("triggerTime removed → ON_EVERY_EXECUTION", K, k8s, { triggerTime: "ON_SUCCESS" }, {}, true, [], {
    ...kBody,
    trigger_time: "ON_EVERY_EXECUTION",
  }),
  row("disabled removed → false", K, k8s, { disabled: true }, {}, true, [], { ...kBody, disabled: false }),
  row("kubectlVersion removed → latest", K, k8s, { kubectlVersion: "1.29" }, {}, true, [], {
    ...kBody,
    kubectl_version: "latest",
  }),
  row("timeout removed → 0", K, k8s, { timeout: 30 }, {}, true, [], { ...kBody, timeout: 0 }),
  row("runNext removed → WAIT_ON_SUCCESS", K, k8s, { runNext: "IN_HARD_PARALLEL" }, {}, true, [], {
    ...kBody,
    run_next: "WAIT_ON_SUCCESS",
  }),
  row("recordArg removed → NOT_SET", K, k8s, { recordArg: "TRUE" }, {}, true, [], { ...kBody, record_arg: "NOT_SET" }),
  row("ignoreErrors removed → false", K, k8s, { ignoreErrors: true }, {}, true, [], { ...kBody, ignore_errors: false }),
  row("executeEveryCommand removed → false", K, k8s, { executeEveryCommand: true }, {}, true, [], {
    ...kBody,
    execute_every_command: false,
  }),
  row("retryCount and retryInterval removed → 0", K, k8s, { retryCount: 3, retryInterval: 10 }, {}, true, [], {
    ...kBody,
    retry_count: 0,
    retry_interval: 0,
  }),
  row("sameLocation removed → false", T, tag, { sameLocation: true }, {}, true, [], {
    type: "PROMOTE_IMAGE",
    name: "Tag",
    same_location: false,
  }),
  row("insecureRegistry removed → false", T, tag, { insecureRegistry: true }, {}, true, [], {
    type: "PROMOTE_IMAGE",
    name: "Tag",
    insecure_registry: false,
  }),
  row("runNext removed (generic) → WAIT_ON_SUCCESS", G, gen, { runNext: "IN_SOFT_PARALLEL" }, {}, true, [], {
    type: "SLACK",
    name: "Notify",
    run_next: "WAIT_ON_SUCCESS",
  }),
  row("configPath removed → null (no documented default)", K, k8s, { configPath: "/k" }, {}, true, [], {
    ...kBody,
    config_path: null,
  }),
  row("loop removed → null (Buddy answers an empty list as [])", K, k8s, { loop: ["a"] }, {}, true, [], {
    ...kBody,
    loop: null,
  }),
  row(
    "ON_FAILURE pair removed → both reset",
    K,
    k8s,
    { triggerTime: "ON_FAILURE", runOnlyOnFirstFailure: true },
    {},
    true,
    [],
    {
      ...kBody,
      trigger_time: "ON_EVERY_EXECUTION",
      run_only_on_first_failure: null,
    },
  ),
  // unknowns
  row("afterActionId unknown: an update", K, k8s, { afterActionId: 1 }, { afterActionId: UNKNOWN }, true),
  row("a nested member unknown", T, tag, {}, { src: { dockerRegistry: "DOCKER_HUB", image: UNKNOWN } }, true),
  row("an unknown value for a field not set before", K, k8s, {}, { content: UNKNOWN }, true),
  // secrets: olds hold the program's values (read never stores Buddy's encrypted form)
  row("secret content unchanged", K, k8s, { content: "kubeconfig" }, { content: "kubeconfig" }, false),
  row("secret content changed", K, k8s, { content: "kubeconfig" }, { content: "kubeconfig-2" }, true, [], {
    ...kBody,
    content: "kubeconfig-2",
  }),
  row(
    "registry password changed",
    T,
    tag,
    { src: { dockerRegistry: "OTHER", registry: "r", image: "x", password: "a" } },
    { src: { dockerRegistry: "OTHER", registry: "r", image: "x", password: "b" } },
    true,
    [],
    {
      type: "PROMOTE_IMAGE",
      name: "Tag",
      src: { docker_registry: "OTHER", registry: "r", image: "x", password: "b" },
    },
  ),
  row(
    "encrypted variable unchanged",
    K,
    k8s,
    { variables: [{ key: "A", value: "v", encrypted: true }] },
    { variables: [{ key: "A", value: "v", encrypted: true }] },
    false,
  ),
];

describe("diff", () => {
  for (const r of rows) {
    it(r.what, () => {
      const plan = planChanges(r.spec, r.olds, r.news);
      const result = diffResult(plan);
      assert.strictEqual(result.changes, r.changes, JSON.stringify(plan));
      assert.deepStrictEqual(result.replaces, r.replaces ?? []);
      assert.strictEqual(result.deleteBeforeReplace, false);
      if (r.patch) assert.deepStrictEqual(patchBody(r.spec, r.olds, r.news, plan), r.patch);
    });
  }

  it("a PATCH never carries read-only fields or unchanged fields besides type and name", () => {
    const olds = { ...fx.k8sInputs, ...server };
    const news = { ...fx.k8sInputs, imageTag: "9.9" };
    const body = patchBody(K, olds, news, planChanges(K, olds, news));
    assert.deepStrictEqual(body, { type: "KUBERNETES_SET_IMAGE", name: fx.k8sInputs.name, image_tag: "9.9" });
  });
});
