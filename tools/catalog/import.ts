/**
 * ONE-OFF IMPORTER: builds catalog/types/<TYPE>.json from the sources, once. After that the catalog entries are
 * the source of truth: fix a type by editing its entry (and mark it `"curated": true` so a re-import leaves it
 * alone), then `npm run generate`. Re-running this overwrites every entry that is not curated.
 *
 *   npx ts-node tools/catalog/import.ts
 *
 * Sources (catalog/sources/):
 * - buddy-js-schema.json: draconisNoctis/buddy-js packages/types/schema.json (scraped from Buddy's YAML docs,
 *   2024-11): fields, kinds, enums, defaults, YAML's required list. NOT committed (that repository states no
 *   license, and the file carries Buddy's own sentences): download it there, or point BUDDY_JS_SCHEMA at a copy;
 * - docs/<TYPE>.json: per type, from Buddy's REST reference (newest generation): title, page, our-words doc
 *   comments per wire path, the REST required list and parameter types, the request example, secret candidates,
 *   notes on disagreements.
 * How conflicts are settled (each one is written into the type's `notes`):
 * - the REST page is the authority for the API: its required list wins over YAML's, its request example's shape
 *   wins over YAML's kind (the table test sends every example through our resource), values the example uses
 *   are added to YAML's enum;
 * - `integration` is an object `{identifier}` (the newest REST generation), whatever YAML says (an ID string);
 * - YAML defaults that are not valid values of the field are dropped;
 * - a field is secret when the docs list it or its name says credential (SECRET_NAME below).
 */
import * as fs from "fs";
import * as path from "path";
import type { CatalogField, CatalogType, CatalogValue, CatalogCommon, RequestExample } from "../../catalog/model";
import { pageGeneration } from "./generate";
import { toInputName } from "../../provider/wire/names";

const ROOT = path.resolve(__dirname, "../..");
const CATALOG = path.join(ROOT, "catalog");
const TYPES_DIR = path.join(CATALOG, "types");
const DOCS_DIR = path.join(CATALOG, "sources", "docs");

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  items?: JsonSchema;
  $ref?: string;
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  format?: string;
};

interface DocsFile {
  type: string;
  title: string;
  docPage: string | null;
  summary: string;
  fields: Record<string, string>;
  restRequired: string[];
  restParams: Record<string, string>;
  requestExample: Record<string, unknown> | null;
  secrets: string[];
  notes: string[];
}

/** Definitions in schema.json that are not action types, or are typed wrongly there (known errors). */
const NOT_ACTIONS = new Set(["Action", "Event", "Service", "Variable"]);
const DEF_TYPE_FIXES: Record<string, { type: string; why: string }> = {
  Cloudfront: { type: "CLOUD_FRONT", why: "schema.json types the Cloudfront definition CLOUDFLARE; the REST API and neoskop/pulumi-buddy say CLOUD_FRONT" },
  DigitalOceanCDN: { type: "DIGITAL_OCEAN_CDN", why: "schema.json types the DigitalOceanCDN definition GOOGLE_CDN; neoskop/pulumi-buddy (from the REST pages) says DIGITAL_OCEAN_CDN" },
  BuildACordovaApp: { type: "NATIVE_BUILD_MAC_CORDOVA", why: "schema.json types the BuildACordovaApp definition NATIVE_BUILD_MAC_FASTLANE (the iOS Fastlane one); neoskop/pulumi-buddy (from the REST pages) says NATIVE_BUILD_MAC_CORDOVA" },
};

/**
 * Types the newest REST generation renamed (the docs notes say so); the newest name wins, and the catalog keeps
 * schema.json's fields as optional inputs next to the REST ones.
 */
const TYPE_RENAMES: Record<string, string> = { SANDBOX_CREATE_NEW: "SANDBOX_CREATE", SANDBOX_START: "SANDBOX_MANAGE" };

/** Server-set fields some request examples echo: never sent, never fields. */
const READ_ONLY = new Set(["url", "html_url", "id", "current_revision", "last_execution_status", "pipeline"]);

/**
 * The request example as a client sends it: without the server-set fields some examples echo. (The older pages'
 * single `trigger_condition` is kept: catalog/common.json types it.)
 */
function sentExample(example: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  if (!example) return undefined;
  return Object.fromEntries(Object.entries(example).filter(([k]) => !READ_ONLY.has(k)));
}

