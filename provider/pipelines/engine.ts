/**
 * check, diff, create, read, update and delete of one pipeline (the Pipeline resource), with the conventions of the
 * action engine: check names the camelCase property and the rule before any request; diff names exactly the
 * settings that changed and replaces only on a move to another workspace or project; update is one PATCH of exactly
 * what changed; refresh puts Buddy's values of the recorded settings in the inputs, so the next preview names the
 * drift; a 404 counts as "gone" only when the project proves it (engine/gone.ts).
 * The Pulumi id is `workspace/projectName/pipelineId`.
 */
import type { CheckFailure, DiffResult } from "@pulumi/pulumi/dynamic";
import { closest, shown, violations } from "../../catalog/rules";
import type { ActionsApi } from "../engine/api";
import { isNotFound } from "../engine/api";
import { confirmPipelineGone, PipelineAddress } from "../engine/gone";
import { reasonOf } from "../engine/validate";
import { containsUnknown, isPlainObject, isUnknown, jsonEqual } from "../wire/values";
import {
  defaultOf,
  fromWireValue,
  inputFacts,
  inputGroups,
  LOCATION_KEYS,
  serverFields,
  settings,
  toWireValue,
} from "./facts";
import { yamlOwnedSettings } from "./yaml-owned";

export type Json = Record<string, unknown>;
/** Keys the engine adds to a resource's inputs; never settings, never sent. */
const ENGINE_KEYS = ["__provider"];

const seg = encodeURIComponent;

function formatPipelineId(a: PipelineAddress): string {
  return `${a.workspace}/${a.projectName}/${a.pipelineId}`;
}

function parsePipelineId(id: string): PipelineAddress {
  const parts = id.split("/");
  const n = parts.length === 3 && /^[1-9][0-9]*$/.test(parts[2]) ? Number(parts[2]) : undefined;
  if (parts.length !== 3 || parts[0] === "" || parts[1] === "" || n === undefined || !Number.isSafeInteger(n)) {
    throw new Error(
      `Malformed Buddy pipeline id ${JSON.stringify(id)}: expected "workspace/projectName/pipelineId" with a numeric ` +
        `pipeline id, e.g. "my-company/my-project/123"`,
    );
  }
  return { workspace: parts[0], projectName: parts[1], pipelineId: n };
}

export function pipelinesPath(l: { workspace: string; projectName: string }, pipelineId?: number): string {
  const base = `/workspaces/${seg(l.workspace)}/projects/${seg(l.projectName)}/pipelines`;
  return pipelineId === undefined ? base : `${base}/${pipelineId}`;
}

// ---- check -----------------------------------------------------------------------------------------------------

/** Members no fact documents (at any depth of the documented objects), named with the likely meant one. */
function unknownMembers(
  fields: Readonly<Record<string, { fields?: unknown; kind: string; item?: unknown }>>,
  value: Json,
  at: string,
): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const [key, member] of Object.entries(value)) {
    const path = at === "" ? key : `${at}.${key}`;
    const f = fields[key] as { kind: string; fields?: Json; item?: { kind: string; fields?: Json } } | undefined;
    if (f === undefined) {
      const meant = closest(key, Object.keys(fields));
      const hint = meant === undefined ? "" : ` (did you mean "${meant}"?)`;
      out.push({ property: path, reason: `is not a Pipeline setting${hint}; got ${shown(member, false)}` });
      continue;
    }
    if (isUnknown(member)) continue;
    if (f.kind === "object" && isPlainObject(member) && f.fields)
      out.push(...unknownMembers(f.fields as never, member, path));
    if (f.kind === "list" && Array.isArray(member) && f.item?.kind === "object" && f.item.fields)
      member.forEach((m, i) => {
        if (isPlainObject(m)) out.push(...unknownMembers(f.item?.fields as never, m, `${path}[${i}]`));
      });
  }
  return out;
}

