// The independent check of the catalog: every request example found on Buddy's REST pages, of every page
// generation (kept verbatim in the type's catalog entry, from the docs), read into our resource's inputs and sent
// through the resource's body builder, must come out as the same body, byte for byte once serialised with sorted
// keys (JSON members have no order; a member the example sends as null is one a client leaves unset: our resources
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

/** JSON text with object members in sorted order: equal texts mean equal bodies, numbers and strings included. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const members = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${members.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

describe("Buddy's REST request examples through our resources", function () {
  this.timeout(120_000);
  const examples = catalog.types.flatMap((t) => (t.requestExamples ?? []).map((x, i) => ({ t, x, i })));
  const typesWithExamples = new Set(examples.map((e) => e.t.type));

  it(`the docs give request examples for many types (${examples.length} examples of ${typesWithExamples.size} of ${catalog.types.length} types)`, () => {
    assert.ok(typesWithExamples.size >= 55, String(typesWithExamples.size));
  });

  it("some types have examples of more than one page generation", () => {
    const generations = new Map<string, Set<string>>();
    for (const { t, x } of examples) generations.set(t.type, (generations.get(t.type) ?? new Set()).add(x.generation));
    assert.ok([...generations.values()].some((g) => g.size > 1));
  });

  for (const { t, x, i } of examples) {
    it(`${t.type} #${i} (${x.generation}: ${x.page}): ${t.className} sends the example's body, and check accepts it`, () => {
      const example = x.body as Inputs;
      const spec = specOf(t);
      const inputs: Inputs = { ...location };
      for (const [key, def] of wireFields(spec)) {
        const value = fromWire(def, example[wireNameOf(key, def)]);
        if (value !== undefined) inputs[key] = value;
      }
      const body = createBody(spec, inputs);
      assert.strictEqual(canonical(body), canonical(withoutNulls(example)));
      assert.deepStrictEqual(checkInputs(spec, inputs), []);
    });
  }
});