/** The page's request example as the catalog keeps it (the entry's one example; later generations are added by hand). */
function requestExamplesOf(docs: DocsFile | undefined): RequestExample[] | undefined {
  const body = sentExample(docs?.requestExample);
  const generation = docs?.docPage ? pageGeneration(docs.docPage) : undefined;
  if (!body || !docs?.docPage || !generation) return undefined;
  return [{ page: docs.docPage, generation, body }];
}

/** Wire names documented once, in catalog/common.json, or not fields at all (YAML's `action` is the API's `name`). */
function commonWireNames(): Set<string> {
  const common = JSON.parse(fs.readFileSync(path.join(CATALOG, "common.json"), "utf8")) as CatalogCommon;
  return new Set([...Object.values(common.fields).map((f) => f.wire), "action", "type", "trigger_condition", "pipeline", "id", "url", "html_url"]);
}

/** Input names a type's own field may not take (location, `adopt`, the common fields, the server outputs). */
const RESERVED_INPUTS = new Set(["workspace", "projectName", "pipelineId", "adopt", "type", "actionId", "url", "htmlUrl", "lastExecutionStatus"]);

/** Names that say "credential". Reviewed by hand against the list the import prints. */
const SECRET_NAME = /(^|_)(password|passphrase|token|secret|secret_key|secret_access_key|private_key|api_key|apikey|key_content|client_secret|client_key|webhook_secret|auth_token|access_token|license_key)$/;

const ACRONYMS = new Set(["ssh", "sftp", "ftp", "ftps", "aws", "gke", "cli", "cdk", "cdn", "ecs", "ios", "sms", "http", "tcp", "ssl", "ami", "zip", "gcs", "url", "api", "wp", "b2", "s3", "rsync", "vm", "dns", "json", "apk", "aab", "ci"]);

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/**
 * "Slack notification" → SlackAction, "AWS CLI 2" → AwsCli2Action, "GitHub Release" → GitHubReleaseAction: the
 * title's words (a parenthesised variant, a trailing "notification" and articles dropped), an all-capitals word as
 * a capitalised one, a mixed-case word as written (GitHub, macOS → MacOS).
 */
