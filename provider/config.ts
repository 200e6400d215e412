/**
 * Where the provider finds Buddy's endpoint and token: read inside the provider process, never at program time,
 * so the token is never a resource input and never captured into the serialized provider stored in state.
 *
 * `configure(req)` of each dynamic provider passes its ConfigureRequest here. The dynamic provider host unwraps
 * secret config values before building `req.config` (cmd/dynamic-provider/index.js: `rpc.unwrapRpcSecret`), so
 * `buddy:token` set with `config set --secret` arrives as plain text: it must stay in this module only.
 * Precedence per field: stack config (via configure) > BUDDY_* environment > default.
 */
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { registerSecret } from "./http/redact";

export interface BuddyConfig {
  baseUrl: string;
  token: string;
  insecure: boolean;
}

export const DEFAULT_BASE_URL = "https://api.buddy.works";

/** Every stack config key this package reads (namespace `buddy`); any other `buddy:*` key is a mistake. */
export const CONFIG_KEYS = ["buddy:token", "buddy:baseUrl", "buddy:insecure"] as const;

/** What to say when no token is configured anywhere. */
export const NO_TOKEN_MESSAGE =
  "No Buddy API token: set it with `pulumi config set --secret buddy:token <token>` or the BUDDY_TOKEN environment variable";

/** Values that came from the stack's config; a missing key falls back to the environment. */
interface Configured {
  baseUrl?: string;
  token?: string;
  insecure?: boolean;
  /** Why the stack's config was refused: every later use fails with it (never a fallback to the environment). */
  error?: string;
}

/** Config values arrive as strings, but the engine may pass typed JSON (`--type bool`): accept both. */
function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : String(value);
  return text.trim() === "" ? undefined : text.trim();
}

function parseBool(value: unknown, name: string): boolean | undefined {
  if (typeof value === "boolean") return value;
  const text = asText(value);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (["true", "1", "yes", "on"].includes(lower)) return true;
  if (["false", "0", "no", "off"].includes(lower)) return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(text)}`);
}

function normalizeBaseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `${name} must be an absolute http(s) URL such as ${DEFAULT_BASE_URL}, got ${JSON.stringify(value)}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${name} must use http or https, got ${JSON.stringify(value)}`);
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in error messages; the token belongs in buddy:token.
    throw new Error(`${name} must not contain credentials; set the token with buddy:token / BUDDY_TOKEN`);
  }
  return value.trim().replace(/\/+$/, "");
}

/**
 * One provider's configuration: what its configure was given, over the environment, over the defaults. The provider
 * process has one, `processConfig` (below), which its providers' configure fills; a provider built for a test or a
 * tool takes its own (engine/state.ts), so nothing it sets outlives it.
 */
export class ProviderConfig {
  private configured: Configured = {};

  /** A configuration as configure would leave it for these stack values (a provider configured without the engine). */
  static withValues(values: Partial<BuddyConfig>): ProviderConfig {
    const config = new ProviderConfig();
    const [tokenKey, baseUrlKey, insecureKey] = CONFIG_KEYS;
    const stack: Record<string, unknown> = {
      [tokenKey]: values.token,
      [baseUrlKey]: values.baseUrl,
      [insecureKey]: values.insecure,
    };
    config.configure((key) => stack[key]);
    return config;
  }

  /**
   * Reads buddy:token, buddy:baseUrl, buddy:insecure from the stack's config through `get`. A refused value throws,
   * and is remembered: Pulumi's host calls configure once per provider process, so without that the next resources
   * would run on the BUDDY_* environment or the default endpoint with the user's token.
   */
  configure(get: (key: string) => unknown): void {
    try {
      this.configured = readStackConfig(get);
    } catch (err) {
      this.configured = { error: err instanceof Error ? err.message : String(err) };
      throw err;
    }
  }

  /** Throws the error the stack's config was refused with, if it was. */
  assertConfigured(): void {
    if (this.configured.error !== undefined) throw new Error(this.configured.error);
  }

  /**
   * The effective configuration. Works without configure (`Resource.get` paths, older CLIs) by reading the
   * environment at call time. Throws a clear error when no token is found anywhere.
   */
  current(): BuddyConfig {
    this.assertConfigured();
    return withFallbacks(this.configured);
  }
}

/** The provider process's configuration: the one its providers' configure (from the engine) fills. */
export const processConfig = new ProviderConfig();

/** A provider's configure: the engine's ConfigureRequest read into the process's configuration. */
export function configureFromPulumi(req: ConfigureRequest): void {
  // `get` is typed as returning a string, but the value is whatever the engine sent: treat it as unknown.
  processConfig.configure((key) => req.config.get(key));
}

/** Throws the error the process's stack config was refused with, if it was. */
export function assertConfigured(): void {
  processConfig.assertConfigured();
}

/** The stack's values of CONFIG_KEYS, read through `get` and checked; throws on a refused value. */
function readStackConfig(get: (key: string) => unknown): Configured {
  const [tokenKey, baseUrlKey, insecureKey] = CONFIG_KEYS;
  const token = asText(get(tokenKey));
  const baseUrl = asText(get(baseUrlKey));
  const insecure = parseBool(get(insecureKey), insecureKey);
  registerSecret(token);
  return {
    token,
    baseUrl: baseUrl === undefined ? undefined : normalizeBaseUrl(baseUrl, "buddy:baseUrl"),
    insecure,
  };
}

/**
 * The configuration from stack values read through `get` (the program process's own `buddy:*` config, for the
 * lookups), with the same checks, precedence and errors as the provider's, and without touching the provider's.
 */
export function configFromStack(get: (key: string) => unknown): BuddyConfig {
  return withFallbacks(readStackConfig(get));
}

/** The process's effective configuration (ProviderConfig.current). */
export function currentConfig(): BuddyConfig {
  return processConfig.current();
}

/** Stack values over the BUDDY_* environment (read at call time) over the defaults. */
function withFallbacks(configured: Configured): BuddyConfig {
  const token = configured.token ?? asText(process.env.BUDDY_TOKEN);
  if (!token) {
    throw new Error(NO_TOKEN_MESSAGE);
  }
  registerSecret(token);
  const envUrl = asText(process.env.BUDDY_BASE_URL);
  const baseUrl =
    configured.baseUrl ?? (envUrl === undefined ? DEFAULT_BASE_URL : normalizeBaseUrl(envUrl, "BUDDY_BASE_URL"));
  const insecure = configured.insecure ?? parseBool(process.env.BUDDY_INSECURE, "BUDDY_INSECURE") ?? false;
  return { baseUrl, token, insecure };
}
