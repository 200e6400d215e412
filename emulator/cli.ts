#!/usr/bin/env node
import { readFileSync } from "fs";
import { parseArgs } from "util";
import { FAULT_KINDS } from "./faults";
import { startEmulator } from "./index";
import { checkModes, ServerModes } from "./modes";
import { ALL_SCOPES } from "./scopes";
import type { EmulatorOptions, EmulatorToken, FaultKind, SeedData } from "./types";

/**
 * `buddy-emulator`: runs the emulator until SIGINT/SIGTERM. Prints exactly one line on stdout when it listens:
 *   buddy-emulator listening on http://127.0.0.1:PORT token=T workspace=W
 * Per-request access lines go to stderr unless --quiet. Bad flags: a message on stderr and exit code 2.
 */

const HELP = `Usage: buddy-emulator [options]

A local emulator of Buddy.works' REST API for workspaces, projects, pipelines and actions.

Options:
  --port N             port to listen on; 0 (default) picks a free one
  --host H             address to listen on (default 127.0.0.1)
  --token T[:S1,S2]    accepted token, optionally with its scopes (default: all scopes); repeatable.
                       Default: one random token with all scopes, printed at start
  --workspace W        default workspace (default: the seed's first, else the data file's first, else my-company)
  --data FILE          persist state to FILE (atomic writes); in-memory when absent
  --seed FILE          JSON seed: {workspaces:[...], tokens:[...]}
  --rate-limit N       requests per second per token (default 1000)
  --fault-rate R       share of requests to fault, 0..1 (default 0)
  --fault-kinds K,...  fault kinds: ${FAULT_KINDS.join(",")}
  --fault-seed N       seed of the fault PRNG (default fixed, reproducible)
  --latency-ms N       delay of the "latency" fault (default 200)
  --list-paging-ignored  lists ignore page/per_page: every page is the whole list
  --per-page-cap N     a list page holds at most N items (1..100, default 100), whatever per_page asks
  --list-summaries     a pipeline's actions list holds {id, name, type} summaries, not full actions
  --extra-fields       every JSON answer carries fields no client knows
  --post-answer-delay-ms N
                       a created action is listed N ms before the POST's answer is sent
  --workspace-scope-required
                       every endpoint needs the WORKSPACE scope besides its own
  --yaml-action-writes-accepted
                       an action write to a pipeline whose YAML lives in a repository is accepted, not refused
  --unique-action-names
                       a POST or PATCH giving an action a name another action of its pipeline has is a 400
  --quiet              no per-request lines on stderr
  --help               this text

Admin API (no auth, loopback): see README.md of the pulumi-buddy-actions-emulator package, under /__emulator.
`;

class UsageError extends Error {}

function integer(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(raw) || Number(raw) < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return Number(raw);
}

function parseToken(raw: string): EmulatorToken {
  const i = raw.indexOf(":");
  if (i < 0) return { token: raw, scopes: [...ALL_SCOPES] };
  const token = raw.slice(0, i);
  const scopes = raw
    .slice(i + 1)
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== "");
  if (token === "") throw new UsageError(`--token "${raw}": the token is empty`);
  return { token, scopes };
}

