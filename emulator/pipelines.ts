/**
 * A pipeline's settings, checked as Buddy documents them: the catalog's facts about pipelines (catalog/pipeline.json,
 * as wire-named data in pipeline-data.ts) read by the one interpreter (catalog/rules.ts) that the provider's check
 * also runs. A create applies the documented defaults of the settings not sent; an edit (PATCH) changes only what
 * it sends, and the whole result must still hold every rule. Settings no page documents are stored as sent (a
 * client of a newer API may send them; another part of the emulator may read them).
 */
import { shown, violations } from "../catalog/rules";
import { PIPELINE_DEFAULTS } from "./defaults";
import { badRequest } from "./errors";
import { PIPELINE_FIELDS, PIPELINE_GROUPS, PIPELINE_SERVER_FIELDS } from "./pipeline-data";
import type { JsonObject, JsonValue } from "./types";
import { requireObjectBody } from "./validation";

/** Fields the server sets; a client may echo them, and they are ignored. */
const READ_ONLY = new Set([...PIPELINE_SERVER_FIELDS, "project", "actions", "creator"]);

const copy = (v: JsonValue): JsonValue => JSON.parse(JSON.stringify(v)) as JsonValue;

/** Every broken rule of a pipeline's whole settings, in Buddy's error style. */
function pipelineViolations(settings: JsonObject): string[] {
  return violations(PIPELINE_FIELDS, PIPELINE_GROUPS, settings).map((v) => {
    const given = v.value === undefined || v.value === null ? "" : `; got ${shown(v.value, v.secret)}`;
    return `Field "${v.path}" ${v.problem}${given}.`;
  });
}

/**
 * The documented defaults a new pipeline gets for what was not sent. The middle page generation's `on` defaults to
 * CLICK with no refs only for a body in that generation's shape: a body with events and no `on` (the newest pages)
 * or with `trigger_mode` (the oldest) gets no `on`.
 */
function defaultsFor(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [wire, f] of Object.entries(PIPELINE_FIELDS))
    if (f.default !== undefined) out[wire] = copy(f.default as JsonValue);
  const given = (k: string): boolean => body[k] !== undefined && body[k] !== null;
  if (!given("on") && !given("trigger_mode") && !given("events")) out.on = copy(PIPELINE_DEFAULTS.on);
  if (!given("refs") && !given("ref_name")) out.refs = copy(PIPELINE_DEFAULTS.refs);
  return out;
}

/** `body` over `target`: null resets a setting to its documented default, or removes it when none is documented. */
function apply(target: JsonObject, body: JsonObject): void {
  for (const [key, value] of Object.entries(body)) {
    if (READ_ONLY.has(key)) continue;
    if (value === null) {
      const d = PIPELINE_FIELDS[key]?.default;
      if (d === undefined) delete target[key];
      else target[key] = copy(d as JsonValue);
    } else target[key] = value;
  }
}

/** A new pipeline's name and settings, or a 400 naming every broken rule. */
export function prepareNewPipeline(raw: unknown): { name: string; fields: JsonObject } {
  const body = requireObjectBody(raw);
  const merged = defaultsFor(body);
  apply(merged, body);
  return finish(merged);
}

/** An edited pipeline's name and settings (the record's, changed by what the PATCH sends), or a 400. */
export function preparePipelineEdit(
  name: string,
  existing: JsonObject,
  raw: unknown,
): { name: string; fields: JsonObject } {
  const body = requireObjectBody(raw);
  const merged: JsonObject = { name, ...(copy(existing) as JsonObject) };
  apply(merged, body);
  return finish(merged);
}

function finish(merged: JsonObject): { name: string; fields: JsonObject } {
  const errors = pipelineViolations(merged);
  if (errors.length > 0) throw badRequest(errors);
  const { name, ...fields } = merged;
  return { name: name as string, fields };
}
