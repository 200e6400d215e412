// The catalog's rule vocabulary as check rules (provider/specs/rules.ts): requiredWhen / allowedOnlyWhen on a
// sibling or on the action itself, at any depth (objects and every list element), skipped while a value is unknown.
import * as assert from "assert";
import { catalogRules, secretWhen } from "../../../provider/specs/rules";
import { UNKNOWN } from "../../../provider/wire/values";

describe("catalog rules", () => {
  const rule = catalogRules([
    { path: "registry", requiredWhen: { field: "kind", in: ["GAR", "OTHER"] } },
    { path: "dest.tag", requiredWhen: { field: "same", root: true, equals: true } },
    { path: "dest.image", requiredWhen: { field: "same", root: true, notEquals: true } },
    { path: "steps[].port", requiredWhen: { field: "mode", equals: "TCP" } },
    { path: "firstOnly", allowedOnlyWhen: { field: "when", equals: "ON_FAILURE" } },
  ]);
  const rows: Array<[string, Record<string, unknown>, string[]]> = [
    ["nothing set: only the notEquals rule needs its holder, which is missing", {}, []],
    ["a sibling condition (in)", { kind: "OTHER" }, ["registry: is required when kind is GAR or OTHER"]],
    ["a sibling condition that does not hold", { kind: "HUB" }, []],
    ["the field set", { kind: "GAR", registry: "r" }, []],
    ["a root condition (equals)", { same: true, dest: { image: "i" } }, ["dest.tag: is required when same is true"]],
    ["notEquals says only 'is required'", { dest: { tag: "t" } }, ["dest.image: is required"]],
    [
      "every list element, by index",
      { steps: [{ mode: "TCP", port: 1 }, { mode: "TCP" }, { mode: "UDP" }] },
      ["steps[1].port: is required when mode is TCP"],
    ],
    [
      "allowedOnlyWhen: set outside the condition",
      { firstOnly: true, when: "ON_SUCCESS" },
      ["firstOnly: is only allowed when when is ON_FAILURE"],
    ],
    ["allowedOnlyWhen: set inside it", { firstOnly: true, when: "ON_FAILURE" }, []],
    ["an unknown condition is skipped (preview)", { kind: UNKNOWN, same: UNKNOWN, dest: {} }, []],
    ["an unknown holder is skipped", { same: true, dest: UNKNOWN }, []],
    ["an unknown value is skipped", { kind: "GAR", registry: UNKNOWN }, []],
  ];
  for (const [what, inputs, expected] of rows) {
    it(what, () => {
      assert.deepStrictEqual(
        rule(inputs).map((f) => `${f.path}: ${f.reason}`),
        expected,
      );
    });
  }

  it("secretWhen looks at the object holding the value", () => {
    const secret = secretWhen("encrypted", true);
    assert.deepStrictEqual(
      [secret({ encrypted: true }), secret({ encrypted: false }), secret({})],
      [true, false, false],
    );
  });
});
