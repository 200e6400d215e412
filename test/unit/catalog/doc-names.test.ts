// Issue 16 item 10: a typed class's doc comments name other fields as the user writes them (camelCase inputs), never
// by Buddy's wire names (`send_to_groups`, `docker_build_action_id`): in the catalog's docs and summaries, and in
// what the generator makes of a doc that still names one.
import * as assert from "assert";
import type { CatalogField, CatalogValue } from "../../../catalog/model";
import { docOf, inputNamesOf, loadCatalog, withInputNames } from "../../../tools/catalog/generate";

describe("catalog docs name camelCase inputs", () => {
  const catalog = loadCatalog();

  it("no doc or summary of a type names one of its fields (or a common field) by a wire name", () => {
    const found: string[] = [];
    for (const t of catalog.types) {
      const names = inputNamesOf([catalog.common.fields, t.fields]);
      const scan = (where: string, text: string): void => {
        for (const w of text.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []) {
          if (names.has(w)) found.push(`${t.type} ${where}: ${w} (the input is ${names.get(w)})`);
        }
      };
      scan("summary", t.summary);
      const walk = (path: string, v: CatalogValue): void => {
        scan(path, v.doc);
        for (const [n, f] of Object.entries(v.fields ?? {})) walk(`${path}.${n}`, f);
        if (v.item) walk(`${path}[]`, v.item);
      };
      for (const [n, f] of Object.entries(t.fields)) walk(n, f);
    }
    assert.deepStrictEqual(found, []);
  });

  it("the generator writes a wire name a doc mentions as its input name, and leaves other words alone", () => {
    const fields: Record<string, CatalogField> = {
      sendToGroups: { kind: "boolean", wire: "send_to_groups", doc: "" },
      recipients: { kind: "string", wire: "recipients", doc: "" },
    };
    const names = inputNamesOf([fields]);
    assert.strictEqual(
      withInputNames("Required unless send_to_groups is set; see container_path.", names),
      "Required unless sendToGroups is set; see container_path.",
    );
    assert.strictEqual(
      docOf({ kind: "string", doc: "Ignored when send_to_groups is true." }, names),
      "Ignored when sendToGroups is true.",
    );
  });
});
