/**
 * The Pulumi package schema of the provider plugin (`pulumi-resource-buddy`), written by `npm run generate`:
 * - one resource per catalog type (`buddy:index:<className>`) plus `buddy:index:PipelineAction`;
 * - the type's own fields and the common fields from the catalog (kinds, docs, secret and replace marks);
 * - the fields the catalog does not hold (the location, `adopt`, PipelineAction's `type` and `fields`, the server
 *   outputs, the lookups' arguments and results) from the provider's own sources: flags from the runtime specs,
 *   descriptions from their doc comments (read with the TypeScript compiler API), so no fact is written twice;
 * - an import section per resource (the id format), the provider's config, and the lookups as functions.
 * Also `provider/plugin/resource-specs.ts`: each resource token → the `__spec` key the engine loads it by.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import type { CatalogField, CatalogType, CatalogValue } from "../../catalog/model";
import { pipelineActionFields } from "../../provider/specs/pipeline-action";
import { locationFields, typeField } from "../../provider/specs/spec";
import type { FieldDef } from "../../provider/specs/field";
import type { Catalog } from "./generate";
import { EXAMPLE_LOCATION, exampleOf, examplesSection, type Inputs } from "./examples";

export const PACKAGE = "buddy";
export const ID_FORMAT = "workspace/projectName/pipelineId/actionId";
/**
 * Where `pulumi plugin install` and the generated SDKs download the plugin from: the GitHub releases of the
 * repository below, asset `pulumi-resource-buddy-v<version>-<os>-<arch>.tar.gz` of tag `v<version>` (what
 * `npm run pack:plugin` writes). The repository is the schema's `repository`, a placeholder until the first release.
 */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumi-buddy-actions/pulumi-buddy-actions";

type Json = Record<string, unknown>;

interface SchemaProperty extends Json {
  description?: string;
}

// ---- doc comments of the provider's own sources ------------------------------------------------------------

/** `name → { doc, builder }` for the members of an object literal or interface declared as `name` in `file`. */
function declaredMembers(root: string, file: string, name: string): Map<string, { doc: string; builder: string }> {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out = new Map<string, { doc: string; builder: string }>();
  const docOf = (node: ts.Node): string =>
    ts
      .getJSDocCommentsAndTags(node)
      .map((d) => (ts.isJSDoc(d) && typeof d.comment === "string" ? d.comment : ""))
      .join(" ")
      .replace(/\s+/g, " ")
      .replace(/\{@link ([^}]+)\}/g, "$1")
      .trim();
  const visit = (node: ts.Node): void => {
    let members: ts.NodeArray<ts.Node> | undefined;
    if (ts.isVariableDeclaration(node) && node.name.getText() === name && node.initializer) {
      const init = ts.isAsExpression(node.initializer) ? node.initializer.expression : node.initializer;
      if (ts.isObjectLiteralExpression(init)) members = init.properties;
    }
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) members = node.members;
    for (const m of members ?? []) {
      const key = (m as ts.NamedDeclaration).name?.getText();
      if (key === undefined) continue;
      let builder = "";
      if (ts.isPropertyAssignment(m) && ts.isCallExpression(m.initializer)) builder = m.initializer.expression.getText();
      if (ts.isPropertySignature(m) && m.type) builder = m.type.getText();
      out.set(key, { doc: docOf(m), builder });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (out.size === 0) throw new Error(`${file}: no members found for ${name}`);
  return out;
}

/** A schema type for a hand-written field: from its builder (`text(...)`) or its declared TypeScript type. */
function typeOfDeclared(builder: string): Json {
  const plain = builder.replace(/^pulumi\.(Input|Output)<(.+)>$/, "$2");
  if (["text", "anyText", "actionTypeName", "string"].includes(plain)) return { type: "string" };
  // Every number the hand-written fields and lookups declare is an id.
  if (["id", "count", "number"].includes(plain)) return { type: "integer" };
  if (["flag", "boolean"].includes(plain)) return { type: "boolean" };
  if (plain === "bag") return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
  // A list of a declared record (getPipeline's remote parameters): its members are strings.
  if (/^[A-Z]\w*\[\]$/.test(plain)) return { type: "array", items: { type: "object", additionalProperties: { type: "string" } } };
  throw new Error(`no schema type for a field declared as ${builder}`);
}

