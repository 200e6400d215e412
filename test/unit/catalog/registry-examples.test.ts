// The examples in the plugin's schema (what the Registry shows on each resource's page, written by `npm run
// generate` through tools/catalog/examples.ts) are programs the plugin accepts: each YAML example's properties are
// the resource's schema inputs (known names, required ones present, the schema's types) and pass the plugin's check
// (the engine's checkInputs of the resource's spec); each Python example runs (against a stand-in `pulumi_buddy`
// that records its calls) and gives the same properties under Pulumi's Python names, with each nested object built
// by the `<Type>Args` class of its schema type. test/e2e/plugin-archive.test.ts runs one YAML example through the CLI.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { RESOURCE_SPECS } from "../../../provider/plugin/resource-specs";
import { checkInputs } from "../../../provider/engine/validate";
import { loadSpec } from "../../../provider/specs/registry";
import { pyName } from "../../../tools/catalog/examples";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsYaml = require("js-yaml") as { load(text: string): unknown };

type Json = Record<string, unknown>;
const root = path.resolve(__dirname, "../../..");
const schema = JSON.parse(fs.readFileSync(path.join(root, "provider/plugin/schema.json"), "utf8")) as {
  resources: Record<string, { description: string; inputProperties: Record<string, Json>; requiredInputs: string[] }>;
  types: Record<string, { properties: Record<string, Json>; required?: string[] }>;
};
const tokens = Object.keys(schema.resources);

function blocks(description: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of description.matchAll(/```(typescript|python|go|yaml)\n([\s\S]*?)```/g)) out[m[1]] = m[2];
  return out;
}

/** The YAML example's resource properties. */
function yamlProps(token: string): Json {
  const doc = jsYaml.load(blocks(schema.resources[token].description).yaml) as {
    resources: Record<string, { type: string; properties: Json }>;
  };
  const [resource] = Object.values(doc.resources);
  assert.strictEqual(resource.type, token);
  return resource.properties;
}

/** Problems of `value` against a schema property (names, required members, types), at `at`. */
function schemaProblems(property: Json, value: unknown, at: string): string[] {
  const ref = property.$ref as string | undefined;
  if (ref) {
    const type = schema.types[ref.replace("#/types/", "")];
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${at}: not an object`];
    return objectProblems(type.properties, type.required ?? [], value as Json, at);
  }
  switch (property.type) {
    case "string":
      return typeof value === "string" ? [] : [`${at}: not a string`];
    case "integer":
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case "number":
      return typeof value === "number" ? [] : [`${at}: not a number`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${at}: not a boolean`];
    case "array":
      return Array.isArray(value)
        ? value.flatMap((v, i) => schemaProblems(property.items as Json, v, `${at}[${i}]`))
        : [`${at}: not a list`];
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value) ? [] : [`${at}: not an object`];
    default:
      return [`${at}: unknown schema type ${String(property.type)}`];
  }
}

function objectProblems(properties: Record<string, Json>, required: string[], value: Json, at: string): string[] {
  const out = required.filter((k) => value[k] === undefined).map((k) => `${at}.${k}: required, missing`);
  for (const [k, v] of Object.entries(value)) {
    if (!properties[k]) out.push(`${at}.${k}: not in the schema`);
    else out.push(...schemaProblems(properties[k], v, `${at}.${k}`));
  }
  return out;
}

describe("the Registry examples in the plugin's schema", () => {
  it("every resource has one example in TypeScript, Python, Go and YAML", () => {
    assert.ok(tokens.length > 100, `${tokens.length} resources`);
    const incomplete = tokens.filter((t) => Object.keys(blocks(schema.resources[t].description)).length !== 4);
    assert.deepStrictEqual(incomplete, []);
  });

  it("every YAML example matches the schema and passes the plugin's check", () => {
    const problems: string[] = [];
    for (const token of tokens) {
      const r = schema.resources[token];
      const props = yamlProps(token);
      problems.push(...objectProblems(r.inputProperties, r.requiredInputs, props, token));
      const failures = checkInputs(loadSpec(RESOURCE_SPECS[token]), props);
      problems.push(...failures.map((f) => `${token}: check: ${f.property} ${f.reason}`));
    }
    assert.deepStrictEqual(problems, []);
  });

  it("every Python example runs and gives the YAML example's properties, objects built by their type's Args class", function () {
    this.timeout(60_000);
    // A stand-in for the generated SDK: a resource class records its name and keyword arguments; `<Type>Args`
    // records its class name and keyword arguments.
    const runner = `
import json, sys, types
calls = {}
class Args:
    def __init__(self, **kw):
        self.kw = kw
def enc(v):
    if isinstance(v, Args):
        return {"__args__": type(v).__name__, **{k: enc(x) for k, x in v.kw.items()}}
    if isinstance(v, list):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    return v
def attr(name):
    if name.endswith("Args"):
        return type(name, (Args,), {})
    def resource(resource_name, **kw):
        calls[name] = {"name": resource_name, "props": enc(kw)}
    return resource
mod = types.ModuleType("pulumi_buddy")
mod.__getattr__ = attr
sys.modules["pulumi_buddy"] = mod
out = {}
for token, code in json.load(sys.stdin).items():
    calls.clear()
    exec(code, {})
    out[token] = list(calls.items())
print(json.dumps(out))
`;
    const codes = Object.fromEntries(tokens.map((t) => [t, blocks(schema.resources[t].description).python]));
    const ran = JSON.parse(
      execFileSync("python3", ["-c", runner], { input: JSON.stringify(codes), encoding: "utf8" }),
    ) as Record<string, Array<[string, { name: string; props: Json }]>>;

    /** The Python call's properties under the schema's names, checking each Args class against the schema type. */
    const fromPython = (properties: Record<string, Json>, value: Json, at: string): Json => {
      const byPyName = new Map(Object.keys(properties).map((k) => [pyName(k), k]));
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === "__args__") continue;
        const name = byPyName.get(k);
        assert.ok(name, `${at}: ${k} is no property's Python name`);
        out[name] = convert(properties[name], v, `${at}.${name}`);
      }
      return out;
    };
    const convert = (property: Json, v: unknown, at: string): unknown => {
      const ref = property.$ref as string | undefined;
      if (ref) {
        const token = ref.replace("#/types/", "");
        assert.strictEqual((v as Json).__args__, `${token.split(":")[2]}Args`, at);
        return fromPython(schema.types[token].properties, v as Json, at);
      }
      if (property.type === "array")
        return (v as unknown[]).map((x, i) => convert(property.items as Json, x, `${at}[${i}]`));
      return v;
    };
    for (const token of tokens) {
      const calls = ran[token];
      assert.strictEqual(calls.length, 1, `${token}: ${JSON.stringify(calls)}`);
      const [cls, call] = calls[0];
      assert.strictEqual(cls, token.split(":")[2]);
      assert.deepStrictEqual(
        fromPython(schema.resources[token].inputProperties, call.props, token),
        yamlProps(token),
        token,
      );
    }
  });
});
