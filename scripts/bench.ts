// `npm run bench`: how fast and how small the provider is, measured against the local emulator. Prints numbers;
// nothing here passes or fails (targets are read off by people, not asserted in timed tests).
//
//   1. the real CLI on scripts/bench-program: `up` of N KubernetesSetImageActions, a no-change `preview`,
//      `refresh` and `destroy`, each against the same program made of no-op dynamic resources with identical
//      arguments (the floor the engine and the SDK set). Rounds interleave the two programs operation by
//      operation (the machine may be shared and noisy); the table shows medians and their ratio, at N and at a
//      smaller N (does our cost grow linearly?). Also: API calls per resource, the provider process's peak RSS,
//      state bytes per resource;
//   2. the rate-limited case: `up` of 100 actions into one pipeline against an emulator allowing 4 requests/s;
//   3. provider operations called in-process as the engine calls them (many at once), with API calls per
//      create/update/read/delete, without faults and with 20% injected faults;
//   4. the size of the serialized provider stored per resource.
//
// Environment: BENCH_N (default 200), BENCH_N_SMALL (50; 0 skips), BENCH_ROUNDS (3), BENCH_RATE_COUNT (100; 0
// skips), BENCH_RATE_LIMIT (4), BENCH_COUNT (in-process operations, 100), BENCH_PROFILE=<dir> (CPU profiles of the
// program and provider processes, see scripts/profile/; summarize with scripts/profile/summarize.js).
import * as os from "os";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type FaultKind, type RunningEmulator } from "../emulator/index";
import { ProviderConfig } from "../provider/config";
import { ActionProvider, actionProvider as buildProvider } from "../provider/engine/provider";
import { LocalStack, repoRoot, requireCli, type StackDeployment } from "./pulumi-stack";

/** The provider the in-process measures call, built once the emulator runs (main). */
let actionProvider: ActionProvider;

