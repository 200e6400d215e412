/**
 * Claim names, and what one provider process shares about each pipeline it creates actions in.
 *
 * A claim name is the name a create gives its action while it makes it (`pulumi-create-` and 16 random hex
 * digits, e.g. `pulumi-create-3f9a0c1b5d7e2468`). No two creates share one: each is drawn at `check` and kept in the
 * pending create's inputs (`__createClaim`), or drawn by the create when its inputs carry none. After a POST whose
 * answer was lost, an action with this name can only be the one this create's POSTs made, and its absence means they
 * made nothing (yet): whatever else is in the pipeline, identical or not, another stack's or a person's, is never
 * taken. It is short, ASCII and of one form, so it fits any limit Buddy may put on names and no person would type it.
 *
 * Per provider instance (its engine state, state.ts: one per provider process), API client (per server and token) and
 * pipeline, for the life of the provider:
 * - the snapshot: the pipeline as listed once, before this process's first POST into it (every create waits for
 *   it), so nothing in it was made by this process. Adoption picks from it; the twin check (twins.ts) reads it;
 *   preview's look (survey.ts) shares it, so `up` lists each pipeline once.
 * - adopted ids: an action one create adopted is never adopted or refused as a twin by another.
 */
import { randomBytes } from "crypto";
import { ActionLocation } from "./id";

/** The hidden input holding a create's claim name (set by `check`, check-record.ts). */
export const CLAIM_KEY = "__createClaim";

const CLAIM_PREFIX = "pulumi-create-";
const CLAIM_NAME = /^pulumi-create-[0-9a-f]{16}$/;

export function newClaimName(): string {
  return CLAIM_PREFIX + randomBytes(8).toString("hex");
}

/** Whether `name` is a claim name: an action a create made and has not yet renamed (or could not). */
export function isClaimName(name: unknown): name is string {
  return typeof name === "string" && CLAIM_NAME.test(name);
}

/** The claim name recorded in `inputs` at check, or a new one. */
export function claimNameOf(inputs: Readonly<Record<string, unknown>>): string {
  const recorded = inputs[CLAIM_KEY];
  return isClaimName(recorded) ? recorded : newClaimName();
}

/** One listing of a pipeline: the items as listed (they may be summaries) and their ids. */
export interface Snapshot<T> {
  items: readonly T[];
  ids: ReadonlySet<string>;
}

/** What is shared about one pipeline. */
interface PipelineState {
  snapshot: Promise<Snapshot<unknown>> | undefined;
  claimed: Set<string>;
}

function idKey(id: unknown): string {
  return String(id);
}

/** What one provider knows of each pipeline it creates into; a new provider starts as a new process would. */
export class PipelineClaims {
  /** Per API client (WeakMap: a client dropped by a configuration change takes its knowledge with it). */
  private readonly clients = new WeakMap<object, Map<string, PipelineState>>();

  /** `loc`'s pipeline as seen through `client`, for one create (or one preview look). */
  begin(client: object, loc: ActionLocation): CreateClaims {
    let pipelines = this.clients.get(client);
    if (pipelines === undefined) {
      pipelines = new Map();
      this.clients.set(client, pipelines);
    }
    const key = JSON.stringify([loc.workspace, loc.projectName, loc.pipelineId]);
    let state = pipelines.get(key);
    if (state === undefined) {
      state = { snapshot: undefined, claimed: new Set() };
      pipelines.set(key, state);
    }
    return new CreateClaims(state);
  }
}

/** One create's (or one preview look's) view of its pipeline's shared knowledge (PipelineClaims.begin). */
export class CreateClaims {
  constructor(private readonly state: PipelineState) {}

  /**
   * The pipeline's snapshot, listed by the first create that asks and shared by all. A failed listing is not kept:
   * the next create lists again (no POST can have happened in between, since every POST waits for the snapshot).
   */
  snapshot<T extends { id?: unknown }>(list: () => Promise<T[]>): Promise<Snapshot<T>> {
    if (this.state.snapshot === undefined) {
      const taking = list().then((items) => ({ items, ids: new Set(items.map((a) => idKey(a.id))) }));
      this.state.snapshot = taking;
      taking.catch(() => {
        if (this.state.snapshot === taking) this.state.snapshot = undefined;
      });
    }
    return this.state.snapshot as Promise<Snapshot<T>>;
  }

  isClaimed(id: unknown): boolean {
    return this.state.claimed.has(idKey(id));
  }

  /** Claims `id` for this create (an adopted action); false if another create of this process already has it. */
  claim(id: unknown): boolean {
    const k = idKey(id);
    if (this.state.claimed.has(k)) return false;
    this.state.claimed.add(k);
    return true;
  }
}
