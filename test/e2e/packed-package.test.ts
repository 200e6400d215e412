// The package as a user gets it: `npm run pack` from a clean tree (no dist/: it builds first), the tarball installed
// into a fresh Pulumi TypeScript project made like Pulumi's own template (strict, commonjs, no esModuleInterop,
// skipLibCheck off), type-checked with tsc, then `up`, a no-change `preview`, `refresh` and `destroy` against the
// emulator. Once per tested Node.js major, each with the @pulumi/pulumi it is tested with (see runtimes.ts). Majors
// tested with the same @pulumi/pulumi (22 and 24) share one installed and type-checked project, made for the newest
// of them (@types/node of that major): npm runs on the machine's own Node whichever major is tested, what tsc reports
// does not depend on the Node running it, and every package installed is plain JavaScript (no native module built
// for one Node); each major then runs the program itself (up, preview, refresh, destroy on that `node`).
// And an example folder copied out of the repository and installed as the README says (issue 16 item 7): its own
// package.json, `npm install <provider tarball>`, `npm install --save-dev <emulator tarball>`, then up and destroy
// against the `buddy-emulator` that install brought.
import * as assert from "assert";
import { execFileSync, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { buddyResources, LocalStack, repoRoot, requireCli } from "../../scripts/pulumi-stack";
import { EmulatorAdmin } from "./emulator-admin";
import { describeRuntime, npmCacheDir, runtimeFor, sdkVersionFor, TESTED_NODE_MAJORS } from "./runtimes";

/** The program every fresh project runs: the realistic example, as a user would copy it. */
const PROGRAM = path.join(repoRoot, "examples", "release-pipeline", "index.ts");

/** Pulumi's TypeScript template's compiler options (`pulumi new typescript`). */
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
    skipLibCheck: false,
  },
  files: ["index.ts"],
};

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`, {
      cause: err,
    });
  }
}

/**
 * A copy of the checkout as a fresh clone has it: the files git tracks or would track (uncommitted edits included),
 * without dist/ or anything else ignored. Its node_modules holds links to this checkout's installed packages,
 * standing in for `npm ci` (same lock file), minus this package's own staged copy.
 */
function cleanTree(dir: string): void {
  const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], repoRoot)
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    const from = path.join(repoRoot, f);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, f));
  }
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(repoRoot, "node_modules"))) {
    if (entry === "pulumi-buddy-actions" || entry === ".cache" || entry === ".package-lock.json") continue;
    fs.symlinkSync(path.join(repoRoot, "node_modules", entry), path.join(modules, entry));
  }
  // As after `npm ci`: npm's install marker, written after the lock file, so setup does not install again.
  fs.copyFileSync(path.join(repoRoot, "node_modules", ".package-lock.json"), path.join(modules, ".package-lock.json"));
}

/** A Pulumi TypeScript project in `dir` depending on the tarball and the given SDK, installed. */
function freshProject(dir: string, tarball: string, sdkVersion: string, nodeMajor: number): void {
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: fresh-buddy-project\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      {
        name: "fresh-buddy-project",
        main: "index.ts",
        devDependencies: { "@types/node": `^${nodeMajor}`, typescript: "^5" },
        dependencies: { "@pulumi/pulumi": sdkVersion, "pulumi-buddy-actions": `file:${tarball}` },
      },
      null,
      2,
    ),
  );
  // Plus one output saying which Node ran the program, so the test knows the runtime really was the one asked for.
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    `${fs.readFileSync(PROGRAM, "utf8")}\nexport const nodeVersion = process.version;\n`,
  );
  run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", `--cache=${npmCacheDir()}`, "--loglevel=error"],
    dir,
  );
}

describe("e2e: the packed package in a fresh Pulumi project", function () {
  this.timeout(600_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-packed-"));
  let tarball: string;
  let emulatorTarball: string;
  let emulator: RunningEmulator;

  before(async () => {
    const tree = path.join(work, "clone");
    fs.mkdirSync(tree);
    cleanTree(tree);
    assert.ok(!fs.existsSync(path.join(tree, "dist")), "the clean tree has no dist/");
    run("npm", ["run", "pack", "--loglevel=error", "--", work], tree);
    const { version } = JSON.parse(fs.readFileSync(path.join(tree, "package.json"), "utf8")) as { version: string };
    tarball = path.join(work, `pulumi-buddy-actions-${version}.tgz`);
    emulatorTarball = path.join(work, `pulumi-buddy-actions-emulator-${version}.tgz`);
    const files = run("tar", ["-tzf", tarball], work)
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));
    for (const f of [
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/providers/action.js",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
    ]) {
      assert.ok(files.includes(f), `${f} is in the tarball (npm run pack built it)`);
    }
    // The emulator is its own package (pulumi-buddy-actions-emulator): nothing of it ships with the provider.
    assert.deepStrictEqual(
      files.filter((f) => f.startsWith("dist/emulator/")),
      [],
      "no emulator code in the provider's tarball",
    );
    emulator = await startEmulator({ quiet: true });
  });
  after(async () => {
    await emulator?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** The installed, type-checked project of each tested @pulumi/pulumi version, made on first use. */
  const projects = new Map<string, string>();
  function projectFor(sdkVersion: string, nodeEnv: NodeJS.ProcessEnv): string {
    const made = projects.get(sdkVersion);
    if (made !== undefined) return made;
    // For the newest major tested with this SDK: its @types/node.
    const typesMajor = Math.max(...TESTED_NODE_MAJORS.filter((m) => sdkVersionFor(m) === sdkVersion));
    const dir = path.join(work, `project-sdk${sdkVersion}-node${typesMajor}`);
    fs.mkdirSync(dir);
    freshProject(dir, tarball, sdkVersion, typesMajor);
    const installed = JSON.parse(
      fs.readFileSync(path.join(dir, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
    ) as { version: string };
    assert.strictEqual(installed.version, sdkVersion);
    run("node", [path.join(dir, "node_modules/typescript/bin/tsc"), "-p", dir, "--noEmit"], dir, nodeEnv);
    projects.set(sdkVersion, dir);
    return dir;
  }

  for (const major of TESTED_NODE_MAJORS) {
    it(`${describeRuntime(major)}: installs, type-checks, and goes through up, preview, refresh, destroy`, async () => {
      const runtime = runtimeFor(major);
      const nodeEnv = { ...process.env, PATH: `${runtime.binDir}${path.delimiter}${process.env.PATH ?? ""}` };
      const dir = projectFor(runtime.sdkVersion, nodeEnv);
      assert.strictEqual(run("node", ["--version"], dir, nodeEnv).trim().split(".")[0], `v${major}`);

      await emulator.admin.reset();
      const admin = new EmulatorAdmin(emulator);
      const stack = new LocalStack({
        programDir: dir,
        env: {
          BUDDY_BASE_URL: emulator.url,
          BUDDY_TOKEN: emulator.token,
          PATH: `${runtime.binDir}${path.delimiter}${requireCli()}${path.delimiter}${process.env.PATH ?? ""}`,
        },
      });
      try {
        await stack.init({ workspace: emulator.workspace });
        await stack.up();
        const ran = (await stack.ok(["stack", "output", "nodeVersion"])).stdout.trim();
        assert.strictEqual(ran.split(".")[0], `v${major}`, "the program ran on the Node under test");
        assert.deepStrictEqual(
          (await admin.actions(2)).map((a) => a.name),
          ["Promote image", "Deploy", "Tell the team"],
        );
        const { deployment } = await stack.exportState();
        const provider = String(buddyResources(deployment)[0].inputs?.__provider ?? "");
        assert.match(
          provider,
          /require\("pulumi-buddy-actions\/dist\/provider\/providers\/action\.js"\)/,
          "the provider is stored as a require of the installed package",
        );
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.strictEqual(preview.code, 0, preview.output);
        await stack.refresh();
        await stack.destroy();
        assert.deepStrictEqual(await admin.actions(2), []);
      } finally {
        await stack.dispose();
      }
    });
  }

  it("a copied example folder installs from the tarballs as the README says, and runs up and destroy against the installed buddy-emulator", async () => {
    const dir = path.join(work, "my-release");
    const example = path.join(repoRoot, "examples", "release-pipeline");
    const tracked = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "."], example)
      .split("\0")
      .filter(Boolean);
    fs.mkdirSync(dir);
    for (const f of tracked) fs.copyFileSync(path.join(example, f), path.join(dir, f));
    // The example's package.json names the tarball inside the clone (../../packs/...), which a copy does not have:
    // installing the tarball by its path rewrites that entry, as the README says.
    const npmArgs = ["--no-audit", "--no-fund", "--prefer-offline", `--cache=${npmCacheDir()}`];
    const installed = run("npm", ["install", tarball, ...npmArgs], dir);
    assert.doesNotMatch(installed, /pulumi-buddy-actions@[^\n]*(prepare|install)/, "no install script of ours");
    run("npm", ["install", "--save-dev", emulatorTarball, ...npmArgs], dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    assert.strictEqual(pkg.dependencies["@pulumi/pulumi"], "3.248.0", "the example pins the SDK Node 20 can run");
    assert.strictEqual(pkg.dependencies["pulumi-buddy-actions"], `file:${path.relative(dir, tarball)}`);
    assert.ok(fs.lstatSync(path.join(dir, "node_modules", "pulumi-buddy-actions")).isDirectory(), "a real copy");

    // `npx buddy-emulator`, as the README starts it (the bin npm linked), printing its one start-up line.
    const server: ChildProcess = spawn(
      path.join(dir, "node_modules", ".bin", "buddy-emulator"),
      ["--port", "0", "--token", "copied-example-token", "--workspace", "my-company", "--quiet"],
      { cwd: dir, stdio: ["ignore", "pipe", "inherit"] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server.once("exit", (code) => reject(new Error(`buddy-emulator exited (${code}) before listening: ${out}`)));
    });
    const stack = new LocalStack({
      programDir: dir,
      env: {
        BUDDY_BASE_URL: url,
        BUDDY_TOKEN: "copied-example-token",
        PATH: `${requireCli()}${path.delimiter}${process.env.PATH ?? ""}`,
      },
    });
    try {
      await stack.init({ workspace: "my-company" });
      await stack.up();
      const resources = buddyResources((await stack.exportState()).deployment);
      assert.strictEqual(resources.length, 3, "promote, deploy, notify");
      const provider = String(resources[0].inputs?.__provider ?? "");
      assert.match(provider, /require\("pulumi-buddy-actions\/dist\/provider\/providers\/action\.js"\)/);
      const actionUrl = (id: string): string => {
        const [ws, project, pipeline, action] = id.split("/");
        return `${url}/workspaces/${ws}/projects/${project}/pipelines/${pipeline}/actions/${action}`;
      };
      const status = async (id: string): Promise<number> =>
        (await fetch(actionUrl(id), { headers: { Authorization: "Bearer copied-example-token" } })).status;
      for (const r of resources) assert.strictEqual(await status(r.id ?? ""), 200, `${r.urn} exists`);
      await stack.destroy();
      for (const r of resources) assert.strictEqual(await status(r.id ?? ""), 404, `${r.urn} is gone`);
    } finally {
      await stack.dispose();
      server.kill("SIGTERM");
    }
  });
});