type Inputs = Record<string, unknown>;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(raw)}`);
  return n;
}

const N = envNumber("BENCH_N", 200);
const N_SMALL = envNumber("BENCH_N_SMALL", 50);
const ROUNDS = Math.max(1, envNumber("BENCH_ROUNDS", 3));
const RATE_COUNT = envNumber("BENCH_RATE_COUNT", 100);
const RATE_LIMIT = Math.max(1, envNumber("BENCH_RATE_LIMIT", 4));
const OPS_COUNT = envNumber("BENCH_COUNT", 100);
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;

const benchProgramDir = path.join(repoRoot, "scripts", "bench-program");
const location = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };

// ---- small statistics ----------------------------------------------------------------------------------------

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const secs = (ms: number): string => (ms / 1000).toFixed(2);

// ---- the provider process, watched from outside ----------------------------------------------------------------

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/** CPU ms of this process's children that have ended and were waited for: the CLI and everything it waited for. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND; // cutime, cstime
  } catch {
    return undefined;
  }
}

interface ProcessStats {
  /** Peak resident memory of the dynamic provider process (VmHWM), KiB. */
  providerRssKb?: number;
  /** CPU of the dynamic provider process, ms (it is killed, not waited for, so it is not in childrenCpuMs). */
  providerCpuMs?: number;
  /** CPU of the program process (`.../cmd/run`), ms. */
  programCpuMs?: number;
}

/**
 * The program and dynamic provider processes started for `programDir`, polled from /proc while a CLI command runs:
 * the engine kills the provider at the end, so it cannot report this itself. VmHWM is the kernel's own
 * high-water mark, so polling misses at most the growth of the last interval; CPU times miss at most the last
 * interval's. Linux only: elsewhere every number is undefined.
 */
function watchProcesses(programDir: string): { stop(): ProcessStats } {
  if (!fs.existsSync("/proc/self/status")) return { stop: () => ({}) };
  const cpu = { provider: new Map<string, number>(), program: new Map<string, number>() };
  let peakKb: number | undefined;
  const poll = (): void => {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        const role = cmdline.includes("-e")
          ? undefined
          : cmdline.some((a) => a.includes("dynamic-provider"))
            ? "provider"
            : cmdline.some((a) => a.includes("cmd/run"))
              ? "program"
              : undefined;
        if (role === undefined || fs.readlinkSync(`/proc/${pid}/cwd`) !== programDir) continue;
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        cpu[role].set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND); // utime, stime
        if (role === "provider") {
          const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
          if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
        }
      } catch {
        // the process ended between listing and reading
      }
    }
  };
  const timer = setInterval(poll, 100);
  const sum = (m: Map<string, number>): number | undefined =>
    m.size === 0 ? undefined : [...m.values()].reduce((a, b) => a + b, 0);
  return {
    stop: () => {
      clearInterval(timer);
      poll();
      return { providerRssKb: peakKb, providerCpuMs: sum(cpu.provider), programCpuMs: sum(cpu.program) };
    },
  };
}

// ---- the CLI runs ------------------------------------------------------------------------------------------------

type Kind = "buddy" | "noop";
const KINDS: readonly Kind[] = ["buddy", "noop"];
const OPERATIONS = [
  { name: "up", args: ["up", "--yes", "--skip-preview"] },
  { name: "preview (no change)", args: ["preview", "--expect-no-changes"] },
  { name: "refresh", args: ["refresh", "--yes", "--skip-preview"] },
  { name: "destroy", args: ["destroy", "--yes", "--skip-preview"] },
] as const;
type OperationName = (typeof OPERATIONS)[number]["name"];

interface OperationSample extends ProcessStats {
  ms: number;
  /** CPU of the whole command (CLI, language host, program; not the provider, which is killed), ms. */
  cpuMs?: number;
  /** Requests the emulator saw, by method. */
  calls: Record<string, number>;
}

interface CliResults {
  n: number;
  samples: Record<Kind, Record<OperationName, OperationSample[]>>;
  stateBytesPerResource: Record<Kind, number>;
}

/** Environment that puts scripts/profile/node first on PATH (see that file), when profiling. */
function profileEnv(): Record<string, string> {
  if (PROFILE_DIR === undefined) return {};
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  return {
    PATH: `${path.join(repoRoot, "scripts", "profile")}${path.delimiter}${requireCli()}${path.delimiter}${process.env.PATH ?? ""}`,
    BENCH_REAL_NODE: process.execPath,
    BENCH_PROFILE_DIR: PROFILE_DIR,
    BENCH_PROFILE_PRELOAD: path.join(repoRoot, "scripts", "profile", "provider-profiler.js"),
  };
}

/** Moves the profiles the last command wrote into a folder named after it, e.g. 200-buddy-preview-1/. */
function fileProfiles(dir: string, name: string): void {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return;
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  for (const f of files) fs.renameSync(path.join(dir, f), path.join(dir, name, f));
}

/** The no-op provider, as a package the bench program requires (see scripts/bench-program/index.ts). */
const NOOP_PROVIDER = `// Written by scripts/bench.ts: the no-op dynamic provider the benchmark measures ours against.
module.exports = {
  async create(inputs) { return { id: String(inputs.name), outs: inputs }; },
  async diff() { return { changes: false }; },
  async read(id, props) { return { id, props }; },
  async delete() {},
};
`;

function writeNoopProvider(): void {
  const dir = path.join(benchProgramDir, "node_modules", "bench-noop-provider");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "bench-noop-provider", version: "1.0.0", main: "index.js" }) + "\n",
  );
  fs.writeFileSync(path.join(dir, "index.js"), NOOP_PROVIDER);
}

function newStack(emulator: RunningEmulator): LocalStack {
  return new LocalStack({
    programDir: benchProgramDir,
    env: { BUDDY_BASE_URL: emulator.url, BUDDY_TOKEN: emulator.token, ...profileEnv() },
  });
}

function callsByMethod(emulator: RunningEmulator): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const r of emulator.admin.requests()) {
    const key = r.status === 429 ? "429" : r.method;
    calls[key] = (calls[key] ?? 0) + 1;
  }
  return calls;
}

function stateBytesPerResource(d: StackDeployment, n: number): number {
  const mine = (d.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  return mine.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / Math.max(1, n);
}

async function cliRounds(emulator: RunningEmulator, n: number): Promise<CliResults> {
  const empty = (): Record<OperationName, OperationSample[]> =>
    Object.fromEntries(OPERATIONS.map((o) => [o.name, []])) as unknown as Record<OperationName, OperationSample[]>;
  const results: CliResults = {
    n,
    samples: { buddy: empty(), noop: empty() },
    stateBytesPerResource: { buddy: 0, noop: 0 },
  };
  const stacks = Object.fromEntries(KINDS.map((k) => [k, newStack(emulator)])) as Record<Kind, LocalStack>;
  try {
    for (const kind of KINDS) await stacks[kind].init({ kind, count: n, workspace: emulator.workspace });
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved operation by operation, the order of the two programs alternating between rounds.
      const order = round % 2 === 0 ? KINDS : [...KINDS].reverse();
      for (const op of OPERATIONS) {
        for (const kind of order) {
          emulator.admin.clearRequests();
          const watch = watchProcesses(benchProgramDir);
          const cpuBefore = childrenCpuMs();
          const start = Date.now();
          await stacks[kind].ok([...op.args]);
          const ms = Date.now() - start;
          const cpuAfter = childrenCpuMs();
          const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
          results.samples[kind][op.name].push({ ms, cpuMs, ...watch.stop(), calls: callsByMethod(emulator) });
          if (PROFILE_DIR !== undefined)
            fileProfiles(PROFILE_DIR, `${n}-${kind}-${op.name.split(" ")[0]}-${round + 1}`);
          if (op.name === "up" && round === 0) {
            results.stateBytesPerResource[kind] = stateBytesPerResource(
              (await stacks[kind].exportState()).deployment,
              n,
            );
          }
          process.stderr.write(
            `  round ${round + 1}/${ROUNDS} N=${n} ${kind.padEnd(5)} ${op.name.padEnd(20)} ${secs(ms).padStart(7)} s\n`,
          );
        }
      }
    }
  } finally {
    for (const kind of KINDS) await stacks[kind].dispose();
  }
  return results;
}

/** Median of one number of every sample, undefined when a sample lacks it. */
function medianOf(samples: OperationSample[], pick: (s: OperationSample) => number | undefined): number | undefined {
  const values = samples.map(pick);
  return values.some((v) => v === undefined) ? undefined : median(values as number[]);
}

function ratio(ours: number | undefined, floor: number | undefined): string {
  return ours === undefined || floor === undefined || floor === 0 ? "n/a" : (ours / floor).toFixed(2);
}

function printCliResults(all: CliResults[]): void {
  console.log("\nWall time (the headline):\n");
  console.log("| operation | N | ours (s) | no-op dynamic resource (s) | ratio |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of all) {
    for (const op of OPERATIONS) {
      const ours = median(r.samples.buddy[op.name].map((s) => s.ms));
      const floor = median(r.samples.noop[op.name].map((s) => s.ms));
      console.log(`| \`pulumi ${op.name}\` | ${r.n} | ${secs(ours)} | ${secs(floor)} | ${ratio(ours, floor)} |`);
    }
  }
  console.log(
    "\nCPU time (less sensitive to a busy machine than wall time): every process of the command, and of it the " +
      "program and the provider process\n",
  );
  console.log(
    "| operation | N | all, ours (s) | all, no-op (s) | ratio | program, ours / no-op (s) | provider, ours / no-op (s) |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  const total = (s: OperationSample) => (s.cpuMs === undefined ? undefined : s.cpuMs + (s.providerCpuMs ?? 0));
  const pair = (a: number | undefined, b: number | undefined) =>
    `${a === undefined ? "n/a" : secs(a)} / ${b === undefined ? "n/a" : secs(b)}`;
  for (const r of all) {
    for (const op of OPERATIONS) {
      const [ours, floor] = [r.samples.buddy[op.name], r.samples.noop[op.name]];
      const [allOurs, allFloor] = [medianOf(ours, total), medianOf(floor, total)];
      console.log(
        `| \`pulumi ${op.name}\` | ${r.n} | ${allOurs === undefined ? "n/a" : secs(allOurs)} | ${allFloor === undefined ? "n/a" : secs(allFloor)} | ` +
          `${ratio(allOurs, allFloor)} | ${pair(
            medianOf(ours, (s) => s.programCpuMs),
            medianOf(floor, (s) => s.programCpuMs),
          )} | ` +
          `${pair(
            medianOf(ours, (s) => s.providerCpuMs),
            medianOf(floor, (s) => s.providerCpuMs),
          )} |`,
      );
    }
  }
  console.log(`\n(medians of ${ROUNDS} interleaved round${ROUNDS === 1 ? "" : "s"}; wall ms of every round:)`);
  for (const r of all) {
    for (const op of OPERATIONS) {
      const list = (k: Kind) => r.samples[k][op.name].map((s) => s.ms).join(" ");
      console.log(`  N=${r.n} ${op.name.padEnd(20)} ours ${list("buddy")} | no-op ${list("noop")}`);
    }
  }
  const big = all[0];
  console.log(`\nAt N=${big.n}, ours:`);
  for (const op of OPERATIONS) {
    const calls = big.samples.buddy[op.name][0].calls;
    const perResource =
      Object.entries(calls)
        .map(([m, c]) => `${m} ${(c / big.n).toFixed(2)}`)
        .join(", ") || "none";
    console.log(`  API calls per resource, ${op.name.padEnd(20)} ${perResource}`);
  }
  const peak = (k: Kind) =>
    Math.max(...OPERATIONS.flatMap((op) => big.samples[k][op.name].map((s) => s.providerRssKb ?? 0)));
  console.log(
    `  provider process peak RSS: ours ${(peak("buddy") / 1024).toFixed(0)} MiB, no-op ${(peak("noop") / 1024).toFixed(0)} MiB`,
  );
  console.log(
    `  state bytes per resource: ours ${big.stateBytesPerResource.buddy.toFixed(0)}, no-op ${big.stateBytesPerResource.noop.toFixed(0)}`,
  );
}

