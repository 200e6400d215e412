import type { JsonObject, JsonValue } from "./types";

/**
 * Server behaviours Buddy's docs leave open, as switches: each is a plausible reading of the docs, and a client must
 * be right under every one of them. The emulator's own default is the strictest-to-read-correctly server (paging
 * honoured, full actions in lists, nothing extra, answers as soon as committed); each mode turns one behaviour on.
 * An emulator written by us agrees with our provider by construction; these modes are how the tests disagree with it.
 */
export interface ServerModes {
  /** Lists ignore `page` and `per_page`: every page is the whole list (the actions list documents no paging). */
  listPagingIgnored: boolean;
  /** The most items a list page holds, whatever `per_page` asks (1..100). The default, 100, is the emulator's own cap. */
  perPageCap: number;
  /** A pipeline's actions list holds summaries (`id`, `name`, `type` only) instead of full actions. */
  listSummaries: boolean;
  /** Every JSON answer carries fields no client knows: on the object, and on each object in its top-level lists. */
  extraFields: boolean;
  /** A created action is in the pipeline (and its list) this many ms before the POST's answer is sent. */
  postAnswerDelayMs: number;
  /** Every endpoint needs the WORKSPACE scope besides its own (older pages list both; see scopes.ts). */
  workspaceScopeRequired: boolean;
  /**
   * An action write to a pipeline whose YAML lives in a repository is accepted (a server whose next sync undoes it)
   * instead of refused with a 400 (yaml-pipelines.ts); the docs say neither.
   */
  yamlActionWritesAccepted: boolean;
  /**
   * Action names are unique within a pipeline: a POST or PATCH that would give an action another one's name is a 400
   * (Buddy's YAML docs call the name the action's identifier; its REST docs say nothing).
   */
  uniqueActionNames: boolean;
}

const DEFAULT_PER_PAGE_CAP = 100;

export const DEFAULT_MODES: Readonly<ServerModes> = {
  listPagingIgnored: false,
  perPageCap: DEFAULT_PER_PAGE_CAP,
  listSummaries: false,
  extraFields: false,
  postAnswerDelayMs: 0,
  workspaceScopeRequired: false,
  yamlActionWritesAccepted: false,
  uniqueActionNames: false,
};

/** The extra fields a mode adds: names no Buddy client could know, values of several JSON types. */
export const EXTRA_FIELDS: Readonly<JsonObject> = {
  x_emulator_unknown: "an answer field no client knows",
  x_emulator_unknown_object: { nested: [1, true, null] },
};

/** Checks an untrusted partial modes object (admin API body, options); a missing key keeps `base`'s value. */
export function checkModes(
  input: unknown,
  base: Readonly<ServerModes> = DEFAULT_MODES,
): { modes?: ServerModes; errors: string[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { errors: ["Modes must be a JSON object."] };
  const c = input as Record<string, unknown>;
  const errors: string[] = [];
  const known = Object.keys(DEFAULT_MODES);
  for (const key of Object.keys(c))
    if (!known.includes(key)) errors.push(`Unknown mode "${key}"; known: ${known.join(", ")}.`);
  for (const key of [
    "listPagingIgnored",
    "listSummaries",
    "extraFields",
    "workspaceScopeRequired",
    "yamlActionWritesAccepted",
    "uniqueActionNames",
  ] as const) {
    if (c[key] !== undefined && typeof c[key] !== "boolean") errors.push(`Mode "${key}" must be a boolean.`);
  }
  const cap = c.perPageCap;
  if (
    cap !== undefined &&
    (typeof cap !== "number" || !Number.isInteger(cap) || cap < 1 || cap > DEFAULT_PER_PAGE_CAP)
  ) {
    errors.push(`Mode "perPageCap" must be an integer from 1 to ${DEFAULT_PER_PAGE_CAP}.`);
  }
  const delay = c.postAnswerDelayMs;
  if (delay !== undefined && (typeof delay !== "number" || !Number.isInteger(delay) || delay < 0 || delay > 60_000)) {
    errors.push('Mode "postAnswerDelayMs" must be an integer from 0 to 60000.');
  }
  if (errors.length > 0) return { errors };
  return { modes: { ...base, ...(c as Partial<ServerModes>) }, errors };
}

/** One list page under `modes` (`page` from 1 and `per_page` already checked by the caller). */
export function pageOf<T>(items: T[], page: number, perPage: number, modes: Readonly<ServerModes>): T[] {
  if (modes.listPagingIgnored) return items;
  const size = Math.min(perPage, modes.perPageCap);
  return items.slice((page - 1) * size, page * size);
}

/** An action as a summary list shows it. */
export function actionSummary(action: JsonObject): JsonObject {
  return { id: action.id, name: action.name, type: action.type };
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `body` with EXTRA_FIELDS added to it and to each object in its top-level lists (bodies that are not objects: as is). */
export function withExtraFields(body: JsonValue): JsonValue {
  if (!isObject(body)) return body;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(body))
    out[k] = Array.isArray(v) ? v.map((item) => (isObject(item) ? { ...item, ...EXTRA_FIELDS } : item)) : v;
  return { ...out, ...EXTRA_FIELDS };
}

/** The error a server keeping action names unique answers when `name` is taken in the pipeline by another action. */
export function nameTaken(
  modes: Readonly<ServerModes>,
  actions: ReadonlyArray<{ id: number; fields: JsonObject }>,
  name: JsonValue | undefined,
  self?: number,
): string | undefined {
  if (!modes.uniqueActionNames || name === undefined) return undefined;
  if (!actions.some((a) => a.id !== self && a.fields.name === name)) return undefined;
  return `Action with name ${JSON.stringify(name)} already exists in this pipeline.`;
}
