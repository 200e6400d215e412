// Issue 9 items 4 and 5: the package's published type declarations, as a user's editor and `tsc` see them.
// - A program made from Pulumi's TypeScript template (strict, commonjs, no esModuleInterop, skipLibCheck off)
//   compiles against them with no error (zod's declarations used to give 63 TS1259 errors through field.d.ts).
// - Hovering any input or output of any resource shows a doc comment (read through the TypeScript language
//   service, as an editor does): the common and location fields used to lose theirs where they are spread.
// - Issue 16 item 10: hovering a class shows its type's summary; the error for a missing required field, and every
//   declaration a program loads from the package, name only plain types (no spec-builder generics).
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

/** The spec builders' generic types, which must never reach a user's editor, errors or the API reference. */
const INTERNAL_TYPES = /LeafField|InputMap|Documented|PlainObject|DeepInput|FieldDef|OptionalKeys|RequiredKeys/;

/** A language service over one file of a consumer project, as an editor runs it. */
function languageService(dir: string, file: string): ts.LanguageService {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => TEMPLATE_OPTIONS,
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined),
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
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
    const service = languageService(checkerDir, file);
    const undocumented = probes
      .filter((p) => {
        const info = service.getQuickInfoAtPosition(file, p.offset);
        return ts.displayPartsToString(info?.documentation ?? []).trim() === "";
      })
      .map((p) => p.what);
    assert.deepStrictEqual(undocumented, []);
    assert.ok(probes.length > 100, `${probes.length} probes`);
  });

  it("hovering `new SshAction(` shows the type's summary, on the class and on its constructor", () => {
    const dir = consumerProject({});
    dirs.push(dir);
    const file = path.join(dir, "index.ts");
    const text = `import { SshAction } from "pulumi-buddy-actions";\nexport const c = SshAction;\nnew SshAction("s", {} as never);\n`;
    fs.writeFileSync(file, text);
    const service = languageService(dir, file);
    const docAt = (offset: number): string =>
      ts.displayPartsToString(service.getQuickInfoAtPosition(file, offset)?.documentation ?? []);
    const summary = /SSH Command \(Buddy action type SSH_COMMAND\): Runs shell commands on one or more remote servers/;
    assert.match(docAt(text.indexOf("SshAction;")), summary, "hover on the class");
    assert.match(docAt(text.indexOf("SshAction(") + 2), summary, "hover on the constructor call");
    assert.doesNotMatch(docAt(text.indexOf("SshAction(") + 2), /^Manages a Buddy pipeline action/);
  });

  it("a missing required field is reported with plain types, and no declaration a program loads names an internal type", () => {
    const program = [
      `import * as pulumi from "@pulumi/pulumi";`,
      `import { KubernetesSetImageAction, SshAction, TagDockerImageAction, PipelineAction } from "pulumi-buddy-actions";`,
      `const where = { workspace: "w", projectName: "p", pipelineId: 1 };`,
      `new KubernetesSetImageAction("k", { ...where, name: "n", namespace: "d", deployment: "w", container: "c", imageName: "i" });`,
      `new SshAction("s", { ...where, name: "n", commands: ["ls"] });`,
      `new TagDockerImageAction("t", { ...where, name: "n", src: { dockerRegistry: "DOCKER_HUB" }, dest: { tag: "x" } });`,
      `new PipelineAction("p", { ...where, name: "n" });`,
      `export const out: pulumi.Output<string> = new SshAction("o", { ...where, name: "n", commands: [], targets: [] }).shell;`,
    ].join("\n");
    const dir = consumerProject({ "index.ts": program });
    dirs.push(dir);
    const compiled = ts.createProgram([path.join(dir, "index.ts")], TEMPLATE_OPTIONS);
    const errors = ts.getPreEmitDiagnostics(compiled).map(format);
    // One error per missing field (imageTag, targets, src.image, type) and one for an output that may be undefined.
    assert.strictEqual(errors.length, 5, errors.join("\n"));
    for (const [i, missing] of ["imageTag", "targets", "image", "type"].entries()) {
      assert.match(errors[i], new RegExp(`'${missing}' is missing`), errors[i]);
    }
    for (const e of errors) {
      assert.doesNotMatch(e, INTERNAL_TYPES, e);
      assert.doesNotMatch(e, /Pick</, e);
    }
    const loaded = compiled
      .getSourceFiles()
      .filter((f) => f.fileName.includes("/node_modules/pulumi-buddy-actions/"))
      .filter((f) => INTERNAL_TYPES.test(f.text))
      .map((f) => f.fileName);
    assert.deepStrictEqual(loaded, []);
  });
});
