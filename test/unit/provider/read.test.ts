// read's mapping of Buddy's answer back to inputs on refresh, and the action id format.
import * as assert from "assert";
import { refreshInputs } from "../../../provider/engine/read-map";
import { formatId, parseId } from "../../../provider/engine/id";
import { pipelineActionSpec } from "../../../provider/specs/pipeline-action";
import * as fx from "./fixtures";
import { loadSpec } from "../../../provider/specs/registry";

const kubernetesSetImageSpec = loadSpec("kubernetes-set-image");
const tagDockerImageSpec = loadSpec("tag-docker-image");

const k8sRecorded = {
  ...fx.seed000Inputs,
  content: "kubeconfig",
  afterActionId: 3,
  variables: [
    { key: "A", value: "plain" },
    { key: "S", value: "hush", encrypted: true },
  ],
};
/** Buddy's answer: the same action with its defaults filled in, secrets encrypted, no after_action_id. */
const k8sServer = {
  ...fx.seed000Body,
  id: 9,
  url: "u",
  html_url: "h",
  last_execution_status: "INITIAL",
  content: "secure!abc",
  kubectl_version: "latest",
  timeout: 0,
  disabled: false,
  run_next: "WAIT_ON_SUCCESS",
  targets: [{ ...fx.seed000Body.targets[0], extra_member: null }],
  variables: [
    { key: "A", value: "plain", type: "VAR", encrypted: false, settable: false, description: null },
    { key: "S", value: "secure!xyz", type: "VAR", encrypted: true, settable: false, description: null },
  ],
};

describe("read on refresh", () => {
  it("an unchanged action maps back to exactly the recorded inputs (defaults, encrypted secrets and unreported fields do not leak in)", () => {
    assert.deepStrictEqual(refreshInputs(kubernetesSetImageSpec, k8sServer, k8sRecorded), k8sRecorded);
  });

  it("a UI edit of a field the program sets is taken from Buddy", () => {
    const got = refreshInputs(kubernetesSetImageSpec, { ...k8sServer, image_tag: "hotfix" }, k8sRecorded);
    assert.strictEqual(got.imageTag, "hotfix");
  });

  it("a field the program sets that Buddy now reports as null is dropped (shows as a change)", () => {
    const got = refreshInputs(kubernetesSetImageSpec, { ...k8sServer, record_arg: null }, k8sRecorded);
    assert.ok(!("recordArg" in got));
  });

  it("a field Buddy reports in plain text but the spec marks secret keeps the program's value", () => {
    const got = refreshInputs(kubernetesSetImageSpec, { ...k8sServer, content: "something else" }, k8sRecorded);
    assert.strictEqual(got.content, "kubeconfig");
  });

  it("a nested secret (src.password) keeps the program's value; the other members come from Buddy", () => {
    const recorded = {
      ...fx.location,
      name: "T",
      src: { dockerRegistry: "OTHER", registry: "r", image: "x", password: "pw" },
      dest: { dockerRegistry: "DOCKER_HUB", image: "y" },
    };
    const server = {
      type: "PROMOTE_IMAGE",
      name: "T",
      same_location: false,
      src: { docker_registry: "OTHER", registry: "r2", image: "x", password: "secure!p", region: null },
      dest: { docker_registry: "DOCKER_HUB", image: "y" },
    };
    const got = refreshInputs(tagDockerImageSpec, server, recorded);
    assert.deepStrictEqual(got.src, { dockerRegistry: "OTHER", registry: "r2", image: "x", password: "pw" });
    assert.ok(!("sameLocation" in got));
  });

  it("an item added to a list in the UI appears in full", () => {
    const recorded = { ...fx.seed000Inputs, loop: ["a"] };
    const got = refreshInputs(kubernetesSetImageSpec, { ...k8sServer, loop: ["a", "b"] }, recorded);
    assert.deepStrictEqual(got.loop, ["a", "b"]);
  });

  it("PipelineAction `fields`: only the recorded members, each from Buddy; encrypted ones keep the program's value", () => {
    const recorded = {
      ...fx.location,
      type: "SLACK",
      name: "N",
      fields: { channel_name: "#a", webhook: "w", gone: "x" },
    };
    const server = { type: "SLACK", name: "N", channel_name: "#b", webhook: "secure!w", gone: null, defaulted: "yes" };
    const got = refreshInputs(pipelineActionSpec, server, recorded);
    assert.deepStrictEqual(got.fields, { channel_name: "#b", webhook: "w" });
  });
});

describe("action ids", () => {
  it("format and parse round trip", () => {
    const a = { workspace: "my-company", projectName: "my-project", pipelineId: 12, actionId: 345 };
    assert.strictEqual(formatId(a), "my-company/my-project/12/345");
    assert.deepStrictEqual(parseId("my-company/my-project/12/345"), a);
  });
  for (const bad of [
    "",
    "345",
    "ws/proj/12",
    "ws/proj/12/abc",
    "ws/proj/x/1",
    "/proj/1/2",
    "ws//1/2",
    "ws/proj/1/2/3",
    "ws/proj/0/2",
    "ws/proj/1/-2",
  ]) {
    it(`malformed id ${JSON.stringify(bad)} is a clear error`, () => {
      assert.throws(
        () => parseId(bad),
        /Malformed Buddy action id .*expected "workspace\/projectName\/pipelineId\/actionId"/,
      );
    });
  }
});
