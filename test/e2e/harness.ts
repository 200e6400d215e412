// Drives the real Pulumi CLI against a local Buddy emulator, each stack in its own temporary file backend.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Plain JS module shared with scripts/setup.js: one place knows where the CLI lives.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require("../../scripts/pulumi-cli") as {
  locateCli(): string | undefined;
  cliEnv(binDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
};

export const repoRoot = path.resolve(__dirname, "../..");
export const e2eProgramDir = path.join(__dirname, "program");

export interface CliResult { code: number; stdout: string; stderr: string; output: string }

export function requireCli(): string {
  const dir = cli.locateCli();
  if (!dir) throw new Error("No Pulumi CLI: run `npm run setup` (npm test does it for you).");
  return dir;
}

export interface StackOptions {
  programDir?: string;
  /** Environment for every CLI call (BUDDY_BASE_URL, BUDDY_TOKEN, ...). */
  env?: Record<string, string>;
}

/** One stack of one program in a fresh local backend, removed by `dispose()`. */
export class TestStack {
  readonly backendDir: string;
  readonly programDir: string;
  readonly stackName: string;
  private readonly env: NodeJS.ProcessEnv;
  /** Everything the CLI printed during this stack's life, for secret scans. */
  readonly transcript: string[] = [];

  constructor(opts: StackOptions = {}) {
    this.programDir = opts.programDir ?? e2eProgramDir;
    this.backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-e2e-backend-"));
    this.stackName = `e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const base = cli.cliEnv(requireCli(), {
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      // The program's types are checked by `npm run typecheck`; here ts-node only transpiles, for speed.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      ...opts.env,
    });
    // Never let a developer's own Buddy settings leak into a test.
    for (const key of ["BUDDY_TOKEN", "BUDDY_BASE_URL", "BUDDY_INSECURE"]) {
      if (!(opts.env && key in opts.env)) delete base[key];
    }
    this.env = base;
  }

  /** Runs `pulumi <args>` for this stack; resolves with its exit code and output (never rejects on a non-zero exit). */
  run(args: string[], input?: string): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--stack", this.stackName, "--non-interactive"], {
        cwd: this.programDir, env: this.env, stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
      child.on("error", reject);
      child.on("close", (code) => {
        const output = stdout + stderr;
        this.transcript.push(`$ pulumi ${args.join(" ")}\n${output}`);
        resolve({ code: code ?? -1, stdout, stderr, output });
      });
      child.stdin.end(input ?? "");
    });
  }

  /** Like run, but throws with the CLI's output when it exits non-zero. */
  async ok(args: string[], input?: string): Promise<CliResult> {
    const r = await this.run(args, input);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output}`);
    return r;
  }

  async init(config: Record<string, string | number> = {}, secrets: Record<string, string> = {}): Promise<void> {
    const r = await this.runGlobal(["stack", "init", this.stackName, "--non-interactive"]);
    if (r.code !== 0) throw new Error(`stack init failed:\n${r.output}`);
    await this.setConfig(config);
    for (const [key, value] of Object.entries(secrets)) {
      // The value goes through stdin so it never shows in a process listing.
      await this.ok(["config", "set", "--secret", key], value);
    }
  }

  async setConfig(config: Record<string, string | number>): Promise<void> {
    for (const [key, value] of Object.entries(config)) {
      await this.ok(["config", "set", key, "--", String(value)]);
    }
  }

  up(extra: string[] = []): Promise<CliResult> { return this.ok(["up", "--yes", "--skip-preview", ...extra]); }
  preview(extra: string[] = []): Promise<CliResult> { return this.run(["preview", "--diff", ...extra]); }
  refresh(extra: string[] = []): Promise<CliResult> { return this.ok(["refresh", "--yes", ...extra]); }
  destroy(extra: string[] = []): Promise<CliResult> { return this.ok(["destroy", "--yes", ...extra]); }

  async exportState(): Promise<{ text: string; deployment: StackDeployment }> {
    const r = await this.ok(["stack", "export", "--show-secrets=false"]);
    return { text: r.stdout, deployment: JSON.parse(r.stdout) as StackDeployment };
  }

  async dispose(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]);
    for (const f of fs.readdirSync(this.programDir)) {
      if (f === `Pulumi.${this.stackName}.yaml`) fs.rmSync(path.join(this.programDir, f), { force: true });
    }
    fs.rmSync(this.backendDir, { recursive: true, force: true });
  }

  private runGlobal(args: string[]): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", args, { cwd: this.programDir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d: Buffer) => { output += d.toString(); });
      child.stderr.on("data", (d: Buffer) => { output += d.toString(); });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout: output, stderr: "", output }));
    });
  }
}

export interface StateResource {
  urn: string; type: string; id?: string;
  inputs?: Record<string, unknown>; outputs?: Record<string, unknown>;
}
export interface StackDeployment { deployment: { resources?: StateResource[] } }

/** The resources of our own types in an exported state. */
export function buddyResources(d: StackDeployment): StateResource[] {
  return (d.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/buddy:"));
}
