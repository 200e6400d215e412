// README's create guarantee ("Create safety"), statement by statement, against a small scripted Buddy over real HTTP
// (test/integration/http/script-server.ts): one pipeline in memory whose POST and PATCH answers, commits and other
// programs' writes each test scripts. A create POSTs under its claim name (claims.ts), then PATCHes its own name.
// Time is a ManualClock shared by the provider (its settle and repost backoff), its client (retry waits) and the
// scripted Buddy (when a late commit lands): nothing waits for real, and "later than the settle" is exact.
import * as assert from "assert";
import { isClaimName } from "../../../provider/engine/claims";
import { ENGINE_TIMING } from "../../../provider/engine/clock";
import { actionProvider } from "../../../provider/engine/provider";
import { BuddyClient } from "../../../provider/http/client";
import { ManualClock } from "../../helpers/clock";
import { ScriptServer, Step, errorBody } from "../http/script-server";
import * as fx from "../../unit/provider/fixtures";

type Json = Record<string, unknown>;
const LIST = "/workspaces/my-company/projects/my-project/pipelines/1/actions";

/**
 * How one POST is answered: `commitAfterMs` (on the test's clock) undefined = never commits; `answer` what the client
 * gets.
 */
interface PostScript {
  commitAfterMs?: number;
  answer: Step | "created";
  /** Someone else's actions (the POSTed body with these members over it), made while this POST is being handled. */
  others?: Json[];
}

class ScriptedBuddy {
  readonly server = new ScriptServer();
  private _actions: Json[] = [];
  /** Commits the server has accepted and makes at `at` (clock time): applied before anyone looks at the actions. */
  private readonly late: Array<{ at: number; body: Json }> = [];
  posts = 0;
  patches = 0;
  deletes = 0;
  private nextId = 500;
  readonly postScripts: PostScript[] = [];
  /** How PATCHes are answered, in order; when none is left, a PATCH applies its body. */
  readonly patchScripts: Step[] = [];

  constructor(private readonly clock: ManualClock) {}

  /** The pipeline's actions now: every late commit whose time has come is made first, in the order they were due. */
  get actions(): Json[] {
    const due = this.late.filter((c) => c.at <= this.clock.now()).sort((x, y) => x.at - y.at);
    for (const c of due) {
      this.late.splice(this.late.indexOf(c), 1);
      this.add(c.body);
    }
    return this._actions;
  }

  add(body: Json): Json {
    const a = { ...body, id: this.nextId++ };
    this._actions.push(a);
    return a;
  }

  async start(): Promise<this> {
    this.server.handle((req) => {
      const path = req.url.split("?")[0];
      if (req.method === "GET" && path === LIST) return { status: 200, body: { actions: this.actions } };
      if (req.method === "GET" && path.startsWith(`${LIST}/`)) {
        const a = this.actions.find((x) => String(x.id) === path.slice(LIST.length + 1));
        return a ? { status: 200, body: a } : { status: 404, body: errorBody("Action not found") };
      }
      if (req.method === "POST" && path === LIST) {
        this.posts++;
        const body = JSON.parse(req.body) as Json;
        const script = this.postScripts.shift() ?? { commitAfterMs: 0, answer: "created" };
        for (const other of script.others ?? []) this.add({ ...body, ...other });
        if (script.answer === "created") return { status: 201, body: this.add(body) };
        if (script.commitAfterMs === 0) this.add(body);
        else if (script.commitAfterMs !== undefined)
          this.late.push({ at: this.clock.now() + script.commitAfterMs, body });
        return script.answer;
      }
      const one = this.actions.find((x) => path === `${LIST}/${String(x.id)}`);
      if (req.method === "PATCH" && one !== undefined) {
        this.patches++;
        const script = this.patchScripts.shift();
        if (script !== undefined) return script;
        Object.assign(one, JSON.parse(req.body) as Json);
        return { status: 200, body: one };
      }
      if (req.method === "DELETE" && one !== undefined) {
        this.deletes++;
        this._actions = this._actions.filter((x) => x !== one);
        return { status: 204 };
      }
      return { status: 404, body: errorBody(`no route ${req.method} ${path}`) };
    });
    await this.server.start();
    return this;
  }
}

