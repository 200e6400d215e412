// Generated over the whole catalog, one describe per action type (in-process, no server): the smallest valid
// program passes check and its request body carries every required field; each missing required field and each
// bad enum value fails check naming the property, with no API call; every secret field is secret in state.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { actionProvider } from "../../../provider/engine/provider";
import { createBody } from "../../../provider/engine/wire";
import { resourceProps, secretOutputNames } from "../../../provider/resources/props";
import { SPEC_KEY } from "../../../provider/specs/spec";
import { specKeyOf } from "../../../tools/catalog/generate";
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
  setAt,
  specOf,
} from "../../helpers/catalog";

/** The provider with an API that must never be reached: check runs before any API call. */
let apiCalls = 0;
const provider = actionProvider(() => {
  apiCalls++;
  throw new Error("check must not call the API");
});

const wirePath = (t: (typeof catalog.types)[number], path: string): string => {
  // dest.dockerRegistry → dest.docker_registry, through the catalog's own wire names
  const parts = path.split(".");
  return parts
    .map((part, i) => {
      const field = fieldAt(t, [...parts.slice(0, i), part.replace(/(\[\d+\])+$/, "")].join("."));
      const wire = (field as { wire?: string } | undefined)?.wire;
      return wire === undefined ? part : wire + (/(\[\d+\])+$/.exec(part)?.[0] ?? "");
    })
    .join(".");
};

describe("the catalog, type by type", function () {
  this.timeout(120_000);

  it(`holds at least 130 action types (${catalog.types.length})`, () => {
    assert.ok(catalog.types.length >= 130, String(catalog.types.length));
  });

  for (const t of catalog.types) {
    describe(`${t.className} (${t.type})`, () => {
      beforeEach(() => {
        apiCalls = 0;
      });

      it("the smallest valid program passes check, and its body carries every required field", async () => {
        const inputs = minimalInputs(t);
        const spec = specOf(t);
        const checked = await provider.check({}, { ...inputs, [SPEC_KEY]: specKeyOf(t) });
        assert.deepStrictEqual(checked.failures, []);
        const body = createBody(spec, inputs);
        assert.strictEqual(body.type, t.type);
        for (const path of requiredPaths(t, inputs)) {
          assert.notStrictEqual(
            getAt(body, wirePath(t, path)),
            undefined,
            `${path} (${wirePath(t, path)}) is not in the body ${JSON.stringify(body)}`,
          );
        }
        // A valid create's check asks for the API three times at most: the pipeline's own GET (where it is defined,
        // engine/yaml-defined.ts, once per process and pipeline), the survey's listing (survey.ts) and the one its
        // recovery record needs (check-record.ts); this API throws, so check goes on without any of them.
        assert.ok(apiCalls <= 3, String(apiCalls));
        assert.strictEqual(checked.inputs?.__sameNamedAtCheck, undefined);
      });

      it("each missing required field fails check, naming it, with no API call", async () => {
        const paths = requiredPaths(t, minimalInputs(t));
        for (const path of ["name", ...paths]) {
          const inputs = minimalInputs(t);
          deleteAt(inputs, path);
          const failures = (await provider.check({}, { ...inputs, [SPEC_KEY]: specKeyOf(t) })).failures ?? [];
          assert.ok(
            failures.some((f) => f.property === path && /^is required/.test(f.reason)),
            `${path}: ${JSON.stringify(failures)}`,
          );
        }
        assert.strictEqual(apiCalls, 0);
      });

      const conditional = Object.entries(t.fields).flatMap(([name, f]) =>
        (f.rules ?? []).flatMap((r) =>
          "requiredWhen" in r && !r.requiredWhen.root && r.requiredWhen.notEquals === undefined
            ? [{ name, when: r.requiredWhen }]
            : [],
        ),
      );
      if (conditional.length > 0) {
        it(`a field required by a rule fails check when the rule holds and it is missing (${conditional.map((c) => c.name).join(", ")})`, async () => {
          for (const { name, when } of conditional) {
            const inputs = minimalInputs(t);
            inputs[when.field] = when.equals ?? when.in?.[0];
            delete inputs[name];
            const callsBefore = apiCalls;
            const failures = (await provider.check({}, { ...inputs, [SPEC_KEY]: specKeyOf(t) })).failures ?? [];
            assert.ok(
              failures.some((f) => f.property === name && f.reason.startsWith(`is required when ${when.field} is`)),
              `${name}: ${JSON.stringify(failures)}`,
            );
            assert.strictEqual(apiCalls, callsBefore, "a check that fails makes no API call");
            inputs[name] = sample(t.fields[name], name);
            const ok = (await provider.check({}, { ...inputs, [SPEC_KEY]: specKeyOf(t) })).failures ?? [];
            assert.ok(!ok.some((f) => f.property === name), `${name} set: ${JSON.stringify(ok)}`);
          }
        });
      }

      const enums = enumPaths(t, minimalInputs(t));
      if (enums.length > 0) {
        it(`a value outside the enum fails check, naming the field (${enums.join(", ")})`, async () => {
          for (const path of enums) {
            const inputs = minimalInputs(t);
            setAt(inputs, path, "NOT_A_DOCUMENTED_VALUE");
            const failures = (await provider.check({}, { ...inputs, [SPEC_KEY]: specKeyOf(t) })).failures ?? [];
            assert.ok(
              failures.some((f) => f.property === path && /^must be one of /.test(f.reason)),
              `${path}: ${JSON.stringify(failures)}`,
            );
          }
          assert.strictEqual(apiCalls, 0);
        });
      }

      const secrets = secretPaths(t);
      if (secrets.length > 0) {
        it(`secret fields are secret in state (${secrets.map((s) => s.path).join(", ")})`, async () => {
          const spec = specOf(t);
          for (const { path, top } of secrets) {
            const inputs: Inputs = minimalInputs(t);
            const def = fieldAt(t, path);
            assert.ok(def);
            if (getAt(inputs, top) === undefined) inputs[top] = sample(fieldAt(t, top)!, top);
            setAt(inputs, path, "plain-text-secret");
            const props = resourceProps(spec, inputs);
            const value = props[top];
            assert.ok(pulumi.Output.isInstance(value), `${top} is not wrapped`);
            assert.strictEqual(
              await pulumi.isSecret(value as pulumi.Output<unknown>),
              true,
              `${path}: ${top} is not secret`,
            );
            if (path === top)
              assert.ok(secretOutputNames(spec).includes(top), `${top} is not an additional secret output`);
          }
        });
      }
    });
  }
});
