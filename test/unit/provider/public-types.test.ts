// The published Args and resource interfaces are plain interfaces (generated from the catalog into
// provider/actions.ts; written by hand for PipelineAction and the location), while the runtime checks inputs
// against the specs built from the catalog's data. This test holds the two equal for every resource: the same
// inputs, each required in the interface exactly when the spec requires it, and every input an output too.
import * as assert from "assert";
import * as path from "path";
import * as ts from "typescript";
import { loadSpec } from "../../../provider/specs/registry";
import { ActionSpec, serverOutputs } from "../../../provider/specs/spec";
import { catalog } from "../../helpers/catalog";
import { specKeyOf } from "../../../tools/catalog/generate";

const INDEX = path.resolve(__dirname, "../../../provider/index.ts");

describe("public interfaces and runtime specs", function () {
  this.timeout(120_000);
  let members: (name: string) => Map<string, boolean>;

  before(() => {
    const program = ts.createProgram([INDEX], {
      strict: true,
      module: ts.ModuleKind.CommonJS,
      noEmit: true,
      types: [],
    });
    const checker = program.getTypeChecker();
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!);
    const byName = new Map(exports.map((s) => [s.name, s]));
    /** An exported interface's properties (inherited ones included) → whether each is optional. */
    members = (name) => {
      const symbol = byName.get(name);
      assert.ok(symbol, `provider/index.ts exports no ${name}`);
      const type = checker.getDeclaredTypeOfSymbol(
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
      );
      return new Map(
        checker
          .getPropertiesOfType(type)
          .map((p) => [p.name, (p.flags & ts.SymbolFlags.Optional) !== 0] as [string, boolean]),
      );
    };
  });

  const resources: Array<[string, () => ActionSpec]> = [
    ["PipelineAction", () => loadSpec("pipeline-action")],
    ...catalog.types.map((t): [string, () => ActionSpec] => [t.className, () => loadSpec(specKeyOf(t))]),
  ];

  it("every resource's Args has the spec's inputs, required exactly where the spec requires them", () => {
    const wrong: string[] = [];
    for (const [cls, specOf] of resources) {
      const spec = specOf();
      const args = members(`${cls}Args`);
      const expected = new Map(Object.entries(spec.fields).map(([k, def]) => [k, !def.required]));
      for (const [k, optional] of expected) {
        if (!args.has(k)) wrong.push(`${cls}Args lacks ${k}`);
        else if (args.get(k) !== optional) wrong.push(`${cls}Args.${k} is ${args.get(k) ? "optional" : "required"}`);
      }
      for (const k of args.keys()) if (!expected.has(k)) wrong.push(`${cls}Args.${k} is no input of the spec`);
    }
    assert.deepStrictEqual(wrong, []);
  });

  it("every resource's outputs are its inputs plus the values Buddy sets", () => {
    const wrong: string[] = [];
    for (const [cls, specOf] of resources) {
      const outs = members(cls);
      for (const k of [...Object.keys(specOf().fields), ...Object.keys(serverOutputs)])
        if (!outs.has(k)) wrong.push(`${cls} lacks the output ${k}`);
    }
    assert.deepStrictEqual(wrong, []);
  });
});
