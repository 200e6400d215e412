// Inputs ↔ Buddy's JSON for every field of every spec, both ways, and seed 000's curl example.
import * as assert from "assert";
import { createBody, serverOutputsOf } from "../../../provider/engine/wire";
import { inputsFromAction } from "../../../provider/engine/read-map";
import { pipelineActionSpec } from "../../../provider/specs/pipeline-action";
import { ActionSpec } from "../../../provider/specs/spec";
import { toInputName, toWireName } from "../../../provider/wire/names";
import * as fx from "./fixtures";
import { loadSpec } from "../../../provider/specs/registry";

const kubernetesSetImageSpec = loadSpec("kubernetes-set-image");
const tagDockerImageSpec = loadSpec("tag-docker-image");

const cases: Array<{ spec: ActionSpec; inputs: Record<string, unknown>; wire: Record<string, unknown> }> = [
  { spec: kubernetesSetImageSpec, inputs: fx.k8sInputs, wire: fx.k8sWire },
  { spec: tagDockerImageSpec, inputs: fx.tagInputs, wire: fx.tagWire },
  { spec: pipelineActionSpec, inputs: fx.genericInputs, wire: fx.genericWire },
];

const SERVER = {
  id: 42,
  url: "https://api/x/42",
  html_url: "https://app/x/42",
  last_execution_status: "INITIAL",
  pipeline: { id: 1 },
  current_revision: null,
};

describe("wire mapping", () => {
  for (const { spec, inputs, wire } of cases) {
    describe(spec.resourceType, () => {
      it("the fixture sets every field of the spec", () => {
        const unset = Object.keys(spec.fields).filter((k) => !(k in inputs) && k !== "adopt" && k !== "adoptActionId");
        assert.deepStrictEqual(unset, []);
      });

      it("inputs → request body: every field under its wire name, location and adopt not sent", () => {
        assert.deepStrictEqual(createBody(spec, inputs), wire);
      });

      it("Buddy's action → inputs (get): every field back under its input name", () => {
        const expected: Record<string, unknown> = { ...inputs };
        for (const k of ["workspace", "projectName", "pipelineId", "adopt"]) delete expected[k];
        assert.deepStrictEqual(inputsFromAction(spec, { ...wire, ...SERVER }), expected);
      });

      it("null members in Buddy's answer are unset inputs", () => {
        const got = inputsFromAction(spec, {
          type: wire.type,
          name: "n",
          timeout: null,
          loop: null,
          permissions: { others: null, users: null },
        });
        const expected: Record<string, unknown> = { name: "n", permissions: {} };
        if (spec.actionType === undefined) expected.type = wire.type;
        assert.deepStrictEqual(got, expected);
      });
    });
  }

  it("server outputs: id → actionId, url, html_url → htmlUrl, last_execution_status → lastExecutionStatus", () => {
    assert.deepStrictEqual(serverOutputsOf(SERVER), {
      actionId: 42,
      url: "https://api/x/42",
      htmlUrl: "https://app/x/42",
      lastExecutionStatus: "INITIAL",
    });
  });

  it("the program equivalent of seed 000's curl example sends exactly that example's JSON", () => {
    assert.deepStrictEqual(createBody(kubernetesSetImageSpec, fx.seed000Inputs), fx.seed000Body);
  });

  it("undefined inputs are omitted and no default is added", () => {
    const body = createBody(kubernetesSetImageSpec, {
      ...fx.location,
      name: "n",
      namespace: "d",
      deployment: "d",
      container: "c",
      imageName: "i",
      imageTag: "t",
      timeout: undefined,
    });
    assert.deepStrictEqual(body, {
      type: "KUBERNETES_SET_IMAGE",
      name: "n",
      namespace: "d",
      deployment: "d",
      container: "c",
      image_name: "i",
      image_tag: "t",
    });
  });

  const names: Array<[string, string]> = [
    ["imageTag", "image_tag"],
    ["runOnlyOnFirstFailure", "run_only_on_first_failure"],
    ["htmlUrl", "html_url"],
    ["clientCa", "client_ca"],
    ["name", "name"],
    ["s3Bucket", "s3_bucket"],
  ];
  for (const [input, wire] of names) {
    it(`names: ${input} ↔ ${wire}`, () => {
      assert.strictEqual(toWireName(input), wire);
      assert.strictEqual(toInputName(wire), input);
    });
  }
});
