#!/usr/bin/env node
// Copies the built package into node_modules/pulumi-buddy-actions as a real directory (not a link).
//
// Why: Pulumi serializes a dynamic provider into state. A provider object that is a module's
// `module.exports` inside a package under node_modules is stored as one `require("pkg/dist/...")` line;
// the same object reached through a symlink (npm link, file:..) is copied by value, grows to kilobytes, and
// its relative requires break in the provider process. The examples, the demo and the end-to-end tests
// therefore import the package by name and get this staged copy.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "node_modules", "pulumi-buddy-actions");

/** What the staged copy was made from: the last build's stamp and package.json. */
function sourceStamp(dist) {
  const build = path.join(dist, ".build-stamp");
  const built = fs.existsSync(build) ? fs.readFileSync(build, "utf8").trim() : String(fs.statSync(dist).mtimeMs);
  return `${built} ${fs.statSync(path.join(root, "package.json")).mtimeMs}`;
}

function stage() {
  const dist = path.join(root, "dist");
  if (!fs.existsSync(dist)) throw new Error("dist/ is missing: run `npm run build` first");
  const stamp = sourceStamp(dist);
  const stampFile = path.join(target, ".stage-stamp");
  // Already staged from this build: leave it alone. Tests running in parallel processes each call setup, and a
  // copy torn down under a test that is reading it breaks that test.
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;
  // Build the new copy beside the old one and swap it in with renames, so a reader never sees a half copy.
  const fresh = `${target}.staging-${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  fs.mkdirSync(fresh, { recursive: true });
  fs.copyFileSync(path.join(root, "package.json"), path.join(fresh, "package.json"));
  for (const dir of ["provider", "catalog", "emulator"]) {
    const from = path.join(dist, dir);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(fresh, "dist", dir), { recursive: true });
  }
  fs.writeFileSync(path.join(fresh, ".stage-stamp"), stamp);
  const old = `${target}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(fresh, target);
  fs.rmSync(old, { recursive: true, force: true });
}

if (require.main === module) stage();
module.exports = { stage, target };
