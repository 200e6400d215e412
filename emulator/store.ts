import { randomBytes } from "crypto";
import { DEFAULT_PROJECT } from "./defaults";
import { badRequest, notFound } from "./errors";
import { readDataFile, writeFileAtomic } from "./persistence";
import { ALL_SCOPES } from "./scopes";
import type { EmulatorToken, JsonObject, JsonValue, SeedData, SeedPipeline, SeedProject } from "./types";
import { prepareNewPipeline, preparePipelineEdit } from "./pipelines";
import { isPlainObject, prepareNewAction } from "./validation";

/**
 * The emulator's whole state, as one JSON-serialisable tree, and every change to it. Each change runs inside
 * `transact`, which persists the new state (atomically, before returning) when a data file is configured and
 * restores the previous state if persisting fails, so memory never holds something the disk refused.
 */

export interface ActionRecord {
  id: number;
  /** The normalised action fields (type, name, ...), secrets already encrypted. */
  fields: JsonObject;
}

export interface PipelineRecord {
  id: number;
  name: string;
  create_date: string;
  /** on, refs and any other pipeline settings a client sent. */
  fields: JsonObject;
  /** In pipeline order. */
  actions: ActionRecord[];
}

export interface ProjectRecord {
  name: string;
  display_name: string;
  create_date: string;
  pipelines: PipelineRecord[];
}

export interface WorkspaceRecord {
  id: number;
  name: string;
  display_name: string;
  api_disabled: boolean;
  suspended: boolean;
  create_date: string;
  projects: ProjectRecord[];
}

export interface StoreState {
  version: 1;
  /** Id counters are part of the state so that a restart never reuses an id. */
  next_ids: { workspace: number; pipeline: number; action: number };
  tokens: EmulatorToken[];
  workspaces: WorkspaceRecord[];
}

function randomToken(): string {
  return randomBytes(24).toString("hex");
}

const now = (): string => new Date().toISOString();

/** Project URL id from a display name: lower-case, runs of other characters become "-". */
function slugify(displayName: string): string {
  const slug = displayName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "project" : slug;
}

const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

export class Store {
  state: StoreState;
  private readonly dataFile: string | undefined;
  private lastSaved: string;

  constructor(state: StoreState, dataFile?: string) {
    this.state = state;
    this.dataFile = dataFile;
    this.lastSaved = JSON.stringify(state);
  }

  /** Runs a change and persists it. `fn` must validate before it mutates (it may throw ApiError untouched). */
  transact<T>(fn: () => T): T {
    const result = fn();
    this.save();
    return result;
  }

  /** Writes the current state; on failure puts back the last state that is on disk and rethrows. */
  save(): void {
    const serialized = JSON.stringify(this.state, null, 1);
    if (this.dataFile !== undefined) {
      try {
        writeFileAtomic(this.dataFile, serialized);
      } catch (err) {
        this.state = JSON.parse(this.lastSaved) as StoreState;
        throw err;
      }
    }
    this.lastSaved = serialized;
  }

  // ---- lookups: 404 naming what is missing ----

  workspace(name: string): WorkspaceRecord {
    const ws = this.state.workspaces.find((w) => w.name === name);
    if (!ws) throw notFound(`Workspace "${name}" not found.`);
    return ws;
  }

  project(ws: WorkspaceRecord, name: string): ProjectRecord {
    const p = ws.projects.find((x) => x.name === name);
    if (!p) throw notFound(`Project "${name}" not found in workspace "${ws.name}".`);
    return p;
  }

  pipeline(project: ProjectRecord, idParam: string | number): PipelineRecord {
    const id = parseId(idParam);
    const pl = id === undefined ? undefined : project.pipelines.find((x) => x.id === id);
    if (!pl) throw notFound(`Pipeline ${idParam} not found in project "${project.name}".`);
    return pl;
  }

  action(pipeline: PipelineRecord, idParam: string | number): ActionRecord {
    const id = parseId(idParam);
    const a = id === undefined ? undefined : pipeline.actions.find((x) => x.id === id);
    if (!a) throw notFound(`Action ${idParam} not found in pipeline ${pipeline.id}.`);
    return a;
  }

