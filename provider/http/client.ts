/**
 * The one HTTP client every provider method uses to talk to Buddy.
 *
 * Retry contract (what the engine can rely on):
 * - GET, PATCH and DELETE are retried on 429, 5xx, timeouts and transient network errors, with exponential
 *   backoff and full jitter, bounded by `maxAttempts` and by `maxTotalWaitMs` of wall time from the first
 *   attempt; then a BuddyApiError says how many attempts were made and what the last failure was. They are safe
 *   to repeat: GET reads, PATCH sets the same fields to the same values, DELETE of a deleted action is a 404,
 *   which `delete()` reports as "already-gone".
 * - POST creates an action, and repeating a POST the server already applied makes a duplicate. So POST is
 *   retried only when the server surely did not apply it: a 429 (refused by the rate limiter) or a connection
 *   that was never established (ECONNREFUSED, DNS temporarily failing, unreachable network). After an ambiguous
 *   failure (timeout, connection dropped after the request was sent, 5xx) it throws BuddyApiError with
 *   `ambiguous: true` and does NOT retry: the caller must look in the pipeline for the action it was creating
 *   before deciding to POST again.
 * - 400/401/403/404/422 (and every other non-429 4xx) are never retried.
 * - On 429 the client waits until X-Rate-Limit-Reset (or Retry-After) and tells the shared Throttle, so every
 *   other request in the process waits too.
 * Every message the client produces (errors and log lines) passes through `redact`.
 */
import * as http from "http";
import * as https from "https";
import fetch, { Headers, RequestInit } from "node-fetch";
import {
  backoffDelay,
  parseRateLimitLimit,
  parseRateLimitRemaining,
  parseRateLimitReset,
  parseRetryAfter,
  rateLimitWait,
  sleep,
} from "./backoff";
import {
  ApiErrorKind,
  BuddyApiError,
  HttpMethod,
  NetworkFailure,
  classifyNetworkError,
  classifyStatus,
  errorMessagesFromBody,
  bodySnippet,
  isNotAllowedMessage,
} from "./errors";
import { scopesForRequest } from "./scopes";
import { redact, registerSecret } from "./redact";
import { readAllPages } from "./listing";
import { Throttle } from "./throttle";

/** Pages one listing reads at most (100,000 items at 100 a page): a server whose pages never end is an error. */
const MAX_LIST_PAGES = 1000;

