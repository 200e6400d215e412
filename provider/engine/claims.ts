/**
 * What one provider process knows about each pipeline it creates actions in, shared by all its creates (the engine
 * runs a whole `pulumi up`'s creates concurrently in one process). This is what lets a create cost one API call
 * (its POST) and still tell, after a POST that failed ambiguously, the action it may have made from every other one.
 * Kept per API client (one per provider process, so per server and token) and per pipeline, for the life of the
 * process:
 *
 * - the snapshot: the pipeline's actions as listed once, before this process's first POST into it. Every create of
 *   the pipeline waits for it, so it predates every POST of this process there: an action in it was not made by
 *   any of our POSTs. Adoption picks from it.
 * - claimed ids: an id is claimed synchronously the moment a POST resolves with it, or the moment a create takes it
 *   (an action found after an ambiguous POST, an adopted one). Snapshot + claimed ids = every action of the pipeline
 *   this process can account for; a claimed id is never taken by another create.
 * - POSTs in flight per (name, type): a create that lost its POST first waits for the OTHER POSTs with the same key
 *   to settle (each is one bounded network call; whole creates are never waited on, which could deadlock), so each
 *   has claimed its action before the pipeline is listed again; see `stableListing`.
 * - lost POSTs per (name, type): how many creates of this process had a POST fail ambiguously (it may have made an
 *   action) and have not yet found their action nor given it up. Counted the moment the POST settles, so a create
 *   that waited for it sees it. New unclaimed actions of that name and type are accounted for only while there are
 *   no more of them than this count (create.ts).
 *
 * Across processes (two `pulumi up` at the same time on one pipeline, e.g. two stacks of one program) none of this is
 * shared, and Buddy stores nothing with an action that could carry a per-stack mark without changing what the
 * action does. What one process can see is the other writer's footprint: actions in the pipeline that none of its
 * own POSTs can explain (`unexplained`). Before an action is taken on the strength of "new, unclaimed and made
 * from the same body", that footprint must be empty (create.ts); see README "Create safety" for what it leaves open.
 */
import { isAmbiguous } from "./api";
import { ActionLocation } from "./id";

/** One listing of a pipeline: the items as listed (they may be summaries) and their ids. */
export interface Snapshot<T> {
  items: readonly T[];
  ids: ReadonlySet<string>;
}

interface PipelineState {
  snapshot: Promise<Snapshot<unknown>> | undefined;
  claimed: Set<string>;
  posts: Map<string, KeyPosts>;
  /** Listings of the pipeline completed by this process (the snapshot is the first). */
  listings: number;
  /** Each id listed so far → the number of the first completed listing that showed it. */
  firstListed: Map<string, number>;
  /** Actions a judged listing showed that no POST of this process explains (id → "id name"): another writer. */
  otherWriter: Map<string, string>;
}

interface KeyPosts {
  inFlight: Set<Promise<unknown>>;
  /** POSTs ever started, to notice one starting while a listing ran. */
  started: number;
  lost: number;
}

/** Per API client (WeakMap: a client dropped by a configuration change takes its knowledge with it). */
let clients = new WeakMap<object, Map<string, PipelineState>>();

function pipelineKey(loc: ActionLocation): string {
  return JSON.stringify([loc.workspace, loc.projectName, loc.pipelineId]);
}

function actionKey(name: unknown, type: unknown): string {
  return JSON.stringify([name, type]);
}

export function idKey(id: unknown): string {
  return String(id);
}

function stateFor(client: object, loc: ActionLocation): PipelineState {
  let pipelines = clients.get(client);
  if (pipelines === undefined) {
    pipelines = new Map();
    clients.set(client, pipelines);
  }
  const key = pipelineKey(loc);
  let state = pipelines.get(key);
  if (state === undefined) {
    state = {
      snapshot: undefined,
      claimed: new Set(),
      posts: new Map(),
      listings: 0,
      firstListed: new Map(),
      otherWriter: new Map(),
    };
    pipelines.set(key, state);
  }
  return state;
}

