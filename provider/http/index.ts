/** The Buddy HTTP client: one per provider process (processClient), errors classified for the engine. */
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
export { processClient } from "./process";