  token(value: string): EmulatorToken | undefined {
    return this.state.tokens.find((t) => t.token === value);
  }

  // ---- changes ----

  createProject(ws: WorkspaceRecord, body: JsonObject): ProjectRecord {
    const display = body.display_name;
    if (typeof display !== "string" || display.trim() === "") {
      throw badRequest('Field "display_name" is required and must be a non-empty string.');
    }
    let name: string;
    if (body.name !== undefined && body.name !== null) {
      if (typeof body.name !== "string" || !PROJECT_NAME.test(body.name)) {
        throw badRequest(
          'Field "name" must contain only letters, digits, "-" and "_", starting with a letter or digit.',
        );
      }
      if (ws.projects.some((p) => p.name === body.name)) {
        throw badRequest(`Field "name": a project named "${body.name}" already exists.`);
      }
      name = body.name;
    } else {
      // Like Buddy's UI, a derived name that is taken gets a numeric suffix.
      const base = slugify(display);
      name = base;
      for (let n = 2; ws.projects.some((p) => p.name === name); n++) name = `${base}-${n}`;
    }
    return this.transact(() => {
      const project: ProjectRecord = { name, display_name: display, create_date: now(), pipelines: [] };
      ws.projects.push(project);
      return project;
    });
  }

  createPipeline(project: ProjectRecord, body: JsonObject): PipelineRecord {
    const { name, fields } = prepareNewPipeline(body);
    return this.transact(() => {
      const pipeline: PipelineRecord = {
        id: this.state.next_ids.pipeline++,
        name,
        create_date: now(),
        fields,
        actions: [],
      };
      project.pipelines.push(pipeline);
      return pipeline;
    });
  }

  /** PATCH: only what the body sends changes; the result must hold every rule (pipelines.ts). */
  editPipeline(pipeline: PipelineRecord, body: JsonObject): void {
    const { name, fields } = preparePipelineEdit(pipeline.name, pipeline.fields, body);
    this.transact(() => {
      pipeline.name = name;
      pipeline.fields = fields;
    });
  }

  deletePipeline(project: ProjectRecord, pipeline: PipelineRecord): void {
    this.transact(() => {
      project.pipelines = project.pipelines.filter((p) => p !== pipeline);
    });
  }

  /** `fields` must come from prepareNewAction. `after` is an action id in the same pipeline, or undefined for last. */
  addAction(pipeline: PipelineRecord, fields: JsonObject, after: number | undefined): ActionRecord {
    const index = insertionIndex(pipeline, after, undefined);
    return this.transact(() => {
      const action: ActionRecord = { id: this.state.next_ids.action++, fields };
      pipeline.actions.splice(index, 0, action);
      return action;
    });
  }

  editAction(
    pipeline: PipelineRecord,
    action: ActionRecord,
    fields: JsonObject,
    after: number | undefined,
  ): ActionRecord {
    if (after !== undefined) insertionIndex(pipeline, after, action.id); // validates before anything changes
    return this.transact(() => {
      action.fields = fields;
      if (after !== undefined) {
        const rest = pipeline.actions.filter((a) => a !== action);
        rest.splice(rest.findIndex((a) => a.id === after) + 1, 0, action);
        pipeline.actions = rest;
      }
      return action;
    });
  }

  deleteAction(pipeline: PipelineRecord, action: ActionRecord): void {
    this.transact(() => {
      pipeline.actions = pipeline.actions.filter((a) => a !== action);
    });
  }

  setWorkspaceFlags(ws: WorkspaceRecord, flags: { api_disabled?: boolean; suspended?: boolean }): void {
    this.transact(() => {
      if (flags.api_disabled !== undefined) ws.api_disabled = flags.api_disabled;
      if (flags.suspended !== undefined) ws.suspended = flags.suspended;
    });
  }

