// The recover command's arguments: usage errors exit 2 before anything is read; --take accepts an action id or a
// full resource id.
import * as assert from "assert";
import { main } from "../../../provider/recovery/cli";
import { parseTake } from "../../../provider/recovery/plan";

describe("pulumi-buddy-actions recover: arguments", () => {
  let written = "";
  const write = process.stderr.write.bind(process.stderr);
  beforeEach(() => {
    written = "";
    process.stderr.write = ((chunk: string) => {
      written += chunk;
      return true;
    }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = write;
  });

  for (const argv of [[], ["recovr"], ["recover", "--stack"], ["recover", "--bogus"], ["recover", "--take", "x"]]) {
    it(`${JSON.stringify(argv)}: exit 2 with the usage`, async () => {
      assert.strictEqual(await main(argv), 2);
      assert.match(written, /Usage: pulumi-buddy-actions recover/);
    });
  }

  it("--take URN=ID takes a bare action id or a full id", () => {
    const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/buddy:PipelineAction::a=b";
    assert.deepStrictEqual(parseTake(`${urn}=17`), [urn, 17]);
    assert.deepStrictEqual(parseTake(`${urn}=ws/p/1/18`), [urn, 18]);
    assert.throws(() => parseTake(`${urn}=ws/p/x`), /Malformed Buddy action id/);
  });
});