export interface ClientOptions {
  /** e.g. https://api.buddy.works, https://api.eu.buddy.works, https://host/api (no trailing slash needed). */
  baseUrl: string;
  token: string;
  /** Skip TLS certificate verification for this client only (self-hosted Buddy without a signed certificate). */
  insecure?: boolean;
  /** Per-attempt limit from sending the request to having read the whole response. Default 30000. */
  timeoutMs?: number;
  /**
   * Attempts in all, first included. Default 10: an IaC run that gives up leaves the user to re-run it, so the
   * client is persistent, while `maxTotalWaitMs` still bounds the whole wait. At a 20% fault rate, 6 attempts
   * failed about one request in 15,000 (measured: ~1 fault run in 10 of 1,000 requests lost one); 10, one in 10^7.
   */
  maxAttempts?: number;
  /** No retry is started once this much wall time has passed since the first attempt. Default 120000. */
  maxTotalWaitMs?: number;
  /** First backoff ceiling; doubles per retry. Default 500. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 20000. */
  maxDelayMs?: number;
  /** Longest wait for a rate-limit window to reset after a 429. Default 60000. */
  maxRateLimitWaitMs?: number;
  log?: (level: "info" | "warn", message: string) => void;
  /**
   * Called for each retry with a short cause ("503", "ECONNREFUSED", "rate limit"); returning true means it was
   * recorded elsewhere (retry-report.ts: one line per resource operation) and the client logs nothing for it.
   */
  reportRetry?: (cause: string) => boolean;
  /**
   * Attempts in all when the connection is refused (nothing listens at the address). Default 3: a refused
   * connection is rarely transient, and 10 attempts made an unreachable endpoint take over a minute to fail.
   */
  maxRefusedAttempts?: number;
  /** Shared per process (see processClient); a client without one gets its own. */
  throttle?: Throttle;
  /** Injectable randomness for jitter (tests). */
  random?: () => number;
  /** The clock for everything timed here (retry bounds, rate-limit resets, the default throttle). Default Date.now. */
  now?: () => number;
  /** Waits on that clock (retries, and the default throttle's holds). Default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** What one attempt produced. */
type Outcome =
  | { type: "response"; status: number; headers: Headers; text: string }
  | { type: "network"; failure: NetworkFailure; message: string }
  | { type: "timeout" };

/** A failed attempt, classified. */
interface Failure {
  status?: number;
  kind: ApiErrorKind;
  messages: string[];
  /** "503: Service Unavailable", "connection error ECONNRESET (socket hang up)", ... */
  cause: string;
  ambiguous: boolean;
  retry: boolean;
  /** For 429: how long the server asked us to wait. */
  rateLimitWaitMs?: number;
  /** Network errors: Node's code (ECONNREFUSED, ECONNRESET, ...); "timeout" for a timeout. */
  code?: string;
}

const USER_AGENT = "pulumi-buddy-actions";

/**
 * What to do about a 401 or 403: a 401 is a token Buddy does not accept; a 403 that is not "API disabled" or
 * "suspended" is a missing scope, and the hint names the scopes this request needs (scopes.ts).
 */
function notAllowedHint(method: HttpMethod, path: string, f: Failure): string {
  if (f.kind !== "not-allowed") return "";
  if (f.status === 401)
    return " (Buddy refused the token: check buddy:token / BUDDY_TOKEN and that it has not expired)";
  if (f.status !== 403 || f.messages.some(isNotAllowedMessage)) return "";
  const scopes = scopesForRequest(method, path);
  return scopes === undefined ? "" : ` (this request needs the token scopes ${scopes})`;
}

/** 1234 → "1.2s": one format for every duration in messages. */
function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export class BuddyClient {
  readonly baseUrl: string;
  readonly throttle: Throttle;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxTotalWaitMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly logFn: ((level: "info" | "warn", message: string) => void) | undefined;
  private readonly reportRetry: ((cause: string) => boolean) | undefined;
  private readonly maxRefusedAttempts: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly agent: http.Agent;

  constructor(opts: ClientOptions) {
    if (!opts.token) throw new Error("BuddyClient needs a token (buddy:token / BUDDY_TOKEN)");
    registerSecret(opts.token);
    this.token = opts.token;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    const protocol = new URL(this.baseUrl).protocol;
    // A dedicated agent per client: the insecure switch must affect this client only, never the process
    // (NODE_TLS_REJECT_UNAUTHORIZED is never touched).
    this.agent =
      protocol === "https:"
        ? new https.Agent({ keepAlive: true, rejectUnauthorized: opts.insecure !== true })
        : new http.Agent({ keepAlive: true });
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 10);
    this.maxTotalWaitMs = opts.maxTotalWaitMs ?? 120_000;
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.maxDelayMs = opts.maxDelayMs ?? 20_000;
    this.maxRateLimitWaitMs = opts.maxRateLimitWaitMs ?? 60_000;
    this.logFn = opts.log;
    this.reportRetry = opts.reportRetry;
    this.maxRefusedAttempts = Math.max(1, opts.maxRefusedAttempts ?? 3);
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? sleep;
    this.throttle = opts.throttle ?? new Throttle({ log: opts.log, now: this.now, sleep: this.sleep });
  }

  /** Closes this client's idle connections (a short-lived client must not keep its process alive). */
  close(): void {
    this.agent.destroy();
  }

  /** Whether TLS certificates are verified by this client. */
  get verifiesTls(): boolean {
    return !(this.agent instanceof https.Agent) || this.agent.options.rejectUnauthorized !== false;
  }

  get<T>(path: string, query?: Record<string, string | number>): Promise<T> {
    return this.request<T>("GET", path, undefined, query);
  }

  /** Not retried after an ambiguous failure: see the contract at the top of this file. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", path, body);
  }

  /** 204 (or any 2xx) → "deleted"; 404 → "already-gone", also when a retry after a dropped connection sees 404. */
  async delete(path: string): Promise<"deleted" | "already-gone"> {
    try {
      await this.request<unknown>("DELETE", path);
      return "deleted";
    } catch (err) {
      if (err instanceof BuddyApiError && err.kind === "not-found") return "already-gone";
      throw err;
    }
  }