export function classNameFromTitle(title: string): string {
  const ws = title
    .replace(/\(.*?\)/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  while (ws.length > 1 && /^(notification|action)$/i.test(ws[ws.length - 1])) ws.pop();
  // Articles add nothing to a class name: "Transfer to a sandbox" → TransferToSandboxAction.
  for (let i = ws.length - 1; i > 0; i--) if (/^(a|an|the)$/i.test(ws[i])) ws.splice(i, 1);
  const pascal = ws.map((w) => (/^[A-Z0-9]+$/.test(w) ? w[0] + w.slice(1).toLowerCase() : w[0].toUpperCase() + w.slice(1))).join("");
  return `${pascal}Action`;
}

/**
 * Required-ness settled by hand where the docs notes show the REST page's list is wrong, with the reason (it goes
 * into the type's notes).
 */
const REQUIRED_OVERRIDES: Record<string, Record<string, { required: boolean; why: string }>> = {
  BUILD: { services: { required: false, why: "the REST page marks services required (typed as one Service), schema.json optional; a build without services is the common case: settled as optional" } },
  EMAIL: {
    recipients: { required: false, why: "the REST page marks recipients and send_to_groups required but says one of them suffices: both optional (Buddy answers if neither is set)" },
    send_to_groups: { required: false, why: "see recipients" },
  },
};

/**
 * Types no docs file covers, written here: title, summary, and the docs file of a sibling type with the same
 * fields whose doc comments apply word for word (the Cordova build has the React Native build's fields).
 */
const UNDOCUMENTED: Record<string, { title: string; summary: string; borrowDocsOf: string }> = {
  NATIVE_BUILD_MAC_CORDOVA: {
    title: "Build a Cordova App (iOS)",
    summary: "Builds a Cordova iOS app by running commands on a macOS virtual machine with Xcode and Node.js.",
    borrowDocsOf: "NATIVE_BUILD_MAC_REACT",
  },
};

/** Doc comments for fields only a request example shows (no docs file documents them), by type and wire path. */
const EXTRA_DOCS: Record<string, Record<string, string>> = {
  LAMBDA: {
    input_type: "Where the deployed files come from: the repository (SCM_REPOSITORY) or the pipeline's filesystem (BUILD_ARTIFACTS).",
  },
};

/** Class names the issue names, shorter than their titles ("Build application", "SSH Command"). */
const CLASS_NAMES: Record<string, string> = {
  BUILD: "BuildAction",
  SSH_COMMAND: "SshAction",
  // The docs file took the GKE page's title ("GKE Apply Deployment"); the type applies to any cluster.
  KUBERNETES_APPLY: "KubernetesApplyDeploymentAction",
};

/**
 * Docs files filed under another type: GOOGLE_CDN.json describes the DigitalOcean CDN action, whose REST page and
 * request example say DIGITAL_OCEAN_CDN (schema.json's only GOOGLE_CDN-typed definition is that action too).
 */
const DOCS_OF: Record<string, string> = { DIGITAL_OCEAN_CDN: "GOOGLE_CDN" };

function humanize(defName: string): string {
  return words(defName)
    .map((w, i) => (ACRONYMS.has(w.toLowerCase()) || /^[A-Z0-9]+$/.test(w) ? w : i === 0 ? w : w.toLowerCase()))
    .join(" ");
}

function wireHumanized(wire: string): string {
  const ws = wire.split("_").map((w) => (ACRONYMS.has(w) || w === "id" ? w.toUpperCase() : w));
  const s = ws.join(" ");
  return s[0].toUpperCase() + s.slice(1);
}

function typeOfDef(def: JsonSchema): string | undefined {
  const t = def.properties?.type;
  const v = t?.const ?? (t?.enum?.length === 1 ? t.enum[0] : t?.enum?.[0]);
  return typeof v === "string" ? v : undefined;
}

interface Ctx {
  notes: string[];
  defs: Record<string, JsonSchema>;
}

/** A YAML property → catalog value (doc filled in later). */
function fromYaml(prop: JsonSchema, ctx: Ctx, where: string): CatalogValue {
  if (prop.$ref) return fromYaml(ctx.defs[prop.$ref.replace("#/definitions/", "")], ctx, where);
  if (prop.oneOf || prop.type === undefined) {
    if (prop.properties) return objectFromYaml(prop, ctx, where);
    return { kind: "open", doc: "" };
  }
  switch (prop.type) {
    case "string":
      if (prop.enum) return { kind: "enum", values: prop.enum.map(String), doc: "" };
      return { kind: "string", doc: "" };
    case "boolean":
      return { kind: "boolean", doc: "" };
    case "integer":
      return { kind: "integer", doc: "" };
    case "number":
      return { kind: "number", doc: "" };
    case "array":
      return { kind: "list", item: prop.items ? fromYaml(prop.items, ctx, `${where}[]`) : { kind: "string", doc: "" }, doc: "" };
    case "object":
      return prop.properties ? objectFromYaml(prop, ctx, where) : { kind: "open", doc: "" };
    default:
      return { kind: "open", doc: "" };
  }
}

function objectFromYaml(def: JsonSchema, ctx: Ctx, where: string): CatalogValue {
  const fields: Record<string, CatalogField> = {};
  const required = new Set(def.required ?? []);
  for (const [wire, prop] of Object.entries(def.properties ?? {})) {
    const f: CatalogField = { wire, ...fromYaml(prop, ctx, `${where}.${wire}`) };
    if (required.has(wire)) f.required = true;
    applyYamlDefault(f, prop, ctx, `${where}.${wire}`);
    fields[toInputName(wire)] = f;
  }
  return { kind: "object", fields, doc: "" };
}

function validFor(v: CatalogValue, value: unknown): boolean {
  switch (v.kind) {
    case "string":
      return typeof value === "string";
    case "enum":
      return typeof value === "string" && (v.values ?? []).includes(value);
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value) && value >= (v.min ?? 0);
    case "number":
      return typeof value === "number";
    default:
      return false;
  }
}

function applyYamlDefault(f: CatalogValue, prop: JsonSchema, ctx: Ctx, where: string): void {
  if (prop.default === undefined) return;
  if (validFor(f, prop.default)) {
    f.default = prop.default as string | number | boolean;
    f.source = { ...f.source, default: "yaml" };
  } else {
    ctx.notes.push(`${where}: schema.json's default ${JSON.stringify(prop.default)} is not a valid value of the field; dropped (no default).`);
  }
}

