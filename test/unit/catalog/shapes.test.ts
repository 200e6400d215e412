// Issue 20: a shape several fields share is one interface in the published declarations, named by the catalog
// (`typeName`, with its doc in catalog/common.json `shapes`); the generator refuses to write one twice silently.
import * as assert from "assert";
import type { CatalogField } from "../../../catalog/model";
import { loadCatalog, resourcesModule, type Catalog } from "../../../tools/catalog/generate";

/** The catalog with `edit` applied to a copy of one type's field. */
function withField(type: string, field: string, edit: (f: CatalogField) => void): Catalog {
  const c = loadCatalog();
  const t = c.types.find((x) => x.type === type);
  assert.ok(t, type);
  const copy = structuredClone(t.fields[field]);
  edit(copy);
  t.fields = { ...t.fields, [field]: copy };
  return c;
}

describe("shared shapes in the generated declarations", () => {
  it("each is declared once, and no class keeps a copy of its own", () => {
    const text = resourcesModule(loadCatalog());
    assert.strictEqual(text.match(/^export interface IntegrationReferenceArgs \{/gm)?.length, 1);
    assert.strictEqual(text.match(/^export type FileSource = /gm)?.length, 1);
    assert.deepStrictEqual(text.match(/^export interface \w+ActionIntegration(Args)? /gm), null);
    assert.ok((text.match(/: pulumi\.Input<IntegrationReferenceArgs>/g)?.length ?? 0) > 40);
  });

  it("a repeated shape without a typeName stops the generation, naming where it is written", () => {
    const c = withField("SLACK", "integration", (f) => delete f.typeName);
    assert.throws(
      () => resourcesModule(c),
      /one shape is written at .*SLACK\.integration.*: give each the same typeName/,
    );
  });

  it("one typeName on two different shapes stops the generation", () => {
    const c = withField("SLACK", "integration", (f) => {
      f.fields!.identifier.doc = "Another wording.";
    });
    assert.throws(() => resourcesModule(c), /two different shapes would be named IntegrationReferenceArgs/);
  });

  it("a named union needs its doc in common.json shapes", () => {
    const c = loadCatalog();
    delete c.common.shapes!.FileSource;
    assert.throws(() => resourcesModule(c), /typeName FileSource .* is not in catalog\/common\.json "shapes"/);
  });
});
