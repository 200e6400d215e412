/**
 * Coordination between the creates that run at the same time in one provider process (the engine runs a whole
 * `pulumi up`'s creates concurrently in one process), so that a create that lost track of its POST never takes
 * over an action a sibling resource made. Two registries, both module-level:
 *
 * - claimed action ids: an id is claimed synchronously the moment a POST resolves with it, or the moment a create
 *   picks it from a listing (an action found after an ambiguous POST, an adopted one). A claimed id is never taken
 *   by another create of this process.
 * - POSTs in flight per (pipeline, name, type): a create that lost its POST first waits for the OTHER POSTs with
 *   the same key to settle (each is one bounded network call; whole creates are never waited on, which could
 *   deadlock), so each of them has claimed its action before the listing is read; see `stableListing`.
 *
 * - lost POSTs per (pipeline, name, type): how many creates of this process had a POST fail ambiguously (it may
 *   have made an action) and have not yet found their action nor given it up. Counted the moment the POST settles,
 *   so a create that waited for it (`stableListing`) sees it. After the listing, new unclaimed actions that match
 *   can be accounted for by these creates when there are no more of them than this count: each such create then
 *   takes the lowest-id one (`lostPosts`); more than that means another program made some.
 *
 * Claims of a pipeline are forgotten when no create of that pipeline is running any more: a create that starts
 * later takes its snapshot after every claimed action existed, so the snapshot already excludes them (and a test
 * emulator that starts again from id 1 cannot meet a stale claim).
 *
 * Across processes (two `pulumi up` at the same time on one pipeline, with same-named actions) none of this is
 * shared: there the snapshot rule alone applies, and when more new actions match than this process's lost POSTs
 * can account for, the create stops with an error rather than guess (create.ts).
 */
import { isAmbiguous } from "./api";
import { ActionLocation } from "./id";

interface PipelineState {
  /** Creates of this pipeline running now. */
  active: number;
  claimed: Set<string>;
  /**
   * Per name+type key: the POSTs in flight, how many were ever started (to notice one starting meanwhile), and how
   * many creates lost a POST and are still looking for what it made.
   */
  posts: Map<string, KeyPosts>;
}

interface KeyPosts {
  inFlight: Set<Promise<unknown>>;
  started: number;
  lost: number;
}

const pipelines = new Map<string, PipelineState>();

function pipelineKey(loc: ActionLocation): string {
  return JSON.stringify([loc.workspace, loc.projectName, loc.pipelineId]);
}

function actionKey(name: unknown, type: unknown): string {
  return JSON.stringify([name, type]);
}

function idKey(id: unknown): string {
  return String(id);
}

/** The registry of one create: enter with `beginCreate`, leave with `end()` in a `finally`. */
export class CreateClaims {
  private ended = false;
  /** This create's last POST failed ambiguously and it has not yet found (or given up) what it made. */
  private lost = false;
  private readonly mine = new Set<Promise<unknown>>();

  private constructor(
    private readonly state: PipelineState,
    private readonly pipeline: string,
    private readonly key: string,
  ) {}

  static begin(loc: ActionLocation, name: unknown, type: unknown): CreateClaims {
    const pipeline = pipelineKey(loc);
    let state = pipelines.get(pipeline);
    if (state === undefined) {
      state = { active: 0, claimed: new Set(), posts: new Map() };
      pipelines.set(pipeline, state);
    }
    state.active++;
    return new CreateClaims(state, pipeline, actionKey(name, type));
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

  /** This create is over: when it was the pipeline's last running create, the pipeline's claims are forgotten. */
  end(): void {
    if (this.ended) return;
    this.foundOrGaveUp();
    this.ended = true;
    this.state.active--;
    if (this.state.active <= 0 && pipelines.get(this.pipeline) === this.state) pipelines.delete(this.pipeline);
  }
}

/** Running creates' pipelines (tests: everything is forgotten once creates are over). */
export function trackedPipelinesForTests(): number {
  return pipelines.size;
}
