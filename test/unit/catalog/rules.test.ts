// The one interpreter of the catalog (catalog/rules.ts), on its own: requiredWhen / allowedOnlyWhen on a sibling
// or on the action itself, at any depth (objects and every list element), groups (exactly one of, at least one of),
// bounds of integers and numbers, what "given" means (an empty list or blank text is not), unknown values skipped,
// secrets never shown, and the names it suggests for a misspelling.
import * as assert from "assert";
import { closest, Facts, GroupRule, isGiven, renamed, shown, violations } from "../../../catalog/rules";

const UNKNOWN = "<unknown>";
const reading = { isUnknown: (v: unknown) => v === UNKNOWN };

const fields: Record<string, Facts> = {
  kind: { kind: "enum", values: ["HUB", "GAR", "OTHER"] },
  registry: { kind: "string", rules: [{ requiredWhen: { field: "kind", in: ["GAR", "OTHER"] } }] },
  same: { kind: "boolean" },
  dest: {
    kind: "object",
    fields: {
      tag: { kind: "string", rules: [{ requiredWhen: { field: "same", root: true, equals: true } }] },
      image: { kind: "string", rules: [{ requiredWhen: { field: "same", root: true, notEquals: true } }] },
    },
  },
  steps: {
    kind: "list",
    item: {
      kind: "object",
      fields: {
        mode: { kind: "string" },
        port: { kind: "integer", min: 1, max: 65535, rules: [{ requiredWhen: { field: "mode", equals: "TCP" } }] },
      },
    },
  },
  firstOnly: { kind: "boolean", rules: [{ allowedOnlyWhen: { field: "when", equals: "ON_FAILURE" } }] },
  when: { kind: "string" },
  tags: { kind: "list", item: { kind: "string" }, rules: [{ requiredWhen: { field: "kind", equals: "HUB" } }] },
  score: { kind: "number", min: 0, max: 100 },
  identifier: { kind: "string" },
  hashId: { kind: "string" },
  password: { kind: "string", secret: true },
  value: { kind: "string", allowEmpty: true, secretWhen: { field: "encrypted", equals: true } },
  encrypted: { kind: "boolean" },
};

const lines = (action: Record<string, unknown>, groups = []): string[] =>
  violations(fields, groups, action, reading).map(
    (v) => `${v.path}: ${v.problem}${v.value === undefined ? "" : ` <${shown(v.value, v.secret)}>`}`,
  );

