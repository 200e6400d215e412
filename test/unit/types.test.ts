// Runs the type-level tests (test/types/*.types.ts) through the compiler with the options of Pulumi's TypeScript
// template (strict, commonjs, no esModuleInterop), against the staged package's published declarations: a case
// marked `@ts-expect-error` that compiles, or an unmarked line that does not, fails this test.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const dir = path.resolve(__dirname, "../types");

describe("type-level tests", function () {
  this.timeout(120_000);

  it("every @ts-expect-error case fails to compile and everything else compiles", () => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".types.ts"))
      .map((f) => path.join(dir, f));
    assert.ok(files.length > 0, `no *.types.ts files in ${dir}`);
    const program = ts.createProgram(files, {
      strict: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      noEmit: true,
      types: ["node"],
      // The packed-package end-to-end test checks the declarations with skipLibCheck off; here only our cases count.
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    assert.deepStrictEqual(diagnostics, []);
  });
});
