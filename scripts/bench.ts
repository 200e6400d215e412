// `npm run bench`: how fast and how small the provider is, measured against the local emulator.
// Prints numbers; nothing here passes or fails (targets are read off by people, not asserted in timed tests).
//
//   1. provider operations, called as the engine calls them (many at once in one process), without faults and
//      with 20% injected faults: wall time, operations per second, p50/p95 latency per operation;
//   2. the serialized provider that Pulumi stores per resource, in bytes;
//   3. the real CLI on a 23-action program: `up`, a no-change `preview`, `refresh`, `destroy`, wall time each.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type FaultKind, type RunningEmulator } from "../emulator/index";
import { resetConfigForTests } from "../provider/config";
import actionProvider = require("../provider/providers/action");
import { setLogSinkForTests } from "../provider/log";
import { LocalStack, repoRoot } from "./pulumi-stack";

type Inputs = Record<string, unknown>;
const COUNT = Number(process.env.BENCH_COUNT ?? 100);
const location = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed<T>(latencies: number[], op: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  try {
    return await op();
  } finally {
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}

function report(label: string, latencies: number[], wallMs: number): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`  ${label.padEnd(28)} ${String(latencies.length).padStart(4)} ops  ${(wallMs / 1000).toFixed(2).padStart(6)} s  ` +
    `${(latencies.length / (wallMs / 1000)).toFixed(0).padStart(5)} ops/s  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  ` +
    `p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  max ${sorted[sorted.length - 1].toFixed(0).padStart(6)} ms`);
}

async function providerRun(emulator: RunningEmulator, label: string, faults: { rate: number; kinds: FaultKind[] }): Promise<void> {
  emulator.admin.reset();
  emulator.admin.setFaults({ ...faults, seed: 1 });
  const inputs = (i: number, tag: string): Inputs => ({
    ...location, __spec: "kubernetes-set-image", name: `Bench ${i}`, namespace: "default", deployment: `web-${i}`,
    container: "web", imageName: "registry.example.com/web", imageTag: tag,
  });
  const created: Array<{ id: string; outs: Inputs }> = [];
  for (const [phase, run] of [
    ["create", async (lat: number[]) => {
      await Promise.all(Array.from({ length: COUNT }, async (_, i) => {
        const r = await timed(lat, () => actionProvider.create(inputs(i, "v1")));
        created[i] = { id: r.id, outs: r.outs as Inputs };
      }));
    }],
    ["update", async (lat: number[]) => {
      await Promise.all(created.map((c, i) => timed(lat, () => actionProvider.update(c.id, c.outs, inputs(i, "v2")))));
    }],
    ["read", async (lat: number[]) => {
      await Promise.all(created.map((c) => timed(lat, () => actionProvider.read(c.id, c.outs))));
    }],
    ["delete", async (lat: number[]) => {
      await Promise.all(created.map((c) => timed(lat, () => actionProvider.delete(c.id, c.outs))));
    }],
  ] as const) {
    const latencies: number[] = [];
    const start = Date.now();
    await run(latencies);
    report(`${label} ${phase}`, latencies, Date.now() - start);
  }
  const requests = emulator.admin.requests();
  console.log(`  ${label}: ${requests.length} HTTP requests, ${requests.filter((r) => r.fault).length} faulted`);
  emulator.admin.setFaults({ rate: 0, kinds: [] });
}

async function cliRun(emulator: RunningEmulator): Promise<void> {
  emulator.admin.reset();
  const stack = new LocalStack({
    programDir: path.join(repoRoot, "test", "e2e", "program"),
    env: { BUDDY_BASE_URL: emulator.url, BUDDY_TOKEN: emulator.token },
  });
  try {
    await stack.init({ workspace: emulator.workspace, bulk: 20 });
    for (const [label, args] of [
      ["pulumi up (23 actions)", ["up", "--yes", "--skip-preview"]],
      ["pulumi preview (no change)", ["preview", "--expect-no-changes"]],
      ["pulumi refresh", ["refresh", "--yes"]],
      ["pulumi destroy", ["destroy", "--yes"]],
    ] as const) {
      const start = Date.now();
      await stack.ok([...args]);
      console.log(`  ${label.padEnd(28)} ${((Date.now() - start) / 1000).toFixed(2).padStart(6)} s`);
    }
  } finally {
    await stack.dispose();
  }
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true, rateLimit: 100_000 });
  resetConfigForTests({ baseUrl: emulator.url, token: emulator.token });
  setLogSinkForTests(() => undefined); // retry chatter would drown the table
  try {
    console.log(`Provider operations, ${COUNT} actions at once in one process (the client caps requests in flight):`);
    await providerRun(emulator, "no faults", { rate: 0, kinds: [] });
    await providerRun(emulator, "20% faults", { rate: 0.2, kinds: ["429", "500", "502", "503", "drop", "commit-then-drop"] });

    // Measured on the staged package, the copy Pulumi programs import (under node_modules: one require line).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const staged: unknown = require(path.join(repoRoot, "node_modules/pulumi-buddy-actions/dist/provider/providers/action.js"));
    const { text } = await pulumi.runtime.serializeFunction(() => staged, { allowSecrets: true });
    console.log(`\nSerialized provider stored per resource: ${text.length} bytes`);

    console.log("\nThe real Pulumi CLI against the emulator:");
    await cliRun(emulator);
  } finally {
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