  /** Replaces the content with `fresh`, keeping the id counters moving forward so no id is ever handed out twice. */
  replaceWith(fresh: StoreState): void {
    this.transact(() => {
      const ids = this.state.next_ids;
      this.state = {
        ...fresh,
        next_ids: {
          workspace: Math.max(ids.workspace, fresh.next_ids.workspace),
          pipeline: Math.max(ids.pipeline, fresh.next_ids.pipeline),
          action: Math.max(ids.action, fresh.next_ids.action),
        },
      };
    });
  }
}

function parseId(v: string | number): number | undefined {
  const s = String(v);
  return /^[0-9]{1,15}$/.test(s) ? Number(s) : undefined;
}

/** Where to insert: right after action `after` (400 if not in this pipeline or the action itself), else at the end. */
function insertionIndex(pipeline: PipelineRecord, after: number | undefined, self: number | undefined): number {
  if (after === undefined) return pipeline.actions.length;
  if (after === self) throw badRequest('Field "after_action_id" must not be the action itself.');
  const i = pipeline.actions.findIndex((a) => a.id === after);
  if (i < 0) throw badRequest(`Field "after_action_id": action ${after} does not exist in pipeline ${pipeline.id}.`);
  return i + 1;
}

// ---- building the initial state ----

interface InitialStateOptions {
  seed?: SeedData;
  workspace: string;
  tokens: EmulatorToken[];
}

/**
 * The state a fresh emulator starts with (and `reset` returns to): the seed's workspaces, or the default workspace
 * with project my-project and pipelines 1 "build-and-deploy" and 2 "release" when there is no seed. The default
 * workspace always exists. Seed actions go through the same validation as a POST; an invalid seed is an Error.
 */
export function buildInitialState(opts: InitialStateOptions): StoreState {
  const state: StoreState = {
    version: 1,
    next_ids: { workspace: 1, pipeline: 1, action: 1 },
    tokens: opts.tokens,
    workspaces: [],
  };
  reserveSeedIds(state, opts.seed);
  const seedWorkspaces = opts.seed?.workspaces ?? [];
  for (const sw of seedWorkspaces) {
    if (typeof sw.name !== "string" || sw.name === "") throw new Error("seed: every workspace needs a name");
    if (state.workspaces.some((w) => w.name === sw.name)) throw new Error(`seed: duplicate workspace "${sw.name}"`);
    state.workspaces.push({
      id: state.next_ids.workspace++,
      name: sw.name,
      display_name: sw.display_name ?? sw.name,
      api_disabled: sw.api_disabled === true,
      suspended: sw.suspended === true,
      create_date: now(),
      projects: (sw.projects ?? []).map((p) => seedProject(state, sw.name, p)),
    });
  }
  if (!state.workspaces.some((w) => w.name === opts.workspace)) {
    const projects: SeedProject[] = opts.seed === undefined ? [copyDefaultProject()] : [];
    state.workspaces.push({
      id: state.next_ids.workspace++,
      name: opts.workspace,
      display_name: opts.workspace,
      api_disabled: false,
      suspended: false,
      create_date: now(),
      projects: projects.map((p) => seedProject(state, opts.workspace, p)),
    });
  }
  return state;
}

function copyDefaultProject(): SeedProject {
  return {
    name: DEFAULT_PROJECT.name,
    display_name: DEFAULT_PROJECT.display_name,
    pipelines: DEFAULT_PROJECT.pipelines.map((p) => ({ id: p.id, name: p.name })),
  };
}

function seedProject(state: StoreState, ws: string, sp: SeedProject): ProjectRecord {
  if (typeof sp.display_name !== "string" || sp.display_name === "") {
    throw new Error(`seed: a project in workspace "${ws}" needs a display_name`);
  }
  const project: ProjectRecord = {
    name: sp.name ?? slugify(sp.display_name),
    display_name: sp.display_name,
    create_date: now(),
    pipelines: [],
  };
  for (const pl of sp.pipelines ?? []) project.pipelines.push(seedPipeline(state, `${ws}/${project.name}`, pl));
  return project;
}

