/**
 * The shape of the action catalog (catalog/common.json and catalog/types/<TYPE>.json): Buddy's facts about each
 * action type's fields, kept as data. The provider builds its runtime specs from them (provider/specs/from-catalog.ts);
 * the generator (tools/catalog/generate.ts) turns them into the resource classes and their types, the emulator's
 * rule table, the plugin schema and the README's type table; nothing else states these facts. Types only: this module has no runtime code, so anything may import it.
 */

/** How a field's value is checked. */
export type FieldKind =
  /** A string; `allowEmpty` says whether "" is a value (a description) or a mistake (a name, an ID). */
  | "string"
  /** One of `values`. */
  | "enum"
  | "boolean"
  /** A whole number from `min` (default 0) to `max` (default unbounded). */
  | "integer"
  /** Any number (fractions allowed), from `min` to `max` when given. */
  | "number"
  /** A list of `item`. */
  | "list"
  /** An object with documented members `fields`; other members are refused. */
  | "object"
  /**
   * An object whose members are not all documented (Kubernetes targets): any member is accepted and its name is
   * converted between spellings; the documented `fields` only type the program's side.
   */
  | "open";

/** The condition of a cross-field rule: another field's value. */
export interface Condition {
  /** The other field's input name: a member of the same object, or of the action itself with `root`. */
  field: string;
  /** Look the field up on the action itself rather than in the object holding this field. */
  root?: boolean;
  equals?: string | boolean | number;
  in?: ReadonlyArray<string | boolean | number>;
  /** Holds when the other field is anything but this value (unset included). */
  notEquals?: string | boolean | number;
}

/** The rule vocabulary: a field's requirement or permission depending on another field. */
export type Rule = { requiredWhen: Condition } | { allowedOnlyWhen: Condition };

/**
 * A rule over several members at once (input names of the members of one object, or of the action's own fields):
 * exactly one of them, at least one of them, or at most one of them (two spellings of one setting from different page
 * generations) must be set. It states what a single field's `required` cannot, e.g. a type whose older pages send flat
 * fields and whose newer pages send `targets` instead.
 */
export type GroupRule = { exactlyOneOf: string[] } | { atLeastOneOf: string[] } | { atMostOneOf: string[] };

/** Where a fact came from: "rest" (Buddy's REST page), "yaml" (buddy-js schema.json, from Buddy's YAML docs),
 * "rest-example" (the REST page's request example), "seed" (the project's seed pages), "rule" (our secret rule),
 * "docs" (the catalog-docs notes), "curated" (settled by hand, see the type's notes). */
export type Source = "rest" | "yaml" | "rest-example" | "seed" | "rule" | "docs" | "curated";

/** A value's facts: a field's, or a list's element's. */
export interface CatalogValue {
  kind: FieldKind;
  /** enum: the accepted values. */
  values?: string[];
  /** list: what each element is (its `wire` is unused). */
  item?: CatalogValue;
  /** object / open: the documented members, keyed by input name. */
  fields?: Record<string, CatalogField>;
  /**
   * object / open with documented members: the exported interface naming their shape (e.g. KubernetesTarget). Fields
   * whose values have one shape share it (catalog/common.json `shapes`); the declarations have no other copy.
   */
  typeName?: string;
  /** integer and number bounds, inclusive (an integer's min defaults to 0; a number has none by default). */
  min?: number;
  max?: number;
  /** string: "" is a value, not a mistake. */
  allowEmpty?: boolean;
  required?: boolean;
  /** Buddy's documented default (what Buddy uses when the field is not sent); absent when undocumented. */
  default?: string | number | boolean | null | unknown[];
  /** Always a credential: secret in state, encrypted by Buddy. */
  secret?: boolean;
  /** Secret only when the condition holds on the object holding it (an encrypted variable's value). */
  secretWhen?: Condition;
  /** A change cannot be applied in place: the action is replaced. */
  replace?: boolean;
  /** Sent but never reported back by Buddy: read keeps the recorded value. */
  writeOnly?: boolean;
  rules?: Rule[];
  /** object / open: rules over several of the documented members `fields`. */
  groups?: GroupRule[];
  /** The doc comment, our own words (the generator adds enum values, default and rules). */
  doc: string;
  /** Where each fact came from, by fact name (field, kind, required, values, default, secret, doc). */
  source?: Partial<Record<"field" | "kind" | "required" | "values" | "default" | "secret" | "doc", Source>>;
}

