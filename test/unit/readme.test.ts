// The README's TypeScript examples must compile against the package's published types, so the first thing a
// user copies works. Each ```ts block is type-checked as its own module, importing the staged package by name.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "../..");

function readmeBlocks(): string[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  return [...readme.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe("README examples", function () {
  this.timeout(120_000);

  it("every TypeScript block compiles against the package's types", () => {
    const blocks = readmeBlocks();
    assert.ok(blocks.length >= 3, `expected a program per resource, found ${blocks.length} blocks`);
    const dir = fs.mkdtempSync(path.join(root, "node_modules", ".readme-check-"));
    try {
      const files = blocks.map((code, i) => {
        const file = path.join(dir, `block${i}.ts`);
        fs.writeFileSync(file, code);
        return file;
      });
      const program = ts.createProgram(files, {
        strict: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
        const where = d.file
          ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
          : "";
        return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
      assert.deepStrictEqual(diagnostics, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
