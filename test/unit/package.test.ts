// What `npm run pack` ships (scripts/pack.js, the tarball a user installs): the compiled provider, its types, the
// README, and nothing else; every relative require inside it resolvable from the packed files alone; and @pulumi/pulumi as a
// peer dependency, so a user's program and this package share one SDK instance (two copies would register
// resources with an SDK that has no engine connection).
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  main: string;
  types: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

// Plain JS shared with `npm run pack`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packer = require(path.join(root, "scripts", "pack.js")) as { pack(dest: string): { provider: string } };

/** The packed provider's files (paths inside the package) and their sizes in bytes. */
function packedFiles(): Map<string, number> {
  assert.ok(fs.existsSync(path.join(root, pkg.main)), "dist/ is missing: npm test builds it (node scripts/setup.js)");
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-pack-"));
  try {
    const { provider } = packer.pack(dest);
    // `tar -tv` lines: mode, owner, size, date, time, path.
    const listing = execFileSync("tar", ["-tvzf", provider], { encoding: "utf8" }).split("\n").filter(Boolean);
    return new Map(
      listing.map((line) => {
        const m = /^\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+package\/(.+)$/.exec(line);
        assert.ok(m, `unexpected tar listing line: ${line}`);
        return [m[2], Number(m[1])];
      }),
    );
  } finally {
    fs.rmSync(dest, { recursive: true, force: true });
  }
}

/**
 * The bytes of type declarations the package may ship: issue 20's aim (a user's editor and `tsc` read all of them).
 * 573,036 before shared shapes were named once (README "Adding an action type"), 393,364 after; an average action
 * type adds about 2,600, so a new type or field may need a shape named, a doc shortened, or this budget revisited.
 */
const DECLARATION_BUDGET = 400_000;

describe("the published package", function () {
  this.timeout(60_000);
  let files: string[];
  let sizes: Map<string, number>;
  before(() => {
    sizes = packedFiles();
    files = [...sizes.keys()];
  });

  it(`ships at most ${DECLARATION_BUDGET.toLocaleString("en")} bytes of type declarations`, () => {
    const declarations = [...sizes].filter(([f]) => f.endsWith(".d.ts"));
    const total = declarations.reduce((sum, [, size]) => sum + size, 0);
    const largest = declarations
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([f, size]) => `${f} ${size}`);
    assert.ok(
      total <= DECLARATION_BUDGET,
      `${total} bytes in ${declarations.length} files; largest: ${largest.join(", ")}`,
    );
  });

  it("holds the entry points, the single provider module, the README and the emulator's README it links to", () => {
    for (const f of [pkg.main, pkg.types, "dist/provider/providers/action.js", "README.md", "emulator/README.md"]) {
      assert.ok(files.includes(f.replace(/^\.\//, "")), `${f} is not in the package`);
    }
    // The emulator is its own package (npm workspace emulator/), so its fastify is not installed with the provider.
    // Its one bin is the recovery command (README "After a killed run"), a module of the provider's own.
    assert.deepStrictEqual(pkg.bin, { "pulumi-buddy-actions": "dist/provider/recovery/cli.js" });
    assert.ok(files.includes("dist/provider/recovery/cli.js"), "the recover command is not in the package");
    assert.strictEqual(pkg.dependencies?.fastify, undefined);
    const emulatorPkg = JSON.parse(fs.readFileSync(path.join(root, "emulator", "package.json"), "utf8")) as {
      bin: Record<string, string>;
    };
    const bin = fs.readFileSync(path.join(root, "emulator", "cli.ts"), "utf8");
    assert.strictEqual(emulatorPkg.bin["buddy-emulator"], "dist/emulator/cli.js");
    assert.ok(bin.startsWith("#!/usr/bin/env node"), "the bin has a node shebang");
  });

  it("holds no tests, scripts or TypeScript sources", () => {
    const stray = files.filter(
      (f) => /^(test|scripts|examples|tools)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")),
    );
    assert.deepStrictEqual(stray, []);
  });

  it("holds the catalog's data the provider builds its specs from, without docs, notes or examples", () => {
    const types = fs.readdirSync(path.join(root, "catalog", "types")).filter((f) => f.endsWith(".json"));
    const missing = ["common.json", ...types.map((t) => `types/${t}`)].filter(
      (f) => !files.includes(`dist/catalog/${f}`),
    );
    assert.deepStrictEqual(missing, []);
    const shipped = fs.readFileSync(path.join(root, "dist", "catalog", "types", "SSH_COMMAND.json"), "utf8");
    assert.ok(
      shipped.includes('"kind"') && !/"(doc|notes|requestExamples|source)"/.test(shipped),
      shipped.slice(0, 200),
    );
  });

  it("resolves every relative require from the packed files alone", () => {
    const missing: string[] = [];
    for (const f of files.filter((p) => p.endsWith(".js"))) {
      const text = fs.readFileSync(path.join(root, f), "utf8");
      for (const m of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]));
        if (![target, `${target}.js`, `${target}/index.js`].some((t) => files.includes(t)))
          missing.push(`${f} -> ${m[1]}`);
      }
    }
    assert.deepStrictEqual(missing, []);
  });

  it("takes @pulumi/pulumi as a peer dependency, never its own copy", () => {
    assert.strictEqual(pkg.dependencies?.["@pulumi/pulumi"], undefined);
    assert.ok(pkg.peerDependencies?.["@pulumi/pulumi"]);
  });
});
