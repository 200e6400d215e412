/**
 * Usage examples of the provider plugin's resources in TypeScript, Python, Go and YAML, written by `npm run
 * generate` into each resource's description in the package schema (the Registry renders a resource's page from
 * it, and the SDK generators keep each language's block for that SDK's doc comments).
 *
 * One example per type: its smallest valid program (the required fields, then whatever the catalog's rules require,
 * found by the catalog's own interpreter, catalog/rules.ts), with readable placeholder values. Each language is
 * rendered from the same inputs by walking the resource's schema, so every name an example uses is a schema
 * property, and every nested object is named by its schema type (Python's and Go's `<Type>Args`).
 */
import { violations } from "../../catalog/rules";
import type { CatalogType, CatalogValue } from "../../catalog/model";

type Json = Record<string, unknown>;
export type Inputs = Record<string, unknown>;

/** Where every example's action lives. */
export const EXAMPLE_LOCATION = { workspace: "my-company", projectName: "my-project", pipelineId: 123 };

const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** A readable valid value of `v`, for the field `name`. */
function placeholder(v: CatalogValue, name: string): unknown {
  switch (v.kind) {
    case "string":
      return `my-${kebab(name)}`;
    case "enum":
      return typeof v.default === "string" && v.values?.includes(v.default) ? v.default : (v.values ?? [])[0];
    case "boolean":
      return true;
    case "integer":
    case "number":
      return Math.min(Math.max(v.min ?? 0, 1), v.max ?? Number.MAX_SAFE_INTEGER);
    case "list":
      return v.item ? [placeholder(v.item, name.replace(/s$/, ""))] : [];
    case "object":
      return Object.fromEntries(
        Object.entries(v.fields ?? {})
          .filter(([, f]) => f.required)
          .map(([key, f]) => [key, placeholder(f, key)]),
      );
    case "open":
      return {};
  }
}

function catalogValueAt(t: CatalogType, path: string): CatalogValue | undefined {
  let fields = t.fields as Record<string, CatalogValue> | undefined;
  let value: CatalogValue | undefined;
  for (const segment of path.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(segment);
    value = m ? fields?.[m[1]] : undefined;
    for (let depth = (m?.[2].match(/\[/g) ?? []).length; depth > 0 && value; depth--) value = value.item;
    fields = value?.fields;
  }
  return value;
}

function setPath(inputs: Inputs, path: string, value: unknown): void {
  const keys = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
  let holder = inputs as Record<string | number, unknown>;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) holder[key] = value;
    else holder = (holder[key] ??= typeof keys[i + 1] === "number" ? [] : {}) as Record<string | number, unknown>;
  });
}

/** The type's own inputs of its example: required fields, then each field a rule of the type requires. */
export function exampleInputs(t: CatalogType): Inputs {
  const inputs: Inputs = {};
  for (const [name, f] of Object.entries(t.fields)) if (f.required) inputs[name] = placeholder(f, name);
  for (let round = 0; round < 5; round++) {
    const missing = violations(t.fields, t.groups ?? [], inputs).filter((v) => /^is required/.test(v.problem));
    if (missing.length === 0) return inputs;
    for (const m of missing) {
      const def = catalogValueAt(t, m.path);
      if (!def) throw new Error(`${t.type}: a rule requires ${m.path}, which the catalog does not describe`);
      setPath(inputs, m.path, placeholder(def, m.path.replace(/.*\./, "").replace(/\[\d+\]/g, "")));
    }
  }
  throw new Error(`${t.type}: no example satisfies the catalog's rules after 5 rounds`);
}

/** A resource's whole example: location, a name, and the type's own inputs. */
export function exampleOf(t: CatalogType): Inputs {
  return { ...EXAMPLE_LOCATION, name: `My ${t.className.replace(/Action$/, "").replace(/([a-z0-9])([A-Z])/g, "$1 $2")}`, ...exampleInputs(t) };
}