/** A value's catalog shape inferred from the REST request example. */
function fromExample(value: unknown): CatalogValue {
  if (typeof value === "boolean") return { kind: "boolean", doc: "" };
  if (typeof value === "number") return Number.isInteger(value) ? { kind: "integer", doc: "" } : { kind: "number", doc: "" };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: "list", item: { kind: "string", doc: "" }, doc: "" };
    // Elements may show different members (SET_VARIABLES): the item is the union of what they show.
    const items = value.map(fromExample);
    const item = items[0];
    if (item.kind === "object") {
      for (const other of items.slice(1)) for (const [k, f] of Object.entries(other.fields ?? {})) item.fields![k] ??= f;
    }
    return { kind: "list", item, doc: "" };
  }
  if (value !== null && typeof value === "object") {
    const fields: Record<string, CatalogField> = {};
    for (const [k, v] of Object.entries(value)) fields[toInputName(k)] = { wire: k, ...fromExample(v), source: { field: "rest-example" } };
    return { kind: "object", fields, doc: "" };
  }
  return { kind: "string", allowEmpty: value === "", doc: "" };
}

function fromRestType(t: string): CatalogValue {
  const s = t.trim().toLowerCase();
  if (s.endsWith("[]")) return { kind: "list", item: fromRestType(s.slice(0, -2)), doc: "" };
  if (s === "boolean") return { kind: "boolean", doc: "" };
  if (s === "integer" || s === "int" || s === "long") return { kind: "integer", doc: "" };
  if (s === "number" || s === "float" || s === "double") return { kind: "number", doc: "" };
  if (s === "string" || s === "enum") return { kind: "string", doc: "" };
  return { kind: "open", doc: "" };
}

/**
 * `integration`: the newest pages send `{"identifier": ...}`, the older ones (and most request examples still)
 * `{"hash_id": ...}`; both members are accepted, neither is required alone.
 */
const INTEGRATION: CatalogValue = {
  kind: "object",
  fields: {
    identifier: { wire: "identifier", kind: "string", doc: "The integration's identifier in the workspace (the newest API's reference).", source: { field: "rest-example", doc: "curated" } },
    hashId: { wire: "hash_id", kind: "string", doc: "The integration's hash ID (the older pages' reference; use identifier where you can).", source: { field: "rest-example", doc: "curated" } },
  },
  doc: "",
};

/** Makes `f` accept the example's value: the example (the newest REST page) wins over YAML's shape. */
function reconcileWithExample(f: CatalogValue, value: unknown, ctx: Ctx, where: string): CatalogValue {
  if (value === null || value === undefined) return f;
  const ex = fromExample(value);
  const sameKind =
    f.kind === ex.kind ||
    (f.kind === "enum" && ex.kind === "string") ||
    (f.kind === "number" && ex.kind === "integer") ||
    (f.kind === "open" && ex.kind === "object");
  if (!sameKind) {
    ctx.notes.push(`${where}: schema.json says ${f.kind}, the REST request example sends ${ex.kind === "list" ? "a list" : `a ${ex.kind}`}; settled as the example's.`);
    return { ...ex, doc: f.doc, source: { ...f.source, kind: "rest-example" } };
  }
  if (f.kind === "enum" && typeof value === "string" && !(f.values ?? []).includes(value)) {
    ctx.notes.push(`${where}: the REST request example uses ${JSON.stringify(value)}, not in schema.json's enum; added.`);
    f.values = [...(f.values ?? []), value];
  }
  if (f.kind === "string" && value === "") f.allowEmpty = true;
  if (f.kind === "list" && Array.isArray(value) && f.item) {
    for (const v of value) f.item = reconcileWithExample(f.item, v, ctx, `${where}[]`);
  }
  if (f.kind === "object" && value !== null && typeof value === "object" && !Array.isArray(value)) {
    f.fields = f.fields ?? {};
    for (const [key, member] of Object.entries(f.fields)) {
      const v = (value as Record<string, unknown>)[member.wire];
      if (member.required && (v === undefined || v === null)) {
        ctx.notes.push(`${where}.${member.wire}: required in schema.json, absent from the REST request example; settled as optional.`);
        f.fields[key] = { ...member, required: false, source: { ...member.source, required: "rest-example" } };
        delete f.fields[key].required;
      }
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const key = toInputName(k);
      const existing = f.fields[key];
      if (existing === undefined) {
        ctx.notes.push(`${where}.${k}: only in the REST request example; added.`);
        f.fields[key] = { wire: k, ...fromExample(v), source: { field: "rest-example" } };
      } else {
        f.fields[key] = { ...reconcileWithExample(existing, v, ctx, `${where}.${k}`), wire: existing.wire };
      }
    }
  }
  if (f.kind === "open" && ex.kind === "object") return { ...ex, doc: f.doc, source: { ...f.source, kind: "rest-example" } };
  return f;
}

