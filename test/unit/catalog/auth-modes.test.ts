// The SSH-based upload types are documented as one page per authentication mode (password, private key and
// password, key from a pipeline variable). Each mode a page documents must pass check with exactly the credentials
// that page requires, and fail naming the credential that is missing; the type's own reference page is one of them.
import * as assert from "assert";
import { checkInputs } from "../../../provider/engine/validate";
import { catalog, Inputs, location, specOf } from "../../helpers/catalog";

/** Per type: each documented mode with the credentials its page requires (values are samples). */
const MODES: Record<string, Record<string, Inputs>> = {
  SFTP: {
    PASS: { password: "p" },
    PRIVATE_KEY_AND_PASS: { password: "p", serverKey: "k" },
    ENV_KEY: { envKey: "SSH_KEY_VAR" },
  },
  VULTR: { PASS: { password: "p" }, PRIVATE_KEY_AND_PASS: { password: "p", serverKey: "k" } },
  RSYNC: { PASS: { password: "p" }, ENV_KEY: { envKey: "SSH_KEY_VAR" } },
  DIGITAL_OCEAN: { PASS: { password: "p" }, ENV_KEY: { envKey: "SSH_KEY_VAR" } },
};

/** The type's other required inputs (host, login, ... and type-specific ones), as plain samples. */
function baseInputs(type: string): Inputs {
  const t = catalog.types.find((x) => x.type === type)!;
  const inputs: Inputs = { ...location, name: `${type} action` };
  for (const [name, f] of Object.entries(t.fields)) {
    if (!f.required || name === "authenticationMode") continue;
    if (f.kind === "object") inputs[name] = { identifier: "integration" };
    else if (f.kind === "list") inputs[name] = ["x"];
    else if (f.kind === "enum") inputs[name] = f.values![0];
    else inputs[name] = `v-${name}`;
  }
  return inputs;
}

describe("SSH authentication modes of the per-mode pages", () => {
  for (const [type, modes] of Object.entries(MODES)) {
    const t = catalog.types.find((x) => x.type === type)!;
    for (const [mode, credentials] of Object.entries(modes)) {
      it(`${type} ${mode}: accepted with ${Object.keys(credentials).join(" and ")}, each one missing is named`, () => {
        const spec = specOf(t);
        const inputs: Inputs = { ...baseInputs(type), authenticationMode: mode, ...credentials };
        assert.deepStrictEqual(checkInputs(spec, inputs), []);
        for (const name of Object.keys(credentials)) {
          const without: Inputs = { ...inputs };
          delete without[name];
          const failures = checkInputs(spec, without);
          assert.ok(
            failures.some((f) => f.property === name && /required/.test(f.reason)),
            `${name} missing: ${JSON.stringify(failures)}`,
          );
        }
      });
    }
  }
});
