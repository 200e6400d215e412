/**
 * The provider process's client. The engine runs many resource operations concurrently in one provider process;
 * they must share one Throttle (one rate-limit budget, one concurrency cap), so they share one client, built
 * lazily from the current configuration (configure() has run by the time any CRUD method is called) and
 * rebuilt only if that configuration changes (a different server or token is a different rate-limit bucket).
 * It lives above provider/http, which knows nothing of the provider's configuration or log.
 * `processClient(config, "look")` is the client of preview's survey (engine/survey.ts): the same server and token, two
 * attempts, a short timeout, silent per attempt (a look that fails says so in one line), its own rate-limit budget.
 */
import { BuddyConfig, currentConfig } from "./config";
import { logInfo, logWarn } from "./log";
import { BuddyClient, Throttle } from "./http";
import { noteRetry } from "./http/retry-report";

let cached: { key: string; client: BuddyClient } | undefined;
let looking: { key: string; client: BuddyClient } | undefined;

function log(level: "info" | "warn", message: string): void {
  if (level === "warn") logWarn(message);
  else logInfo(message);
}

/**
 * The client for `config` (default: the process's configuration), shared while the configuration stays the same;
 * with `use` "look", the survey's client for that configuration.
 */
export function processClient(config: BuddyConfig = currentConfig(), use?: "look"): BuddyClient {
  const key = JSON.stringify([config.baseUrl, config.token, config.insecure]);
  if (use === "look") {
    if (!looking || looking.key !== key) {
      const quiet = { maxAttempts: 2, maxTotalWaitMs: 5_000, timeoutMs: 10_000, log: () => undefined };
      looking = { key, client: new BuddyClient({ ...config, ...quiet }) };
    }
    return looking.client;
  }
  if (!cached || cached.key !== key) {
    cached = {
      key,
      client: new BuddyClient({ ...config, log, reportRetry: noteRetry, throttle: new Throttle({ log }) }),
    };
  }
  return cached.client;
}