/** Doc comments from the docs file (by wire path), else a short one built from the field's facts. */
function applyDocs(fields: Record<string, CatalogField>, docs: DocsFile | undefined, prefix: string, replaceFallback = false): void {
  for (const f of Object.values(fields)) {
    const p = `${prefix}${f.wire}`;
    const doc = docs?.fields[p];
    if (doc && (!replaceFallback || f.source?.doc === undefined)) {
      f.doc = doc;
      f.source = { ...f.source, doc: "docs" };
    } else if (!f.doc) {
      f.doc = `${wireHumanized(f.wire)}.`;
    }
    applyValueDocs(f, docs, p, replaceFallback);
  }
}

function applyValueDocs(v: CatalogValue, docs: DocsFile | undefined, p: string, replaceFallback = false): void {
  if (v.kind === "object" || v.kind === "open") applyDocs(v.fields ?? {}, docs, `${p}.`, replaceFallback);
  if (v.kind === "list" && v.item) {
    const doc = docs?.fields[`${p}[]`];
    v.item.doc = doc ?? v.item.doc ?? "";
    if (!v.item.doc) v.item.doc = "An element.";
    applyValueDocs(v.item, docs, `${p}[]`, replaceFallback);
  }
}

/**
 * Rules the docs state in so many words: "required when <field> is <value>", where <field> is a top-level field of
 * the type: an enum holding <value> (any case), a boolean (true/false), or a string (the value as written).
 * Anything vaguer stays prose in the doc comment.
 */
function addDocumentedRules(fields: Record<string, CatalogField>, docs: DocsFile | undefined, ctx: Ctx): void {
  const byWire = new Map(Object.entries(fields).map(([name, f]) => [f.wire, { name, f }]));
  for (const [wire, doc] of Object.entries(docs?.fields ?? {})) {
    const m = /required when ([a-z0-9_]+) is ([A-Za-z0-9_]+)/.exec(doc);
    const target = byWire.get(wire);
    if (!m || !target) continue;
    const other = byWire.get(m[1]);
    const value: string | boolean | undefined =
      other?.f.kind === "enum"
        ? other.f.values?.find((v) => v.toLowerCase() === m[2].toLowerCase())
        : other?.f.kind === "boolean" && /^(true|false)$/.test(m[2])
          ? m[2] === "true"
          : other?.f.kind === "string"
            ? m[2]
            : undefined;
    if (!other || value === undefined) {
      ctx.notes.push(`${wire}: the docs say "required when ${m[1]} is ${m[2]}", which names no value of a field here; left as prose.`);
      continue;
    }
    if (target.f.required) continue;
    target.f.rules = [...(target.f.rules ?? []), { requiredWhen: { field: other.name, equals: value } }];
    target.f.source = { ...target.f.source, required: "docs" };
  }
}

/**
 * Kubernetes actions with direct cluster credentials (they have `client_key`): the kubeconfig `content` and the
 * certificates are credentials too, as in the seed type KUBERNETES_SET_IMAGE.
 */
const KUBERNETES_CREDENTIALS = ["content", "client_ca", "client_cert"];

function markSecrets(fields: Record<string, CatalogField>, docs: DocsFile | undefined, prefix: string, found: string[]): void {
  const listed = new Set(docs?.secrets ?? []);
  if (prefix === "" && Object.values(fields).some((f) => f.wire === "client_key")) for (const w of KUBERNETES_CREDENTIALS) listed.add(w);
  for (const f of Object.values(fields)) {
    const p = `${prefix}${f.wire}`;
    const leaf = f.kind === "string" || f.kind === "enum" || f.kind === "open";
    if ((listed.has(p) || (leaf && SECRET_NAME.test(f.wire))) && f.kind !== "boolean" && f.kind !== "integer") {
      if (f.kind === "string" || f.kind === "open") {
        f.secret = true;
        f.source = { ...f.source, secret: listed.has(p) ? "docs" : "rule" };
        found.push(p);
      }
    }
    if (f.kind === "object" || f.kind === "open") markSecrets(f.fields ?? {}, docs, `${p}.`, found);
    if (f.kind === "list" && f.item?.fields) markSecrets(f.item.fields, docs, `${p}[].`, found);
  }
}

