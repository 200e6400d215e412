/**
 * The Buddy HTTP client (one per provider process: provider/process-client.ts), errors classified for the engine.
 * This layer imports nothing from above it (eslint: no-restricted-imports).
 */
export { BuddyClient } from "./client";
export type { ClientOptions } from "./client";
export { BuddyApiError, classifyStatus, classifyNetworkError, isNotAllowedMessage } from "./errors";
export type { ApiErrorKind, HttpMethod } from "./errors";
export { Throttle } from "./throttle";
export type { RateLimitReport, ThrottleOptions } from "./throttle";
export { redact, registerSecret } from "./redact";
export {
  backoffDelay,
  parseRateLimitLimit,
  parseRateLimitReset,
  parseRateLimitRemaining,
  parseRetryAfter,
  rateLimitWait,
} from "./backoff";
