// Runs the real Pulumi CLI for one stack of one program in its own temporary file backend.
// Shared by `npm run demo` and the end-to-end tests, so both drive Pulumi the same way a user does.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The checkout's root, found from here whether this runs from scripts/ (ts-node) or dist/scripts/. */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "scripts", "pulumi-cli.js"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

// Plain JS shared with scripts/setup.js: one place knows where the CLI lives.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(repoRoot, "scripts", "pulumi-cli.js")) as {
  locateCli(): string | undefined;
  cliEnv(binDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
};

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

export function requireCli(): string {
  const dir = cli.locateCli();
  if (!dir) throw new Error("No Pulumi CLI found: run `npm run setup` (npm test and npm run demo do it for you).");
  return dir;
}

interface StackOptions {
  /** The Pulumi project directory (holding Pulumi.yaml). */
  programDir: string;
  stackName?: string;
  /** Extra environment for every CLI call (BUDDY_BASE_URL, BUDDY_TOKEN, ...). */
  env?: Record<string, string>;
  /** Echo the CLI's output to this process's stdout as it comes (the demo does). */
  echo?: boolean;
}

/** Keys of a developer's own Buddy settings, never passed through unless a caller sets them. */
const BUDDY_ENV = ["BUDDY_TOKEN", "BUDDY_BASE_URL", "BUDDY_INSECURE"];

export class LocalStack {
  readonly backendDir: string;
  readonly programDir: string;
  readonly stackName: string;
  /** Everything the CLI printed during this stack's life, for secret scans. */
  readonly transcript: string[] = [];
  private readonly env: NodeJS.ProcessEnv;
  private readonly echo: boolean;

