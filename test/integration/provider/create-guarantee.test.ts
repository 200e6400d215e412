// README's create guarantee ("Create safety"), statement by statement, against a small scripted Buddy over real HTTP
// (test/integration/http/script-server.ts): one pipeline in memory whose POST answers, commits and other programs'
// writes each test scripts.
import * as assert from "assert";
import { forgetPipelinesForTests } from "../../../provider/engine/claims";
import { createTiming, repostBackoff } from "../../../provider/engine/create";
import { actionProvider } from "../../../provider/engine/provider";
import { BuddyClient } from "../../../provider/http/client";
import { setLogSinkForTests } from "../../../provider/log";
import { ScriptServer, Step, errorBody } from "../http/script-server";
import * as fx from "../../unit/provider/fixtures";

type Json = Record<string, unknown>;
const LIST = "/workspaces/my-company/projects/my-project/pipelines/1/actions";

/** How one POST is answered: `commitAfterMs` undefined = never commits; `answer` what the client gets. */
interface PostScript {
  commitAfterMs?: number;
  answer: Step | "created";
  /** Someone else's same-named actions, made while this POST is being handled. */
  others?: Json[];
}

class ScriptedBuddy {
  readonly server = new ScriptServer();
  actions: Json[] = [];
  posts = 0;
  private nextId = 500;
  readonly postScripts: PostScript[] = [];

  add(body: Json): Json {
    const a = { ...body, id: this.nextId++ };
    this.actions.push(a);
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
        else if (script.commitAfterMs !== undefined) setTimeout(() => this.add(body), script.commitAfterMs);
        return script.answer;
      }
      return { status: 404, body: errorBody(`no route ${req.method} ${path}`) };
    });
    await this.server.start();
    return this;
  }
}

