// The fields every action has are written twice on purpose: as data in catalog/common.json (what the emulator
// enforces and the generator reads) and as the provider's typed builders with their hover docs in
// provider/specs/common.ts. This test makes them one fact: every input, wire name, kind, enum, requiredness,
// and secret agrees at every depth, and every default of a field (a member's default is the emulator's fill-in).
import * as assert from "assert";
import type { CatalogField, CatalogValue } from "../../../catalog/model";
import { valueViolations } from "../../../catalog/rules";
import { wireNameOf } from "../../../provider/engine/wire";
import { commonFields } from "../../../provider/specs/common";
import { FieldDef, Fields, factsOf } from "../../../provider/specs/field";
import { catalog } from "../../helpers/catalog";

/** Whether the provider's field accepts `value`, as check reads it (the facts the builders put on the field). */
const accepts = (def: FieldDef, value: unknown): boolean => valueViolations(factsOf(def), value, "x").length === 0;

function agree(path: string, def: FieldDef, c: CatalogValue): void {
  assert.strictEqual(def.required, c.required === true, `${path}: required`);
  // A top-level default is what the provider puts back when an input is removed; a member's default is only what
  // Buddy fills into an object that is sent without it (the provider never sends a lone member): top level only.
  if (!path.includes(".") && !path.includes("["))
    assert.deepStrictEqual(def.default, c.default ?? null, `${path}: default`);
  assert.strictEqual(def.writeOnly, c.writeOnly === true, `${path}: writeOnly`);
  assert.deepStrictEqual(def.rules ?? [], c.rules ?? [], `${path}: rules`);
  if (c.secretWhen) {
    assert.strictEqual(typeof def.secret, "function", `${path}: secretWhen`);
    const fn = def.secret as (h: Record<string, unknown>) => boolean;
    assert.strictEqual(
      fn({ [c.secretWhen.field]: c.secretWhen.equals }),
      true,
      `${path}: secret when ${c.secretWhen.field}`,
    );
    assert.strictEqual(fn({}), false, `${path}: not secret otherwise`);
  } else assert.strictEqual(def.secret, c.secret === true, `${path}: secret`);
  switch (c.kind) {
    case "string":
      assert.ok(def.kind === "leaf" && accepts(def, "x") && !accepts(def, 1), `${path}: a string`);
      assert.strictEqual(accepts(def, ""), c.allowEmpty === true, `${path}: allowEmpty`);
      return;
    case "enum":
      assert.ok(def.kind === "leaf", `${path}: a leaf`);
      for (const v of c.values ?? []) assert.ok(accepts(def, v), `${path}: accepts ${v}`);
      assert.ok(!accepts(def, "NOT_A_VALUE"), `${path}: refuses other values`);
      return;
    case "boolean":
      assert.ok(def.kind === "leaf" && accepts(def, true) && !accepts(def, "true"), `${path}: a boolean`);
      return;
    case "integer": {
      const min = c.min ?? 0;
      assert.ok(
        def.kind === "leaf" && accepts(def, min) && !accepts(def, min - 1) && !accepts(def, min + 0.5),
        `${path}: an integer from ${min}`,
      );
      if (c.max !== undefined) assert.ok(accepts(def, c.max) && !accepts(def, c.max + 1), `${path}: up to ${c.max}`);
      return;
    }
    case "list":
      assert.strictEqual(def.kind, "array", `${path}: a list`);
      if (def.kind === "array" && c.item) agree(`${path}[]`, def.item, c.item);
      return;
    case "object":
      assert.strictEqual(def.kind, "object", `${path}: an object`);
      if (def.kind === "object") agreeFields(path, def.fields, c.fields ?? {});
      return;
    default:
      assert.fail(`${path}: kind ${c.kind} is not used by the common fields`);
  }
}

function agreeFields(at: string, fields: Fields, catalogFields: Record<string, CatalogField>): void {
  assert.deepStrictEqual(
    Object.keys(fields),
    Object.keys(catalogFields),
    `${at || "common"}: the same inputs in the same order`,
  );
  for (const [name, c] of Object.entries(catalogFields)) {
    const path = at === "" ? name : `${at}.${name}`;
    assert.strictEqual(wireNameOf(name, fields[name]), c.wire, `${path}: wire name`);
    agree(path, fields[name], c);
  }
}

describe("catalog/common.json and provider/specs/common.ts", () => {
  it("agree on every common field, at every depth", () => {
    agreeFields("", commonFields, catalog.common.fields);
  });
});
