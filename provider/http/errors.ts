/**
 * The one error type the client throws, and the rules that classify a failure. The engine decides what to do
 * from `kind` and `ambiguous` (e.g. 404 on read = deleted, ambiguous POST = look before creating again), so the
 * classification lives here, next to the HTTP facts, and nowhere else.
 */
import { redact } from "./redact";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type ApiErrorKind =
  "not-found" | "not-allowed" | "validation" | "rate-limited" | "server" | "network" | "timeout";

interface BuddyApiErrorInit {
  status?: number;
  method: HttpMethod;
  path: string;
  messages?: string[];
  kind: ApiErrorKind;
  ambiguous: boolean;
  /** Full human-readable detail after "failed ...": the constructor prefixes method and path. */
  detail: string;
}

export class BuddyApiError extends Error {
  /** HTTP status; undefined for network errors and timeouts. */
  readonly status: number | undefined;
  readonly method: HttpMethod;
  /** The request path, without base URL and without query string. */
  readonly path: string;
  /** Buddy's `errors[].message`, verbatim but redacted. */
  readonly messages: string[];
  readonly kind: ApiErrorKind;
  /** True when the server may have applied the request (timeout, dropped connection, 5xx after sending). */
  readonly ambiguous: boolean;

  constructor(init: BuddyApiErrorInit) {
    super(redact(`Buddy API ${init.method} ${init.path} ${init.detail}`));
    this.name = "BuddyApiError";
    this.status = init.status;
    this.method = init.method;
    this.path = redact(init.path);
    this.messages = (init.messages ?? []).map((m) => redact(m));
    this.kind = init.kind;
    this.ambiguous = init.ambiguous;
  }
}

/**
 * Answers that mean "this token may not use the API here", whatever status they come with. They must never be
 * read as "the action is gone" (that would drop resources from state), so they win over a 404 status.
 */
const NOT_ALLOWED_MESSAGES = [/API is disabled in this workspace/i, /Only active workspace have access to API/i];

export function isNotAllowedMessage(message: string): boolean {
  return NOT_ALLOWED_MESSAGES.some((re) => re.test(message));
}

/** Kind of an HTTP error answer. */
export function classifyStatus(status: number, messages: readonly string[] = []): ApiErrorKind {
  if (status === 401 || status === 403 || messages.some(isNotAllowedMessage)) return "not-allowed";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server";
  return "validation";
}

/** Network error codes after which the request may have reached the server. */
const SENT_MAYBE = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ECONNABORTED",
  "ERR_STREAM_PREMATURE_CLOSE",
]);
/** Network error codes that mean no connection was made, so the request surely was not applied. */
const NOT_SENT = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN"]);

export interface NetworkFailure {
  /** Transient: worth retrying for an idempotent request. */
  retryable: boolean;
  /** The request may have been applied by the server. */
  maybeSent: boolean;
  code: string;
}

/**
 * Classifies a network-level error (node-fetch FetchError with Node's `code`). Unknown codes, DNS "not found"
 * and TLS certificate errors are not retried: they do not heal within a retry window, and TLS failures need the
 * user's decision (`buddy:insecure`). An unknown code is treated as possibly sent, the safe side for a POST.
 */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const e = err as { code?: unknown; errno?: unknown; message?: unknown };
  const code = typeof e?.code === "string" ? e.code : typeof e?.errno === "string" ? e.errno : "";
  const message = typeof e?.message === "string" ? e.message : String(err);
  if (NOT_SENT.has(code)) return { retryable: true, maybeSent: false, code };
  if (SENT_MAYBE.has(code) || /socket hang up|premature close/i.test(message)) {
    return { retryable: true, maybeSent: true, code: code || "ECONNRESET" };
  }
  return {
    retryable: false,
    maybeSent: !(code === "ENOTFOUND" || /cert|ssl|tls/i.test(code)),
    code: code || "UNKNOWN",
  };
}

/** A short, single-line, redacted excerpt of a response body for error messages. */
export function bodySnippet(body: string, max = 200): string {
  const flat = redact(body).replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty body)";
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/**
 * Buddy's error body is `{"errors":[{"message":"..."}]}`. Returns the messages, or a description of what came
 * instead (non-JSON, no `errors`), so every error carries something the user can act on.
 */
export function errorMessagesFromBody(body: string): { messages: string[]; detail: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { messages: [], detail: `unexpected response (not JSON): ${bodySnippet(body)}` };
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors)) {
    const messages = errors
      .map((e) =>
        e && typeof (e as { message?: unknown }).message === "string" ? (e as { message: string }).message : undefined,
      )
      .filter((m): m is string => m !== undefined && m !== "");
    if (messages.length > 0) return { messages, detail: messages.join("; ") };
  }
  return { messages: [], detail: `response carried no error message: ${bodySnippet(body)}` };
}