function declaredProperties(
  root: string,
  file: string,
  name: string,
  defs?: Record<string, FieldDef>,
): Record<string, SchemaProperty> {
  const out: Record<string, SchemaProperty> = {};
  for (const [key, m] of declaredMembers(root, file, name)) {
    const def = defs?.[key];
    out[key] = {
      ...typeOfDeclared(m.builder),
      description: m.doc,
      ...(def?.secret === true ? { secret: true } : {}),
      ...(def?.replace ? { replaceOnChanges: true } : {}),
    };
  }
  return out;
}

// ---- catalog fields ------------------------------------------------------------------------------------------

const pascal = (s: string): string => s[0].toUpperCase() + s.slice(1);

class Types {
  readonly types: Record<string, Json> = {};
  constructor(private readonly docOf: (v: CatalogValue) => string) {}

  /** The schema of a catalog value; an object with documented members becomes a named type `buddy:index:<name>`. */
  schemaOf(v: CatalogValue, typeName: string): Json {
    switch (v.kind) {
      case "string":
      case "enum":
        return { type: "string" };
      case "boolean":
        return { type: "boolean" };
      case "integer":
        return { type: "integer" };
      case "number":
        return { type: "number" };
      case "list":
        return { type: "array", items: this.schemaOf(v.item as CatalogValue, `${typeName}Item`) };
      case "open":
        // Members vary and are converted by name only: any JSON object.
        return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
      case "object": {
        const token = `${PACKAGE}:index:${typeName}`;
        if (!this.types[token]) {
          const fields = v.fields ?? {};
          this.types[token] = {
            type: "object",
            description: this.docOf(v),
            properties: this.properties(fields, typeName),
            required: this.required(fields),
          };
        }
        return { $ref: `#/types/${token}` };
      }
      default:
        throw new Error(`no schema type for catalog kind ${String(v.kind)}`);
    }
  }

  properties(fields: Record<string, CatalogField>, owner: string): Record<string, SchemaProperty> {
    const out: Record<string, SchemaProperty> = {};
    for (const [key, f] of Object.entries(fields)) {
      out[key] = {
        ...this.schemaOf(f, `${owner}${pascal(key)}`),
        description: this.docOf(f),
        ...(f.secret ? { secret: true } : {}),
        ...(f.replace ? { replaceOnChanges: true } : {}),
      };
    }
    return out;
  }

  required(fields: Record<string, CatalogField>): string[] {
    return Object.entries(fields)
      .filter(([, f]) => f.required)
      .map(([k]) => k);
  }
}

// ---- resources -----------------------------------------------------------------------------------------------

export const resourceToken = (className: string): string => `${PACKAGE}:index:${className}`;

function importSection(className: string): string {
  return (
    `\n\n## Import\n\nAn existing action is imported by its id, \`${ID_FORMAT}\` (the pipeline's and the action's ` +
    `numeric ids are in the action's URL in Buddy):\n\n` +
    "```sh\n" +
    `$ pulumi import ${resourceToken(className)} my-action my-company/my-project/123/456\n` +
    "```\n"
  );
}

function resource(
  description: string,
  className: string,
  inputs: Record<string, SchemaProperty>,
  required: string[],
  outputs: Record<string, SchemaProperty>,
): Json {
  return {
    description: description + importSection(className),
    properties: { ...inputs, ...outputs },
    required: [...required, ...Object.keys(outputs)],
    inputProperties: inputs,
    requiredInputs: required,
  };
}

/** PipelineAction's example: a type by name, its own fields with Buddy's names. */
export const PIPELINE_ACTION_EXAMPLE: Inputs = {
  ...EXAMPLE_LOCATION,
  name: "Wait a moment",
  type: "SLEEP",
  fields: { sleep_in_sec: 5 },
};