  constructor(opts: StackOptions) {
    this.programDir = opts.programDir;
    this.echo = opts.echo ?? false;
    this.backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-pulumi-backend-"));
    this.stackName = opts.stackName ?? `stack-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const env = cli.cliEnv(requireCli(), {
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: "local-passphrase",
      // Types are checked by `npm run typecheck`; here ts-node only transpiles, which saves seconds per run.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    });
    for (const key of BUDDY_ENV) delete env[key];
    this.env = { ...env, ...opts.env };
  }

  /** `pulumi <args>` for this stack; resolves with the exit code and output, never rejects on a non-zero exit. */
  run(args: string[], input?: string): Promise<CliResult> {
    // The stack flags go before a `--` (after it, everything is a positional value such as "-5").
    const end = args.indexOf("--");
    const at = end === -1 ? args.length : end;
    return this.spawnCli(
      [...args.slice(0, at), "--stack", this.stackName, "--non-interactive", ...args.slice(at)],
      input,
    );
  }

  /** Like run, but throws with the CLI's output when it exits non-zero. */
  async ok(args: string[], input?: string): Promise<CliResult> {
    const r = await this.run(args, input);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output}`);
    return r;
  }

  async init(config: Record<string, string | number> = {}, secrets: Record<string, string> = {}): Promise<void> {
    const r = await this.spawnCli(["stack", "init", this.stackName, "--non-interactive"]);
    if (r.code !== 0) throw new Error(`pulumi stack init exited ${r.code}:\n${r.output}`);
    await this.setConfig(config);
    for (const [key, value] of Object.entries(secrets)) await this.setSecret(key, value);
  }

  async setConfig(config: Record<string, string | number>): Promise<void> {
    for (const [key, value] of Object.entries(config)) await this.ok(["config", "set", key, "--", String(value)]);
  }

  /** The value goes through stdin, so it never shows in a process listing or the transcript. */
  async setSecret(key: string, value: string): Promise<void> {
    await this.ok(["config", "set", "--secret", key], value);
  }

  async removeConfig(key: string): Promise<void> {
    await this.ok(["config", "rm", key]);
  }

  up(extra: string[] = []): Promise<CliResult> {
    return this.ok(["up", "--yes", "--skip-preview", ...extra]);
  }
  preview(extra: string[] = []): Promise<CliResult> {
    return this.run(["preview", "--diff", ...extra]);
  }
  refresh(extra: string[] = []): Promise<CliResult> {
    return this.ok(["refresh", "--yes", ...extra]);
  }
  destroy(extra: string[] = []): Promise<CliResult> {
    return this.ok(["destroy", "--yes", ...extra]);
  }

  async exportState(): Promise<{ text: string; deployment: StackDeployment }> {
    const r = await this.ok(["stack", "export"]);
    return { text: r.stdout, deployment: JSON.parse(r.stdout) as StackDeployment };
  }

  /** Removes the stack, its settings file and its backend. */
  async dispose(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]);
    fs.rmSync(path.join(this.programDir, `Pulumi.${this.stackName}.yaml`), { force: true });
    fs.rmSync(this.backendDir, { recursive: true, force: true });
  }

  /**
   * A shell command line run in the program's directory with this stack's environment and `PULUMI_STACK` set to
   * its name, as a CI job runs the commands of its recipe. Resolves with the exit code, never rejects on one.
   */
  shell(commandLine: string): Promise<CliResult> {
    return this.spawnProcess("bash", ["-c", commandLine], undefined, { PULUMI_STACK: this.stackName });
  }

  /**
   * Starts `pulumi <args>` for this stack in a process group of its own, for tests that interrupt a run:
   * `signal("SIGINT")` is a terminal's Ctrl-C, `signal("SIGKILL")` a runner that dies (the CLI and every process it
   * started: language host, program, provider). `done` resolves when the CLI has exited.
   */
  start(args: string[]): RunningCli {
    const child = spawn("pulumi", [...args, "--stack", this.stackName, "--non-interactive"], {
      cwd: this.programDir,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => {
        this.transcript.push(`$ pulumi ${args.join(" ")}\n${output}`);
        resolve({ code: code ?? (signal ? 128 : -1), stdout: output, stderr: "", output });
      });
    });
    return {
      done,
      output: () => output,
      signal: (sig) => {
        if (child.pid === undefined) return [];
        // The CLI starts its plugins (language host, providers) in process groups of their own, so a kill of the
        // CLI's group leaves them running: reparented to init, a dynamic provider then spins on its lost engine
        // for the rest of the suite (measured: 15 % of a core each). A runner that dies takes every process with
        // it, so SIGKILL reaches every descendant, found before the group dies; Ctrl-C stays the terminal's
        // group signal.
        const descendants = sig === "SIGKILL" ? descendantsOf(child.pid) : [];
        process.kill(-child.pid, sig);
        for (const pid of descendants) killQuietly(pid, sig);
        return descendants;
      },
    };
  }

  private spawnCli(args: string[], input?: string): Promise<CliResult> {
    return this.spawnProcess("pulumi", args, input);
  }

  private spawnProcess(
    command: string,
    args: string[],
    input?: string,
    extraEnv: Record<string, string> = {},
  ): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const env = { ...this.env, ...extraEnv };
      const child = spawn(command, args, { cwd: this.programDir, env, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (this.echo) process.stdout.write(d);
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (this.echo) process.stderr.write(d);
      });
      child.on("error", reject);
      child.on("close", (code) => {
        const output = stdout + stderr;
        this.transcript.push(`$ ${[command, ...args].join(" ")}\n${output}`);
        resolve({ code: code ?? -1, stdout, stderr, output });
      });
      child.stdin.end(input ?? "");
    });
  }
}

/** A CLI run started with `LocalStack.start`. */
interface RunningCli {
  done: Promise<CliResult>;
  /** What it printed so far. */
  output(): string;
  /**
   * Sends the signal to the CLI's whole process group; SIGKILL also to every process the CLI started (its plugins
   * run in groups of their own). Returns the processes signalled besides the group.
   */
  signal(sig: NodeJS.Signals): number[];
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
export interface StackDeployment {
  deployment: { resources?: StateResource[] };
}

/** The resources of this package's types in an exported state. */
export function buddyResources(d: StackDeployment): StateResource[] {
  return (d.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/buddy:"));
}

/** Whether `pid` is a live process (a zombie, exited but not yet reaped, is not). */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Every live process below `root`, read from /proc (Linux, where the e2e suites run). */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // Fields after the parenthesised command name (which may hold spaces): state, ppid, ...
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const pid of children.get(queue.shift() as number) ?? []) {
      found.push(pid);
      queue.push(pid);
    }
  }
  return found;
}

function killQuietly(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone with its group
  }
}
