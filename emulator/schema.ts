/**
 * The server-set action fields (a pipeline's facts are catalog/pipeline.json, read by pipelines.ts). What Buddy documents about each action type's own fields
 * is the catalog (catalog.ts, generated from catalog/ by `npm run generate`); the checks are in validation.ts.
 */
export { fieldsFor, isKnownType, KNOWN_ACTION_TYPES } from "./catalog";

/** Server-set fields. A client may send them (e.g. echoing a GET); they are ignored, as in Buddy. */
export const READ_ONLY_ACTION_FIELDS: readonly string[] = [
  "url",
  "html_url",
  "id",
  "last_execution_status",
  "current_revision",
  "pipeline",
];