/** The package schema (as a JSON text) and the token → `__spec` key table. */
export function pluginSchema(
  c: Catalog,
  root: string,
  docOf: (v: CatalogValue) => string,
  specKeyOf: (t: CatalogType) => string,
): { schema: string; specs: Record<string, string> } {
  const types = new Types(docOf);
  const location = declaredProperties(root, "provider/specs/spec.ts", "locationFields", locationFields);
  const common = types.properties(c.common.fields, "");
  const commonRequired = ["workspace", "projectName", "pipelineId", ...types.required(c.common.fields)];
  const outputs = declaredProperties(root, "provider/specs/spec.ts", "ServerOutputs");
  const resources: Record<string, Json> = {};
  const specs: Record<string, string> = {};

  const pipeline = {
    ...declaredProperties(root, "provider/specs/spec.ts", "typeField", typeField),
    ...declaredProperties(root, "provider/specs/pipeline-action.ts", "pipelineActionFields", pipelineActionFields),
  };
  resources[resourceToken("PipelineAction")] = resource(
    "An action of any Buddy type: `type` names it, the common fields are typed, and the type's own fields go in " +
      "`fields` with Buddy's own (snake_case) names.",
    "PipelineAction",
    { ...location, ...pipeline, ...common },
    [...commonRequired, "type"],
    outputs,
  );
  specs[resourceToken("PipelineAction")] = "pipeline-action";

  for (const t of [...c.types].sort((a, b) => a.className.localeCompare(b.className))) {
    const own = types.properties(t.fields, t.className.replace(/Action$/, ""));
    resources[resourceToken(t.className)] = resource(
      `${t.summary} Buddy's action type \`${t.type}\`.`,
      t.className,
      { ...location, ...common, ...own },
      [...commonRequired, ...types.required(t.fields)],
      outputs,
    );
    specs[resourceToken(t.className)] = specKeyOf(t);
  }

  const lookup = (file: string, args: string, result: string, description: string): Json => {
    const inputs = declaredProperties(root, file, args);
    const outs = declaredProperties(root, file, result);
    return {
      description,
      inputs: { properties: inputs, required: Object.keys(inputs) },
      outputs: { properties: outs, required: Object.keys(outs) },
    };
  };
  const config: Record<string, SchemaProperty> = {
    token: {
      type: "string",
      secret: true,
      description: "Buddy API token (a personal access token or an OAuth token). Set it as a secret.",
      defaultInfo: { environment: ["BUDDY_TOKEN"] },
    },
    baseUrl: {
      type: "string",
      description: "Buddy API endpoint, e.g. https://api.eu.buddy.works or a self-hosted Buddy's /api URL.",
      default: "https://api.buddy.works",
      defaultInfo: { environment: ["BUDDY_BASE_URL"] },
    },
    insecure: {
      type: "boolean",
      description: "Skip TLS certificate verification (a self-hosted Buddy with a self-signed certificate).",
      defaultInfo: { environment: ["BUDDY_INSECURE"] },
    },
  };
  const schema = {
    name: PACKAGE,
    displayName: "Buddy.works pipeline actions",
    description: "Buddy.works pipeline actions, one resource per action type.",
    keywords: ["pulumi", "buddy", "ci", "category/utility", "kind/native"],
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-buddy-actions/pulumi-buddy-actions",
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    meta: { moduleFormat: "(.*)" },
    config: { variables: config },
    provider: { description: "The provider for Buddy.works actions.", inputProperties: config },
    types: types.types,
    resources,
    functions: {
      [`${PACKAGE}:index:getPipeline`]: lookup(
        "provider/lookups.ts",
        "GetPipelineArgs",
        "PipelineResult",
        "Finds a pipeline by its name and returns its numeric id (what the action resources take as `pipelineId`).",
      ),
      [`${PACKAGE}:index:getProject`]: lookup(
        "provider/lookups.ts",
        "GetProjectArgs",
        "ProjectResult",
        "Reads a project by its name (the one in URLs) and returns its display name and URLs.",
      ),
    },
    language: {
      nodejs: { packageName: "@pulumi-buddy-actions/buddy" },
      python: { packageName: "pulumi_buddy" },
    },
  };
  // Each resource's example, rendered through the finished schema (every name it uses is a schema property).
  const withExample = (token: string, name: string, inputs: Inputs): void => {
    const r = resources[token] as { description: string };
    r.description = r.description.replace("\n\n## Import", `${examplesSection(schema, token, name, inputs)}\n\n## Import`);
  };
  withExample(resourceToken("PipelineAction"), "my-action", PIPELINE_ACTION_EXAMPLE);
  for (const t of c.types) withExample(resourceToken(t.className), "my-action", exampleOf(t));
  return { schema: `${JSON.stringify(schema, null, 2)}\n`, specs };
}

/** provider/plugin/resource-specs.ts. */
export function resourceSpecsModule(specs: Record<string, string>, header: string): string {
  let out = header;
  out += `\n/** Each resource token of the plugin → the \`__spec\` key of its spec (specs/registry.ts). */\n`;
  out += `export const RESOURCE_SPECS: Readonly<Record<string, string>> = {\n`;
  for (const [token, key] of Object.entries(specs)) out += `  ${JSON.stringify(token)}: ${JSON.stringify(key)},\n`;
  return `${out}};\n`;
}
