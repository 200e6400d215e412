// Credentials the docs show inside nested values (a target's auth.password, a custom AMI's password, ...) must be
// typed fields of the catalog, marked secret, and secret in state: an untyped (open) value would carry them in plain
// text. The list is what the per-type docs notes named (`secrets` of catalog/sources/docs/<TYPE>.json, kept in
// documented-nested-credentials.json since the importer and its sources left the tree), so a credential the notes
// name cannot silently stay untyped.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { resourceProps } from "../../../provider/resources/props";
import { catalog, fieldAt, getAt, Inputs, minimalInputs, sample, setAt, specOf } from "../../helpers/catalog";

const NOTES = path.join(__dirname, "documented-nested-credentials.json");

/** Each docs note's nested credential (wire path with `[]`). */
function documentedNestedCredentials(): Array<{ type: string; wirePath: string }> {
  return (
    JSON.parse(fs.readFileSync(NOTES, "utf8")) as { nestedCredentials: Array<{ type: string; wirePath: string }> }
  ).nestedCredentials;
}

/** The input path ("targets[0].auth.password") of a wire path ("targets[].auth.password"), or undefined. */
function inputPath(type: string, wirePath: string): string | undefined {
  const t = catalog.types.find((x) => x.type === type);
  if (!t) return undefined;
  let fields = t.fields;
  const parts: string[] = [];
  for (const segment of wirePath.split(".")) {
    const list = segment.endsWith("[]");
    const wire = list ? segment.slice(0, -2) : segment;
    const entry = Object.entries(fields ?? {}).find(([, f]) => f.wire === wire);
    if (!entry) return undefined;
    const [name, f] = entry;
    parts.push(list ? `${name}[0]` : name);
    const value = list ? f.item : f;
    fields = value?.kind === "object" ? (value.fields ?? {}) : {};
  }
  return parts.join(".");
}

describe("documented nested credentials are typed and secret", () => {
  const cases = documentedNestedCredentials().filter((c) => catalog.types.some((t) => t.type === c.type));

  it("the docs notes name nested credentials of several types", () => {
    assert.ok(new Set(cases.map((c) => c.type)).size >= 5, JSON.stringify(cases));
  });

  for (const { type, wirePath } of cases) {
    it(`${type} ${wirePath}: a typed secret field, secret in state`, async () => {
      const t = catalog.types.find((x) => x.type === type)!;
      const at = inputPath(type, wirePath);
      assert.ok(at, `${type}: ${wirePath} is not a typed field (an open value would keep it in plain text)`);
      const def = fieldAt(t, at);
      assert.ok(def?.secret, `${type}: ${at} is not marked secret`);
      const top = at.split(/[.[]/)[0];
      const inputs: Inputs = minimalInputs(t);
      if (getAt(inputs, top) === undefined) inputs[top] = sample(fieldAt(t, top)!, top);
      setAt(inputs, at, "plain-text-credential");
      const value = resourceProps(specOf(t), inputs)[top];
      assert.ok(pulumi.Output.isInstance(value), `${top} is not wrapped`);
      assert.strictEqual(await pulumi.isSecret(value as pulumi.Output<unknown>), true, `${at}: ${top} is not secret`);
    });
  }
});