function buildType(type: string, defNames: string[], ctx: Ctx, docs: DocsFile | undefined, common: Set<string>): CatalogType {
  const fields: Record<string, CatalogField> = {};
  // Several definitions of one type are variants (GKE vs. any cluster): a field is required only if every variant
  // requires it.
  const requiredSets = defNames.map((d) => new Set((ctx.defs[d].required ?? []).filter((r) => !common.has(r))));
  const yamlRequired = new Set([...(requiredSets[0] ?? [])].filter((r) => requiredSets.every((set) => set.has(r))));
  for (const defName of defNames) {
    const def = ctx.defs[defName];
    for (const [wire, prop] of Object.entries(def.properties ?? {})) {
      if (common.has(wire)) continue;
      const key = toInputName(wire);
      const v = fromYaml(prop, ctx, wire);
      const existing = fields[key];
      if (existing) {
        if (existing.kind === "enum" && v.kind === "enum") {
          const extra = (v.values ?? []).filter((x) => !(existing.values ?? []).includes(x));
          if (extra.length > 0) existing.values = [...(existing.values ?? []), ...extra];
        }
        continue;
      }
      const f: CatalogField = { wire, ...v, source: { field: "yaml" } };
      applyYamlDefault(f, prop, ctx, wire);
      fields[key] = f;
    }
  }
  if (defNames.length > 1) ctx.notes.push(`schema.json has ${defNames.length} definitions of ${type} (${defNames.join(", ")}); merged (union of fields and enum values).`);

  if (docs) {
    for (const [wire, restType] of Object.entries(docs.restParams ?? {})) {
      if (common.has(wire) || wire.includes(".") || wire.includes("[")) continue;
      const key = toInputName(wire);
      if (fields[key]) {
        fields[key].source = { ...fields[key].source, field: "rest" };
        continue;
      }
      fields[key] = { wire, ...fromRestType(restType), source: { field: "rest" } };
      if (defNames.length > 0) ctx.notes.push(`${wire}: on the REST page only (not in schema.json); added as ${restType}.`);
    }
    for (const [wire, value] of Object.entries(sentExample(docs.requestExample) ?? {})) {
      if (common.has(wire)) continue;
      const key = toInputName(wire);
      if (!fields[key]) {
        fields[key] = { wire, ...fromExample(value), source: { field: "rest-example" } };
        ctx.notes.push(`${wire}: only in the REST request example; added as ${fields[key].kind}.`);
      }
    }
  }

  // integration: the newest REST generation's `{identifier}` object.
  if (fields.integration && fields.integration.kind !== "object") {
    const was = fields.integration.kind;
    fields.integration = { ...fields.integration, ...structuredClone(INTEGRATION), source: { ...fields.integration.source, kind: "rest-example" } };
    ctx.notes.push(`integration: schema.json (YAML) has an integration ID ${was}; the newest REST pages send {"identifier": ...}; settled as that object (older pages' {"hash_id"} / {"id"} forms are not accepted as input).`);
  }

  if (docs?.requestExample) {
    for (const [wire, value] of Object.entries(sentExample(docs.requestExample) ?? {})) {
      if (common.has(wire)) continue;
      const key = toInputName(wire);
      fields[key] = { ...reconcileWithExample(fields[key], value, ctx, wire), wire };
    }
  }

  for (const k of Object.keys(docs?.requestExample ?? {})) {
    if (READ_ONLY.has(k)) ctx.notes.push(`The REST request example echoes the server-set ${k}; left out of the kept example (never sent).`);
  }

  // required: the REST page when there is one, else YAML.
  // A docs file without a REST page (docPage null) has no REST required list: schema.json's applies.
  const restRequired = docs?.docPage ? new Set(docs.restRequired.filter((r) => !common.has(r))) : undefined;
  for (const f of Object.values(fields)) {
    const inYaml = yamlRequired.has(f.wire);
    const inRest = restRequired?.has(f.wire);
    const example = sentExample(docs?.requestExample);
    const inExample = example === undefined || (example[f.wire] !== undefined && example[f.wire] !== null);
    let required = restRequired ? inRest === true : inYaml;
    // Variants (GKE vs. any cluster): the REST page documents one of them, so its required list holds only where
    // every variant of schema.json requires the field too.
    if (restRequired && defNames.length > 1 && required && !inYaml) {
      ctx.notes.push(`${f.wire}: required on the REST page (one variant's), not by every variant in schema.json; settled as optional.`);
      required = false;
    }
    if (required && !inExample) {
      ctx.notes.push(`${f.wire}: ${restRequired ? "the REST page" : "schema.json"} marks it required, but the REST request example creates the action without it; settled as optional (Buddy answers with its own error if it does need it).`);
      required = false;
    }
    const override = REQUIRED_OVERRIDES[type]?.[f.wire];
    if (override) {
      required = override.required;
      ctx.notes.push(`${f.wire}: ${override.why}.`);
      f.source = { ...f.source, required: "curated" };
    }
    if (required) f.required = true;
    else delete f.required;
    if (!override) f.source = { ...f.source, required: restRequired ? "rest" : "yaml" };
    if (restRequired && inYaml !== inRest && defNames.length > 0) {
      ctx.notes.push(`${f.wire}: ${inRest ? "required on the REST page, optional in schema.json" : "required in schema.json, optional on the REST page"}; settled by the REST page (${inRest ? "required" : "optional"}).`);
    }
  }
  for (const r of restRequired ?? []) {
    if (!Object.values(fields).some((f) => f.wire === r)) ctx.notes.push(`${r}: the REST page marks it required but lists no such parameter; ignored.`);
  }

  // Input names: camelCase of the wire name, never one of the resource's own inputs.
  const renamed: Record<string, CatalogField> = {};
  for (const [key, f] of Object.entries(fields)) {
    let name = key;
    if (RESERVED_INPUTS.has(name)) {
      name = `${name}Field`;
      ctx.notes.push(`${f.wire}: its camelCase name ${key} is one of every resource's own inputs; the input is ${name}.`);
    }
    renamed[name] = f;
  }

  const extra = EXTRA_DOCS[type];
  applyDocs(renamed, docs && extra ? { ...docs, fields: { ...extra, ...docs.fields } } : docs, "");
  addDocumentedRules(renamed, docs, ctx);
  const secrets: string[] = [];
  markSecrets(renamed, docs, "", secrets);
  for (const s of docs?.secrets ?? []) if (!secrets.includes(s)) ctx.notes.push(`${s}: listed as a secret in the docs notes but is not a string field here; not marked.`);

  const title = docs?.title ?? humanize(defNames[0] ?? type);
  return {
    type,
    title,
    className: classNameFromTitle(title),
    summary: docs?.summary ?? `Runs Buddy's ${title} action.`,
    docPage: docs?.docPage ?? null,
    fields: renamed,
    notes: [...(docs?.notes ?? []), ...ctx.notes],
    requestExamples: requestExamplesOf(docs),
  };
}

