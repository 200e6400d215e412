// The independent check of the catalog: Buddy's own REST request example of each type (kept verbatim in the type's
// catalog entry, from the docs), read into our resource's inputs and sent through the resource's body builder,
// must come out as the same body (a member the example sends as null is one a client leaves unset: our resources
// leave it out); and our check must accept it.
import * as assert from "assert";
import { checkInputs } from "../../../provider/engine/validate";
import { createBody, fromWire, wireFields, wireNameOf } from "../../../provider/engine/wire";
import { catalog, Inputs, location, specOf } from "../../helpers/catalog";

function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, withoutNulls(x)]),
  );
}

describe("Buddy's REST request examples through our resources", function () {
  this.timeout(120_000);
  const withExample = catalog.types.filter((t) => t.requestExample !== undefined);

  it(`the docs give a request example for many types (${withExample.length} of ${catalog.types.length})`, () => {
    assert.ok(withExample.length >= 40, String(withExample.length));
  });

  for (const t of withExample) {
    it(`${t.type}: ${t.className} sends the example's body, and check accepts it`, () => {
      const example = t.requestExample as Inputs;
      const spec = specOf(t);
      const inputs: Inputs = { ...location };
      for (const [key, def] of wireFields(spec)) {
        const value = fromWire(def, example[wireNameOf(key, def)]);
        if (value !== undefined) inputs[key] = value;
      }
      assert.deepStrictEqual(createBody(spec, inputs), withoutNulls(example));
      assert.deepStrictEqual(checkInputs(spec, inputs), []);
    });
  }
});
