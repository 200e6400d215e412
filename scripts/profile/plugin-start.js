#!/usr/bin/env node
// How long a plugin executable takes to start: from spawn until it prints its port (what the engine waits for),
// as wall time and as the process's CPU time (user + system, all threads, from /proc/<pid>/stat; Linux only). The
// CPU time is the number to compare on a loaded machine. Median of 7 runs.
//   node scripts/profile/plugin-start.js <executable>       (PLUGIN_PATH: the PATH it gets, default none)
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");

const RUNS = 7;
const MS_PER_TICK = 10; // CLK_TCK is 100 on Linux

function once(exe) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(exe, [], {
      env: { PATH: process.env.PLUGIN_PATH || "/nonexistent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.once("data", () => {
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
      resolve({ wall, cpu: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK });
      child.kill();
    });
    child.on("error", reject);
  });
}

async function main() {
  const exe = process.argv[2];
  if (!exe) throw new Error("usage: node scripts/profile/plugin-start.js <executable>");
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(exe));
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[RUNS >> 1];
  console.log(`${exe}: to its port, median of ${RUNS}: ${median("wall").toFixed(0)} ms wall, ${median("cpu")} ms CPU`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
