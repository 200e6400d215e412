#!/usr/bin/env node
// Makes a fresh clone ready to run: npm dependencies, compiled code, the staged package, the Pulumi CLI.
// Each step is skipped when its result is already up to date, so `npm test` and `npm run demo` can call this
// every time and a second run takes seconds.
//
// Flags: --quiet (print only when something is done), --no-cli (skip the Pulumi CLI, e.g. for the emulator).
// Deliberately dependency-free: it runs before node_modules exists.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const args = new Set(process.argv.slice(2));
const quiet = args.has("--quiet");
const log = (msg) => {
  if (!quiet) console.log(msg);
};
const announce = (msg) => console.error(msg); // work being done is always said, on stderr

const [major] = process.versions.node.split(".").map(Number);
if (major < 20) {
  console.error(`Node.js 20 or newer is required (this is ${process.version}).`);
  process.exit(1);
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(dir, exts) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Build output and installed packages are not sources: the emulator package's own build (emulator/dist, made by
    // `npm pack -w emulator` in a test) must not make every later setup rebuild dist/ under a running test.
    if (entry.isDirectory() && (entry.name === "dist" || entry.name === "node_modules")) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(full, exts));
    else if (exts.some((e) => entry.name.endsWith(e))) newest = Math.max(newest, mtime(full));
  }
  return newest;
}

function run(cmd, argv) {
  try {
    execFileSync(cmd, argv, { cwd: root, stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"] });
  } catch (err) {
    console.error(
      `setup: \`${path.basename(cmd)} ${argv.join(" ")}\` failed (exit ${err.status ?? err.signal}); see its output above.`,
    );
    process.exit(1);
  }
}

// 1. npm dependencies: `npm ci` when node_modules is missing or older than the lock file.
const installedMarker = path.join(root, "node_modules/.package-lock.json");
if (mtime(installedMarker) < mtime(path.join(root, "package-lock.json"))) {
  announce("setup: installing npm dependencies (npm ci)...");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

// 2. Compile provider/, emulator/ and scripts/*.ts when a source is newer than the last build.
const buildStamp = path.join(root, "dist/.build-stamp");
const sources = Math.max(
  // .json: the plugin's generated schema (provider/plugin/schema.json) is compiled in.
  newestIn(path.join(root, "provider"), [".ts", ".json"]),
  newestIn(path.join(root, "emulator"), [".ts"]),
  newestIn(path.join(root, "scripts"), [".ts"]),
  // The catalog: its interpreter is compiled in, its data read at run time (scripts/catalog-data.js).
  newestIn(path.join(root, "catalog", "types"), [".json"]),
  mtime(path.join(root, "catalog", "common.json")),
  newestIn(path.join(root, "catalog"), [".ts"]),
  mtime(path.join(root, "tsconfig.json")),
  mtime(path.join(root, "tsconfig.build.json")),
  mtime(path.join(root, "package.json")),
);
if (mtime(buildStamp) < sources) {
  announce("setup: compiling TypeScript (tsc -p tsconfig.build.json)...");
  // A clean output folder: a module removed from the sources must not live on in dist/ or the staged package.
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
  require("./catalog-data").writeCatalogData();
  fs.writeFileSync(buildStamp, new Date().toISOString() + "\n");
}

// 3. Stage the package under node_modules (cheap; npm ci removes it, so always redo it).
require("./stage-package").stage();
log("setup: package staged in node_modules/pulumi-buddy-actions");

// 4. The Pulumi CLI.
if (!args.has("--no-cli")) {
  const cli = require("./pulumi-cli");
  try {
    const dir = cli.ensureCli(announce);
    log(`setup: Pulumi CLI in ${dir}`);
    // For the provider plugin's YAML programs (test/e2e/plugin.test.ts).
    log(`setup: YAML language host in ${cli.ensureYamlHost(announce)}`);
  } catch (err) {
    console.error(`setup: ${err.message}`);
    process.exit(1);
  }
}
