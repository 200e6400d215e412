// Creates running at the same time in one provider process (as the engine runs a `pulumi up`), against a scripted
// in-memory Buddy whose POSTs can be held, failed, or committed-then-failed in a chosen order:
// - a create POSTs under its own claim name and PATCHes its name once made (claims.ts, create.ts);
// - a create whose POST was lost finds its action by its claim name only: never a sibling's, never another stack's,
//   however alike; a rename that keeps failing is a partial create (the action stays this resource's);
// - madeFromBody (the twin check and `recover`): any non-secret value sent that differs (bag members, object
//   members, list items) makes another action;
// - an adopted action whose PATCH fails is kept in state (Pulumi partial failure) with Buddy's current values.
import * as assert from "assert";
import { BuddyApiError } from "../../../provider/http/errors";
import { isClaimName } from "../../../provider/engine/claims";
import { PartialCreateError, madeFromBody } from "../../../provider/engine/create";
import { createBody } from "../../../provider/engine/wire";
import { pipelineActionSpec } from "../../../provider/specs/pipeline-action";
import { ActionsApi, WireAction } from "../../../provider/engine/api";
import { ActionProvider, actionProvider } from "../../../provider/engine/provider";
import { LogSink } from "../../../provider/log";
import { ManualClock } from "../../helpers/clock";
import { adoptBody, chooseAdoption, defaultsAdoptionResets } from "../../../provider/engine/adoption";
import { loadSpec } from "../../../provider/specs/registry";
import * as fx from "./fixtures";

type Json = Record<string, unknown>;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** One turn of the event loop: the fake API answers asynchronously, as a real one does, but never waits for time. */
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

function ambiguous(method: "POST" | "PATCH", path: string): BuddyApiError {
  return new BuddyApiError({
    method,
    path,
    status: 502,
    kind: "server",
    ambiguous: true,
    detail: "failed with 502: Bad Gateway (after 10 attempts)",
  });
}

/** A pipeline's actions in memory; each POST runs the next scripted step (default: commit and answer). */
class FakeBuddy {
  actions: WireAction[] = [];
  private nextId = 100;
  readonly posts: Json[] = [];
  readonly patches: Array<{ path: string; body: Json }> = [];
  readonly postScript: Array<(body: Json, path: string) => Promise<WireAction>> = [];
  patchFails = false;
  /** Listings answer `{id, name, type}` only, as a server that lists summaries does. */
  summaries = false;
  lists = 0;
  /** The next listings fail (a listing that exhausted its retries). */
  listFailures = 0;
  private readonly changed: Array<() => void> = [];

  /** Resolves once `ready()` holds, checked after every request and commit (an event, not a poll). */
  async until(ready: () => boolean): Promise<void> {
    while (!ready()) await new Promise<void>((resolve) => this.changed.push(resolve));
  }

  private notify(): void {
    for (const wake of this.changed.splice(0)) wake();
  }

  commit(body: Json): WireAction {
    const id = this.nextId++;
    const a: WireAction = { ...body, id, url: `https://api/${id}`, html_url: `https://app/${id}` };
    this.actions.push(a);
    this.notify();
    return { ...a };
  }

  private idOf(path: string): number {
    return Number(path.slice(path.lastIndexOf("/") + 1));
  }

  private client: ActionsApi | undefined;

  /** One client object, as a provider process has (the pipeline knowledge of claims.ts is kept per client). */
  api(): ActionsApi {
    if (this.client === undefined) this.client = this.makeApi();
    return this.client;
  }

