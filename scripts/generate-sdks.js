#!/usr/bin/env node
// Writes the provider plugin's SDKs (Node.js, Python, Go) from its package schema (provider/plugin/schema.json,
// generated from the catalog) with our generator over Pulumi's codegen packages (tools/sdkgen, built and cached by
// scripts/pulumi-cli.js). Built, not committed: every SDK is a function of the schema.
//
//   node scripts/generate-sdks.js <out-dir> [nodejs] [python] [go]     (default: all three)
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { CLI_VERSION, ensureSdkgen } = require("./pulumi-cli");

const root = path.resolve(__dirname, "..");
/** The Go SDK's module: its import path follows the schema's repository (sdk/go/buddy below it). */
const GO_MODULE = "github.com/pulumi-buddy-actions/pulumi-buddy-actions/sdk/go";

function generateSdks(outDir, languages = ["nodejs", "python", "go"], log = console.log) {
  const sdkgen = ensureSdkgen(log);
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync(sdkgen, [path.join(root, "provider/plugin/schema.json"), outDir, ...languages], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (languages.includes("go")) {
    // The generator writes the package only; its module needs the Go SDK of Pulumi it was generated against.
    const goMod = `module ${GO_MODULE}\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${CLI_VERSION}\n`;
    fs.writeFileSync(path.join(outDir, "go", "go.mod"), goMod);
  }
  return outDir;
}

if (require.main === module) {
  const [outDir, ...languages] = process.argv.slice(2);
  if (!outDir) {
    console.error("usage: node scripts/generate-sdks.js <out-dir> [nodejs] [python] [go]");
    process.exit(2);
  }
  generateSdks(path.resolve(outDir), languages.length > 0 ? languages : undefined);
  console.log(`SDKs written to ${outDir}`);
}

module.exports = { generateSdks, GO_MODULE };
