/**
 * A scripted HTTP test double on 127.0.0.1:0. Each test queues the responses it wants (status/body/headers,
 * a delay, or dropping the socket after the request arrived) and then inspects what the server saw.
 */
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * One answer. `hold`: the answer waits until the test calls `release()` (never, for a request that must time out);
 * no answer waits on a real timer, so nothing here depends on how busy the machine is.
 */
export type Step =
  { status: number; body?: unknown; headers?: Record<string, string>; hold?: boolean } | { drop: true; hold?: boolean };

/** Custom answer for tests that need state (rate-limit windows); return a Step. */
export type Handler = (req: SeenRequest, index: number) => Step;

export class ScriptServer {
  readonly seen: SeenRequest[] = [];
  private steps: Step[] = [];
  private handler: Handler | undefined;
  private server: http.Server | undefined;
  /** Requests being handled right now, and the most at once. */
  active = 0;
  maxActive = 0;
  url = "";
  private readonly held: Array<() => void> = [];
  private readonly changed: Array<() => void> = [];

  /** Stamps each request's `at`: the wall clock, or a test's virtual clock. */
  clock: { now(): number } = Date;

  /** Answers the `n` oldest held requests. */
  release(n = 1): void {
    for (const finish of this.held.splice(0, n)) finish();
  }

  /** Resolves when `ready()` holds, checked after every arrival and answer (an event, not a poll). */
  async until(ready: () => boolean): Promise<void> {
    while (!ready()) await new Promise<void>((resolve) => this.changed.push(resolve));
  }

  private notify(): void {
    for (const wake of this.changed.splice(0)) wake();
  }

  script(...steps: Step[]): this {
    this.steps.push(...steps);
    return this;
  }

  handle(handler: Handler): this {
    this.handler = handler;
    return this;
  }

  async start(tls?: { key: string; cert: string }): Promise<this> {
    const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => this.onRequest(req, res);
    this.server = tls ? https.createServer(tls, listener) : http.createServer(listener);
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.held.length = 0;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen: SeenRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: this.clock.now(),
      };
      const index = this.seen.length;
      this.seen.push(seen);
      const step: Step = this.handler ? this.handler(seen, index) : (this.steps.shift() ?? { status: 200, body: {} });
      this.active += 1;
      this.maxActive = Math.max(this.maxActive, this.active);
      const finish = (): void => {
        this.active -= 1;
        this.notify();
        if ("drop" in step) {
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        const text =
          step.body === undefined ? "" : typeof step.body === "string" ? step.body : JSON.stringify(step.body);
        res.writeHead(step.status, { ...(text ? { "Content-Type": "application/json" } : {}), ...step.headers });
        res.end(text);
      };
      if (step.hold) this.held.push(finish);
      else finish();
      this.notify();
    });
  }
}

export function errorBody(...messages: string[]): { errors: { message: string }[] } {
  return { errors: messages.map((message) => ({ message })) };
}
