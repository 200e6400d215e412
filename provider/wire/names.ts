/**
 * The one place where a camelCase input name becomes Buddy's snake_case wire name and back. Specs declare
 * camelCase names only; every conversion in the engine goes through these two functions, so the two spellings
 * can never drift apart.
 */

/** imageTag → image_tag, triggerConditionPaths → trigger_condition_paths, s3Bucket → s3_bucket. */
export function toWireName(inputName: string): string {
  return inputName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** image_tag → imageTag, project_id → projectId. The inverse of toWireName for canonical snake_case names. */
export function toInputName(wireName: string): string {
  return wireName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
