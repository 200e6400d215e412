/**
 * Runtime specs read from the catalog's data: catalog/common.json and catalog/types/<TYPE>.json (in a build,
 * dist/catalog holds the same files without docs, notes and examples; scripts/catalog-data.js writes them). A type's
 * spec is built from its JSON when the provider first needs it, so the catalog states every fact once and no code
 * is generated for the runtime.
 *
 * `specOf(type)` turns any catalog type entry into a spec; `fieldsOf(fields)` any catalog fields into FieldDefs
 * (for a resource whose fields are catalog data but which is not an action type).
 */
import * as fs from "fs";
import * as path from "path";
import type { CatalogCommon, CatalogField, CatalogType, CatalogValue } from "../../catalog/model";
import { holds } from "../../catalog/rules";
import { FieldDef, Fields, LeafFacts } from "./field";
import { ActionSpec, locationFields } from "./spec";

/** catalog/ beside provider/ (the sources, and dist/ of a build alike). */
const CATALOG_DIR = path.resolve(__dirname, "../../catalog");

/**
 * The catalog's data put in the code itself, for a bundle that has no catalog/ beside it (the plugin's single
 * executable: scripts/plugin-archive.js sets it before any of this runs). Unset everywhere else.
 */
interface EmbeddedCatalog {
  common: CatalogCommon;
  types: Record<string, CatalogType>;
}
const embedded = (globalThis as { __pulumiBuddyCatalog?: EmbeddedCatalog }).__pulumiBuddyCatalog;

/** Why a typed resource refuses an input it does not know. */
const TYPED_HINT = "typed resources accept only their documented fields; use PipelineAction for others";

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** What a scalar is, in the interpreter's terms (catalog/rules.ts); an integer's `min` defaults to 0. */
function leafFacts(v: CatalogValue): LeafFacts {
  switch (v.kind) {
    case "string":
      return { kind: "string", ...(v.allowEmpty ? { allowEmpty: true } : {}) };
    case "enum":
      return { kind: "enum", values: v.values ?? [] };
    case "boolean":
      return { kind: "boolean" };
    case "integer":
      return { kind: "integer", min: v.min ?? 0, ...(v.max !== undefined ? { max: v.max } : {}) };
    case "number":
      return {
        kind: "number",
        ...(v.min !== undefined ? { min: v.min } : {}),
        ...(v.max !== undefined ? { max: v.max } : {}),
      };
    default:
      throw new Error(`not a scalar kind: ${v.kind}`);
  }
}

/** The FieldDef of one catalog value; `wire` is Buddy's name of a field (a list's element has none). */
function fieldOf(v: CatalogValue, wire?: string): FieldDef {
  const when = v.secretWhen;
  const base = {
    required: v.required ?? false,
    secret: when ? (holder: Record<string, unknown>) => holds(when, holder[when.field]) : (v.secret ?? false),
    replace: v.replace ?? false,
    default: v.default ?? null,
    writeOnly: v.writeOnly ?? false,
    placement: "wire" as const,
    wire,
    ...(v.rules ? { rules: v.rules } : {}),
    ...(when ? { secretWhen: when } : {}),
  };
  switch (v.kind) {
    case "list":
      if (!v.item) throw new Error("a list without item");
      return { kind: "array", item: fieldOf(v.item), ...base };
    case "object":
      return { kind: "object", fields: fieldsOf(v.fields ?? {}), ...(v.groups ? { groups: v.groups } : {}), ...base };
    case "open":
      return { kind: "open", ...base };
    default:
      return { kind: "leaf", facts: leafFacts(v), ...base };
  }
}

/** The FieldDefs of catalog fields, by input name, in the catalog's order. */
function fieldsOf(fields: Record<string, CatalogField>): Fields {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, fieldOf(f, f.wire)]));
}

let common: Fields | undefined;

/** The fields every action type has, from catalog/common.json. */
export function commonFields(): Fields {
  return (common ??= fieldsOf(
    (embedded?.common ?? readJson<CatalogCommon>(path.join(CATALOG_DIR, "common.json"))).fields,
  ));
}

/** The spec of a catalog type entry: the location, the common fields and the type's own, with its group rules. */
export function specOf(t: CatalogType): ActionSpec {
  return {
    file: t.specKey ?? t.type,
    resourceType: t.className,
    actionType: t.type,
    fields: { ...locationFields, ...commonFields(), ...fieldsOf(t.fields) },
    ...(t.groups && t.groups.length > 0 ? { groups: t.groups } : {}),
    unknownInputHint: TYPED_HINT,
  };
}

/** Buddy's type names are spelled so; anything else is never read as a file name. */
const TYPE_NAME = /^[A-Z][A-Z0-9_]*$/;

/** The catalog entry of Buddy's `type`, undefined when the catalog has none. */
export function catalogType(type: string): CatalogType | undefined {
  if (!TYPE_NAME.test(type)) return undefined;
  if (embedded) return Object.prototype.hasOwnProperty.call(embedded.types, type) ? embedded.types[type] : undefined;
  const file = path.join(CATALOG_DIR, "types", `${type}.json`);
  return fs.existsSync(file) ? readJson<CatalogType>(file) : undefined;
}

/** Every catalog entry (the first releases' `__spec` keys are found by reading them all, once). */
export function catalogTypes(): CatalogType[] {
  if (embedded)
    return Object.keys(embedded.types)
      .sort()
      .map((t) => embedded.types[t]);
  const dir = path.join(CATALOG_DIR, "types");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => readJson<CatalogType>(path.join(dir, f)));
}
