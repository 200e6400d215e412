#!/usr/bin/env node
// The static checks of `npm test` (types, lint, format, API docs, unused exports), run side by side: each is one
// process on one core, and run one after another they took about 80 s of CPU before the first test started. Prints
// the output of each check that fails and exits non-zero if any did. Plain Node.js: it needs nothing but what npm ci installed.
"use strict";
const { spawn } = require("child_process");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const CHECKS = [
  ["types", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]],
  ["lint", bin("eslint"), ["."]],
  ["format", bin("prettier"), ["--check", "."]],
  // Types are checked above; typedoc only needs to build the reference (and treat its own warnings as errors).
  ["docs", bin("typedoc"), ["--skipErrorChecking"]],
  // Exports no other file names (a text scan, ~1 s): drop the export, or list why it stays in the tool.
  ["exports", bin("ts-node"), ["--transpile-only", "tools/checks/unused-exports.ts", "--check"]],
];
const parallel = Math.max(1, Math.min(CHECKS.length, Number(process.env.CHECKS_JOBS) || os.cpus().length));

function run([name, command, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (err) => resolve({ name, code: 1, output: String(err), ms: Date.now() - started }));
    child.on("close", (code) => resolve({ name, code: code ?? 1, output, ms: Date.now() - started }));
  });
}

async function main() {
  const queue = [...CHECKS];
  const results = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results.push(await run(next));
    }),
  );
  let failed = 0;
  for (const r of results) {
    const ok = r.code === 0;
    if (!ok) failed += 1;
    console.log(`checks: ${r.name} ${ok ? "passed" : `FAILED (exit ${r.code})`} in ${(r.ms / 1000).toFixed(1)} s`);
    if (!ok) console.log(r.output);
  }
  process.exit(failed === 0 ? 0 : 1);
}

main();