export function optionsFromArgs(argv: string[]): EmulatorOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      token: { type: "string", multiple: true },
      workspace: { type: "string" },
      data: { type: "string" },
      seed: { type: "string" },
      "rate-limit": { type: "string" },
      "fault-rate": { type: "string" },
      "fault-kinds": { type: "string" },
      "fault-seed": { type: "string" },
      "latency-ms": { type: "string" },
      "list-paging-ignored": { type: "boolean" },
      "per-page-cap": { type: "string" },
      "list-summaries": { type: "boolean" },
      "yaml-action-writes-accepted": { type: "boolean" },
      "extra-fields": { type: "boolean" },
      "workspace-scope-required": { type: "boolean" },
      "unique-action-names": { type: "boolean" },
      "post-answer-delay-ms": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";

  const opts: EmulatorOptions = { quiet: values.quiet === true };
  opts.port = integer("port", values.port, 0);
  if (opts.port !== undefined && opts.port > 65535) throw new UsageError("--port must be at most 65535");
  if (values.host !== undefined) opts.host = values.host;
  if (values.token !== undefined) opts.tokens = values.token.map(parseToken);
  if (values.workspace !== undefined) opts.workspace = values.workspace;
  if (values.data !== undefined) opts.dataFile = values.data;
  if (values.seed !== undefined) {
    try {
      opts.seed = JSON.parse(readFileSync(values.seed, "utf8")) as SeedData;
    } catch (err) {
      throw new UsageError(`--seed ${values.seed}: ${(err as Error).message}`);
    }
  }
  const rateLimit = integer("rate-limit", values["rate-limit"], 1);
  if (rateLimit !== undefined) opts.rateLimit = rateLimit;

  const modes: Partial<ServerModes> = {};
  if (values["list-paging-ignored"]) modes.listPagingIgnored = true;
  if (values["list-summaries"]) modes.listSummaries = true;
  if (values["extra-fields"]) modes.extraFields = true;
  if (values["workspace-scope-required"]) modes.workspaceScopeRequired = true;
  if (values["yaml-action-writes-accepted"]) modes.yamlActionWritesAccepted = true;
  if (values["unique-action-names"]) modes.uniqueActionNames = true;
  const cap = integer("per-page-cap", values["per-page-cap"], 1);
  if (cap !== undefined) modes.perPageCap = cap;
  const delay = integer("post-answer-delay-ms", values["post-answer-delay-ms"], 0);
  if (delay !== undefined) modes.postAnswerDelayMs = delay;
  if (Object.keys(modes).length > 0) {
    const checked = checkModes(modes);
    if (!checked.modes) throw new UsageError(checked.errors.join(" "));
    opts.modes = modes;
  }

  const rawRate = values["fault-rate"];
  if (rawRate !== undefined || values["fault-kinds"] !== undefined) {
    const rate = rawRate === undefined ? 0 : Number(rawRate);
    if (!(rate >= 0 && rate <= 1)) throw new UsageError(`--fault-rate must be a number from 0 to 1, got "${rawRate}"`);
    const kinds = (values["fault-kinds"] ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter((k) => k !== "");
    const unknown = kinds.filter((k) => !(FAULT_KINDS as string[]).includes(k));
    if (unknown.length > 0)
      throw new UsageError(`--fault-kinds: unknown kind(s) ${unknown.join(", ")}; use ${FAULT_KINDS.join(",")}`);
    if (rate > 0 && kinds.length === 0) throw new UsageError("--fault-rate above 0 needs --fault-kinds");
    opts.faults = { rate, kinds: kinds as FaultKind[] };
    const latency = integer("latency-ms", values["latency-ms"], 0);
    if (latency !== undefined) opts.faults.latencyMs = latency;
    const seed = integer("fault-seed", values["fault-seed"], Number.MIN_SAFE_INTEGER);
    if (seed !== undefined) opts.faults.seed = seed;
  } else if (values["latency-ms"] !== undefined || values["fault-seed"] !== undefined) {
    throw new UsageError("--latency-ms and --fault-seed need --fault-rate and --fault-kinds");
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: EmulatorOptions | "help";
  try {
    opts = optionsFromArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`buddy-emulator: ${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (opts === "help") {
    process.stdout.write(HELP);
    return;
  }
  const emulator = await startEmulator(opts);
  process.stdout.write(
    `buddy-emulator listening on ${emulator.url} token=${emulator.token} workspace=${emulator.workspace}\n`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    // Nothing to flush: each write was persisted (synchronously, atomically) before its answer was sent, in the same
    // tick, so closing connections now cannot separate an acknowledged write from the disk.
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`buddy-emulator: error while stopping on ${signal}: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`buddy-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
