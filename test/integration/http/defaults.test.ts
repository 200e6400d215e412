/**
 * The client's defaults that README promises and users rely on, proven on a client built with no options but its
 * endpoint and token: a 30 s timeout per request (in virtual time: Node's mock timers, no 30 s wait) and at most
 * 8 requests in flight (a server that holds every request until the test lets it go).
 */
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { mock } from "node:test";
import { BuddyApiError, BuddyClient } from "../../../provider/http";

/** A server that answers nothing until `releaseAll`, and resolves `reached(n)` once n requests are open at once. */
class HoldingServer {
  url = "";
  open = 0;
  maxOpen = 0;
  private released = false;
  private readonly held: http.ServerResponse[] = [];
  private readonly waiters: Array<{ n: number; resolve: () => void }> = [];
  private readonly server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (this.released || req.url === "/warm-up") return void answer(res);
      this.open += 1;
      this.maxOpen = Math.max(this.maxOpen, this.open);
      res.on("close", () => {
        this.open -= 1;
      });
      this.held.push(res);
      for (const w of this.waiters.filter((x) => this.open >= x.n)) w.resolve();
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  reached(n: number): Promise<void> {
    return this.open >= n ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  /** Answers every held request, and every later one as it comes. */
  releaseAll(): void {
    this.released = true;
    for (const res of this.held.splice(0)) answer(res);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A 200 with a rate-limit budget far above what the tests send, so no pacing or hold is ever involved. */
function answer(res: http.ServerResponse): void {
  res
    .writeHead(200, {
      "Content-Type": "application/json",
      "X-Rate-Limit-Limit": "1000",
      "X-Rate-Limit-Remaining": "999",
      "X-Rate-Limit-Reset": String(Math.floor(Date.now() / 1000) + 60),
    })
    .end("{}");
}

/** Lets pending I/O callbacks and promise continuations run. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("http client defaults", function () {
  this.timeout(20_000);
  let server: HoldingServer;
  beforeEach(async () => {
    server = await new HoldingServer().start();
  });
  afterEach(async () => {
    mock.timers.reset();
    await server.close();
  });

  it("a request without an answer times out after 30 s, not before", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    // One attempt, so the retry's backoff (also a setTimeout) does not need ticking too.
    const client = new BuddyClient({ baseUrl: server.url, token: "t0ken-defaults", maxAttempts: 1 });
    let settled: unknown;
    const request = client.get("/workspaces").then(
      () => (settled = "answered"),
      (err: unknown) => (settled = err),
    );
    await server.reached(1); // the request is on the server, so its timer is set
    mock.timers.tick(29_999);
    await turn();
    assert.strictEqual(settled, undefined, "still waiting at 29.999 s");
    mock.timers.tick(1);
    await request;
    const outcome = settled as unknown; // set by the callbacks above, which TypeScript's narrowing cannot see
    assert.ok(outcome instanceof BuddyApiError, String(outcome));
    assert.strictEqual(outcome.kind, "timeout");
    assert.match(outcome.message, /no response within 30\.0s/);
  });

  it("at most 8 requests are in flight at once; the others wait their turn and all complete", async () => {
    const client = new BuddyClient({ baseUrl: server.url, token: "t0ken-defaults" });
    await client.get("/warm-up"); // the client has seen the server's (ample) rate-limit budget
    const requests = Array.from({ length: 12 }, (_, i) => client.get(`/workspaces/w${i}`));
    await server.reached(8);
    for (let i = 0; i < 5; i++) await turn();
    assert.strictEqual(client.throttle.inFlight, 8, "the client holds 8 slots and queues the rest");
    assert.strictEqual(server.open, 8);
    server.releaseAll();
    await Promise.all(requests);
    assert.strictEqual(server.maxOpen, 8);
  });
});
