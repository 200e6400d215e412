#!/usr/bin/env node
/**
 * `pulumi-buddy-actions recover [--stack S] [--cwd DIR] [--take URN=ACTION_ID ...] [--dry-run]`: after a `pulumi up`
 * that was killed (see plan.ts for what it decides), run in the Pulumi program's directory with the same
 * environment as `pulumi` (backend login, PULUMI_CONFIG_PASSPHRASE, BUDDY_* if the stack's config does not hold
 * them). It reads the stack with `pulumi stack export` (secrets stay encrypted), the project's other stacks with
 * `pulumi stack ls` + `stack export`, Buddy with the stack's `buddy:token`/`buddy:baseUrl`/`buddy:insecure` (or
 * BUDDY_TOKEN, BUDDY_BASE_URL, BUDDY_INSECURE), and writes the result with `pulumi stack import`.
 * Exit codes: 0 done (or nothing to do), 1 some resources could not be decided (the rest is written), 2 usage or
 * environment errors.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { CONFIG_KEYS, configureFromPulumi } from "../config";
import { processClient } from "../process-client";
import { redact } from "../http/redact";
import { Decision, OtherStack, parseTake, planRecovery } from "./plan";
import { UntypedDeployment, pendingOf } from "./state";

interface Options {
  stack?: string;
  cwd: string;
  takes: Map<string, number>;
  dryRun: boolean;
  dropOtherPending: boolean;
}

const USAGE = `Usage: pulumi-buddy-actions recover [--stack STACK] [--cwd DIR] [--take URN=ACTION_ID ...] [--dry-run]
                                    [--drop-other-pending]

After a \`pulumi up\` that was killed or whose runner died: records in the stack the actions its interrupted
creates made in Buddy (only those provably made by them), clears its interrupted updates and deletes, and says
what it could not decide. Then run \`pulumi up\`. Run it in the Pulumi program's directory, with pulumi's environment.`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== "recover") throw new UsageError(command === undefined ? "no command" : `unknown command ${command}`);
  const opts: Options = { cwd: process.cwd(), takes: new Map(), dryRun: false, dropOtherPending: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--stack" || arg === "-s") opts.stack = value();
    else if (arg === "--cwd" || arg === "-C") opts.cwd = value();
    else if (arg === "--take") {
      try {
        const [urn, id] = parseTake(value());
        opts.takes.set(urn, id);
      } catch (err) {
        throw err instanceof UsageError ? err : new UsageError((err as Error).message);
      }
    } else if (arg === "--dry-run") opts.dryRun = true;
    else if (arg === "--drop-other-pending") opts.dropOtherPending = true;
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else throw new UsageError(`unknown option ${arg}`);
  }
  return opts;
}

function pulumi(opts: Options, args: string[], stack = opts.stack): { code: number; stdout: string; stderr: string } {
  const full = [...args, ...(stack === undefined ? [] : ["--stack", stack]), "--non-interactive"];
  const r = spawnSync("pulumi", full, { cwd: opts.cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw new Error(`cannot run pulumi: ${r.error.message}`);
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function pulumiOk(opts: Options, args: string[], stack?: string): string {
  const r = pulumi(opts, args, stack);
  if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed: ${redact(r.stderr.trim() || r.stdout.trim())}`);
  return r.stdout;
}

function exportStack(opts: Options, stack?: string): UntypedDeployment {
  return JSON.parse(pulumiOk(opts, ["stack", "export"], stack)) as UntypedDeployment;
}

/** The project's other stacks in this backend, with their states. */
function otherStacks(opts: Options, ownName: string): OtherStack[] {
  const listed = JSON.parse(pulumiOk(opts, ["stack", "ls", "--json"], undefined)) as Array<{ name: string }>;
  return listed
    .filter((s) => s.name !== ownName && s.name.split("/").pop() !== ownName.split("/").pop())
    .map((s) => ({ name: s.name, deployment: exportStack(opts, s.name) }));
}

/** The stack's name as Pulumi reports it (the selected one when --stack is not given). */
function stackName(opts: Options): string {
  return pulumiOk(opts, ["stack", "--show-name"]).trim();
}