async function rateLimitedRun(): Promise<void> {
  const emulator = await startEmulator({ quiet: true, rateLimit: RATE_LIMIT });
  const stack = newStack(emulator);
  try {
    await stack.init({ kind: "buddy", count: RATE_COUNT, workspace: emulator.workspace });
    emulator.admin.clearRequests();
    const start = Date.now();
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const ms = Date.now() - start;
    const requests = emulator.admin.requests();
    const refused = requests.filter((r) => r.status === 429).length;
    const accepted = requests.length - refused;
    const floorMs = (RATE_COUNT / RATE_LIMIT) * 1000;
    console.log(
      `\nRate-limited: \`pulumi up\` of ${RATE_COUNT} actions into one pipeline, server allowing ${RATE_LIMIT} requests/s:`,
    );
    console.log(
      `  ${secs(ms)} s; floor at one request per create ${secs(floorMs)} s (${(ms / floorMs).toFixed(2)}x); ` +
        `${accepted} requests answered (${(accepted / RATE_COUNT).toFixed(2)} per create: floor for those ${secs((accepted / RATE_LIMIT) * 1000)} s, ` +
        `${(ms / ((accepted / RATE_LIMIT) * 1000)).toFixed(2)}x), ${refused} answered 429`,
    );
  } finally {
    // No destroy: at this rate it would take as long again, and the emulator goes away with the stack.
    await stack.dispose();
    await emulator.close();
  }
}