function seedPipeline(state: StoreState, where: string, sp: SeedPipeline): PipelineRecord {
  const { actions, id, ...rest } = sp;
  const body: JsonObject = {};
  // `actions` and `id` are taken out above, so what is left is JSON pipeline settings.
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) body[k] = v as JsonValue;
  let fields: JsonObject;
  try {
    fields = prepareNewPipeline({ ...body, name: sp.name }).fields;
  } catch (err) {
    throw new Error(`seed: pipeline "${String(sp.name)}" in ${where}: ${(err as Error).message}`, { cause: err });
  }
  const pipelineId = takeId(id, state, "pipeline", `pipeline in ${where}`);
  const pipeline: PipelineRecord = { id: pipelineId, name: sp.name, create_date: now(), fields, actions: [] };
  for (const sa of actions ?? []) {
    const { id: actionId, ...actionBody } = sa;
    let actionFields: JsonObject;
    try {
      actionFields = prepareNewAction(actionBody);
    } catch (err) {
      throw new Error(
        `seed: action "${String(sa.name)}" in ${where} pipeline ${pipelineId}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const aid = takeId(actionId, state, "action", `action in ${where}`);
    pipeline.actions.push({ id: aid, fields: actionFields });
  }
  return pipeline;
}

/** Ids handed out while one seed is built (pipelines and actions are attached to the state only at the end). */
interface SeedIds {
  /** Ids already given out. */
  pipeline: Set<number>;
  action: Set<number>;
  /** Fixed ids named anywhere in the seed: automatic ids skip them, whatever the order. */
  reserved: { pipeline: Set<number>; action: Set<number> };
}
const seedIds = new WeakMap<StoreState, SeedIds>();

function reserveSeedIds(state: StoreState, seed: SeedData | undefined): void {
  const reserved = { pipeline: new Set<number>(), action: new Set<number>() };
  for (const w of seed?.workspaces ?? []) {
    for (const p of w.projects ?? []) {
      for (const pl of p.pipelines ?? []) {
        if (typeof pl.id === "number") reserved.pipeline.add(pl.id);
        for (const a of pl.actions ?? []) if (typeof a.id === "number") reserved.action.add(a.id);
      }
    }
  }
  seedIds.set(state, { pipeline: new Set(), action: new Set(), reserved });
}

/** A fixed seed id (unique, counter moved past it) or the next free counter value. */
function takeId(fixed: number | undefined, state: StoreState, counter: "pipeline" | "action", what: string): number {
  const used = seedIds.get(state);
  if (!used) throw new Error("internal: seed ids not prepared");
  const taken = used[counter];
  const reserved = used.reserved[counter];
  let id: number;
  if (fixed === undefined) {
    while (taken.has(state.next_ids[counter]) || reserved.has(state.next_ids[counter])) state.next_ids[counter]++;
    id = state.next_ids[counter]++;
  } else {
    if (!Number.isInteger(fixed) || fixed < 1) throw new Error(`seed: ${what} has an invalid id ${String(fixed)}`);
    if (taken.has(fixed)) throw new Error(`seed: ${what} reuses id ${fixed}`);
    state.next_ids[counter] = Math.max(state.next_ids[counter], fixed + 1);
    id = fixed;
  }
  taken.add(id);
  return id;
}

/** Parses and checks a data file's content; throws a clear Error for anything that is not a state this wrote. */
function parseState(text: string, file: string): StoreState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`data file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const s = parsed as Partial<StoreState>;
  if (
    !isPlainObject(parsed as JsonValue) ||
    s.version !== 1 ||
    !Array.isArray(s.workspaces) ||
    !Array.isArray(s.tokens) ||
    typeof s.next_ids !== "object" ||
    s.next_ids === null
  ) {
    throw new Error(`data file ${file} is not a buddy-emulator data file (version 1)`);
  }
  return s as StoreState;
}

export function loadState(file: string): StoreState | undefined {
  const text = readDataFile(file);
  return text === undefined ? undefined : parseState(text, file);
}

export function allScopesToken(): EmulatorToken {
  return { token: randomToken(), scopes: [...ALL_SCOPES] };
}
