#!/usr/bin/env node
// `npm run pack:plugin`: the provider plugin as an archive `pulumi plugin install resource buddy <version> --file
// <archive>` installs, written to packs/pulumi-resource-buddy-v<version>-<os>-<arch>.tar.gz (the file name Pulumi
// asks a `pluginDownloadURL` for, so a release uploads these files as they are).
//
// The archive holds one file, the executable `pulumi-resource-buddy`: a Node.js single executable application (the
// node binary running this script, with the plugin bundled into one CommonJS file by esbuild and injected by
// postject), so YAML, Python and Go users need no Node.js. `--launcher` makes the other form instead: the same
// bundle, `pulumi-resource-buddy.js`, beside a shell script that runs it with the `node` on PATH (small, any
// platform, needs Node.js 20+).
//
// Why the bundle: a plugin directory holds only what the archive holds, and the plugin's code needs the engine,
// the catalog and the SDK's gRPC modules; one file of about 19 MB replaces a node_modules tree of several hundred.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const packsDir = path.join(root, "packs");

/** Pulumi's names for the platform (the `${OS}-${ARCH}` of a plugin download). */
function pulumiPlatform() {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch];
  const osName = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform];
  if (!arch || !osName) throw new Error(`no Pulumi plugin name for ${process.platform}/${process.arch}`);
  return `${osName}-${arch}`;
}

/**
 * provider/plugin/rpc.js loads the SDK's gRPC and protocol modules through `createRequire(require.resolve(
 * "@pulumi/pulumi"))` (they are the SDK's dependencies, not ours), which a bundler cannot follow. For the bundle
 * those calls become plain `require`s resolved from the SDK's own directory: the same modules, found at build time.
 */
const sdkRequirePlugin = {
  name: "sdk-require",
  setup(build) {
    build.onLoad({ filter: /[\\/]provider[\\/]plugin[\\/]rpc\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, "utf8");
      const definition = /const sdkRequire = \(0, module_1\.createRequire\)\(require\.resolve\("@pulumi\/pulumi"\)\);/;
      if (!definition.test(text)) throw new Error(`${args.path}: the sdkRequire line changed; update ${__filename}`);
      return {
        contents: text.replace(definition, "").replace(/\bsdkRequire\(/g, "require("),
        loader: "js",
        resolveDir: path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] })),
      };
    });
  },
};

/**
 * node-fetch loads the optional `encoding` package inside a try/catch at start-up; not bundled, a single executable
 * warns about it on every start (its require() only loads built-in modules). node-fetch only needs it for
 * `textConverted()`, which nothing here calls: it gets an empty module.
 */
const noEncodingPlugin = {
  name: "no-encoding",
  setup(build) {
    build.onResolve({ filter: /^encoding$/ }, () => ({ path: "encoding", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/** dist/catalog's common fields and type entries, as provider/specs/from-catalog.ts reads them embedded. */
function embeddedCatalog() {
  const dir = path.join(root, "dist", "catalog");
  const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  const types = {};
  for (const f of fs
    .readdirSync(path.join(dir, "types"))
    .filter((n) => n.endsWith(".json"))
    .sort())
    types[f.slice(0, -".json".length)] = read(path.join(dir, "types", f));
  return { common: read(path.join(dir, "common.json")), types };
}

/** Bundles dist/provider/plugin/main.js into one CommonJS file at `outfile`. */
async function bundle(outfile) {
  const entry = path.join(root, "dist", "provider", "plugin", "main.js");
  if (!fs.existsSync(entry)) throw new Error("dist/provider/plugin/main.js is missing: run `npm run build` first");
  const esbuild = require("esbuild");
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    minify: true,
    legalComments: "none",
    logLevel: "error",
    plugins: [sdkRequirePlugin, noEncodingPlugin],
    // The runtime specs read dist/catalog's files (provider/specs/from-catalog.ts); a single executable has no
    // files beside it, so the data goes in the bundle, set before any module runs.
    banner: { js: `globalThis.__pulumiBuddyCatalog = ${JSON.stringify(embeddedCatalog())};` },
  });
}

/** Makes `out` a single executable application of this node binary running `script` (Node 20's SEA, via postject). */
function singleExecutable(script, out, work) {
  const config = path.join(work, "sea-config.json");
  const blob = path.join(work, "sea-prep.blob");
  fs.writeFileSync(
    config,
    JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
  );
  execFileSync(process.execPath, ["--experimental-sea-config", config], { stdio: ["ignore", "ignore", "pipe"] });
  fs.copyFileSync(process.execPath, out);
  fs.chmodSync(out, 0o755);
  const postject = require.resolve("postject/dist/cli.js", { paths: [root] });
  execFileSync(
    process.execPath,
    [postject, out, "NODE_SEA_BLOB", blob, "--sentinel-fuse", "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2"],
    // postject warns about ELF note sections it does not parse ("Can't find string offset..."): shown on failure only.
    { stdio: ["ignore", "ignore", "pipe"] },
  );
}

const LAUNCHER = `#!/bin/sh
# The Buddy provider plugin (needs Node.js 20+ on PATH): runs the bundled plugin beside this script.
exec node "$(dirname "$0")/pulumi-resource-buddy.js" "$@"
`;

/**
 * Writes the plugin archive into `dest` (default packs/) and returns its path. `launcher`: the Node.js-launcher
 * form instead of the single executable.
 */
async function pluginArchive({ dest = packsDir, launcher = false } = {}) {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-plugin-archive-"));
  try {
    const layout = path.join(work, "layout");
    fs.mkdirSync(layout);
    const script = path.join(launcher ? layout : work, "pulumi-resource-buddy.js");
    await bundle(script);
    const exe = path.join(layout, "pulumi-resource-buddy");
    if (launcher) fs.writeFileSync(exe, LAUNCHER, { mode: 0o755 });
    else singleExecutable(script, exe, work);
    fs.copyFileSync(path.join(root, "LICENSE"), path.join(layout, "LICENSE"));
    // The plugin reports the version of the package.json it finds above its own directory (provider/plugin/provider.ts).
    fs.writeFileSync(
      path.join(layout, "package.json"),
      `${JSON.stringify({ name: "pulumi-buddy-actions", version, private: true }, null, 2)}\n`,
    );
    fs.mkdirSync(dest, { recursive: true });
    const name = `pulumi-resource-buddy-v${version}-${launcher ? "node" : pulumiPlatform()}.tar.gz`;
    const archive = path.join(dest, name);
    execFileSync("tar", ["-czf", archive, "-C", layout, "."], { stdio: "inherit" });
    return archive;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const launcher = args.includes("--launcher");
  const dir = args.find((a) => !a.startsWith("--"));
  pluginArchive({ dest: dir ? path.resolve(dir) : packsDir, launcher }).then(
    (archive) => console.log(path.relative(process.cwd(), archive)),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
module.exports = { pluginArchive, pulumiPlatform, packsDir };
