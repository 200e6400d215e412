// Issue 9 items 4 and 5: the package's published type declarations, as a user's editor and `tsc` see them.
// - A program made from Pulumi's TypeScript template (strict, commonjs, no esModuleInterop, skipLibCheck off)
//   compiles against them with no error (zod's declarations used to give 63 TS1259 errors through field.d.ts).
// - Hovering any input or output of any resource shows a doc comment (read through the TypeScript language
//   service, as an editor does): the common and location fields used to lose theirs where they are spread.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { REPO_ROOT } from "../../helpers/emulator";
import { stagePackage } from "../provider/stage";

/** Pulumi's `pulumi new typescript` tsconfig (template as of 3.x), plus `types` so only @types/node is loaded. */
const TEMPLATE_OPTIONS: ts.CompilerOptions = {
  strict: true,
  outDir: "bin",
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
  skipLibCheck: false,
  types: ["node"],
};

const RESOURCES = ["KubernetesSetImageAction", "TagDockerImageAction", "PipelineAction"] as const;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { KubernetesSetImageAction, PipelineAction, TagDockerImageAction } from "pulumi-buddy-actions";

const where = { workspace: "my-company", projectName: "my-project", pipelineId: 123 };
const setImage = new KubernetesSetImageAction("set-image", {
  ...where, name: "Set image", namespace: "default", deployment: "web", container: "web",
  imageName: "nginx", imageTag: "1.0", content: pulumi.secret("kubeconfig"),
  variables: [{ key: "A", value: "b", encrypted: false }],
});
const tag = new TagDockerImageAction("tag", {
  ...where, name: "Tag", afterActionId: setImage.actionId, sameLocation: true,
  src: { dockerRegistry: "DOCKER_HUB", image: "nginx" }, dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "stable" },
});
new PipelineAction("notify", { ...where, type: "SLACK", name: "Notify", fields: { channel_name: "#a" } });
export const existing = KubernetesSetImageAction.get("existing", "my-company/my-project/123/456").imageTag;
export const tagUrl = tag.htmlUrl;
`;

/** A project directory beside the repository's node_modules, as `npm install pulumi-buddy-actions` leaves it. */
function consumerProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-consumer-"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function format(d: ts.Diagnostic): string {
  const where =
    d.file && d.start !== undefined
      ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} `
      : "";
  return `${where}TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
}

describe("the published type declarations", function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  before(() => stagePackage());
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("compile under Pulumi's template tsconfig (strict, commonjs, no esModuleInterop, skipLibCheck false)", () => {
    const dir = consumerProject({ "index.ts": PROGRAM });
    dirs.push(dir);
    const program = ts.createProgram([path.join(dir, "index.ts")], TEMPLATE_OPTIONS);
    const errors = ts.getPreEmitDiagnostics(program).map(format);
    assert.deepStrictEqual(errors, []);
  });

  it("every input and output of every resource has a doc comment for hover", () => {
    // One line per property: `args.<p>;` and `res.<p>;`; hover (quick info) at each property name.
    const probes: Array<{ what: string; offset: number }> = [];
    const checkerDir = consumerProject({});
    dirs.push(checkerDir);
    // The property names, from the declarations themselves.
    const file = path.join(checkerDir, "index.ts");
    const listing = [
      `import * as b from "pulumi-buddy-actions";`,
      ...RESOURCES.flatMap((r) => [
        `export declare const ${r}Args: b.${r}Args;`,
        `export declare const ${r}Res: b.${r};`,
      ]),
    ].join("\n");
    fs.writeFileSync(file, listing);
    const lister = ts.createProgram([file], TEMPLATE_OPTIONS);
    const checker = lister.getTypeChecker();
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(lister.getSourceFile(file)!)!);
    const propsOf = (name: string): string[] => {
      const sym = exports.find((s) => s.name === name)!;
      const type = checker.getTypeOfSymbol(sym);
      return checker
        .getPropertiesOfType(type)
        .map((p) => p.name)
        .filter((n) => !n.startsWith("__"));
    };
    let text = `import * as b from "pulumi-buddy-actions";\n`;
    for (const r of RESOURCES) {
      text += `declare const ${r}Args: b.${r}Args;\ndeclare const ${r}Res: b.${r};\n`;
      // Inputs, and the outputs the resource adds (an output object also has urn, id, ... from Pulumi itself).
      const inputs = propsOf(`${r}Args`);
      assert.ok(inputs.includes("workspace") && inputs.includes("name"), `${r}Args: ${inputs.join(", ")}`);
      const outputs = [...inputs, "actionId", "url", "htmlUrl", "lastExecutionStatus"];
      for (const [holder, names] of [
        [`${r}Args`, inputs],
        [`${r}Res`, outputs],
      ] as const) {
        for (const p of names) {
          const line = `${holder}.${p};\n`;
          probes.push({ what: `${holder}.${p}`, offset: text.length + holder.length + 1 });
          text += line;
        }
      }
    }
    // Nested members a user writes too: a variable's key, a trigger condition, a permission grant, a location.
    const nestedProbes = [
      "const v: b.KubernetesSetImageActionArgs = { workspace: '', projectName: '', pipelineId: 1, name: '', namespace: '', deployment: '', container: '', imageName: '', imageTag: '', variables: [{ key: 'K' }] };",
      "const c: b.PipelineActionArgs = { workspace: '', projectName: '', pipelineId: 1, name: '', type: 'X', triggerConditions: [{ triggerCondition: 'ON_CHANGE' }] };",
      "const s: b.TagDockerImageActionArgs = { workspace: '', projectName: '', pipelineId: 1, name: '', src: { dockerRegistry: 'OTHER', image: '' }, dest: { dockerRegistry: 'OTHER', image: '' } };",
    ];
    for (const [line, member] of [
      [nestedProbes[0], "key: 'K'"],
      [nestedProbes[1], "triggerCondition: 'ON_CHANGE'"],
      [nestedProbes[2], "dockerRegistry: 'OTHER'"],
    ] as const) {
      probes.push({ what: member.split(":")[0], offset: text.length + line.indexOf(member) });
      text += line + "\n";
    }
    fs.writeFileSync(file, text);
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => TEMPLATE_OPTIONS,
      getScriptFileNames: () => [file],
      getScriptVersion: () => "1",
      getScriptSnapshot: (f) =>
        fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined,
      getCurrentDirectory: () => checkerDir,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
    };
    const service = ts.createLanguageService(host, ts.createDocumentRegistry());
    const undocumented = probes
      .filter((p) => {
        const info = service.getQuickInfoAtPosition(file, p.offset);
        return ts.displayPartsToString(info?.documentation ?? []).trim() === "";
      })
      .map((p) => p.what);
    assert.deepStrictEqual(undocumented, []);
    assert.ok(probes.length > 100, `${probes.length} probes`);
  });
});