  private makeApi(): ActionsApi {
    const self = this;
    const api = {
      async listAll(_path: string, _key: string): Promise<unknown[]> {
        self.lists++;
        self.notify();
        await turn();
        if (self.listFailures > 0) {
          self.listFailures--;
          throw new BuddyApiError({
            method: "GET",
            path: _path,
            status: 503,
            kind: "server",
            ambiguous: true,
            detail: "failed with 503 (after 10 attempts)",
          });
        }
        return self.actions.map((a) => (self.summaries ? { id: a.id, name: a.name, type: a.type } : { ...a }));
      },
      async post(path: string, body: Json): Promise<unknown> {
        self.posts.push(body);
        self.notify();
        const step = self.postScript.shift();
        return step ? step(body, path) : self.commit(body);
      },
      async patch(path: string, body: Json): Promise<unknown> {
        self.patches.push({ path, body });
        self.notify();
        await turn();
        if (self.patchFails) throw ambiguous("PATCH", path);
        const a = self.actions.find((x) => x.id === self.idOf(path));
        if (!a)
          throw new BuddyApiError({
            method: "PATCH",
            path,
            status: 404,
            kind: "not-found",
            ambiguous: false,
            detail: "failed with 404",
          });
        Object.assign(a, body);
        return { ...a };
      },
      async get(path: string): Promise<unknown> {
        await turn();
        const a = self.actions.find((x) => x.id === self.idOf(path));
        if (!a)
          throw new BuddyApiError({
            method: "GET",
            path,
            status: 404,
            kind: "not-found",
            ambiguous: false,
            detail: "failed with 404",
          });
        return { ...a };
      },
      async delete(path: string): Promise<"deleted" | "already-gone"> {
        self.actions = self.actions.filter((x) => x.id !== self.idOf(path));
        return "deleted";
      },
    };
    return api as unknown as ActionsApi;
  }
}