describe("create guarantee, statement by statement, against a scripted Buddy", function () {
  this.timeout(30_000);
  let clock: ManualClock;
  let buddy: ScriptedBuddy;
  let client: BuddyClient;
  let provider: ReturnType<typeof fx.providerFor>;
  /** A create run to its end, the clock moving to each wait's end as the provider reaches it. */
  const create = (inputs: Json): ReturnType<typeof provider.create> => clock.runUntil(provider.create(inputs));
  const sleepAction = { ...fx.location, type: "SLEEP", name: "Deploy", fields: { sleep_in_sec: 1 }, __provider: "p" };
  const named = (name: string): Json[] => buddy.actions.filter((a) => a.name === name);
  const claimNamed = (): Json[] => buddy.actions.filter((a) => isClaimName(a.name));
  /** Another program's action of the name the test creates. */
  const deploy = (values: Json = {}): Json => ({ name: "Deploy", ...values });

  /** A fresh provider (as a new provider process) on the test's clock; `timeoutMs` is the client's, real time. */
  const useProvider = (timeoutMs = 30_000): void => {
    client?.close();
    client = new BuddyClient({
      baseUrl: buddy.server.url,
      token: "t0k3n",
      maxAttempts: 2,
      timeoutMs,
      now: () => clock.now(),
      sleep: (ms) => clock.sleep(ms),
      log: () => undefined,
    });
    provider = fx.providerFor(
      "pipeline-action",
      actionProvider(() => client, { clock, log: () => undefined }),
    );
  };

  beforeEach(async () => {
    clock = new ManualClock();
    buddy = await new ScriptedBuddy(clock).start();
    useProvider();
  });
  afterEach(async () => {
    client.close();
    await buddy.server.close();
  });

  it(`a 5xx whose create the server commits shortly after answering (504, committed 150 ms later): the action is found after the ${ENGINE_TIMING.settleMs} ms settle and used; one action, one POST`, async () => {
    buddy.postScripts.push({ commitAfterMs: 150, answer: { status: 504, body: errorBody("Gateway Timeout") } });
    const started = clock.now();
    const r = await create(sleepAction);
    assert.strictEqual(clock.now() - started, ENGINE_TIMING.settleMs, "the one wait is the settle");
    assert.strictEqual(named("Deploy").length, 1, JSON.stringify(buddy.actions));
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual(buddy.patches, 1, "the one PATCH gives it its name");
    assert.strictEqual((r.outs as Json).actionId, named("Deploy")[0].id);
    assert.deepStrictEqual(claimNamed(), []);
  });

  it("a dropped connection after the server committed: the action is found and used; one action, one POST", async () => {
    buddy.postScripts.push({ commitAfterMs: 0, answer: { drop: true } });
    const r = await create(sleepAction);
    assert.strictEqual(named("Deploy").length, 1);
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual((r.outs as Json).actionId, named("Deploy")[0].id);
  });

  it("a timeout whose create the server committed: found and used; one action, one POST", async () => {
    useProvider(200); // the client's own request timeout (a real timer: it is what ends the held answer)
    buddy.postScripts.push({ commitAfterMs: 0, answer: { status: 201, body: {}, hold: true } });
    const r = await create(sleepAction);
    assert.strictEqual(named("Deploy").length, 1);
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual((r.outs as Json).actionId, named("Deploy")[0].id);
  });

  it("502 that made nothing, while another program adds a same-named action with other values: not taken; POSTed again", async () => {
    buddy.postScripts.push({
      answer: { status: 502, body: errorBody("Bad Gateway") },
      others: [deploy({ sleep_in_sec: 42 })],
    });
    const r = await create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    const ours = named("Deploy").find((a) => a.id === (r.outs as Json).actionId)!;
    assert.strictEqual(ours.sleep_in_sec, 1);
    assert.strictEqual(named("Deploy").length, 2, "the other program's action is left alone");
  });

  it("a lost POST that made its action while another program adds an identical one: its own is found by its claim name and used, the other left alone", async () => {
    buddy.postScripts.push({ commitAfterMs: 0, answer: { drop: true }, others: [deploy()] });
    const other = buddy.actions.length; // the other program's is added first, ours second
    const r = await create(sleepAction);
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual(named("Deploy").length, 2, JSON.stringify(buddy.actions));
    assert.strictEqual((r.outs as Json).actionId, 500 + other + 1, "ours, not the other program's");
  });

  it("502 that made nothing, while another program adds two identical actions: neither taken; POSTed again", async () => {
    buddy.postScripts.push({ answer: { status: 502, body: errorBody("Bad Gateway") }, others: [deploy(), deploy()] });
    const r = await create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    assert.strictEqual(named("Deploy").length, 3);
    assert.strictEqual((r.outs as Json).actionId, 502);
  });

  it("a same-named action with other values that existed before the run is never taken for ours: POSTed again", async () => {
    const old = buddy.add({ name: "Deploy", type: "SLEEP", sleep_in_sec: 2 });
    buddy.postScripts.push({ answer: { status: 503, body: errorBody("Service Unavailable") } });
    const r = await create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    assert.notStrictEqual((r.outs as Json).actionId, old.id);
    assert.strictEqual(named("Deploy").length, 2);
  });

  it("an action identical in every value that existed before the run (a killed run's): never taken, never duplicated; the error names the recovery", async () => {
    const old = buddy.add({ name: "Deploy", type: "SLEEP", sleep_in_sec: 1 });
    await assert.rejects(
      create(sleepAction),
      new RegExp(
        `identical action \\(id ${old.id}\\).*npx pulumi-buddy-actions recover.*adopt: true.*Nothing was created`,
      ),
    );
    assert.strictEqual(buddy.posts, 0);
    assert.strictEqual(named("Deploy").length, 1);
  });

  it("the limit README states: a create the server commits later than the settle delay after failing is made twice; the late copy keeps its claim name", async () => {
    buddy.postScripts.push({
      commitAfterMs: ENGINE_TIMING.settleMs + ENGINE_TIMING.repostBaseMs + 1000,
      answer: { status: 504, body: errorBody("Gateway Timeout") },
    });
    const started = clock.now();
    await create(sleepAction);
    assert.strictEqual(claimNamed().length, 0, "not committed yet when the create ends");
    clock.advance(started + ENGINE_TIMING.settleMs + ENGINE_TIMING.repostBaseMs + 1000 - clock.now());
    assert.strictEqual(buddy.posts, 2);
    assert.strictEqual(named("Deploy").length, 1);
    assert.strictEqual(claimNamed().length, 1, "the late copy is recognisable by its claim name");
  });

  it("an identical action another program adds while our POST fails having made nothing is never taken: POSTed again (two stacks never share one action)", async () => {
    buddy.postScripts.push({ answer: { status: 502, body: errorBody("Bad Gateway") }, others: [deploy()] });
    const r = await create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    assert.strictEqual(named("Deploy").length, 2);
    assert.strictEqual((r.outs as Json).actionId, 501, "its own action, not the other program's (500)");
  });

  it("another create's action under ITS claim name is never taken: POSTed again", async () => {
    buddy.postScripts.push({
      answer: { status: 502, body: errorBody("Bad Gateway") },
      others: [{ name: "pulumi-create-0123456789abcdef" }],
    });
    const r = await create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    assert.strictEqual((r.outs as Json).actionId, 501);
  });

  it("two POSTs of one create both made their action (the first committed late): one kept, the other deleted", async () => {
    buddy.postScripts.push(
      { commitAfterMs: ENGINE_TIMING.settleMs + 300, answer: { status: 504, body: errorBody("Gateway Timeout") } },
      { commitAfterMs: 0, answer: { drop: true } },
    );
    const r = await create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    assert.strictEqual(buddy.deletes, 1);
    assert.strictEqual(buddy.actions.length, 1, JSON.stringify(buddy.actions));
    assert.strictEqual(named("Deploy")[0].id, (r.outs as Json).actionId);
  });

  it("Buddy refuses the name (a server that keeps names unique): the claimed action is deleted, the error quotes Buddy, nothing is left", async () => {
    buddy.patchScripts.push({ status: 400, body: errorBody("Action with this name already exists") });
    await assert.rejects(
      create(sleepAction),
      /Buddy refused the name of action "Deploy".*Action with this name already exists.*was deleted: nothing was created/,
    );
    assert.deepStrictEqual(buddy.actions, []);
  });

  it("the rename keeps failing: a partial create that records the action (its id, its claim name), never an orphan", async () => {
    const failing: Step = { status: 503, body: errorBody("Service Unavailable") };
    buddy.patchScripts.push(failing, failing);
    await assert.rejects(create(sleepAction), (err: Error & { id?: string; properties?: Json }) => {
      assert.match(err.message, /under the temporary name pulumi-create-[0-9a-f]{16}.*next `pulumi up` renames it/);
      assert.strictEqual(err.id, "my-company/my-project/1/500");
      assert.ok(isClaimName(err.properties?.name), JSON.stringify(err.properties));
      return true;
    });
    assert.strictEqual(buddy.actions.length, 1);
  });
});