/** One create's view of its pipeline's shared knowledge: enter with `begin`, leave with `end()` in a `finally`. */
export class CreateClaims {
  private ended = false;
  /** This create's last POST failed ambiguously and it has not yet found (or given up) what it made. */
  private lost = false;
  private readonly mine = new Set<Promise<unknown>>();
  /** How many listings had completed when this create's last POST started. */
  private listedBeforePost = 0;

  private constructor(
    private readonly state: PipelineState,
    private readonly key: string,
  ) {}

  static begin(client: object, loc: ActionLocation, name: unknown, type: unknown): CreateClaims {
    return new CreateClaims(stateFor(client, loc), actionKey(name, type));
  }

  /**
   * The pipeline's snapshot, listed by the first create that asks and shared by all. A failed listing is not kept:
   * the next create lists again (no POST can have happened in between, since every POST waits for the snapshot).
   */
  snapshot<T extends { id?: unknown }>(list: () => Promise<T[]>): Promise<Snapshot<T>> {
    if (this.state.snapshot === undefined) {
      const taking = list().then((items) => {
        this.recordListing(items);
        return { items, ids: new Set(items.map((a) => idKey(a.id))) };
      });
      this.state.snapshot = taking;
      taking.catch(() => {
        if (this.state.snapshot === taking) this.state.snapshot = undefined;
      });
    }
    return this.state.snapshot as Promise<Snapshot<T>>;
  }

  /** Notes a completed listing: an action in it existed before every POST that starts from now on. */
  recordListing(items: readonly { id?: unknown }[]): void {
    this.state.listings++;
    for (const a of items)
      if (!this.state.firstListed.has(idKey(a.id))) this.state.firstListed.set(idKey(a.id), this.state.listings);
  }

  /** Whether `id` was in a listing completed before this create's last POST started: that POST cannot have made it. */
  listedBeforeMyPost(id: unknown): boolean {
    const first = this.state.firstListed.get(idKey(id));
    return first !== undefined && first <= this.listedBeforePost;
  }

  isClaimed(id: unknown): boolean {
    return this.state.claimed.has(idKey(id));
  }

  /** Claims `id`; false if another create of this process already has it. */
  claim(id: unknown): boolean {
    const k = idKey(id);
    if (this.state.claimed.has(k)) return false;
    this.state.claimed.add(k);
    return true;
  }

  private posts(): KeyPosts {
    let p = this.state.posts.get(this.key);
    if (p === undefined) {
      p = { inFlight: new Set(), started: 0, lost: 0 };
      this.state.posts.set(this.key, p);
    }
    return p;
  }

  /**
   * Runs one POST, registered as in flight for this key; its action id is claimed in the same step as the POST
   * resolves, before anyone waiting on it can look at a listing. An ambiguous failure counts this create as lost
   * in the same step, until `foundOrGaveUp`.
   */
  post<T extends { id?: unknown }>(send: () => Promise<T>): Promise<T> {
    const posts = this.posts();
    this.foundOrGaveUp();
    posts.started++;
    this.listedBeforePost = this.state.listings;
    const running: Promise<T> = send().then(
      (action) => {
        posts.inFlight.delete(running);
        this.mine.delete(running);
        if (action && action.id !== undefined) this.claim(action.id);
        return action;
      },
      (err: unknown) => {
        posts.inFlight.delete(running);
        this.mine.delete(running);
        if (isAmbiguous(err) && !this.ended) {
          this.lost = true;
          posts.lost++;
        }
        throw err;
      },
    );
    posts.inFlight.add(running);
    this.mine.add(running);
    return running;
  }