describe("the catalog's interpreter (catalog/rules.ts)", () => {
  const rows: Array<[string, Record<string, unknown>, string[]]> = [
    ["nothing set: only the notEquals rule needs its holder, which is missing", {}, []],
    ["a sibling condition (in)", { kind: "OTHER" }, ["registry: is required when kind is GAR or OTHER"]],
    ["a sibling condition that does not hold", { kind: "GAR", registry: "r" }, []],
    ["a root condition (equals)", { same: true, dest: { image: "i" } }, ["dest.tag: is required when same is true"]],
    ["notEquals says only 'is required'", { dest: { tag: "t" } }, ["dest.image: is required"]],
    [
      "every list element, by index",
      { steps: [{ mode: "TCP", port: 1 }, { mode: "TCP" }, { mode: "UDP" }] },
      ["steps[1].port: is required when mode is TCP"],
    ],
    [
      "allowedOnlyWhen: set outside the condition",
      { firstOnly: true, when: "X" },
      ["firstOnly: is only allowed when when is ON_FAILURE <true>"],
    ],
    ["allowedOnlyWhen: set inside it", { firstOnly: true, when: "ON_FAILURE" }, []],
    [
      "an empty list is not given: tags: [] while required",
      { kind: "HUB", tags: [] },
      ["tags: is required when kind is HUB <[]>"],
    ],
    [
      "blank text is not given",
      { kind: "GAR", registry: " " },
      ['registry: must not be empty or only spaces <" ">', 'registry: is required when kind is GAR or OTHER <" ">'],
    ],
    [
      "integer bounds",
      { steps: [{ port: 0 }, { port: 70000 }, { port: 1.5 }] },
      [
        "steps[0].port: must be an integer from 1 to 65535 <0>",
        "steps[1].port: must be an integer from 1 to 65535 <70000>",
        "steps[2].port: must be an integer from 1 to 65535 <1.5>",
      ],
    ],
    ["number bounds", { score: 100.5 }, ["score: must be a number from 0 to 100 <100.5>"]],
    ["a fraction inside number bounds", { score: 99.5 }, []],
    ["an enum value not one, with the one meant", { kind: "gar" }, ['kind: must be one of HUB, GAR, OTHER <"gar">']],
    ["a secret is never shown", { password: 42 }, ["password: must be a string <[secret]>"]],
    [
      "secretWhen: shown only when its condition does not hold",
      { value: 1, encrypted: true },
      ["value: must be a string <[secret]>"],
    ],
    ["an unknown condition is skipped (preview)", { kind: UNKNOWN, same: UNKNOWN, dest: {} }, []],
    ["an unknown holder is skipped", { same: true, dest: UNKNOWN }, []],
    ["an unknown value is skipped", { kind: "GAR", registry: UNKNOWN }, []],
  ];
  for (const [what, action, expected] of rows) it(what, () => assert.deepStrictEqual(lines(action), expected));

  it("an enum misspelling names the value meant", () => {
    const [v] = violations(fields, [], { kind: "gar" });
    assert.strictEqual(v.suggestion, "GAR");
  });

  describe("groups", () => {
    const exactly = [{ exactlyOneOf: ["identifier", "hashId"] }];
    const atLeast = [{ atLeastOneOf: ["identifier", "hashId"] }];
    const atMost = [{ atMostOneOf: ["identifier", "hashId"] }];
    const g = (action: Record<string, unknown>, groups: GroupRule[]): string[] =>
      violations(fields, groups, action, reading).map((v) => `${v.path}: ${v.problem}`);
    it("exactly one of: none, one, two", () => {
      assert.deepStrictEqual(g({}, exactly), ["identifier: is required: set exactly one of identifier, hashId"]);
      assert.deepStrictEqual(g({ hashId: "h" }, exactly), []);
      assert.deepStrictEqual(g({ identifier: "i", hashId: "h" }, exactly), [
        "hashId: is not allowed with identifier: set exactly one of identifier, hashId",
      ]);
    });
    it("at least one of: none, one, two", () => {
      assert.deepStrictEqual(g({ identifier: "" }, atLeast).slice(-1), [
        "identifier: is required: set at least one of identifier, hashId",
      ]);
      assert.deepStrictEqual(g({ identifier: "i" }, atLeast), []);
      assert.deepStrictEqual(g({ identifier: "i", hashId: "h" }, atLeast), []);
    });
    it("at most one of (two spellings of one setting): none, one, two", () => {
      assert.deepStrictEqual(g({}, atMost), []);
      assert.deepStrictEqual(g({ hashId: "h" }, atMost), []);
      assert.deepStrictEqual(g({ identifier: "i", hashId: "h" }, atMost), [
        "hashId: is not allowed with identifier: set at most one of identifier, hashId",
      ]);
    });
    it("a member unknown during preview skips the group", () => {
      assert.deepStrictEqual(g({ identifier: UNKNOWN }, exactly), []);
    });
  });

  it('required means given: an empty list is refused; blank text is refused unless "" is a value', () => {
    const req: Record<string, Facts> = {
      list: { kind: "list", item: { kind: "string" }, required: true },
      name: { kind: "string", required: true },
      excludes: { kind: "string", allowEmpty: true, required: true },
    };
    assert.deepStrictEqual(
      violations(req, [], { list: [], name: " ", excludes: "" }).map((v) => `${v.path}: ${v.problem}`),
      ["list: is required and must not be empty", "name: must not be empty or only spaces"],
    );
  });

  it("given: not absent, null, blank text or an empty list", () => {
    assert.deepStrictEqual([undefined, null, "", "  ", [], "x", 0, false, [1], {}].map(isGiven), [
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("renamed: members, conditions and groups take the other names", () => {
    const wire = renamed(fields, (n) => n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    assert.ok(wire.hash_id && wire.first_only);
    assert.deepStrictEqual(
      violations(wire, [{ exactlyOneOf: ["identifier", "hash_id"] }], {
        identifier: "i",
        hash_id: "h",
        same: true,
        dest: {},
      }).map((v) => v.path),
      ["dest.tag", "hash_id"],
    );
  });

  it("closest: a case or small spelling difference, nothing for a distant name", () => {
    const known = ["imageTag", "imageName", "namespace", "identifier"];
    assert.strictEqual(closest("imagetag", known), "imageTag");
    assert.strictEqual(closest("image_tag", known), "imageTag");
    assert.strictEqual(closest("identifer", known), "identifier");
    assert.strictEqual(closest("colour", known), undefined);
  });
});