/** Every mistake in the inputs, before any request: location, unknown settings, then the catalog's rules. */
export function checkPipelineInputs(news: Json): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of LOCATION_KEYS) {
    const v = news[key];
    if (isUnknown(v)) continue;
    if (typeof v !== "string" || v.trim() === "")
      failures.push({
        property: key,
        reason: `is required and must be a non-empty string${v === undefined ? "" : `; got ${shown(v, false)}`}`,
      });
  }
  const given: Json = {};
  for (const [k, v] of Object.entries(news)) {
    if ((LOCATION_KEYS as readonly string[]).includes(k) || ENGINE_KEYS.includes(k)) continue;
    given[k] = v;
  }
  failures.push(...unknownMembers(settings, given, ""));
  for (const v of violations(inputFacts, inputGroups, given, { isUnknown }))
    failures.push({ property: v.path, reason: reasonOf(v) });
  failures.push(...yamlOwnedSettings(given));
  return failures;
}

// ---- diff ------------------------------------------------------------------------------------------------------

interface PipelineChanges {
  replaces: string[];
  changed: string[];
  removed: string[];
}

/** What differs between the recorded outputs and the new inputs; only keys set on either side are compared. */
function planPipelineChanges(olds: Json, news: Json): PipelineChanges {
  const plan: PipelineChanges = { replaces: [], changed: [], removed: [] };
  for (const key of [...LOCATION_KEYS, ...Object.keys(settings)]) {
    const o = olds[key];
    const n = news[key];
    if (o === undefined && n === undefined) continue;
    if (!containsUnknown(n) && jsonEqual(o, n)) continue;
    if ((LOCATION_KEYS as readonly string[]).includes(key)) plan.replaces.push(key);
    else if (n === undefined) plan.removed.push(key);
    else plan.changed.push(key);
  }
  return plan;
}

export function pipelineDiff(olds: Json, news: Json): DiffResult {
  const p = planPipelineChanges(olds, news);
  const changes = p.replaces.length + p.changed.length + p.removed.length > 0;
  return { changes, replaces: p.replaces, deleteBeforeReplace: false };
}

// ---- the wire --------------------------------------------------------------------------------------------------

/** The settings given, in Buddy's names (a POST body). */
export function settingsBody(inputs: Json): Json {
  const body: Json = {};
  for (const [name, f] of Object.entries(settings)) {
    const v = inputs[name];
    if (v !== undefined && v !== null) body[f.wire] = toWireValue(f, v);
  }
  return body;
}

/** The PATCH body: each changed setting, and each removed one back to its documented default (null when none). */
export function patchBody(news: Json, plan: PipelineChanges): Json {
  const body: Json = {};
  for (const name of plan.changed) body[settings[name].wire] = toWireValue(settings[name], news[name]);
  for (const name of plan.removed) body[settings[name].wire] = defaultOf(name);
  return body;
}

type WirePipeline = Json & { id?: unknown };

/** Buddy's read-only values, by output name. */
function serverOutputsOf(p: WirePipeline): Json {
  const out: Json = {};
  for (const [output, wire] of Object.entries(serverFields)) if (p[wire] !== undefined) out[output] = p[wire];
  return out;
}

function withoutEngineKeys(inputs: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(inputs)) if (!ENGINE_KEYS.includes(k) && v !== undefined) out[k] = v;
  return out;
}

function outputsOf(inputs: Json, p: WirePipeline): Json {
  if (typeof p?.id !== "number")
    throw new Error(`Buddy returned a pipeline without a numeric id: ${JSON.stringify(Object.keys(p ?? {}))}`);
  return { ...withoutEngineKeys(inputs), ...serverOutputsOf(p) };
}

/**
 * Buddy's value shaped like the recorded one: members the program never set (Buddy's additions, its defaults) are
 * not compared, so they never show as drift; a recorded member Buddy no longer holds does.
 */