describe("create: concurrent creates in one process, and take-overs that cannot orphan an action", () => {
  let buddy: FakeBuddy;
  let k8s: ActionProvider;
  let generic: ActionProvider;
  let clock: ManualClock;
  /** What the provider logged (its own sink: engine/state.ts). */
  let lines: string[];
  const until = (ready: () => boolean): Promise<void> => buddy.until(ready);

  /** Each create runs on the test's clock: its settle and repost waits end as soon as it reaches them. */
  function onClock(p: ActionProvider): ActionProvider {
    return { ...p, create: (inputs) => clock.runUntil(p.create(inputs)) };
  }

  beforeEach(() => {
    buddy = new FakeBuddy();
    clock = new ManualClock();
    lines = [];
    const log: LogSink = (level, message) => lines.push(`${level}: ${message}`);
    const provider = actionProvider(() => buddy.api(), { clock, log });
    k8s = onClock(fx.providerFor("kubernetes-set-image", provider));
    generic = onClock(fx.providerFor("pipeline-action", provider));
  });

  const sleepAction = { ...fx.location, type: "SLEEP", name: "Twin", fields: { sleep_in_sec: 1 }, __provider: "p" };

  it("a lost POST (502, nothing made) never takes the action a sibling's POST just made: two resources, two actions", async () => {
    const aPost = deferred<WireAction>();
    const bAnswer = deferred<void>();
    buddy.postScript.push(
      () => aPost.promise, // A: fails below, having made nothing
      async (body) => {
        const made = buddy.commit(body); // B: made on the server, its answer still on the way
        await bAnswer.promise;
        return made;
      },
    );
    const a = generic.create(sleepAction);
    await until(() => buddy.posts.length === 1);
    const b = generic.create(sleepAction);
    await until(() => buddy.posts.length === 2 && buddy.actions.length === 1);
    aPost.reject(ambiguous("POST", "/actions"));
    // A looks (B's action is in the pipeline, and was not in A's snapshot) and POSTs again while B's answer is held.
    await until(() => buddy.posts.length === 3);
    bAnswer.resolve();
    const [ra, rb] = await Promise.all([a, b]);
    assert.notStrictEqual(ra.id, rb.id);
    assert.strictEqual(buddy.actions.length, 2);
    assert.deepStrictEqual(
      buddy.actions.map((x) => x.id).sort(),
      [(ra.outs as Json).actionId, (rb.outs as Json).actionId].sort(),
    );
    assert.strictEqual(buddy.patches.length, 2, "each renamed once");
    assert.ok(buddy.actions.every((x) => x.name === "Twin"));
  });

  it("two lost POSTs that made one action between them: one takes it, the other POSTs again", async () => {
    const aPost = deferred<WireAction>();
    const bPost = deferred<WireAction>();
    buddy.postScript.push(
      () => aPost.promise, // A: committed below, after both snapshots, then the connection dropped
      () => bPost.promise, // B: nothing made
    );
    const a = generic.create(sleepAction);
    await until(() => buddy.posts.length === 1);
    const b = generic.create(sleepAction);
    await until(() => buddy.posts.length === 2);
    buddy.commit(buddy.posts[0]);
    aPost.reject(ambiguous("POST", "/actions"));
    bPost.reject(ambiguous("POST", "/actions"));
    const [ra, rb] = await Promise.all([a, b]);
    assert.notStrictEqual(ra.id, rb.id);
    assert.strictEqual(buddy.actions.length, 2, "one action per resource");
    assert.strictEqual(buddy.posts.length, 3);
  });

  it("an action found after a lost POST must match the body sent: a same-named sibling with other values is not ours", async () => {
    const aPost = deferred<WireAction>();
    const bPost = deferred<WireAction>();
    buddy.postScript.push(
      () => aPost.promise, // A (tag 1.0): nothing made
      async (body) => {
        buddy.commit(body); // B (tag 2.0): made, answer lost
        return bPost.promise;
      },
    );
    const a = k8s.create({ ...fx.seed000Inputs, imageTag: "1.0", __provider: "p" });
    await until(() => buddy.posts.length === 1);
    const b = k8s.create({ ...fx.seed000Inputs, imageTag: "2.0", __provider: "p" });
    await until(() => buddy.posts.length === 2);
    aPost.reject(ambiguous("POST", "/actions"));
    bPost.reject(ambiguous("POST", "/actions"));
    const [ra, rb] = await Promise.all([a, b]);
    const server = (r: { outs?: Json }): WireAction => buddy.actions.find((x) => x.id === (r.outs as Json).actionId)!;
    assert.strictEqual(server(ra).image_tag, "1.0");
    assert.strictEqual(server(rb).image_tag, "2.0");
    assert.strictEqual(buddy.actions.length, 2);
  });

  it("two same-named creates whose POSTs both made their action and lost the answer: each takes one, none orphaned", async () => {
    const gate = deferred<void>();
    const commitThenDrop = async (body: Json): Promise<WireAction> => {
      await gate.promise;
      buddy.commit(body);
      throw ambiguous("POST", "/actions");
    };
    buddy.postScript.push(commitThenDrop, commitThenDrop);
    const a = generic.create(sleepAction);
    const b = generic.create(sleepAction);
    await until(() => buddy.posts.length === 2);
    gate.resolve();
    const [ra, rb] = await Promise.all([a, b]);
    assert.strictEqual(buddy.actions.length, 2, "one action per resource, none made again");
    assert.strictEqual(buddy.posts.length, 2);
    const ids = [(ra.outs as Json).actionId, (rb.outs as Json).actionId];
    assert.notStrictEqual(ids[0], ids[1]);
    assert.deepStrictEqual([...ids].sort(), buddy.actions.map((x) => x.id).sort(), "each action claimed exactly once");
    assert.notStrictEqual(ra.id, rb.id);
    assert.strictEqual(buddy.patches.length, 2);
  });

  it("a lost POST's own action is found by its claim name beside another program's identical action: ours taken, theirs left alone", async () => {
    buddy.postScript.push(async (body) => {
      buddy.commit({ ...body, name: "Twin" }); // another program's, same name, type and values
      buddy.commit(body); // this create's, under its claim name
      throw ambiguous("POST", "/actions");
    });
    const r = await generic.create(sleepAction);
    assert.strictEqual((r.outs as Json).actionId, 101);
    assert.strictEqual(buddy.posts.length, 1);
    assert.deepStrictEqual(
      buddy.actions.map((x) => [x.id, x.name]),
      [
        [100, "Twin"],
        [101, "Twin"],
      ],
    );
  });

  it("a lost POST that made nothing does not take a same-named sibling's action whose `fields` differ: it POSTs again", async () => {
    const bAnswer = deferred<void>();
    const aFails = deferred<void>();
    buddy.postScript.push(
      async () => {
        await aFails.promise;
        throw ambiguous("POST", "/actions"); // A (sleep 1): nothing made, failing once B's action is made
      },
      async (body) => {
        buddy.commit(body); // B (sleep 2): made, its answer lost later
        await bAnswer.promise;
        throw ambiguous("POST", "/actions");
      },
    );
    const a = generic.create({ ...sleepAction, fields: { sleep_in_sec: 1 } });
    await until(() => buddy.posts.length === 1);
    const b = generic.create({ ...sleepAction, fields: { sleep_in_sec: 2 } });
    await until(() => buddy.posts.length === 2 && buddy.actions.length === 1);
    aFails.resolve();
    bAnswer.resolve();
    const [ra, rb] = await Promise.all([a, b]);
    assert.strictEqual(buddy.posts.length, 3, "A POSTed again");
    assert.strictEqual(buddy.posts[2].sleep_in_sec, 1);
    assert.strictEqual(buddy.actions.length, 2);
    const server = (r: { outs?: Json }): WireAction => buddy.actions.find((x) => x.id === (r.outs as Json).actionId)!;
    assert.strictEqual(server(ra).sleep_in_sec, 1);
    assert.strictEqual(server(rb).sleep_in_sec, 2);
    assert.deepStrictEqual((ra.outs as Json).fields, { sleep_in_sec: 1 });
    assert.deepStrictEqual((rb.outs as Json).fields, { sleep_in_sec: 2 });
    assert.notStrictEqual(ra.id, rb.id);
  });

  it("one listing per pipeline per process: 20 creates into one pipeline make 1 listing and 20 POSTs", async () => {
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) => generic.create({ ...sleepAction, name: `A${i}` })),
    );
    assert.strictEqual(buddy.lists, 1);
    assert.strictEqual(buddy.posts.length, 20);
    assert.strictEqual(new Set(made.map((r) => r.id)).size, 20);
    await generic.create({ ...sleepAction, name: "later" });
    assert.strictEqual(buddy.lists, 1, "a later create of the same process reuses the snapshot");
  });

  it("a failed snapshot is not kept: the create fails before any POST, and the next create lists again", async () => {
    buddy.listFailures = 1;
    await assert.rejects(generic.create({ ...sleepAction, name: "first" }), /503/);
    assert.strictEqual(buddy.posts.length, 0, "no POST without a snapshot");
    await generic.create({ ...sleepAction, name: "second" });
    assert.strictEqual(buddy.lists, 2);
    assert.strictEqual(buddy.posts.length, 1);
  });

  it("a listing of summaries is not proof: after a 502 that made nothing, another program's same-named action with other values is not taken", async () => {
    buddy.summaries = true;
    buddy.postScript.push(async () => {
      buddy.commit({ ...createBody(pipelineActionSpec, { ...sleepAction, fields: { sleep_in_sec: 99 } }) }); // someone else's
      throw ambiguous("POST", "/actions"); // ours: nothing made
    });
    const r = await generic.create(sleepAction);
    assert.strictEqual(buddy.posts.length, 2, "POSTed again");
    assert.strictEqual(buddy.actions.length, 2);
    const ours = buddy.actions.find((x) => x.id === (r.outs as Json).actionId)!;
    assert.strictEqual(ours.sleep_in_sec, 1);
  });

  describe("madeFromBody: every non-secret value sent, at any depth, where Buddy reports it", () => {
    const inputs: Json = {
      ...fx.location,
      type: "SLEEP",
      name: "Twin",
      fields: { sleep_in_sec: 1, nested: { a: [1, 2] } },
      variables: [
        { key: "PLAIN", value: "p" },
        { key: "TOKEN", value: "s3cret", encrypted: true },
      ],
    };
    const body = createBody(pipelineActionSpec, inputs);
    const listed = (over: Json): WireAction => ({ ...body, id: 7, ...over }) as WireAction;
    const made = (over: Json): boolean => madeFromBody(pipelineActionSpec, inputs, body, listed(over));

    it("matches the action made from the same body, with secrets encrypted and unreported fields absent", () => {
      assert.ok(made({}));
      assert.ok(
        made({
          variables: [
            { key: "PLAIN", value: "p", settable: false },
            { key: "TOKEN", value: "secure!xyz", encrypted: true },
          ],
        }),
      );
      assert.ok(made({ variables: undefined, nested: undefined }));
      assert.ok(made({ sleep_in_sec: "1" }), "a number Buddy reports as text is the same value");
    });

    it("rejects a differing bag member, nested member, list item or list length", () => {
      assert.ok(!made({ sleep_in_sec: 2 }));
      assert.ok(!made({ nested: { a: [1, 3] } }));
      assert.ok(
        !made({
          variables: [
            { key: "PLAIN", value: "other" },
            { key: "TOKEN", value: "secure!xyz", encrypted: true },
          ],
        }),
      );
      assert.ok(!made({ variables: [{ key: "PLAIN", value: "p" }] }));
      assert.ok(!made({ name: "Other" }));
    });

    it("ignores a secret member's value (it cannot be compared)", () => {
      assert.ok(
        made({
          variables: [
            { key: "PLAIN", value: "p" },
            { key: "TOKEN", value: "different", encrypted: true },
          ],
        }),
      );
    });
  });

  it("the action a lost POST made, whose rename keeps failing: a partial create keeps it in state (claim name, its id), never an orphan", async () => {
    buddy.patchFails = true;
    buddy.postScript.push(async (body) => {
      buddy.commit(body);
      throw ambiguous("POST", "/actions");
    });
    const err = await k8s.create({ ...fx.seed000Inputs, content: "kubeconfig-s3cret", __provider: "p" }).then(
      () => assert.fail("create should fail"),
      (e: unknown) => e as PartialCreateError,
    );
    assert.strictEqual(buddy.actions.length, 1);
    assert.strictEqual(err.id, `my-company/my-project/1/${String(buddy.actions[0].id)}`);
    assert.ok(isClaimName(err.properties.name), String(err.properties.name));
    assert.strictEqual(err.properties.imageTag, "1.7.8");
    assert.ok(!JSON.stringify(err.properties).includes("kubeconfig-s3cret"));
    // The next preview shows the name to change; the next up renames it.
    const news = { ...fx.seed000Inputs, content: "kubeconfig-s3cret", __provider: "p" };
    const diff = await k8s.diff(err.id, { ...err.properties, __provider: "p" }, news);
    assert.strictEqual(diff.changes, true);
    buddy.patchFails = false;
    await k8s.update(err.id, { ...err.properties, __provider: "p" }, news);
    assert.strictEqual(buddy.actions[0].name, fx.seed000Inputs.name);
  });

  describe("adopt whose PATCH fails", () => {
    it("is a partial failure: kept in state with its id and Buddy's current values mapped like a refresh", async () => {
      const legacy = buddy.commit({ ...fx.seed000Body, name: "Legacy", image_tag: "0.1" });
      buddy.patchFails = true;
      const news = {
        ...fx.seed000Inputs,
        name: "Legacy",
        imageTag: "2.0",
        content: "kubeconfig-s3cret",
        adopt: true,
        __provider: "p",
      };
      const err = await k8s.create(news).then(
        () => assert.fail("create should fail"),
        (e: unknown) => e as PartialCreateError,
      );
      // The shape cmd/dynamic-provider's grpcResponseFromError turns into ErrorResourceInitFailed.
      const id = `my-company/my-project/1/${String(legacy.id)}`;
      assert.strictEqual(err.id, id);
      assert.ok(Array.isArray(err.reasons) && /502/.test(err.reasons[0]), String(err.reasons));
      assert.match(err.message, /Adopted action "Legacy".*could not update it to the declared state.*502/);
      const props = err.properties;
      assert.strictEqual(props.actionId, legacy.id);
      assert.strictEqual(props.imageTag, "0.1", "Buddy's current value, not the declared one");
      assert.strictEqual(props.adopt, true);
      assert.strictEqual(props.__provider, "p");
      assert.strictEqual(props.__spec, "kubernetes-set-image");
      assert.strictEqual(props.htmlUrl, legacy.html_url);
      assert.strictEqual(buddy.actions.length, 1, "nothing created");
      // The engine stores these as they are, unmarked: no secret input may be among them.
      assert.strictEqual(props.content, undefined);
      assert.ok(!JSON.stringify(props).includes("kubeconfig-s3cret"));

      // The next preview shows what is left; the next up PATCHes it.
      const diff = await k8s.diff(id, props, news);
      assert.strictEqual(diff.changes, true);
      buddy.patchFails = false;
      const updated = await k8s.update(id, props, news);
      assert.strictEqual((updated.outs as Json).imageTag, "2.0");
      assert.strictEqual(buddy.actions[0].image_tag, "2.0");
    });

    it("an action a sibling create already claimed is not adopted again", async () => {
      buddy.commit({ ...fx.seed000Body, name: "Legacy" });
      const news = { ...fx.seed000Inputs, name: "Legacy", adopt: true, __provider: "p" };
      const [a, b] = await Promise.all([k8s.create(news), k8s.create(news)]);
      assert.notStrictEqual(a.id, b.id);
      assert.strictEqual(buddy.actions.length, 2);
    });
  });
  describe("another writer in the pipeline (two stacks of one program running at once)", () => {
    it("a lost POST that made nothing never takes an identical new action another stack made meanwhile: it POSTs again", async () => {
      buddy.postScript.push(async (body) => {
        buddy.commit({ ...body, name: "Twin" }); // the other stack's action: same name, type and values
        throw ambiguous("POST", "/actions"); // ours made nothing
      });
      const r = await generic.create(sleepAction);
      assert.strictEqual(buddy.posts.length, 2, "POSTed again");
      assert.notStrictEqual((r.outs as Json).actionId, 100, "the other stack's action is not taken");
      assert.strictEqual(buddy.actions.filter((a) => a.name === "Twin").length, 2);
    });

    it("the other stack's create under ITS claim name is never taken either", async () => {
      buddy.postScript.push(async (body) => {
        buddy.commit({ ...body, name: "pulumi-create-00000000000000ff" }); // another create's, not yet renamed
        throw ambiguous("POST", "/actions");
      });
      const r = await generic.create(sleepAction);
      assert.strictEqual(buddy.posts.length, 2);
      assert.notStrictEqual((r.outs as Json).actionId, 100);
    });

    it("every POST carries a claim name unique to its create; re-POSTs of one create keep it", async () => {
      buddy.postScript.push(async () => {
        throw ambiguous("POST", "/actions");
      });
      await Promise.all([generic.create(sleepAction), generic.create(sleepAction)]);
      const names = buddy.posts.map((b) => b.name);
      assert.ok(names.every(isClaimName), String(names));
      assert.strictEqual(new Set(names).size, 2, "two creates, two claim names, the re-POST reusing its own");
    });
  });

  describe("adoption", () => {
    const k8sSpec = loadSpec("kubernetes-set-image");

    it("the adopt PATCH sends Buddy's documented default for every compared field the program leaves unset", () => {
      const inputs = { ...fx.seed000Inputs, name: "Legacy", timeout: 60 };
      const body = adoptBody(k8sSpec, inputs);
      assert.strictEqual(body.timeout, 60, "a value the program sets is sent as set");
      assert.strictEqual(body.disabled, false);
      assert.strictEqual(body.kubectl_version, "latest");
      assert.strictEqual(body.retry_count, 0);
      assert.strictEqual(body.run_next, "WAIT_ON_SUCCESS");
      assert.ok(!("config_path" in body), "no documented default: left as Buddy holds it");
      assert.ok(!("run_only_on_first_failure" in body));
    });

    it("preview names the defaults adoption puts back, from the listed action", () => {
      const listed = { ...fx.seed000Body, id: 7, disabled: true, kubectl_version: "1.20", timeout: 0 };
      assert.deepStrictEqual(defaultsAdoptionResets(k8sSpec, { ...fx.seed000Inputs }, listed), [
        "disabled: true → false",
        'kubectlVersion: "1.20" → "latest"',
      ]);
    });

    it("adoptActionId picks one of several same-named actions; another type or a claimed id is an error", () => {
      const body = { name: "Twin", type: "KUBERNETES_SET_IMAGE" };
      const items = [
        { id: 1, name: "Twin", type: "KUBERNETES_SET_IMAGE" },
        { id: 2, name: "Twin", type: "KUBERNETES_SET_IMAGE" },
        { id: 3, name: "Twin", type: "SLACK" },
      ];
      const none = (): boolean => false;
      assert.deepStrictEqual(chooseAdoption({ adoptActionId: 2 }, body, items, none, "x"), {
        kind: "adopt",
        action: items[1],
      });
      assert.match(JSON.stringify(chooseAdoption({ adopt: true }, body, items, none, "action x")), /found 2 actions x/);
      assert.match(JSON.stringify(chooseAdoption({ adoptActionId: 3 }, body, items, none, "x")), /of type SLACK/);
      assert.match(
        JSON.stringify(chooseAdoption({ adoptActionId: 2 }, body, items, (id) => id === 2, "x")),
        /already taken/,
      );
      assert.deepStrictEqual(chooseAdoption({ adoptActionId: 9 }, body, items, none, "x"), {
        kind: "by-id-unlisted",
        actionId: 9,
      });
    });
  });

  describe("the look at the pipeline before a create (check, so `pulumi preview`)", () => {
    it("says which action adoption will take; the create then reuses the survey's listing (the other is the recovery record's)", async () => {
      const legacy = buddy.commit({ ...fx.seed000Body, name: "Legacy", disabled: true });
      const news = { ...fx.seed000Inputs, name: "Legacy", adopt: true, __provider: "p" };
      await k8s.check({}, news);
      assert.match(
        lines.join("\n"),
        new RegExp(`will adopt the existing action "Legacy" .*id ${String(legacy.id)}.*disabled: true → false`),
      );
      await k8s.create(news);
      // One listing for the survey, reused by the create; one for check's recovery record (check-record.ts).
      assert.strictEqual(buddy.lists, 2);
    });

    it("warns of a same-named action of the same type that the resource will not manage", async () => {
      const other = buddy.commit({ ...fx.seed000Body, name: "Set image" });
      await k8s.check({}, { ...fx.seed000Inputs, __provider: "p" });
      assert.match(
        lines.join("\n"),
        new RegExp(
          `warn: .*already holds an action "Set image" .*\\(id ${String(other.id)}\\) that this resource will not manage`,
        ),
      );
    });

    it("a resource that exists already (an update, or no change) makes no request", async () => {
      const olds = { ...fx.seed000Inputs, imageTag: "0.9" };
      await k8s.check(olds, { ...fx.seed000Inputs, __provider: "p" });
      assert.strictEqual(buddy.lists, 0);
      assert.deepStrictEqual(lines, []);
    });
  });
});
