// The provider plugin's package schema (generated from the catalog by `npm run generate`) against the catalog and
// the runtime specs: one resource per type whose token leads to that type's spec, and the marks a reader and the
// engine rely on (secret, replace on change, descriptions, the import section).
import * as assert from "assert";
import { loadCatalog } from "../../../tools/catalog/generate";
import { loadSpec } from "../../../provider/specs/registry";
import { RESOURCE_SPECS } from "../../../provider/plugin/resource-specs";
import schema from "../../../provider/plugin/schema.json";

interface Property {
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
}
interface Resource {
  description: string;
  inputProperties: Record<string, Property>;
  requiredInputs: string[];
}
const resources = schema.resources as unknown as Record<string, Resource>;

describe("plugin schema", () => {
  const catalog = loadCatalog();

  it("has one resource per catalog type plus PipelineAction, each token leading to that type's spec", () => {
    const tokens = Object.keys(resources).sort();
    const expected = [...catalog.types.map((t) => `buddy:index:${t.className}`), "buddy:index:PipelineAction"].sort();
    assert.deepStrictEqual(tokens, expected);
    assert.deepStrictEqual(Object.keys(RESOURCE_SPECS).sort(), expected);
    for (const [token, key] of Object.entries(RESOURCE_SPECS)) {
      assert.strictEqual(`buddy:index:${loadSpec(key).resourceType}`, token);
    }
  });

  it("marks every credential secret and every location field replace-on-change", () => {
    for (const t of catalog.types) {
      const inputs = resources[`buddy:index:${t.className}`].inputProperties;
      for (const [name, field] of Object.entries(t.fields)) {
        assert.strictEqual(inputs[name].secret === true, field.secret === true, `${t.className}.${name}`);
      }
      for (const name of ["workspace", "projectName", "pipelineId"]) {
        assert.strictEqual(inputs[name].replaceOnChanges, true, `${t.className}.${name}`);
      }
      assert.ok(resources[`buddy:index:${t.className}`].requiredInputs.includes("name"));
    }
    assert.strictEqual(resources["buddy:index:PipelineAction"].inputProperties.type.replaceOnChanges, true);
    assert.strictEqual(schema.config.variables.token.secret, true);
  });

  it("describes every input, and says how to import", () => {
    for (const [token, r] of Object.entries(resources)) {
      for (const [name, p] of Object.entries(r.inputProperties)) {
        assert.ok((p.description ?? "").length > 0, `${token}.${name} has no description`);
      }
      assert.match(r.description, /## Import/);
      assert.ok(r.description.includes(`pulumi import ${token} `), token);
      assert.ok(r.description.includes("workspace/projectName/pipelineId/actionId"), token);
    }
  });

  it("has the lookups as functions", () => {
    assert.deepStrictEqual(Object.keys(schema.functions).sort(), ["buddy:index:getPipeline", "buddy:index:getProject"]);
    assert.deepStrictEqual(schema.functions["buddy:index:getPipeline"].inputs.required, [
      "workspace",
      "projectName",
      "name",
    ]);
  });
});
