// catalog/pipeline.json: one request body per generation of Buddy's pipeline pages is accepted by the Pipeline's
// check and by the emulator, and the Pipeline sends it back byte-equal; the read-only server fields and the
// location are never settings; the check's messages name the camelCase property and the rule.
import * as assert from "assert";
import { prepareNewPipeline } from "../../../emulator/pipelines";
import { checkPipelineInputs, settingsBody } from "../../../provider/pipelines/engine";
import { fromWireValue, settings } from "../../../provider/pipelines/facts";
import { catalog } from "../../helpers/catalog";

const location = { workspace: "my-company", projectName: "my-project" };
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

describe("catalog/pipeline.json", () => {
  const shapes = catalog.pipeline.requestShapes;

  it("has a body for each of the three page generations", () => {
    assert.deepStrictEqual([...new Set(shapes.map((s) => s.generation))].sort(), [
      "add-new-pipeline",
      "newest",
      "v1.1.0",
    ]);
  });

  for (const shape of shapes)
    it(`the ${shape.generation} body (${shape.printed ? "printed" : "from the parameter table"}): accepted by preview and the emulator, sent back byte-equal`, () => {
      const inputs: Record<string, unknown> = { ...location };
      for (const [name, f] of Object.entries(settings)) {
        const v = fromWireValue(f, shape.body[f.wire]);
        if (v !== undefined) inputs[name] = v;
      }
      assert.deepStrictEqual(checkPipelineInputs(inputs), []);
      assert.strictEqual(canonical(settingsBody(inputs)), canonical(shape.body));
      assert.doesNotThrow(() => prepareNewPipeline(shape.body));
    });

  it("no setting is a location key or a server field", () => {
    for (const key of ["workspace", "projectName", ...Object.keys(catalog.pipeline.serverFields)])
      assert.ok(!(key in settings), key);
  });

  it("check names the property and the rule; two generations' spellings of one setting are refused together", () => {
    const lines = checkPipelineInputs({
      ...location,
      name: "x",
      on: "CLICK",
      triggerMode: "MANUAL",
      refs: ["a"],
      refName: "b",
      triggerConditions: [{ triggerCondition: "VAR_IS" }],
    }).map((f) => `${f.property}: ${f.reason}`);
    assert.deepStrictEqual(lines.sort(), [
      'refName: is not allowed with refs: set at most one of refs, refName; got "b"',
      "triggerConditions[0].triggerVariableKey: is required when triggerCondition is VAR_IS or VAR_IS_NOT or " +
        "VAR_CONTAINS or VAR_NOT_CONTAINS or VAR_LESS_THAN or VAR_LESS_THAN_OR_EQUAL or VAR_GREATER_THAN or " +
        "VAR_GREATER_THAN_OR_EQUAL",
      'triggerMode: is not allowed with on: set at most one of on, triggerMode; got "MANUAL"',
    ]);
  });

  it("a pipeline defined in a repository's YAML declares only where that YAML is: each other setting is refused by name", () => {
    const remote = {
      ...location,
      name: "release",
      definitionSource: "REMOTE",
      remoteProjectName: "pipelines",
      remoteRef: "main",
      remotePath: "release.yml",
    };
    assert.deepStrictEqual(checkPipelineInputs(remote), []);
    const fought = checkPipelineInputs({ ...remote, priority: "HIGH", on: "CLICK" });
    assert.deepStrictEqual(
      fought.map((f) => f.property),
      ["priority", "on"],
    );
    assert.match(
      fought[0].reason,
      /defined by the pipeline's YAML in a repository \(definitionSource REMOTE \(pipelines @ main @ release\.yml\)\)/,
    );
    assert.match(fought[0].reason, /got "HIGH"$/);
    const git = checkPipelineInputs({ ...location, name: "x", gitConfigRef: "FIXED", refs: ["a"] });
    assert.deepStrictEqual(
      git.map((f) => `${f.property}: ${f.reason.split(" (")[0]}`),
      ["gitConfig: is required when gitConfigRef is FIXED", "refs: is defined by the pipeline's YAML in a repository"],
    );
    // A pipeline kept in Buddy (LOCAL, the default) declares any setting.
    assert.deepStrictEqual(
      checkPipelineInputs({ ...location, name: "x", definitionSource: "LOCAL", priority: "HIGH" }),
      [],
    );
  });

  it("the location is required", () => {
    assert.deepStrictEqual(
      checkPipelineInputs({ name: "x" }).map((f) => f.property),
      ["workspace", "projectName"],
    );
  });
});
