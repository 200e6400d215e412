#!/usr/bin/env node
// `npm run pack`: the two packages as a user installs them, written to packs/:
//   packs/pulumi-buddy-actions-<version>.tgz and packs/pulumi-buddy-actions-emulator-<version>.tgz
//
// Why not plain `npm pack`: it ships package.json as it is, and this repository's manifests are for developing it
// (`prepare` runs scripts/setup.js, which is not shipped; `workspaces`; devDependencies). npm 11 warns on every
// install of such a tarball ("install scripts not yet covered by allowScripts"). So each package is laid out in a
// temporary directory with a manifest that keeps only what an installed package needs, and packed from there. The
// provider ships only the declarations its entry point reaches (index.d.ts and what it imports): the rest are
// internal modules' types, which no program can name.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const packsDir = path.join(root, "packs");

/** The manifest fields an installed package uses; scripts, workspaces and devDependencies are left out. */
const SHIPPED_FIELDS = [
  "name",
  "version",
  "description",
  "license",
  "keywords",
  "repository",
  "homepage",
  "main",
  "types",
  "bin",
  "files",
  "engines",
  "dependencies",
  "peerDependencies",
  "peerDependenciesMeta",
];

function cleanManifest(pkg) {
  return Object.fromEntries(SHIPPED_FIELDS.filter((k) => pkg[k] !== undefined).map((k) => [k, pkg[k]]));
}

/** The .d.ts files reachable from `entry` through relative imports (`from "./x"`, `import("./x")`). */
function reachableDeclarations(entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\()"(\.{1,2}\/[^"]+)"/g)) {
      const target = path.resolve(path.dirname(file), m[1]);
      const found = [`${target}.d.ts`, path.join(target, "index.d.ts")].find((f) => fs.existsSync(f));
      if (!found) throw new Error(`${path.relative(root, file)} imports ${m[1]}, which has no declaration`);
      queue.push(found);
    }
  }
  return seen;
}

function copyTree(from, to, keep) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(src, dest, keep);
    else if (keep(src)) {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(src, dest);
    }
  }
}

/** Lays out one package in a temporary directory, packs it into `dest` and returns the tarball's path. */
function packOne(manifest, layout, dest) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pack-${manifest.name}-`));
  try {
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    layout(dir);
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dest, "--loglevel=error"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return path.join(dest, JSON.parse(out)[0].filename);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function requireBuilt(file) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first`);
}

/** Packs both packages into `dest` (default packs/); returns the tarballs' paths. */
function pack(dest = packsDir) {
  fs.mkdirSync(dest, { recursive: true });
  const dist = path.join(root, "dist");
  const provider = path.join(dist, "provider");
  const catalog = path.join(dist, "catalog");
  requireBuilt(path.join(provider, "index.js"));
  requireBuilt(path.join(dist, "emulator", "cli.js"));

  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const declarations = reachableDeclarations(path.join(provider, "index.d.ts"));
  const providerTarball = packOne(
    cleanManifest(pkg),
    (dir) => {
      copyTree(provider, path.join(dir, "dist", "provider"), (f) => !f.endsWith(".d.ts") || declarations.has(f));
      // The catalog's interpreter (catalog/rules.ts), which check runs, and its data, from which the provider builds
      // each type's spec (scripts/catalog-data.js); declarations only where index.d.ts reaches.
      copyTree(catalog, path.join(dir, "dist", "catalog"), (f) => !f.endsWith(".d.ts") || declarations.has(f));
      for (const f of ["README.md", "CHANGELOG.md", "LICENSE", "emulator/README.md"]) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.copyFileSync(path.join(root, f), path.join(dir, f));
      }
    },
    dest,
  );

  const emulatorPkg = JSON.parse(fs.readFileSync(path.join(root, "emulator", "package.json"), "utf8"));
  const emulatorTarball = packOne(
    cleanManifest(emulatorPkg),
    (dir) => {
      // The same compiled emulator the repository runs, with the catalog's interpreter it validates with (the
      // emulator imports nothing from provider/, and its rule table is generated: it reads no catalog data).
      copyTree(path.join(dist, "emulator"), path.join(dir, "dist", "emulator"), (f) => !f.endsWith(".map"));
      copyTree(catalog, path.join(dir, "dist", "catalog"), (f) => !f.endsWith(".map") && !f.endsWith(".json"));
      for (const f of ["README.md", "LICENSE"]) fs.copyFileSync(path.join(root, "emulator", f), path.join(dir, f));
    },
    dest,
  );
  return { provider: providerTarball, emulator: emulatorTarball };
}

if (require.main === module) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : packsDir;
  const written = pack(out);
  console.log(`${path.relative(process.cwd(), written.provider)}\n${path.relative(process.cwd(), written.emulator)}`);
}
module.exports = { pack, cleanManifest, reachableDeclarations, packsDir };