/** Buddy settings from the stack's config, as the provider's configure reads them (the environment fills the gaps). */
function configure(opts: Options): void {
  const values: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const r = pulumi(opts, ["config", "get", key]);
    if (r.code === 0) values[key] = r.stdout.replace(/\n$/, "");
  }
  configureFromPulumi({ config: { get: (k: string) => values[k] } } as unknown as ConfigureRequest);
}

const RECORDED_HOW = {
  claimed: "made by the interrupted create, found by its claim name; the next `pulumi up` gives it its name",
  matched: "made by the interrupted create",
  taken: "taken with --take",
} as const;

function describe(d: Decision): string {
  switch (d.kind) {
    case "recorded":
      return `recorded ${d.id} (${RECORDED_HOW[d.how]})`;
    case "made-nothing":
      return "the interrupted create made no action: dropped; `pulumi up` creates it";
    case "already-managed":
      return "already in the stack (a later run created it): stale pending create dropped";
    case "refused":
      return (
        `NOT DECIDED: ${d.reason}` +
        (d.candidates.length > 0 ? `; candidate action ids: ${d.candidates.join(", ")}` : "") +
        `. Check them in Buddy, then run again with --take '${d.urn}=<action id>', or delete them in Buddy and run again`
      );
    case "update-cleared":
      return "interrupted update cleared; `pulumi up` applies it again";
    case "delete-done":
      return `deleted in Buddy (${d.id}): removed from the stack`;
    case "delete-left":
      return `interrupted delete: ${d.id} still exists; \`pulumi up\` (or destroy) deletes it`;
    case "not-ours":
      return d.urn.includes("dynamic/buddy:Pipeline::")
        ? `pending ${d.operation} of a Pipeline: recover decides actions only; check the pipeline in Buddy (a killed create may have made it) before --drop-other-pending drops this`
        : `pending ${d.operation} of another provider's resource: \`pulumi stack import\` drops it (see --drop-other-pending)`;
  }
}

async function recover(opts: Options): Promise<number> {
  const own = exportStack(opts);
  const name = stackName(opts);
  if (pendingOf(own).length === 0 && opts.takes.size === 0) {
    process.stdout.write(`Stack ${name}: no interrupted operations, nothing to recover.\n`);
    return 0;
  }
  configure(opts);
  const others = otherStacks(opts, name);
  const plan = await planRecovery(processClient(), own, others, opts.takes);
  process.stdout.write(`Stack ${name}: ${pendingOf(own).length} interrupted operation(s)\n`);
  for (const d of plan.decisions) process.stdout.write(`  ${d.urn}\n    ${describe(d)}\n`);
  const refused = plan.decisions.some((d) => d.kind === "refused");
  if (opts.dryRun) {
    process.stdout.write("Dry run: the stack was not changed.\n");
    return refused ? 1 : 0;
  }
  // `pulumi stack import` drops every pending operation: writing now would lose the undecided ones (and other
  // providers'), so the state is written only when every one of them is decided.
  if (refused) {
    process.stdout.write(
      "Nothing was written: every interrupted operation is still in the stack. Decide the ones above, then run this again.\n",
    );
    return 1;
  }
  if (plan.decisions.some((d) => d.kind === "not-ours") && !opts.dropOtherPending) {
    process.stdout.write(
      "Nothing was written: writing the stack drops the other providers' interrupted operations above. Deal with " +
        "them first, or run again with --drop-other-pending.\n",
    );
    return 1;
  }
  if (plan.changed) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-buddy-recover-"));
    const file = path.join(dir, "state.json");
    try {
      fs.writeFileSync(file, JSON.stringify(plan.deployment), { mode: 0o600 });
      const r = pulumi(opts, ["stack", "import", "--file", file]);
      if (r.code !== 0) {
        const why = redact(r.stderr.trim() || r.stdout.trim());
        const locked = /locked/i.test(why)
          ? "\nThe stack is still locked by the run that died. If no `pulumi` command is running for this stack, " +
            "run `pulumi cancel` for it, then this command again."
          : "";
        throw new Error(`pulumi stack import failed: ${why}${locked}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write("The stack was updated. Next: `pulumi up`.\n");
  }
  return refused ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message ? `${err.message}\n\n` : ""}${USAGE}\n`);
    return 2;
  }
  try {
    return await recover(opts);
  } catch (err) {
    process.stderr.write(`pulumi-buddy-actions recover: ${redact((err as Error).message)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
