/**
 * Checks of the stack's `buddy:*` config made in the program process, when the first action resource is declared:
 * there the whole stack config (and which keys are secret) is known, so a mistake stops `pulumi preview` before
 * any request. (The provider process receives config values only, already decrypted, so it cannot tell.)
 * - an unknown `buddy:*` key (`buddy:baseURL`) is an error naming the known ones: ignoring it would send the
 *   user's token to the default public endpoint;
 * - no token in config nor BUDDY_TOKEN is an error saying how to set one;
 * - a `buddy:token` set without `--secret` is a loud warning: the engine stores the config of the default
 *   `pulumi-nodejs` provider in state, so a plain token lands there in plain text.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, NO_TOKEN_MESSAGE } from "../config";
import { programError } from "../program-error";

/** The language host lists the secret config keys in this variable (the SDK reads it the same way). */
const SECRET_KEYS_ENV = "PULUMI_CONFIG_SECRET_KEYS";

/** The problems of a config map: an error to throw (undefined when fine) and warnings to print. */
export function programConfigProblems(
  config: Record<string, string>,
  secretKeys: readonly string[] | undefined,
  envToken: string | undefined,
): { error?: string; warnings: string[] } {
  const known: readonly string[] = CONFIG_KEYS;
  const unknown = Object.keys(config)
    .filter((k) => k.startsWith("buddy:") && !known.includes(k))
    .sort();
  if (unknown.length > 0) {
    return {
      error: `Unknown config key${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}: pulumi-buddy-actions reads only ${known.join(", ")} (names are case-sensitive)`,
      warnings: [],
    };
  }
  const token = config["buddy:token"];
  if ((token === undefined || token.trim() === "") && (envToken === undefined || envToken.trim() === "")) {
    return { error: NO_TOKEN_MESSAGE, warnings: [] };
  }
  const warnings: string[] = [];
  if (token !== undefined && secretKeys !== undefined && !secretKeys.includes("buddy:token")) {
    warnings.push(
      "buddy:token is set in plain text: the Pulumi engine stores it in the state of the pulumi-nodejs provider, " +
        "unencrypted. Set it as a secret: `pulumi config set --secret buddy:token <token>`",
    );
  }
  return { warnings };
}

function secretKeysFromEnv(): string[] | undefined {
  const raw = process.env[SECRET_KEYS_ENV];
  if (raw === undefined || raw === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string") : undefined;
  } catch {
    return undefined;
  }
}

let checked = false;

/** Runs the checks once per program; throws on an error, logs each warning. */
export function checkProgramConfig(): void {
  if (checked) return;
  checked = true;
  const { error, warnings } = programConfigProblems(
    pulumi.runtime.allConfig(),
    secretKeysFromEnv(),
    process.env.BUDDY_TOKEN,
  );
  if (error !== undefined) {
    checked = false;
    // A RunError is printed as its message alone: no stack, no "unhandled exception" preamble; and it carries no
    // frames, which Pulumi's handler would format (a resource declared inside an apply: see program-error.ts).
    throw programError(error);
  }
  for (const w of warnings) void pulumi.log.warn(w);
}
