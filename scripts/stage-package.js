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

function stage() {
  const dist = path.join(root, "dist");
  if (!fs.existsSync(dist)) throw new Error("dist/ is missing: run `npm run build` first");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(root, "package.json"), path.join(target, "package.json"));
  for (const dir of ["provider", "emulator"]) {
    const from = path.join(dist, dir);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, "dist", dir), { recursive: true });
  }
}

if (require.main === module) stage();
module.exports = { stage, target };
