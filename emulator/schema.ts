/**
 * Facts about pipelines and the server-set action fields. What Buddy documents about each action type's own fields
 * is the catalog (catalog.ts, generated from catalog/ by `npm run generate`); the checks are in validation.ts.
 */
export { fieldsFor, isKnownType, KNOWN_ACTION_TYPES } from "./catalog";

export const PIPELINE_ON = ["CLICK", "EVENT", "SCHEDULE"] as const;

/** Server-set fields. A client may send them (e.g. echoing a GET); they are ignored, as in Buddy. */
export const READ_ONLY_ACTION_FIELDS: readonly string[] = [
  "url",
  "html_url",
  "id",
  "last_execution_status",
  "current_revision",
  "pipeline",
];
