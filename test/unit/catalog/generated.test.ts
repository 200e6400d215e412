// The generated files are committed; they must be exactly what `npm run generate` makes from the catalog now.
import * as assert from "assert";
import { differences } from "../../../tools/catalog/generate";

describe("generated files", function () {
  this.timeout(120_000);
  it("are what the generator makes from the catalog now (run `npm run generate` after editing catalog/)", () => {
    assert.deepStrictEqual(differences(), []);
  });
});