// ---- provider operations in-process ----------------------------------------------------------------------------

async function timed<T>(latencies: number[], op: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  try {
    return await op();
  } finally {
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}

function report(label: string, latencies: number[], wallMs: number, calls: number): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(20)} ${String(latencies.length).padStart(4)} ops  ${secs(wallMs).padStart(6)} s  ` +
      `${(latencies.length / (wallMs / 1000)).toFixed(0).padStart(5)} ops/s  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  ` +
      `p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  ${(calls / latencies.length).toFixed(2)} API calls/op`,
  );
}

async function providerRun(
  emulator: RunningEmulator,
  label: string,
  faults: { rate: number; kinds: FaultKind[] },
): Promise<void> {
  emulator.admin.reset();
  emulator.admin.setFaults({ ...faults, seed: 1 });
  const inputs = (i: number, tag: string): Inputs => ({
    ...location,
    __spec: "kubernetes-set-image",
    name: `Bench ${i}`,
    namespace: "default",
    deployment: `web-${i}`,
    container: "web",
    imageName: "registry.example.com/web",
    imageTag: tag,
  });
  const created: Array<{ id: string; outs: Inputs }> = [];
  for (const [phase, run] of [
    [
      "create",
      async (lat: number[]) => {
        await Promise.all(
          Array.from({ length: OPS_COUNT }, async (_, i) => {
            const r = await timed(lat, () => actionProvider.create(inputs(i, "v1")));
            created[i] = { id: r.id, outs: r.outs as Inputs };
          }),
        );
      },
    ],
    [
      "update",
      async (lat: number[]) => {
        await Promise.all(
          created.map((c, i) => timed(lat, () => actionProvider.update(c.id, c.outs, inputs(i, "v2")))),
        );
      },
    ],
    [
      "read",
      async (lat: number[]) => {
        await Promise.all(created.map((c) => timed(lat, () => actionProvider.read(c.id, c.outs))));
      },
    ],
    [
      "delete",
      async (lat: number[]) => {
        await Promise.all(created.map((c) => timed(lat, () => actionProvider.delete(c.id, c.outs))));
      },
    ],
  ] as const) {
    const latencies: number[] = [];
    emulator.admin.clearRequests();
    const start = Date.now();
    await run(latencies);
    report(`${label} ${phase}`, latencies, Date.now() - start, emulator.admin.requests().length);
  }
  emulator.admin.setFaults({ rate: 0, kinds: [] });
}

// ---- main ------------------------------------------------------------------------------------------------------

function cliVersion(): string {
  const r = spawnSync("pulumi", ["version"], {
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${requireCli()}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_SKIP_UPDATE_CHECK: "true",
    },
  });
  return r.stdout.trim() || "unknown";
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = (require("@pulumi/pulumi/package.json") as { version: string }).version;
  console.log(
    `node ${process.version}, Pulumi CLI ${cliVersion()}, @pulumi/pulumi ${sdk}, ${os.cpus().length} CPUs` +
      `${PROFILE_DIR ? `, profiling into ${PROFILE_DIR}` : ""}`,
  );

  writeNoopProvider();
  const emulator = await startEmulator({ quiet: true, rateLimit: 100_000 });
  // The in-process provider: configured for the emulator, its retry chatter dropped (it would drown the table).
  actionProvider = buildProvider(undefined, {
    config: ProviderConfig.withValues({ baseUrl: emulator.url, token: emulator.token }),
    log: () => undefined,
  });
  try {
    console.log(
      `\nThe real Pulumi CLI: ${N} KubernetesSetImageActions vs ${N} no-op dynamic resources with the same arguments`,
    );
    const results = [await cliRounds(emulator, N)];
    if (N_SMALL > 0 && N_SMALL !== N) results.push(await cliRounds(emulator, N_SMALL));
    printCliResults(results);

    if (RATE_COUNT > 0) await rateLimitedRun();

    if (OPS_COUNT > 0) {
      console.log(
        `\nProvider operations in-process, ${OPS_COUNT} actions at once (the client caps requests in flight):`,
      );
      await providerRun(emulator, "no faults", { rate: 0, kinds: [] });
      await providerRun(emulator, "20% faults", {
        rate: 0.2,
        kinds: ["429", "500", "502", "503", "drop", "commit-then-drop"],
      });
    }

    // Measured on the staged package, the copy Pulumi programs import (under node_modules: one require line).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const staged: unknown = require(
      path.join(repoRoot, "node_modules/pulumi-buddy-actions/dist/provider/providers/action.js"),
    );
    const { text } = await pulumi.runtime.serializeFunction(() => staged, { allowSecrets: true });
    console.log(`\nSerialized provider stored per resource: ${text.length} bytes`);
  } finally {
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