describe("create guarantee, statement by statement, against a scripted Buddy", function () {
  this.timeout(30_000);
  let buddy: ScriptedBuddy;
  let provider: ReturnType<typeof fx.providerFor>;
  const savedBackoff = { ...repostBackoff };
  const sleepAction = { ...fx.location, type: "SLEEP", name: "Deploy", fields: { sleep_in_sec: 1 }, __provider: "p" };
  const named = (name: string): Json[] => buddy.actions.filter((a) => a.name === name);

  beforeEach(async () => {
    buddy = await new ScriptedBuddy().start();
    const client = new BuddyClient({
      baseUrl: buddy.server.url,
      token: "t0k3n",
      maxAttempts: 2,
      baseDelayMs: 1,
      maxDelayMs: 2,
      timeoutMs: 500,
    });
    provider = fx.providerFor(
      "pipeline-action",
      actionProvider(() => client),
    );
    forgetPipelinesForTests();
    Object.assign(repostBackoff, { baseMs: 1, maxMs: 2 });
    setLogSinkForTests(() => undefined);
  });
  afterEach(async () => {
    await buddy.server.close();
    Object.assign(repostBackoff, savedBackoff);
    setLogSinkForTests();
  });

  it(`a 5xx whose create the server commits shortly after answering (504, committed 150 ms later): the action is found after the ${createTiming.settleMs} ms settle and used; one action, one POST`, async () => {
    buddy.postScripts.push({ commitAfterMs: 150, answer: { status: 504, body: errorBody("Gateway Timeout") } });
    const r = await provider.create(sleepAction);
    await new Promise((res) => setTimeout(res, 300));
    assert.strictEqual(named("Deploy").length, 1, JSON.stringify(buddy.actions));
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual((r.outs as Json).actionId, named("Deploy")[0].id);
  });

  it("a dropped connection after the server committed: the action is found and used; one action, one POST", async () => {
    buddy.postScripts.push({ commitAfterMs: 0, answer: { drop: true } });
    const r = await provider.create(sleepAction);
    assert.strictEqual(named("Deploy").length, 1);
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual((r.outs as Json).actionId, named("Deploy")[0].id);
  });

  it("a timeout whose create the server committed: found and used; one action, one POST", async () => {
    buddy.postScripts.push({ commitAfterMs: 0, answer: { status: 201, body: {}, hold: true } });
    const r = await provider.create(sleepAction);
    assert.strictEqual(named("Deploy").length, 1);
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual((r.outs as Json).actionId, named("Deploy")[0].id);
  });

  it("502 that made nothing, while another program adds a same-named action with other values: not taken; POSTed again", async () => {
    buddy.postScripts.push({ answer: { status: 502, body: errorBody("Bad Gateway") }, others: [{ sleep_in_sec: 42 }] });
    const r = await provider.create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    const ours = named("Deploy").find((a) => a.id === (r.outs as Json).actionId)!;
    assert.strictEqual(ours.sleep_in_sec, 1);
    assert.strictEqual(named("Deploy").length, 2, "the other program's action is left alone");
  });

  it("more new same-named actions than this run lost POSTs (ours and another program's identical one): an error naming both, nothing taken, no second POST", async () => {
    buddy.postScripts.push({ commitAfterMs: 0, answer: { drop: true }, others: [{}] });
    await assert.rejects(provider.create(sleepAction), (err: Error) => {
      const ids = named("Deploy").map((a) => String(a.id));
      assert.match(
        err.message,
        new RegExp(
          `2 new actions "Deploy" \\(SLEEP\\).*\\(ids ${ids.join(", ")}\\).*lost only 1 POST.*none of them is provably this resource's`,
        ),
      );
      return true;
    });
    assert.strictEqual(buddy.posts, 1);
  });

  it("502 that made nothing, while another program adds two same-named actions: an error naming them, no second POST", async () => {
    buddy.postScripts.push({ answer: { status: 502, body: errorBody("Bad Gateway") }, others: [{}, {}] });
    await assert.rejects(provider.create(sleepAction), /2 new actions "Deploy".*Nothing was taken/);
    assert.strictEqual(buddy.posts, 1);
  });

  it("a same-named action with other values that existed before the run is never taken for ours: POSTed again", async () => {
    const old = buddy.add({ name: "Deploy", type: "SLEEP", sleep_in_sec: 2 });
    buddy.postScripts.push({ answer: { status: 503, body: errorBody("Service Unavailable") } });
    const r = await provider.create(sleepAction);
    assert.strictEqual(buddy.posts, 2);
    assert.notStrictEqual((r.outs as Json).actionId, old.id);
    assert.strictEqual(named("Deploy").length, 2);
  });

  it("an action identical in every value that existed before the run (a killed run's): never taken, never duplicated; the error names the recovery", async () => {
    const old = buddy.add({ name: "Deploy", type: "SLEEP", sleep_in_sec: 1 });
    await assert.rejects(
      provider.create(sleepAction),
      new RegExp(
        `identical action \\(id ${old.id}\\).*npx pulumi-buddy-actions recover.*adopt: true.*Nothing was created`,
      ),
    );
    assert.strictEqual(buddy.posts, 0);
    assert.strictEqual(named("Deploy").length, 1);
  });

  it("the limit README states: a create the server commits later than the settle delay after failing is made twice", async () => {
    buddy.postScripts.push({
      commitAfterMs: createTiming.settleMs + 1000,
      answer: { status: 504, body: errorBody("Gateway Timeout") },
    });
    await provider.create(sleepAction);
    await new Promise((res) => setTimeout(res, 1200));
    assert.strictEqual(buddy.posts, 2);
    assert.strictEqual(named("Deploy").length, 2);
  });

  it("the other limit README states: an identical action another program adds while our POST fails having made nothing is taken as ours", async () => {
    buddy.postScripts.push({ answer: { status: 502, body: errorBody("Bad Gateway") }, others: [{}] });
    const r = await provider.create(sleepAction);
    assert.strictEqual(buddy.posts, 1);
    assert.strictEqual(named("Deploy").length, 1);
    assert.strictEqual((r.outs as Json).actionId, named("Deploy")[0].id);
  });
});