export interface CatalogField extends CatalogValue {
  /** Buddy's (snake_case) name; the key holding this field is its camelCase input name. */
  wire: string;
}

export interface CatalogType {
  /** Buddy's `type`, as the REST API spells it. */
  type: string;
  /** The action's title on Buddy's REST page (or YAML docs). */
  title: string;
  /** The resource class (e.g. SlackAction); its type token is pulumi-nodejs:dynamic/buddy:<className>. */
  className: string;
  /**
   * The value resources record as their hidden `__spec` input, by which the provider finds the spec in the
   * registry. Defaults to `type`; the seed types keep the file names their first releases recorded.
   */
  specKey?: string;
  /** One sentence, our words: what the action does. */
  summary: string;
  /** Buddy's REST reference page for adding this action, or null when Buddy has none. */
  docPage: string | null;
  /** The type's own fields (the common ones are in catalog/common.json), keyed by input name, in Buddy's order. */
  fields: Record<string, CatalogField>;
  /** Rules over several of the type's own fields (input names). */
  groups?: GroupRule[];
  /**
   * Every complete request example found on Buddy's REST pages for this type, one per page and generation: the
   * independent check of the entry (test/unit/catalog/examples.test.ts sends each through the resource and
   * expects the same body back).
   */
  requestExamples?: RequestExample[];
  /** Disagreements between the sources and how each was settled; anything else surprising. */
  notes: string[];
  /** Written by hand: the importer leaves the entry alone. */
  curated?: boolean;
}

/**
 * The generations of Buddy's REST pages for adding an action, by the page's address (oldest first):
 * "create-manage" (docs/api/pipelines/create-manage/add-action/<slug>: trigger_time required, integration by `id`),
 * "create-manage-actions" (docs/api/pipelines/create-manage-actions/add-action/<slug>, table-style, integration by
 * `hash_id`; third-party mirrors of it count as this generation), "add-action" (docs/api/actions/add-action/<slug>,
 * 2024-26, `/:domain` then `/:workspace` URLs) and "add" (docs/api/actions/add/<slug>, generated per type).
 */
export type PageGeneration = "create-manage" | "create-manage-actions" | "add-action" | "add";

/** One request example of a REST page. */
interface RequestExample {
  /** The page's address. */
  page: string;
  generation: PageGeneration;
  /**
   * The JSON body the page sends, as printed (a duplicated key keeps its last value, as JSON parsers do), without
   * the server-set members some examples echo (url, html_url, id, pipeline, ...).
   */
  body: Record<string, unknown>;
}

/** catalog/common.json: the fields every action type has, keyed by input name. */
export interface CatalogCommon {
  fields: Record<string, CatalogField>;
  notes: string[];
  /**
   * The object shapes several fields share, by the `typeName` those fields give: each is one exported interface in
   * the declarations (tools/catalog/generate.ts), with this doc comment; each field's own doc says what it is for.
   */
  shapes?: Record<string, { doc: string }>;
}

/** The page generations of Buddy's "add pipeline" reference, oldest first (see catalog/pipeline.json's notes). */
type PipelinePageGeneration = "add-new-pipeline" | "v1.1.0" | "newest";

/** One request body per page generation of the pipeline pages. */
interface PipelineRequestShape {
  page: string;
  generation: PipelinePageGeneration;
  /** The page prints this body; false: put together from the page's parameter table. */
  printed: boolean;
  body: Record<string, unknown>;
}

/**
 * catalog/pipeline.json: Buddy's facts about a pipeline's settings, in the same vocabulary as the action types.
 * The Pipeline resource's inputs are `fields` (plus its location); `serverFields` are set by Buddy and read-only,
 * keyed by output name with their wire names.
 */
export interface CatalogPipeline {
  title: string;
  className: string;
  summary: string;
  /** Buddy's REST reference pages for adding a pipeline, by page generation. */
  docPages: Record<PipelinePageGeneration, string>;
  fields: Record<string, CatalogField>;
  groups?: GroupRule[];
  serverFields: Record<string, string>;
  requestShapes: PipelineRequestShape[];
  notes: string[];
}
