/**
 * The client over real HTTP against a scripted local server: retries, the POST contract, rate limits, the
 * shared throttle, timeouts, TLS wiring and redaction. Rate-limit waits run on a virtual clock shared by the client
 * and the server's timestamps; answers that must not come are held, never delayed on a timer.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { BuddyApiError, BuddyClient, ClientOptions, Throttle } from "../../../provider/http";
import { processClient } from "../../../provider/process-client";
import { ProviderConfig } from "../../../provider/config";
import { ScriptServer, errorBody } from "./script-server";
import { refusedUrl } from "../../helpers/ports";
import { ManualClock } from "../../helpers/clock";

const TOKEN = "bdy_integration_Token_9f8e7d6c5b4a";
const ACTION = "/workspaces/w/projects/p/pipelines/1/actions/7";
const ACTIONS = "/workspaces/w/projects/p/pipelines/1/actions";

describe("http client over real HTTP", function () {
  this.timeout(10_000);
  let server: ScriptServer;
  let logs: string[];

  /** A virtual clock for this test, stamping the server's `at` too. */
  function timed(): ManualClock {
    const clock = new ManualClock();
    server.clock = clock;
    return clock;
  }
  const clockOptions = (clock: ManualClock): Partial<ClientOptions> => ({
    now: clock.now.bind(clock),
    sleep: clock.sleep.bind(clock),
  });
  const client = (opts: Partial<ClientOptions> | ManualClock = {}): BuddyClient =>
    opts instanceof ManualClock
      ? client(clockOptions(opts))
      : new BuddyClient({
          baseUrl: server.url,
          token: TOKEN,
          baseDelayMs: 10,
          maxDelayMs: 40,
          timeoutMs: 2000,
          log: (level, message) => logs.push(`${level}: ${message}`),
          ...opts,
        });

  /** Runs `fn`, expects a BuddyApiError, returns it. */
  async function failure(fn: () => Promise<unknown>): Promise<BuddyApiError> {
    try {
      await fn();
    } catch (err) {
      assert.ok(err instanceof BuddyApiError, `expected BuddyApiError, got ${String(err)}`);
      return err;
    }
    assert.fail("expected the call to fail");
  }

  beforeEach(async () => {
    logs = [];
    server = await new ScriptServer().start();
  });
  afterEach(async () => {
    await server.close();
    // The token must not appear in any log line any test produced.
    for (const line of logs) assert.ok(!line.includes(TOKEN), `token in log line: ${line}`);
  });

  describe("requests", () => {
    it("sends Bearer auth, JSON headers, the body and the query string", async () => {
      server.script({ status: 201, body: { id: 7 } }, { status: 200, body: { actions: [] } });
      assert.deepStrictEqual(await client().post(ACTIONS, { name: "a", type: "KUBERNETES_SET_IMAGE" }), { id: 7 });
      await client().get(ACTIONS, { page: 2, per_page: 30 });
      const [post, get] = server.seen;
      assert.strictEqual(post.method, "POST");
      assert.strictEqual(post.headers.authorization, `Bearer ${TOKEN}`);
      assert.strictEqual(post.headers["content-type"], "application/json");
      assert.strictEqual(post.headers.accept, "application/json");
      assert.deepStrictEqual(JSON.parse(post.body), { name: "a", type: "KUBERNETES_SET_IMAGE" });
      assert.strictEqual(get.url, `${ACTIONS}?page=2&per_page=30`);
    });

    it("keeps a self-hosted base path (https://host/api) and trims its trailing slash", async () => {
      server.script({ status: 200, body: { ok: true } });
      await client({ baseUrl: `${server.url}/api/` }).get("/workspaces");
      assert.strictEqual(server.seen[0].url, "/api/workspaces");
    });
  });

  describe("retries of GET, PATCH, DELETE", () => {
    it("GET: 503, 503, then 200 → the body, three requests, retries logged", async () => {
      server.script(
        { status: 503, body: errorBody("Service Unavailable") },
        { status: 503 },
        { status: 200, body: { id: 7 } },
      );
      assert.deepStrictEqual(await client().get(ACTION), { id: 7 });
      assert.strictEqual(server.seen.length, 3);
      assert.match(
        logs[0],
        /^warn: Buddy API GET \/workspaces\/w\/projects\/p\/pipelines\/1\/actions\/7 failed with 503: Service Unavailable, retrying in \d+\.\ds \(attempt 2 of 10\)$/,
      );
      assert.match(logs[1], /\(attempt 3 of 10\)$/);
    });

    it("PATCH: dropped connection, 502, then 200", async () => {
      server.script(
        { drop: true },
        { status: 502, body: "<html>Bad Gateway</html>" },
        { status: 200, body: { id: 7, name: "b" } },
      );
      assert.deepStrictEqual(await client().patch(ACTION, { name: "b" }), { id: 7, name: "b" });
      assert.strictEqual(server.seen.length, 3);
      assert.ok(server.seen.every((r) => r.method === "PATCH" && JSON.parse(r.body).name === "b"));
    });

    it("DELETE: 500 then 204 → deleted; 404 → already-gone; dropped then 404 → already-gone", async () => {
      server.script({ status: 500 }, { status: 204 });
      assert.strictEqual(await client().delete(ACTION), "deleted");
      assert.strictEqual(server.seen.length, 2);
      server.script({ status: 404, body: errorBody("Action not found") });
      assert.strictEqual(await client().delete(ACTION), "already-gone");
      assert.strictEqual(server.seen.length, 3);
      server.script({ drop: true }, { status: 404, body: errorBody("Action not found") });
      assert.strictEqual(await client().delete(ACTION), "already-gone");
      assert.strictEqual(server.seen.length, 5);
    });

    it("bounded attempts: always 503 → a clear error after maxAttempts", async () => {
      server.handle(() => ({ status: 503, body: errorBody("Service Unavailable") }));
      const e = await failure(() => client({ maxAttempts: 3 }).get(ACTION));
      assert.strictEqual(server.seen.length, 3);
      assert.match(
        e.message,
        /^Buddy API GET \/workspaces\/w\/projects\/p\/pipelines\/1\/actions\/7 failed after 3 attempts over \d+\.\ds; last error: 503: Service Unavailable$/,
      );
      assert.deepStrictEqual([e.status, e.kind, e.messages], [503, "server", ["Service Unavailable"]]);
    });

    it("bounded total wait: stops retrying once the next wait would pass maxTotalWaitMs", async () => {
      server.handle(() => ({ status: 503 }));
      // Virtual time: each wait moves the clock by exactly its length, and nothing else does.
      let now = 0;
      const sleeps: number[] = [];
      const sleep = async (ms: number): Promise<void> => {
        sleeps.push(ms);
        now += ms;
      };
      const e = await failure(() =>
        client({
          maxAttempts: 50,
          baseDelayMs: 100,
          maxDelayMs: 100,
          random: () => 0.99,
          maxTotalWaitMs: 250,
          now: () => now,
          sleep,
        }).get(ACTION),
      );
      // Waits of 99 ms: after 0 and 99 ms a retry still fits; after 198 ms the next would end at 297 > 250.
      assert.deepStrictEqual(sleeps, [99, 99]);
      assert.strictEqual(server.seen.length, 3);
      assert.match(
        e.message,
        /failed after 3 attempts over 0\.2s \(waiting 0\.1s more would exceed the 0\.3s limit\); last error: 503: /,
      );
    });

    it("connection refused: retried, then a clear error that is not ambiguous (POST included)", async () => {
      const baseUrl = await refusedUrl();
      const e = await failure(() => client({ baseUrl, maxAttempts: 3 }).post(ACTIONS, { name: "a" }));
      assert.match(e.message, /failed after 3 attempts .*last error: connection error ECONNREFUSED/);
      assert.deepStrictEqual([e.kind, e.ambiguous, e.status], ["network", false, undefined]);
      assert.strictEqual(logs.filter((l) => l.includes("retrying")).length, 2);
    });
  });

  describe("never retried", () => {
    const cases: Array<[number, string, string]> = [
      [
        400,
        "You can't change the type of an existing action. To change the type, remove the action and add it again.",
        "validation",
      ],
      [401, "Unauthorized", "not-allowed"],
      [403, "API is disabled in this workspace", "not-allowed"],
      [403, "Only active workspace have access to API", "not-allowed"],
      [404, "Action not found", "not-found"],
      [422, "Invalid value", "validation"],
    ];
    for (const [status, message, kind] of cases) {
      for (const method of ["GET", "PATCH", "POST"] as const) {
        it(`${method} ${status} ${message.slice(0, 30)} → ${kind}, exactly one request`, async () => {
          server.handle(() => ({ status, body: errorBody(message) }));
          const c = client();
          const e = await failure(() =>
            method === "GET"
              ? c.get(ACTION)
              : method === "PATCH"
                ? c.patch(ACTION, { name: "x" })
                : c.post(ACTIONS, { name: "x" }),
          );
          assert.strictEqual(server.seen.length, 1);
          assert.deepStrictEqual(
            [e.status, e.kind, e.ambiguous, e.messages, e.method],
            [status, kind, false, [message], method],
          );
          assert.strictEqual(
            e.message,
            `Buddy API ${method} ${method === "POST" ? ACTIONS : ACTION} failed with ${status}: ${message}` +
              (status === 404
                ? ` (server ${server.url}: check buddy:baseUrl / BUDDY_BASE_URL, the workspace, the projectName and the pipelineId)`
                : status === 401
                  ? " (Buddy refused the token: check buddy:token / BUDDY_TOKEN and that it has not expired)"
                  : ""),
          );
        });
      }
    }

    it("DELETE answered 404 'API is disabled in this workspace' is not-allowed, never already-gone", async () => {
      server.handle(() => ({ status: 404, body: errorBody("API is disabled in this workspace") }));
      const e = await failure(() => client().delete(ACTION));
      assert.strictEqual(e.kind, "not-allowed");
      assert.strictEqual(server.seen.length, 1);
    });

    it("several messages are joined with '; '", async () => {
      server.script({ status: 400, body: errorBody("name is required", "namespace is required") });
      const e = await failure(() => client().post(ACTIONS, {}));
      assert.match(e.message, /failed with 400: name is required; namespace is required$/);
    });
  });

  describe("POST after an ambiguous failure", () => {
    it("500 → ambiguous, exactly one request", async () => {
      server.handle(() => ({ status: 500, body: errorBody("Internal error") }));
      const e = await failure(() => client().post(ACTIONS, { name: "a" }));
      assert.strictEqual(server.seen.length, 1);
      assert.deepStrictEqual([e.status, e.kind, e.ambiguous], [500, "server", true]);
      assert.match(e.message, /failed with 500: Internal error; the request may have been applied by the server$/);
    });

    it("connection dropped after the request was sent → ambiguous, exactly one request", async () => {
      server.handle(() => ({ drop: true }));
      const e = await failure(() => client().post(ACTIONS, { name: "a" }));
      assert.strictEqual(server.seen.length, 1);
      assert.deepStrictEqual([e.status, e.kind, e.ambiguous], [undefined, "network", true]);
      assert.match(e.message, /failed: connection error ECONNRESET/);
    });

    it("timeout → ambiguous, exactly one request", async () => {
      server.handle(() => ({ status: 201, body: { id: 1 }, hold: true }));
      const e = await failure(() => client({ timeoutMs: 80 }).post(ACTIONS, { name: "a" }));
      assert.strictEqual(server.seen.length, 1);
      assert.deepStrictEqual([e.kind, e.ambiguous], ["timeout", true]);
      assert.match(e.message, /failed: no response within 0\.1s; the request may have been applied/);
    });

    it("429 → retried after the wait (the server did not apply it)", async () => {
      const clock = timed();
      server.script(
        { status: 429, body: errorBody("Too many requests"), headers: { "Retry-After": "0.2" } },
        { status: 201, body: { id: 9 } },
      );
      const started = clock.now();
      const posting = client(clock).post(ACTIONS, { name: "a" });
      assert.ok((await clock.nextSleep()) >= 200);
      assert.strictEqual(server.seen.length, 1, "retried before the wait");
      assert.deepStrictEqual(await clock.runUntil(posting), { id: 9 });
      assert.strictEqual(server.seen.length, 2);
      assert.ok(server.seen[1].at - started >= 200, `${server.seen[1].at - started}ms`);
    });
  });

  describe("rate limits", () => {
    it("429 waits until X-Rate-Limit-Reset (Unix seconds) before retrying, and logs the wait", async () => {
      const clock = timed();
      const reset = Math.floor(clock.now() / 1000) + 1;
      server.script(
        {
          status: 429,
          body: errorBody("Rate limit exceeded"),
          headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": String(reset) },
        },
        { status: 200, body: { id: 7 } },
      );
      await clock.runUntil(client(clock).get(ACTION));
      assert.strictEqual(server.seen.length, 2);
      assert.ok(server.seen[1].at >= reset * 1000, `retried ${reset * 1000 - server.seen[1].at}ms early`);
      assert.match(
        logs[0],
        /^info: Buddy API rate limit reached; waiting \d\.\ds until the window resets \(GET \/workspaces\/w\/projects\/p\/pipelines\/1\/actions\/7\)$/,
      );
    });

    it("429 with a fractional reset: the retry waits at least until the announced reset", async () => {
      const clock = timed();
      const resetMs = clock.now() + 300;
      server.script(
        { status: 429, headers: { "X-Rate-Limit-Reset": String(resetMs / 1000) } },
        { status: 200, body: {} },
      );
      await clock.runUntil(client(clock).patch(ACTION, { name: "a" }));
      assert.ok(server.seen[1].at >= resetMs - 1, `${resetMs - server.seen[1].at}ms early`);
    });

    it("the throttle holds requests when Remaining hits 0: the server sees no more than its limit before the reset", async () => {
      const clock = timed();
      const limit = 3;
      const windowEnd = clock.now() + 600;
      let used = 0;
      let tooMany = 0;
      server.handle((req) => {
        const inWindow = req.at < windowEnd;
        if (inWindow) used += 1;
        if (inWindow && used > limit) {
          tooMany += 1;
          return {
            status: 429,
            headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": String(windowEnd / 1000) },
          };
        }
        const remaining = inWindow ? limit - used : 100;
        const reset = inWindow ? windowEnd : clock.now() + 60_000;
        return {
          status: 200,
          body: { ok: true },
          headers: { "X-Rate-Limit-Remaining": String(remaining), "X-Rate-Limit-Reset": String(reset / 1000) },
        };
      });
      const c = client(clock);
      await c.get("/first"); // learns: 2 left until windowEnd
      const all = Promise.all([1, 2, 3, 4, 5, 6].map((i) => c.get(`/op/${i}`)));
      // The throttle holds the rest (a sleep on the clock) and the two it let through arrive, all before time moves.
      await clock.waitForSleepers(1);
      await server.until(() => server.seen.length >= limit);
      await clock.runUntil(all);
      const beforeReset = server.seen.filter((r) => r.at < windowEnd).length;
      assert.strictEqual(tooMany, 0, "the server had to answer 429");
      assert.strictEqual(beforeReset, limit);
      assert.strictEqual(server.seen.length, 7);
      assert.strictEqual(logs.filter((l) => l.includes("rate limit reached")).length, 1);
    });

    it("a 429 from one request holds the other requests sharing the throttle", async () => {
      const clock = timed();
      const resetMs = clock.now() + 300;
      server.handle((req, i) =>
        i === 0
          ? { status: 429, headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": String(resetMs / 1000) } }
          : { status: 200, body: {} },
      );
      const throttle = new Throttle({ now: clock.now.bind(clock), sleep: clock.sleep.bind(clock) });
      const a = client({ throttle, ...clockOptions(clock) });
      const b = client({ throttle, ...clockOptions(clock) });
      const first = a.get("/a");
      await clock.waitForSleepers(1); // a's 429 has been observed: a waits for the reset
      const others = [b.get("/b"), b.get("/c")];
      await clock.waitForSleepers(2); // the throttle holds b's requests (a broken hold would send them: no sleep)
      assert.strictEqual(server.seen.length, 1);
      await clock.runUntil(Promise.all([first, ...others]));
      assert.ok(
        server.seen.slice(1).every((r) => r.at >= resetMs - 1),
        "a request went out before the reset",
      );
    });

    it("caps concurrency across all requests sharing a throttle", async () => {
      server.handle(() => ({ status: 200, body: {}, hold: true }));
      const throttle = new Throttle({ maxConcurrent: 3 });
      const c = client({ throttle });
      const all = Promise.all(Array.from({ length: 15 }, (_, i) => c.get(`/x/${i}`)));
      // Answer one held request whenever as many as the cap allow are waiting at the server: one until the first
      // answer (the throttle knows nothing about the limit yet), then 3, then the last ones.
      for (let answered = 0; answered < 15; answered++) {
        await server.until(() => server.active >= (answered === 0 ? 1 : Math.min(3, 15 - answered)));
        server.release();
      }
      await all;
      assert.strictEqual(server.seen.length, 15);
      assert.strictEqual(server.maxActive, 3);
    });
  });

  describe("timeouts", () => {
    it("a slow response times out per attempt, GET is retried, then a clear error", async () => {
      // The server never answers: only the client's 60 ms timeout can end the call.
      server.handle(() => ({ status: 200, body: {}, hold: true }));
      const e = await failure(() => client({ timeoutMs: 60, maxAttempts: 2 }).get(ACTION));
      assert.strictEqual(server.seen.length, 2);
      assert.deepStrictEqual([e.kind, e.status], ["timeout", undefined]);
      assert.match(e.message, /failed after 2 attempts over .*; last error: no response within 0\.1s/);
    });

    it("a slow-then-fast server succeeds on the retry", async () => {
      server.script({ status: 200, body: { slow: true }, hold: true }, { status: 200, body: { slow: false } });
      assert.deepStrictEqual(await client({ timeoutMs: 80 }).get(ACTION), { slow: false });
    });
  });

  describe("bad responses", () => {
    it("non-JSON error body: status, method, path and a short snippet", async () => {
      server.script({ status: 400, body: `<html><h1>Bad request</h1>${"x".repeat(500)}</html>` });
      const e = await failure(() => client().patch(ACTION, {}));
      assert.match(
        e.message,
        /^Buddy API PATCH \S+ failed with 400: unexpected response \(not JSON\): "<html><h1>Bad request<\/h1>x+…"$/,
      );
      assert.ok(e.message.length < 320);
    });

    it("JSON without errors", async () => {
      server.script({ status: 404, body: { message: "nope" } });
      const e = await failure(() => client().get(ACTION));
      assert.strictEqual(
        e.message,
        `Buddy API GET ${ACTION} failed with 404: response carried no error message: "{\\"message\\":\\"nope\\"}" ` +
          `(server ${server.url}: check buddy:baseUrl / BUDDY_BASE_URL, the workspace, the projectName and the pipelineId)`,
      );
      assert.strictEqual(e.kind, "not-found");
    });

    it("2xx with a body that is not JSON", async () => {
      server.script({ status: 201, body: "created!" });
      const e = await failure(() => client().post(ACTIONS, {}));
      assert.match(e.message, /returned 201 with a body that is not JSON: "created!"/);
      assert.strictEqual(e.ambiguous, true);
    });
  });

  describe("the token never leaks", () => {
    it("not from an error body echoing the Authorization header, nor from retry log lines", async () => {
      const echo = (req: { headers: Record<string, unknown> }) =>
        errorBody(`bad credentials: ${String(req.headers.authorization)} (token ${TOKEN})`);
      server.handle((req, i) => (i < 2 ? { status: 503, body: echo(req) } : { status: 401, body: echo(req) }));
      const e = await failure(() => client().get(ACTION));
      server.handle((req) => ({
        status: 500,
        body: `raw ${TOKEN} Authorization: ${String(req.headers.authorization)}`,
      }));
      const e2 = await failure(() => client().post(ACTIONS, {}));
      for (const err of [e, e2]) {
        const all = [err.message, String(err.stack), ...err.messages, JSON.stringify(err)].join("\n");
        assert.ok(!all.includes(TOKEN), all);
        assert.ok(!/Bearer bdy_/.test(all), all);
      }
      assert.match(e.message, /bad credentials: Bearer \[redacted\] \(token \[redacted\]\)/);
      assert.ok(logs.length >= 2);
      assert.ok(logs.every((l) => !l.includes(TOKEN)));
    });
  });

  describe("listAll", () => {
    const items = Array.from({ length: 45 }, (_, i) => ({ id: i + 1 }));
    const pager =
      (cap: number, ignorePage = false) =>
      (req: { url: string }) => {
        const u = new URL(req.url, "http://x");
        const perPage = Math.min(cap, Number(u.searchParams.get("per_page")));
        const page = ignorePage ? 1 : Number(u.searchParams.get("page"));
        return { status: 200, body: { url: "u", actions: items.slice((page - 1) * perPage, page * perPage) } };
      };

    it("follows pages until a short one", async () => {
      server.handle(pager(1000));
      assert.deepStrictEqual(await client().listAll(ACTIONS, "actions", 20), items);
      assert.deepStrictEqual(
        server.seen.map((r) => new URL(r.url, "http://x").searchParams.get("page")),
        ["1", "2", "3"],
      );
    });

    it("does not stop early when the server caps per_page below what was asked", async () => {
      server.handle(pager(10));
      assert.deepStrictEqual(await client().listAll(ACTIONS, "actions", 100), items);
    });

    it("stops when the server ignores `page`", async () => {
      server.handle(pager(1000, true));
      assert.deepStrictEqual(await client().listAll(ACTIONS, "actions", 100), items);
      assert.strictEqual(server.seen.length, 2);
    });

    it("paging ignored while the list grows between pages: each item once, ends one page after the last new one", async () => {
      // Sibling creates add an action between two GETs: page 2 is longer than page 1, and every later page repeats
      // page 2 (what sent 10,000 GETs for one create before).
      const list = items.slice(0, 4);
      server.handle(() => {
        if (server.seen.length === 2) list.push({ id: 99 });
        return { status: 200, body: { actions: list } };
      });
      assert.deepStrictEqual(await client().listAll(ACTIONS, "actions", 100), [...items.slice(0, 4), { id: 99 }]);
      assert.strictEqual(server.seen.length, 3);
    });

    it("a body without the list is a clear error", async () => {
      server.script({ status: 200, body: { things: [] } });
      const e = await failure(() => client().listAll(ACTIONS, "actions"));
      assert.match(e.message, /returned no "actions" list/);
    });
  });

  describe("TLS", () => {
    const fixtures = path.join(__dirname, "fixtures");
    const tls = {
      key: fs.readFileSync(path.join(fixtures, "selfsigned-key.pem"), "utf8"),
      cert: fs.readFileSync(path.join(fixtures, "selfsigned-cert.pem"), "utf8"),
    };

    it("verifies certificates unless insecure is set, per client, without touching NODE_TLS_REJECT_UNAUTHORIZED", async () => {
      await server.close();
      server = await new ScriptServer().start(tls);
      server.handle(() => ({ status: 200, body: { ok: true } }));
      const e = await failure(() => client().get("/x"));
      assert.strictEqual(e.kind, "network");
      assert.match(e.message, /buddy:insecure/);
      assert.strictEqual(server.seen.length, 0);
      assert.deepStrictEqual(await client({ insecure: true }).get("/x"), { ok: true });
      assert.ok(client({ insecure: true }).verifiesTls === false && client().verifiesTls === true);
      await failure(() => client().get("/x")); // the insecure client changed nothing for others
      assert.strictEqual(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined);
    });
  });

  describe("processClient", () => {
    /** What the provider process's log wrote to stderr (each line one CLI message; log.ts) while `work` ran. */
    async function stderrOf(work: () => Promise<unknown>): Promise<string[]> {
      const written: string[] = [];
      const original = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
      try {
        await work();
      } finally {
        process.stderr.write = original;
      }
      return written;
    }

    it("one client per configuration, logging to the provider process's log (stderr) with redaction", async () => {
      const config = ProviderConfig.withValues({ baseUrl: server.url, token: TOKEN });
      const a = processClient(config.current());
      assert.strictEqual(processClient(config.current()), a);
      assert.strictEqual(processClient(config.current()).throttle, a.throttle);
      server.script({ status: 503, body: errorBody(`echo ${TOKEN}`) }, { status: 200, body: { id: 1 } });
      // Default delays: the first retry waits at most 0.5s.
      const lines = await stderrOf(async () => assert.deepStrictEqual(await a.get("/y"), { id: 1 }));
      assert.strictEqual(lines.length, 1, lines.join(""));
      assert.match(lines[0], /^warning: Buddy API GET \/y failed with 503: echo \[redacted\], retrying in/);
      const other = ProviderConfig.withValues({ baseUrl: server.url, token: `${TOKEN}-other` });
      assert.notStrictEqual(processClient(other.current()), a);
    });

    it("a missing token is a clear error", () => {
      const saved = process.env.BUDDY_TOKEN;
      delete process.env.BUDDY_TOKEN;
      try {
        assert.throws(() => processClient(new ProviderConfig().current()), /buddy:token.*BUDDY_TOKEN/);
      } finally {
        if (saved !== undefined) process.env.BUDDY_TOKEN = saved;
      }
    });
  });
});
