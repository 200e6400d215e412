#!/usr/bin/env node
// Adds up CPU profiles (*.cpuprofile) whose name starts with a prefix and prints where the time went:
// total sampled time, then the functions with the most self time and the most inclusive time.
//   node scripts/profile/summarize.js <dir> <prefix> [top=25]
"use strict";
const fs = require("fs");
const path = require("path");

const [dir, prefix = "", topArg = "25"] = process.argv.slice(2);
const top = Number(topArg);
const self = new Map();
const inclusive = new Map();
let totalUs = 0;
let idleUs = 0;

for (const file of fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(".cpuprofile"))) {
  const p = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url
      ? `${f.url
          .replace(/^.*node_modules\//, "")
          .replace(/^file:\/\//, "")
          .replace(/^.*\/(provider|scripts|dist)\//, "$1/")}:${f.lineNumber + 1}`
      : "";
    return `${f.functionName || "(anonymous)"} ${where}`.trim();
  };
  const deltas = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) {
    const us = deltas[i + 1] ?? 0;
    totalUs += us;
    let n = byId.get(p.samples[i]);
    const name = label(n);
    if (name.startsWith("(idle)") || name.startsWith("(program)")) idleUs += name.startsWith("(idle)") ? us : 0;
    self.set(name, (self.get(name) || 0) + us);
    const seen = new Set();
    while (n) {
      const l = label(n);
      if (!seen.has(l)) {
        seen.add(l);
        inclusive.set(l, (inclusive.get(l) || 0) + us);
      }
      const pid = parent.get(n.id);
      n = pid === undefined ? undefined : byId.get(pid);
    }
  }
}

const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${prefix}*: ${ms(totalUs)} sampled, ${ms(totalUs - idleUs)} not idle`);
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)}  ${k}`);
};
show("self time", self);
show("inclusive time", inclusive);
