// Issue 9 item 10: what `npm install` of the packed packages gives a user. The provider's package carries its
// LICENSE and the emulator's README it links to, installs no fastify (only the emulator needs it) and warns no
// EBADENGINE on Node 20; the emulator is its own package (npm workspace `emulator/`) whose `buddy-emulator` bin
// runs from a plain install; and no shipped declaration refers to this repository's internal notes.
// Issue 16 items 7 and 10: the tarballs are the ones `npm run pack` (scripts/pack.js) writes; their manifests carry
// no scripts, workspaces or devDependencies, so npm 11 prints no install-script warning about them; and no shipped
// declaration names the spec builders' internal generic types.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../helpers/emulator";
import { stagePackage } from "../provider/stage";

// Plain JS shared with `npm run pack`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packer = require(path.join(REPO_ROOT, "scripts", "pack.js")) as {
  pack(dest: string): { provider: string; emulator: string };
};

const INTERNAL = /seed (pages? )?0\d\d|shared\/reference|\/work\/|notes\//;

/** The manifest inside a tarball. */
function packedManifest(tarball: string): Record<string, unknown> {
  return JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as Record<
    string,
    unknown
  >;
}

/** What npm 11 says about a package's install scripts ("install scripts not yet covered by allowScripts"). */
function installScriptWarnings(output: string, name: string): string[] {
  return output.split("\n").filter((l) => /install-scripts|allowScripts/.test(l) && l.includes(name));
}

/** The spec builders' generic types: none may reach a published declaration. */
const INTERNAL_TYPES = /LeafField|InputMap|Documented|PlainObject|DeepInput|FieldDef|OptionalKeys|RequiredKeys/;

/** `npm install <tarball>` into a fresh project; returns the project dir and everything npm printed. */
function install(tarball: string, extra: string[] = []): { dir: string; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-install-"));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
  );
  const r = spawnSync("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", ...extra], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.strictEqual(r.status, 0, r.stdout + r.stderr);
  return { dir, output: r.stdout + r.stderr };
}

function filesUnder(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f));
}

describe("the packed packages, installed", function () {
  this.timeout(300_000);
  let packs: string;
  let tarballs: { provider: string; emulator: string };
  before(() => {
    stagePackage();
    packs = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-packs-"));
    tarballs = packer.pack(packs);
  });
  const dirs: string[] = [];
  after(() => {
    for (const d of [packs, ...dirs]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it("pulumi-buddy-actions: LICENSE and emulator/README.md inside, no fastify, no EBADENGINE, no internal references in .d.ts", () => {
    // The peer @pulumi/pulumi is the user's own; leaving it out keeps this about what the package itself brings.
    const { dir, output } = install(tarballs.provider, ["--legacy-peer-deps"]);
    dirs.push(dir);
    const pkg = path.join(dir, "node_modules", "pulumi-buddy-actions");
    assert.doesNotMatch(output, /EBADENGINE/);
    assert.ok(!fs.existsSync(path.join(dir, "node_modules", "fastify")), "fastify was installed with the provider");
    assert.match(fs.readFileSync(path.join(pkg, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0/);
    assert.ok(
      fs.existsSync(path.join(pkg, "emulator", "README.md")),
      "the README's link to emulator/README.md resolves",
    );
    const leaks = filesUnder(path.join(pkg, "dist"), ".d.ts").filter((f) => INTERNAL.test(fs.readFileSync(f, "utf8")));
    assert.deepStrictEqual(
      leaks.map((f) => path.relative(pkg, f)),
      [],
    );
    const internal = filesUnder(path.join(pkg, "dist"), ".d.ts").filter((f) =>
      INTERNAL_TYPES.test(fs.readFileSync(f, "utf8")),
    );
    assert.deepStrictEqual(
      internal.map((f) => path.relative(pkg, f)),
      [],
      "published declarations name internal generic types",
    );
  });

  for (const which of ["provider", "emulator"] as const) {
    it(`${which}: the packed manifest has no scripts, workspaces or devDependencies, and npm installs it without an install-script warning`, () => {
      const manifest = packedManifest(tarballs[which]);
      const name = String(manifest.name);
      assert.deepStrictEqual(
        ["scripts", "workspaces", "devDependencies", "private"].filter((k) => k in manifest),
        [],
        `${name}'s packed package.json`,
      );
      assert.ok(manifest.main && manifest.types && manifest.dependencies, "main, types and dependencies are kept");
      const { dir, output } = install(tarballs[which], which === "provider" ? ["--legacy-peer-deps"] : []);
      dirs.push(dir);
      assert.deepStrictEqual(installScriptWarnings(output, name), [], output);
    });
  }

  it("pulumi-buddy-actions-emulator: its own package with LICENSE and README.md, and `buddy-emulator` runs from the install", () => {
    const { dir, output } = install(tarballs.emulator);
    dirs.push(dir);
    const pkg = path.join(dir, "node_modules", "pulumi-buddy-actions-emulator");
    assert.doesNotMatch(output, /EBADENGINE/);
    assert.ok(fs.existsSync(path.join(pkg, "LICENSE")));
    assert.ok(fs.existsSync(path.join(pkg, "README.md")));
    const help = spawnSync(path.join(dir, "node_modules", ".bin", "buddy-emulator"), ["--help"], {
      cwd: dir,
      encoding: "utf8",
    });
    assert.strictEqual(help.status, 0, help.stdout + help.stderr);
    assert.match(help.stdout, /--port/);
    const started = spawnSync(
      process.execPath,
      [
        "-e",
        `
      const { startEmulator } = require("pulumi-buddy-actions-emulator");
      startEmulator({ port: 0 }).then(async (e) => {
        const r = await fetch(e.url + "/workspaces", { headers: { Authorization: "Bearer " + e.token } });
        console.log(r.status); await e.close();
      });`,
      ],
      { cwd: dir, encoding: "utf8" },
    );
    assert.strictEqual(started.stdout.trim(), "200", started.stderr);
  });
});