// ---- rendering, guided by the schema ------------------------------------------------------------------------------

const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

/** Pulumi's Python name of a property (the SDK generator's rule: camelCase to snake_case, a keyword gets a `_`). */
export function pyName(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
  return PYTHON_KEYWORDS.has(snake) ? `${snake}_` : snake;
}
/** Pulumi's Go name of a property or type: the first letter upper-cased. */
const goName = (name: string): string => name[0].toUpperCase() + name.slice(1);

/** What the schema says a value is: a named object type, a list of something, an open map or a scalar. */
type Shape =
  | { kind: "object"; token: string; properties: Record<string, Json> }
  | { kind: "list"; item: Shape }
  | { kind: "map" }
  | { kind: "scalar"; type: string };

function shapeOf(schema: Json, property: Json, where: string): Shape {
  const ref = property.$ref as string | undefined;
  if (ref !== undefined) {
    const token = ref.replace(/^#\/types\//, "");
    const type = (schema.types as Record<string, Json>)[token];
    if (!type) throw new Error(`${where}: no schema type ${token}`);
    return { kind: "object", token, properties: type.properties as Record<string, Json> };
  }
  if (property.type === "array") return { kind: "list", item: shapeOf(schema, property.items as Json, `${where}[]`) };
  if (property.type === "object") return { kind: "map" };
  return { kind: "scalar", type: String(property.type) };
}

function propertiesShape(schema: Json, properties: Record<string, Json>, value: Inputs, where: string) {
  return Object.entries(value).map(([key, v]) => {
    const property = properties[key];
    if (!property) throw new Error(`${where}: ${key} is not a property in the schema`);
    return { key, value: v, shape: shapeOf(schema, property, `${where}.${key}`) };
  });
}

const typeName = (token: string): string => token.split(":")[2];
const pad = (depth: number, unit: string): string => unit.repeat(depth);

function renderValue(
  lang: "typescript" | "python" | "go" | "yaml",
  schema: Json,
  shape: Shape,
  value: unknown,
  depth: number,
): string {
  const indent = { typescript: "    ", python: "    ", go: "\t", yaml: "  " }[lang];
  if (shape.kind === "scalar") {
    if (lang === "python" && typeof value === "boolean") return value ? "True" : "False";
    if (lang === "go") {
      const wrap = { string: "String", integer: "Int", number: "Float64", boolean: "Bool" }[shape.type] ?? "Any";
      return `pulumi.${wrap}(${JSON.stringify(value)})`;
    }
    return JSON.stringify(value);
  }
  if (shape.kind === "map") {
    // Free-form members (PipelineAction's `fields`, open objects): Buddy's names, scalars only in the examples.
    const entries = Object.entries(value as Inputs);
    if (lang === "go") return `pulumi.Map{${entries.map(([k, v]) => `${JSON.stringify(k)}: pulumi.Any(${JSON.stringify(v)})`).join(", ")}}`;
    if (lang === "python") return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${typeof v === "boolean" ? (v ? "True" : "False") : JSON.stringify(v)}`).join(", ")}}`;
    return JSON.stringify(value);
  }
  if (shape.kind === "list") {
    const items = (value as unknown[]).map((v) => renderValue(lang, schema, shape.item, v, depth + 1));
    if (lang === "yaml") return `\n${items.map((i) => `${pad(depth, indent)}- ${i.trimStart()}`).join("\n")}`;
    if (lang === "go") {
      const item = shape.item;
      const array =
        item.kind === "object"
          ? `buddy.${typeName(item.token)}Array`
          : item.kind === "scalar"
            ? `pulumi.${{ string: "String", integer: "Int", number: "Float64", boolean: "Bool" }[item.type] ?? ""}Array`
            : "pulumi.MapArray";
      return `${array}{\n${items.map((i) => `${pad(depth + 1, indent)}${i},`).join("\n")}\n${pad(depth, indent)}}`;
    }
    return `[\n${items.map((i) => `${pad(depth + 1, indent)}${i},`).join("\n")}\n${pad(depth, indent)}]`;
  }
  const members = propertiesShape(schema, shape.properties, value as Inputs, shape.token);
  return renderMembers(lang, schema, members, depth, typeName(shape.token));
}

function renderMembers(
  lang: "typescript" | "python" | "go" | "yaml",
  schema: Json,
  members: Array<{ key: string; value: unknown; shape: Shape }>,
  depth: number,
  type: string,
): string {
  const indent = { typescript: "    ", python: "    ", go: "\t", yaml: "  " }[lang];
  const inner = pad(depth + 1, indent);
  const rendered = (m: { value: unknown; shape: Shape }): string => renderValue(lang, schema, m.shape, m.value, depth + 1);
  switch (lang) {
    case "typescript":
      return `{\n${members.map((m) => `${inner}${m.key}: ${rendered(m)},`).join("\n")}\n${pad(depth, indent)}}`;
    case "python":
      return `buddy.${type}Args(\n${members.map((m) => `${inner}${pyName(m.key)}=${rendered(m)},`).join("\n")}\n${pad(depth, indent)})`;
    case "go":
      return `&buddy.${type}Args{\n${members.map((m) => `${inner}${goName(m.key)}: ${rendered(m)},`).join("\n")}\n${pad(depth, indent)}}`;
    case "yaml":
      if (members.length === 0) return "{}";
      return `\n${members
        .map((m) => {
          const v = renderValue(lang, schema, m.shape, m.value, depth + 1);
          return `${pad(depth, indent)}${m.key}:${v.startsWith("\n") ? "" : " "}${v}`;
        })
        .join("\n")}`;
  }
}

/** The example of resource `token` with `inputs`, as `name`, in each language. */
export function renderExample(
  schema: Json,
  token: string,
  name: string,
  inputs: Inputs,
): Record<"typescript" | "python" | "go" | "yaml", string> {
  const resource = (schema.resources as Record<string, Json>)[token];
  if (!resource) throw new Error(`no resource ${token} in the schema`);
  const members = propertiesShape(schema, resource.inputProperties as Record<string, Json>, inputs, token);
  const cls = typeName(token);
  const variable = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return {
    typescript:
      `import * as buddy from "@pulumi-buddy-actions/buddy";\n\n` +
      `const ${variable} = new buddy.${cls}("${name}", ${renderMembers("typescript", schema, members, 0, cls)});\n`,
    python:
      `import pulumi_buddy as buddy\n\n` +
      `${pyName(variable)} = buddy.${cls}("${name}",\n${members
        .map((m) => `    ${pyName(m.key)}=${renderValue("python", schema, m.shape, m.value, 1)},`)
        .join("\n")}\n)\n`,
    go:
      `package main\n\nimport (\n\t"github.com/pulumi-buddy-actions/pulumi-buddy-actions/sdk/go/buddy"\n` +
      `\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"\n)\n\nfunc main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error {\n` +
      `\t\t_, err := buddy.New${cls}(ctx, "${name}", ${renderMembers("go", schema, members, 2, cls)})\n` +
      `\t\treturn err\n\t})\n}\n`,
    yaml: `resources:\n  ${name}:\n    type: ${token}\n    properties:${renderMembers("yaml", schema, members, 3, cls)}\n`,
  };
}

/** The Registry's example block (`{{% examples %}}`) for a resource's description. */
export function examplesSection(schema: Json, token: string, name: string, inputs: Inputs): string {
  const code = renderExample(schema, token, name, inputs);
  const blocks = (["typescript", "python", "go", "yaml"] as const)
    .map((lang) => "```" + lang + "\n" + code[lang] + "```")
    .join("\n");
  return `\n\n{{% examples %}}\n## Example Usage\n\n{{% example %}}\n### The smallest valid action\n\n${blocks}\n{{% /example %}}\n{{% /examples %}}`;
}
