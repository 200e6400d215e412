// The emulator enforces the catalog for every type (in-process, its own validation code, no server): it accepts the
// body of the smallest valid program and fills in every catalog default (a list: []); it refuses each missing
// required field, each bad enum value and each rule that holds with the field missing, naming the wire field; it
// stores every credential encrypted.
import * as assert from "assert";
import { ApiError } from "../../../emulator/errors";
import { encryptSecret } from "../../../emulator/secrets";
import { prepareNewAction } from "../../../emulator/validation";
import type { JsonObject } from "../../../emulator/types";
import { createBody } from "../../../provider/engine/wire";
import {
  catalog,
  deleteAt,
  enumPaths,
  fieldAt,
  getAt,
  Inputs,
  minimalInputs,
  requiredPaths,
  sample,
  secretPaths,
  setAlone,
  setAt,
  specOf,
} from "../../helpers/catalog";

type T = (typeof catalog.types)[number];

/** An input path as a wire path: dest.dockerRegistry → dest.docker_registry, apkFiles[0].apkPath → apk_files[0].apk_path. */
function wirePath(t: T, path: string): string {
  const parts = path.split(".");
  return parts
    .map((part, i) => {
      const f = fieldAt(t, [...parts.slice(0, i), part.replace(/(\[\d+\])+$/, "")].join(".")) as
        { wire?: string } | undefined;
      return f?.wire === undefined ? part : f.wire + (/(\[\d+\])+$/.exec(part)?.[0] ?? "");
    })
    .join(".");
}

function refusal(body: JsonObject): string[] {
  try {
    prepareNewAction(body);
    return [];
  } catch (err) {
    assert.ok(err instanceof ApiError && err.status === 400, String(err));
    return err.messages;
  }
}

const bodyOf = (t: T, inputs: Inputs): JsonObject => createBody(specOf(t), inputs) as JsonObject;

describe("the emulator enforces the catalog, type by type", function () {
  this.timeout(120_000);
  for (const t of catalog.types) {
    describe(`${t.type}`, () => {
      it("accepts the smallest valid program's body and fills in every default", () => {
        const stored = prepareNewAction(bodyOf(t, minimalInputs(t)));
        for (const f of Object.values(t.fields)) {
          const expected =
            f.default !== undefined && f.default !== null ? f.default : f.kind === "list" ? [] : undefined;
          if (
            expected !== undefined &&
            getAt(
              minimalInputs(t),
              Object.keys(t.fields).find((k) => t.fields[k] === f)!,
            ) === undefined
          ) {
            assert.deepStrictEqual(stored[f.wire], expected, f.wire);
          }
          assert.ok(f.wire in stored, `${f.wire} is answered (null when empty)`);
        }
      });

      it("refuses each missing required field and each bad enum value, naming the field", () => {
        const minimal = minimalInputs(t);
        for (const path of requiredPaths(t, minimal)) {
          const inputs = minimalInputs(t);
          deleteAt(inputs, path);
          const messages = refusal(bodyOf(t, inputs));
          assert.ok(
            messages.some((m) => m.startsWith(`Field "${wirePath(t, path)}" is required`)),
            `${path}: ${JSON.stringify(messages)}`,
          );
        }
        for (const path of enumPaths(t, minimal)) {
          const inputs = minimalInputs(t);
          setAt(inputs, path, "NOT_A_DOCUMENTED_VALUE");
          const messages = refusal(bodyOf(t, inputs));
          assert.ok(
            messages.some((m) => m.startsWith(`Field "${wirePath(t, path)}" must be one of `)),
            `${path}: ${JSON.stringify(messages)}`,
          );
        }
        for (const [name, f] of Object.entries(t.fields)) {
          for (const r of f.rules ?? []) {
            if (!("requiredWhen" in r) || r.requiredWhen.root || r.requiredWhen.notEquals !== undefined) continue;
            const inputs = minimalInputs(t);
            inputs[r.requiredWhen.field] = r.requiredWhen.equals ?? r.requiredWhen.in?.[0];
            delete inputs[name];
            const messages = refusal(bodyOf(t, inputs));
            assert.ok(
              messages.some((m) => m.startsWith(`Field "${f.wire}" is required when`)),
              `${name}: ${JSON.stringify(messages)}`,
            );
          }
        }
      });

      const secrets = secretPaths(t);
      if (secrets.length > 0) {
        it("stores every credential encrypted", () => {
          const inputs = minimalInputs(t);
          for (const { path, top } of secrets) {
            if (getAt(inputs, top) === undefined) inputs[top] = sample(fieldAt(t, top)!, top);
            setAlone(t, inputs, path, `plain-${path}`);
          }
          const stored = prepareNewAction(bodyOf(t, inputs));
          for (const { path } of secrets)
            assert.strictEqual(getAt(stored, wirePath(t, path)), encryptSecret(`plain-${path}`), path);
        });
      }
    });
  }
});
