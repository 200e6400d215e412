#!/usr/bin/env node
// Writes the catalog's data the provider reads at run time (provider/specs/from-catalog.ts) into dist/catalog:
// catalog/common.json and catalog/types/*.json without what only people and the generator read (docs, sources,
// notes, request examples, the declarations' shape names). The build runs it after tsc; the packages ship
// dist/catalog as it is.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
// `shapes` and `typeName` name the object shapes in the declarations (tools/catalog/generate.ts): types only.
const DROPPED = new Set(["doc", "source", "notes", "requestExamples", "curated", "shapes", "typeName"]);

/** `value` without the dropped members, at any depth. */
function runtimeData(value) {
  if (Array.isArray(value)) return value.map(runtimeData);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !DROPPED.has(key))
      .map(([key, v]) => [key, runtimeData(v)]),
  );
}

function write(from, to) {
  const data = runtimeData(JSON.parse(fs.readFileSync(from, "utf8")));
  fs.writeFileSync(to, JSON.stringify(data));
}

/** dist/catalog/common.json and dist/catalog/types/<TYPE>.json from catalog/. */
function writeCatalogData(dist = path.join(root, "dist")) {
  const types = path.join(dist, "catalog", "types");
  fs.rmSync(types, { recursive: true, force: true });
  fs.mkdirSync(types, { recursive: true });
  write(path.join(root, "catalog", "common.json"), path.join(dist, "catalog", "common.json"));
  for (const f of fs.readdirSync(path.join(root, "catalog", "types")).filter((n) => n.endsWith(".json"))) {
    write(path.join(root, "catalog", "types", f), path.join(types, f));
  }
}

if (require.main === module) writeCatalogData();
module.exports = { writeCatalogData };