/** The order keys are written in: what a field is first, its doc and sources last. */
const KEY_ORDER = ["type", "title", "className", "specKey", "summary", "docPage", "curated", "groups", "requestExamples", "page", "generation", "body", "wire", "kind", "values", "item", "typeName", "fields", "min", "max", "allowEmpty", "required", "default", "secret", "secretWhen", "replace", "writeOnly", "rules", "doc", "source", "notes"];

/** A copy with object keys in KEY_ORDER (field maps keep their own order). */
export function ordered(value: unknown, isFieldMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (isFieldMap) return Object.fromEntries(entries.map(([k, v]) => [k, ordered(v)]));
  const rank = (k: string): number => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)).map(([k, v]) => [k, ordered(v, k === "fields")]));
}

function main(): void {
  const schemaFile = process.env.BUDDY_JS_SCHEMA ?? path.join(CATALOG, "sources", "buddy-js-schema.json");
  if (!fs.existsSync(schemaFile)) {
    throw new Error(`${schemaFile} not found: download draconisNoctis/buddy-js packages/types/schema.json there (or set BUDDY_JS_SCHEMA)`);
  }
  const schema = readJson<{ definitions: Record<string, JsonSchema> }>(schemaFile);
  const defs = schema.definitions;
  const common = commonWireNames();
  const groups = new Map<string, string[]>();
  const typeNotes = new Map<string, string[]>();
  for (const [name, def] of Object.entries(defs)) {
    if (NOT_ACTIONS.has(name)) continue;
    let type = typeOfDef(def);
    if (type === undefined) continue;
    if (TYPE_RENAMES[type]) {
      const renamed = TYPE_RENAMES[type];
      typeNotes.set(renamed, [...(typeNotes.get(renamed) ?? []), `schema.json (2024) calls this type ${type}; the newest REST pages ${renamed}: settled as ${renamed}, schema.json's fields kept as optional inputs.`]);
      type = renamed;
    }
    const fix = DEF_TYPE_FIXES[name];
    if (fix) {
      type = fix.type;
      typeNotes.set(type, [...(typeNotes.get(type) ?? []), `${fix.why}; settled as ${fix.type}.`]);
    }
    groups.set(type, [...(groups.get(type) ?? []), name]);
  }
  const docsByType = new Map<string, DocsFile>();
  if (fs.existsSync(DOCS_DIR)) {
    for (const file of fs.readdirSync(DOCS_DIR).filter((f) => f.endsWith(".json")).sort()) {
      const d = readJson<DocsFile>(path.join(DOCS_DIR, file));
      docsByType.set(path.basename(file, ".json"), d);
      if (d.type && d.type !== path.basename(file, ".json")) docsByType.set(d.type, d);
    }
  }
  for (const t of docsByType.keys()) {
    const claimed = Object.values(DOCS_OF).includes(t) || t in TYPE_RENAMES;
    if (!groups.has(t) && !claimed && /^[A-Z0-9_]+$/.test(t) && docsByType.get(t)?.type === t) groups.set(t, []);
  }

  const existing = new Map<string, CatalogType>();
  for (const file of fs.readdirSync(TYPES_DIR).filter((f) => f.endsWith(".json"))) {
    const entry = readJson<CatalogType>(path.join(TYPES_DIR, file));
    existing.set(entry.type, entry);
  }
  const classNames = new Map<string, string>();
  for (const e of existing.values()) if (e.curated) classNames.set(e.className, e.type);

  let written = 0;
  const secretReport: string[] = [];
  for (const [type, defNames] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (existing.get(type)?.curated) continue;
    const docs = docsByType.get(DOCS_OF[type] ?? type) ?? docsByType.get(Object.keys(TYPE_RENAMES).find((k) => TYPE_RENAMES[k] === type) ?? "");
    const undocumented = UNDOCUMENTED[type];
    const borrowed = undocumented ? docsByType.get(undocumented.borrowDocsOf) : undefined;
    const ctx: Ctx = { notes: [...(typeNotes.get(type) ?? [])], defs };
    if (!docs) ctx.notes.push("No catalog-docs file yet: doc comments are built from the field names; required and kinds from schema.json only.");
    if (docs && docs.type !== type) ctx.notes.push(`The docs file for this action is filed as ${docs.type}; the type is ${type} (see the notes above).`);
    const entry = buildType(type, defNames, ctx, docs, common);
    if (undocumented && borrowed) {
      applyDocs(entry.fields, { ...borrowed, fields: borrowed.fields }, "", true);
      entry.title = undocumented.title;
      entry.className = classNameFromTitle(undocumented.title);
      entry.summary = undocumented.summary;
      entry.notes = entry.notes.filter((n) => !n.startsWith("No catalog-docs file yet"));
      entry.notes.push(`No REST page or docs file: title and summary written by hand; doc comments are ${undocumented.borrowDocsOf}'s, whose fields these are.`);
    }
    if (CLASS_NAMES[type]) {
      entry.notes.push(`Class name ${CLASS_NAMES[type]} (the issue's name for it) rather than ${entry.className} from the title.`);
      entry.className = CLASS_NAMES[type];
    }
    let cls = entry.className;
    for (let n = 2; classNames.has(cls) && classNames.get(cls) !== type; n++) cls = entry.className.replace(/Action$/, `${n}Action`);
    if (cls !== entry.className) {
      entry.notes.push(`Class name ${entry.className} is taken by ${classNames.get(entry.className)}; this one is ${cls}.`);
      entry.className = cls;
    }
    classNames.set(cls, type);
    const walk = (fields: Record<string, CatalogField>, p: string): void => {
      for (const f of Object.values(fields)) {
        if (f.secret) secretReport.push(`${type} ${p}${f.wire}`);
        walk(f.fields ?? {}, `${p}${f.wire}.`);
        walk(f.item?.fields ?? {}, `${p}${f.wire}[].`);
      }
    };
    walk(entry.fields, "");
    fs.writeFileSync(path.join(TYPES_DIR, `${type}.json`), JSON.stringify(ordered(entry), null, 2) + "\n");
    written++;
  }
  console.log(`wrote ${written} catalog entries (${existing.size} existed); secret fields:\n  ${secretReport.join("\n  ")}`);
}

main();