function shapedLike(recorded: unknown, server: unknown): unknown {
  if (Array.isArray(recorded) && Array.isArray(server))
    return server.map((s, i) => (i < recorded.length ? shapedLike(recorded[i], s) : s));
  if (isPlainObject(recorded) && isPlainObject(server)) {
    const out: Json = {};
    for (const k of Object.keys(recorded)) if (server[k] !== undefined) out[k] = shapedLike(recorded[k], server[k]);
    return out;
  }
  return server;
}

/**
 * The inputs as Buddy holds them: for a refresh, every recorded setting replaced by Buddy's value (shaped like the
 * recorded one), plus each unset setting whose documented default Buddy no longer holds; for `get` (nothing
 * recorded), every setting Buddy reports.
 */
function inputsFromServer(address: PipelineAddress, p: WirePipeline, recorded: Json | undefined): Json {
  const inputs: Json = { workspace: address.workspace, projectName: address.projectName };
  const isGet = recorded === undefined || Object.keys(settings).every((k) => recorded[k] === undefined);
  for (const [name, f] of Object.entries(settings)) {
    const server = fromWireValue(f, p[f.wire]);
    if (isGet) {
      if (server !== undefined) inputs[name] = server;
    } else if (recorded[name] !== undefined) {
      if (server !== undefined) inputs[name] = shapedLike(recorded[name], server);
    } else if (f.default !== undefined && server !== undefined && !jsonEqual(server, f.default)) {
      // A setting with a documented default is managed even when the program leaves it unset (as the actions'
      // are): Buddy holding another value is drift, and the next update puts the default back.
      inputs[name] = server;
    }
  }
  return inputs;
}

// ---- operations ------------------------------------------------------------------------------------------------

export async function createPipeline(api: ActionsApi, inputs: Json): Promise<{ id: string; outs: Json }> {
  const loc = { workspace: inputs.workspace as string, projectName: inputs.projectName as string };
  const p = await api.post<WirePipeline>(pipelinesPath(loc), settingsBody(inputs));
  const outs = outputsOf(inputs, p);
  return { id: formatPipelineId({ ...loc, pipelineId: p.id as number }), outs };
}

interface PipelineRead {
  id?: string;
  props?: Json;
  inputs?: Json;
}

/**
 * refresh and `get`. A proven 404 (the project answers) drops the resource on refresh; `get` of a missing pipeline is
 * an error naming the id. Any other failure is thrown, never read as "deleted".
 */
export async function readPipeline(api: ActionsApi, id: string, props: Json | undefined): Promise<PipelineRead> {
  const address = parsePipelineId(id);
  const isGet = props === undefined || Object.keys(settings).every((k) => props[k] === undefined);
  let p: WirePipeline;
  try {
    p = await api.get<WirePipeline>(pipelinesPath(address, address.pipelineId));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await confirmPipelineGone(api, address, isGet ? "Pipeline.get" : "Refresh", props);
    if (isGet)
      throw new Error(`Pipeline.get: there is no Buddy pipeline with id ${JSON.stringify(id)}`, { cause: err });
    return {};
  }
  const inputs = inputsFromServer(address, p, props);
  const outs = outputsOf(inputs, p);
  return isGet ? { id, props: outs } : { id, props: outs, inputs };
}

/** One PATCH of exactly the changed settings; returns the outputs. */
export async function updatePipeline(api: ActionsApi, id: string, olds: Json, news: Json): Promise<Json> {
  const address = parsePipelineId(id);
  const body = patchBody(news, planPipelineChanges(olds, news));
  const p = await api.patch<WirePipeline>(pipelinesPath(address, address.pipelineId), body);
  return outputsOf(news, p);
}

/** One DELETE; a 404 counts as "already deleted" only when the project proves it. */
export async function deletePipeline(api: ActionsApi, id: string, props?: Json): Promise<void> {
  const address = parsePipelineId(id);
  const outcome = await api.delete(pipelinesPath(address, address.pipelineId));
  if (outcome === "already-gone") await confirmPipelineGone(api, address, "Delete", props);
}