  /**
   * Every item of `key` across pages (`page` from 1, `per_page`), each once by `id`, in a bounded number of
   * requests whatever the server does with the paging parameters: see listing.ts.
   */
  async listAll<T>(path: string, key: string, perPage = 100): Promise<T[]> {
    const read = async (page: number, size: number): Promise<T[]> => {
      const body = await this.get<Record<string, unknown>>(path, { page, per_page: size });
      const list = body?.[key];
      if (!Array.isArray(list)) {
        throw new BuddyApiError({
          method: "GET",
          path,
          kind: "server",
          ambiguous: false,
          detail: `returned no "${key}" list: ${bodySnippet(JSON.stringify(body ?? null))}`,
        });
      }
      return list as T[];
    };
    const idOf = (item: T): unknown =>
      typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
    const { items } = await readAllPages(read, { perPage, maxPages: MAX_LIST_PAGES, idOf, label: `GET ${path}` });
    return items;
  }

  private log(level: "info" | "warn", message: string): void {
    this.logFn?.(level, redact(message, [this.token]));
  }

  private async request<T>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    query?: Record<string, string | number>,
  ): Promise<T> {
    if (!path.startsWith("/")) throw new Error(`Buddy API path must start with "/": ${redact(path)}`);
    const label = `${method} ${path}`;
    const search = query
      ? new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()
      : "";
    const url = `${this.baseUrl}${path}${search ? `?${search}` : ""}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = this.now();

    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(method, url, label, payload);
      if (outcome.type === "response" && outcome.status >= 200 && outcome.status < 300) {
        return this.parseSuccess<T>(method, path, outcome.status, outcome.text);
      }
      const failure = this.classify(method, outcome);
      if (!failure.retry) throw this.toError(method, path, failure);

      const delay =
        failure.rateLimitWaitMs !== undefined
          ? // Small jitter so the requests released at the reset do not all arrive in the same millisecond.
            failure.rateLimitWaitMs + Math.floor(this.random() * Math.min(250, this.baseDelayMs))
          : backoffDelay(attempt, this.baseDelayMs, this.maxDelayMs, this.random);
      const elapsed = this.now() - started;
      const maxAttempts =
        failure.code === "ECONNREFUSED" ? Math.min(this.maxAttempts, this.maxRefusedAttempts) : this.maxAttempts;
      if (attempt >= maxAttempts || elapsed + delay > this.maxTotalWaitMs) {
        const why =
          attempt >= maxAttempts
            ? ""
            : ` (waiting ${secs(delay)} more would exceed the ${secs(this.maxTotalWaitMs)} limit)`;
        throw this.toError(
          method,
          path,
          failure,
          `failed after ${attempt} attempt${attempt === 1 ? "" : "s"} over ${secs(elapsed)}${why}; last error: ${failure.cause}`,
        );
      }
      const cause =
        failure.kind === "rate-limited" ? "rate limit" : (failure.code ?? String(failure.status ?? failure.kind));
      // Counted for the resource operation's one summary line (retry-report.ts) when there is one; else one line here.
      if (this.reportRetry?.(cause) !== true) {
        if (failure.kind === "rate-limited") {
          this.log("info", `Buddy API rate limit reached; waiting ${secs(delay)} until the window resets (${label})`);
        } else {
          this.log(
            "warn",
            `Buddy API ${label} failed ${failure.status !== undefined ? "with " : ": "}${failure.cause}, retrying in ${secs(delay)} (attempt ${attempt + 1} of ${maxAttempts})`,
          );
        }
      }
      await this.sleep(delay);
    }
  }

  /** One request: throttle slot, timeout covering the whole exchange (body included), never throws. */
  private async attempt(method: HttpMethod, url: string, label: string, payload: string | undefined): Promise<Outcome> {
    const release = await this.throttle.acquire(label);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const init: RequestInit = {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: "application/json",
          "Content-Type": "application/json",
          "User-Agent": USER_AGENT,
        },
        body: payload,
        agent: this.agent,
        // node-fetch 2 declares its own AbortSignal type; Node's global one is what it actually checks for.
        signal: controller.signal as unknown as RequestInit["signal"],
        redirect: "manual", // a redirect would resend the Authorization header to wherever it points
      };
      const res = await fetch(url, init);
      const text = await res.text();
      const now = this.now();
      const resetAtMs = parseRateLimitReset(res.headers, now);
      this.throttle.observe({
        limit: parseRateLimitLimit(res.headers),
        remaining: parseRateLimitRemaining(res.headers),
        resetAtMs,
      });
      if (res.status === 429 && resetAtMs === undefined) {
        const until = parseRetryAfter(res.headers, now);
        if (until !== undefined) this.throttle.holdUntilTime(Math.min(until, now + this.maxRateLimitWaitMs));
      }
      return { type: "response", status: res.status, headers: res.headers, text };
    } catch (err) {
      if (controller.signal.aborted) return { type: "timeout" };
      return {
        type: "network",
        failure: classifyNetworkError(err),
        message: err instanceof Error ? err.message : String(err),
      };
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  private classify(method: HttpMethod, outcome: Outcome): Failure {
    const idempotent = method !== "POST";
    if (outcome.type === "timeout") {
      return {
        kind: "timeout",
        code: "timeout",
        messages: [],
        cause: `no response within ${secs(this.timeoutMs)}`,
        ambiguous: true,
        retry: idempotent,
      };
    }
    if (outcome.type === "network") {
      const { failure } = outcome;
      const tlsHint = /cert|self.signed|ssl|tls/i.test(`${failure.code} ${outcome.message}`)
        ? " (TLS certificate not trusted; for a self-hosted server with its own certificate set buddy:insecure / BUDDY_INSECURE=true)"
        : "";
      return {
        kind: "network",
        code: failure.code,
        messages: [],
        cause: `connection error ${failure.code} (${outcome.message})${tlsHint}`,
        ambiguous: failure.maybeSent,
        retry: failure.retryable && (idempotent || !failure.maybeSent),
      };
    }
    const { status, text, headers } = outcome;
    const { messages, detail } = errorMessagesFromBody(text);
    const kind = classifyStatus(status, messages);
    const cause = `${status}: ${detail}`;
    if (kind === "rate-limited") {
      // The rate limiter refused the request before it was applied: safe to repeat, POST included.
      const wait = rateLimitWait(headers, this.maxRateLimitWaitMs, this.now());
      return { status, kind, messages, cause, ambiguous: false, retry: true, rateLimitWaitMs: wait };
    }
    if (kind === "server") return { status, kind, messages, cause, ambiguous: true, retry: idempotent };
    if (status >= 300 && status < 400) {
      const detail3xx = `${status}: unexpected redirect to ${headers.get("location") ?? "(no location)"}; check buddy:baseUrl`;
      return { status, kind: "validation", messages, cause: detail3xx, ambiguous: false, retry: false };
    }
    return { status, kind, messages, cause, ambiguous: false, retry: false };
  }

  private toError(method: HttpMethod, path: string, f: Failure, detail?: string): BuddyApiError {
    // A 404 names the server it came from and what to check: a wrong base URL answers 404 to every path, and a
    // wrong workspace, project or pipeline id reads the same as a deleted one.
    const suffix =
      f.ambiguous && method !== "GET"
        ? "; the request may have been applied by the server"
        : f.kind === "not-found"
          ? ` (server ${this.baseUrl}: check buddy:baseUrl / BUDDY_BASE_URL, the workspace, the projectName and the pipelineId)`
          : notAllowedHint(method, path, f);
    return new BuddyApiError({
      status: f.status,
      method,
      path,
      messages: f.messages,
      kind: f.kind,
      ambiguous: f.ambiguous,
      detail: redact((detail ?? (f.status !== undefined ? `failed with ${f.cause}` : `failed: ${f.cause}`)) + suffix, [
        this.token,
      ]),
    });
  }

  private parseSuccess<T>(method: HttpMethod, path: string, status: number, text: string): T {
    if (status === 204 || text.trim() === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      // The server answered 2xx, so a write was applied: ambiguous for the caller's bookkeeping.
      throw new BuddyApiError({
        status,
        method,
        path,
        kind: "server",
        ambiguous: method !== "GET",
        detail: `returned ${status} with a body that is not JSON: ${bodySnippet(text)}`,
      });
    }
  }
}
