// The provider plugin's SDKs, generated from its schema by our tool over Pulumi's codegen (scripts/generate-sdks.js),
// each checked by its own language's toolchain: the Node.js SDK type-checks with tsc against @pulumi/pulumi, the
// Python SDK installs and every module imports with the PyPI SDK, the Go SDK compiles against Pulumi's Go SDK (the
// Registry examples of every resource: TypeScript compiled with the Node.js SDK, Python's classes and keywords found
// in the Python SDK; the Go examples are not compiled); and a
// Python program written with the generated SDK runs up, a no-change preview and destroy under the real CLI.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator/index";
import { LocalStack, repoRoot, requireCli } from "../../scripts/pulumi-stack";
import { EmulatorAdmin } from "./emulator-admin";

/* eslint-disable @typescript-eslint/no-require-imports */
const { generateSdks } = require(path.join(repoRoot, "scripts", "generate-sdks.js")) as {
  generateSdks(outDir: string, languages?: string[], log?: () => void): string;
};
const cli = require(path.join(repoRoot, "scripts", "pulumi-cli.js")) as {
  ensurePythonHost(log?: () => void): string[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Each resource's Registry example in `lang`, from the schema's descriptions. */
function examplesOf(lang: string): Record<string, string> {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider/plugin/schema.json"), "utf8")) as {
    resources: Record<string, { description: string }>;
  };
  const fence = new RegExp("```" + lang + "\\n([\\s\\S]*?)```");
  return Object.fromEntries(
    Object.entries(schema.resources).map(([token, r]) => [token, fence.exec(r.description)?.[1] ?? ""]),
  );
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("e2e: the plugin's generated SDKs compile in their languages, and a Python program runs through one", function () {
  this.timeout(900_000);
  let out: string;

  before(() => {
    out = generateSdks(fs.mkdtempSync(path.join(os.tmpdir(), "buddy-sdks-")), undefined, () => undefined);
  });
  after(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("Node.js: a class per resource, and tsc --noEmit passes, with every resource's TypeScript example", () => {
    const dir = path.join(out, "nodejs");
    assert.ok(fs.existsSync(path.join(dir, "slackAction.ts")));
    assert.ok(fs.existsSync(path.join(dir, "getPipeline.ts")));
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
    // The Registry examples (the schema's descriptions), each a file importing the generated package.
    fs.mkdirSync(path.join(dir, "examples"));
    for (const [token, code] of Object.entries(examplesOf("typescript")))
      fs.writeFileSync(
        path.join(dir, "examples", `${token.split(":")[2]}.ts`),
        code.replace('from "@pulumi-buddy-actions/buddy"', 'from "../index"'),
      );
    fs.writeFileSync(
      path.join(dir, "tsconfig.examples.json"),
      JSON.stringify({ extends: "./tsconfig.json", include: ["examples/*.ts"] }),
    );
    // One tsc run checks both: a config that extends another and sets only `include` keeps the base's `files` (every
    // generated module), so this program is the SDK's own plus the examples, under the SDK's compiler options.
    const tsc = path.join(repoRoot, "node_modules/typescript/bin/tsc");
    run(process.execPath, [tsc, "-p", "tsconfig.examples.json", "--noEmit"], dir);
  });

  it("Python: the package installs and every module imports", () => {
    const [venvBin] = cli.ensurePythonHost(() => undefined);
    const python = path.join(venvBin, "python");
    const target = path.join(out, "python-installed");
    run(
      python,
      ["-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", target, "."],
      path.join(out, "python"),
    );
    const script =
      "import importlib, pkgutil, sys\n" +
      `sys.path.insert(0, ${JSON.stringify(target)})\n` +
      "import pulumi_buddy\n" +
      "names = [m.name for m in pkgutil.iter_modules(pulumi_buddy.__path__) if not m.name.startswith('_')]\n" +
      "for n in names: importlib.import_module('pulumi_buddy.' + n)\n" +
      "print(len(names), pulumi_buddy.SlackAction.__name__, pulumi_buddy.get_pipeline.__name__)\n";
    const printed = run(python, ["-c", script], out).trim().split(" ");
    assert.ok(Number(printed[0]) > 140, printed.join(" "));
    assert.deepStrictEqual(printed.slice(1), ["SlackAction", "get_pipeline"]);
    // Every class and keyword argument the Registry's Python examples use is the generated SDK's (by its syntax
    // tree: constructing resources needs a running engine).
    const check =
      "import ast, glob, json, sys\n" +
      "sdk = {}\n" +
      `for f in glob.glob(${JSON.stringify(path.join(target, "pulumi_buddy", "*.py"))}):\n` +
      "    for node in ast.walk(ast.parse(open(f).read())):\n" +
      "        if isinstance(node, ast.ClassDef):\n" +
      "            for item in node.body:\n" +
      "                if isinstance(item, ast.FunctionDef) and item.name == '__init__':\n" +
      "                    sdk.setdefault(node.name, set()).update(a.arg for a in item.args.args + item.args.kwonlyargs)\n" +
      "problems, calls = [], 0\n" +
      "for token, code in json.load(sys.stdin).items():\n" +
      "    for node in ast.walk(ast.parse(code)):\n" +
      "        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):\n" +
      "            calls += 1\n" +
      "            names = sdk.get(node.func.attr)\n" +
      "            if names is None: problems.append(token + ': no class ' + node.func.attr)\n" +
      "            else: problems += [token + ': ' + node.func.attr + ' has no ' + k.arg for k in node.keywords if k.arg not in names]\n" +
      "print(json.dumps({'calls': calls, 'problems': problems}))\n";
    const checked = JSON.parse(
      execFileSync(python, ["-c", check], { input: JSON.stringify(examplesOf("python")), encoding: "utf8" }),
    ) as { calls: number; problems: string[] };
    assert.deepStrictEqual(checked.problems, []);
    assert.ok(checked.calls > 140, String(checked.calls));
  });

  it("Go: go build of the package passes", () => {
    const env = {
      ...process.env,
      GOSUMDB: "off",
      GOFLAGS: "-mod=mod",
      GOTOOLCHAIN: process.env.GOTOOLCHAIN || "local",
    };
    // -trimpath keeps the output directory's path out of the build cache's keys: the SDK is generated into a new
    // temporary directory each run, and without it Go recompiles the whole package every time (~30 s of CPU) even
    // when its files are the same. With it, an unchanged SDK is a cache hit (~1 s); a changed one still compiles.
    run("nice", ["-n", "10", "go", "build", "-trimpath", "./..."], path.join(out, "go"), env);
    assert.ok(fs.existsSync(path.join(out, "go", "buddy", "slackAction.go")));
  });

  it("Python: a program through the generated SDK runs up and destroy against the emulator", async () => {
    const pythonPath = cli.ensurePythonHost(() => undefined);
    const emulator = await startEmulator({ quiet: true });
    const admin = new EmulatorAdmin(emulator);
    const programDir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-sdk-python-"));
    const project =
      `name: buddy-sdk-python\nruntime: python\nplugins:\n  providers:\n` +
      `    - name: buddy\n      path: ${path.join(repoRoot, "plugin")}\n`;
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), project);
    const program = `import pulumi
import pulumi_buddy as buddy

workspace = pulumi.Config().require("workspace")
pipeline = buddy.get_pipeline(workspace=workspace, project_name="my-project", name="build-and-deploy")
notify = buddy.SlackAction(
    "notify",
    workspace=workspace,
    project_name="my-project",
    pipeline_id=pipeline.id,
    name="Notify",
    channel="C0123",
    integration=buddy.SlackIntegrationArgs(identifier="slack"),
    content="Deployed",
)
pulumi.export("actionId", notify.action_id)
`;
    fs.writeFileSync(path.join(programDir, "__main__.py"), program);
    const stack = new LocalStack({
      programDir,
      env: {
        PATH: [...pythonPath, requireCli(), process.env.PATH ?? ""].join(path.delimiter),
        PYTHONPATH: path.join(out, "python-installed"),
        BUDDY_BASE_URL: emulator.url,
      },
    });
    try {
      await stack.init({ workspace: emulator.workspace }, { "buddy:token": emulator.token });
      await stack.up();
      const actions = await admin.actions(1);
      assert.deepStrictEqual(
        actions.map((a) => [a.type, a.name, a.content]),
        [["SLACK", "Notify", "Deployed"]],
      );
      const preview = await stack.preview(["--expect-no-changes"]);
      assert.strictEqual(preview.code, 0, preview.output);
      await stack.destroy();
      assert.deepStrictEqual(await admin.actions(1), []);
    } finally {
      await stack.dispose();
      await emulator.close();
      fs.rmSync(programDir, { recursive: true, force: true });
    }
  });
});