  /**
   * A listing of the pipeline that no POST of another create with the same name and type overlaps: first waits for
   * those in flight to settle (so their actions are claimed), then lists; if one started meanwhile, again.
   */
  async stableListing<T>(list: () => Promise<T>): Promise<T> {
    const posts = this.posts();
    for (;;) {
      const others = [...posts.inFlight].filter((p) => !this.mine.has(p));
      if (others.length > 0) {
        await Promise.allSettled(others);
        continue;
      }
      const started = posts.started;
      const listing = await list();
      if (posts.started === started && [...posts.inFlight].every((p) => this.mine.has(p))) return listing;
    }
  }

  /**
   * Waits once for every POST of this process into the pipeline that is in flight now, whatever its name (each is
   * one bounded network call), so that the actions they made are claimed before a listing is judged by
   * `unexplained`.
   */
  async settleOtherPosts(): Promise<void> {
    const others: Promise<unknown>[] = [];
    for (const p of this.state.posts.values())
      for (const running of p.inFlight) if (!this.mine.has(running)) others.push(running);
    await Promise.allSettled(others);
  }

  /**
   * The actions of `listing` (of any name) that this process cannot explain: not in its snapshot, claimed by none
   * of its creates, and more per (name, type) than its POSTs of that name and type still in flight or lost. Non-empty
   * means someone else (another stack, a person, another program) added actions to the pipeline during this run.
   */
  unexplained<T extends { id?: unknown; name?: unknown; type?: unknown }>(
    listing: readonly T[],
    before: Snapshot<T>,
  ): T[] {
    const byKey = new Map<string, T[]>();
    for (const a of listing) {
      if (before.ids.has(idKey(a.id)) || this.isClaimed(a.id)) continue;
      const key = actionKey(a.name, a.type);
      byKey.set(key, [...(byKey.get(key) ?? []), a]);
    }
    const out: T[] = [];
    for (const [key, actions] of byKey) {
      const posts = this.state.posts.get(key);
      const explained = posts === undefined ? 0 : posts.inFlight.size + posts.lost;
      if (actions.length > explained) out.push(...actions);
    }
    // Remembered for the rest of the process: a later listing may no longer show the other writer's footprint as
    // such (its actions of names this process creates can look like ours), but the writer is still there.
    for (const a of out) this.state.otherWriter.set(idKey(a.id), `${String(a.id)} ${JSON.stringify(a.name)}`);
    return out;
  }

  /**
   * Records actions as another writer's footprint though no listing was judged: an action of the same name and type
   * as one this process is about to create, already in the pipeline and not this process's (survey.ts, twins.ts).
   * Most often a second stack deploying the same program into this pipeline; from then on a lost POST's action is
   * never guessed in this pipeline (a concurrent twin of that writer would look exactly like it).
   */
  noteOtherWriter(actions: ReadonlyArray<{ id?: unknown; name?: unknown }>): void {
    for (const a of actions) {
      if (!this.isClaimed(a.id)) this.state.otherWriter.set(idKey(a.id), `${String(a.id)} ${JSON.stringify(a.name)}`);
    }
  }

  /** Every action a judged listing of this process showed that no POST of it explains, still unclaimed ("id name"). */
  otherWriterSeen(except?: unknown): string[] {
    return [...this.state.otherWriter]
      .filter(([id]) => !this.state.claimed.has(id) && id !== idKey(except))
      .map(([, described]) => described);
  }

  /**
   * How many creates of this process (this one included, when it is) lost a POST with this name and type and are
   * still looking for the action it may have made.
   */
  lostPosts(): number {
    return this.posts().lost;
  }

  /** This create found the action its lost POST made (and claimed it), or concluded it made none. */
  foundOrGaveUp(): void {
    if (!this.lost) return;
    this.lost = false;
    this.posts().lost--;
  }

  /** This create is over (the snapshot and claims stay: later creates of this process need them). */
  end(): void {
    if (this.ended) return;
    this.foundOrGaveUp();
    this.ended = true;
  }
}

/** Tests: start as a new provider process would (a test emulator reset between tests is a new pipeline history). */
export function forgetPipelinesForTests(): void {
  clients = new WeakMap();
}
