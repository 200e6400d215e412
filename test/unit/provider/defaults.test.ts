// Buddy's defaults and the PROMOTE_IMAGE `dest` rule, provider side against emulator side, so the two cannot drift:
// - every spec `default` is the emulator's default for that wire field, and everything the emulator fills in on
//   its own is either a spec default or an empty list;
// - removing any optional input sends a PATCH that the emulator accepts and that leaves the action exactly as if
//   the field had never been set (the emulator's own validation code, called in-process: no server needed), and
//   so does removing a member of a PipelineAction's `fields` when its `type` is one a typed spec covers;
// - the provider's check and the emulator's validation accept and refuse the same `src`/`dest`/`sameLocation`
//   combinations, naming the same fields.
import * as assert from "assert";
import { ACTION_DEFAULTS, LIST_FILL_INS, defaultFor } from "../../../emulator/defaults";
import { ApiError } from "../../../emulator/errors";
import { prepareActionEdit, prepareNewAction } from "../../../emulator/validation";
import type { JsonObject } from "../../../emulator/types";
import { patchBody, planChanges } from "../../../provider/engine/diff";
import { checkInputs } from "../../../provider/engine/validate";
import { createBody, typedSpecFor, wireFields, wireNameOf } from "../../../provider/engine/wire";
import { FieldDef } from "../../../provider/specs/field";
import { pipelineActionSpec } from "../../../provider/specs/pipeline-action";
import { ActionSpec } from "../../../provider/specs/spec";
import { toInputName, toWireName } from "../../../provider/wire/names";
import * as fx from "./fixtures";
import { loadSpec } from "../../../provider/specs/registry";

const kubernetesSetImageSpec = loadSpec("kubernetes-set-image");
const tagDockerImageSpec = loadSpec("tag-docker-image");

type Inputs = Record<string, unknown>;

interface Case {
  spec: ActionSpec;
  /** The emulator's type: the spec's own, or any type the emulator does not know for the generic resource. */
  type: string;
  /** The emulator's table for the type's own fields. */
  table: "common" | "KUBERNETES_SET_IMAGE" | "PROMOTE_IMAGE";
  /** Inputs setting every field. */
  every: Inputs;
  /** The smallest valid request body. */
  minimal: JsonObject;
}

const cases: Case[] = [
  {
    spec: kubernetesSetImageSpec,
    type: "KUBERNETES_SET_IMAGE",
    table: "KUBERNETES_SET_IMAGE",
    every: fx.k8sInputs,
    minimal: {
      type: "KUBERNETES_SET_IMAGE",
      name: "S",
      namespace: "n",
      deployment: "d",
      container: "c",
      image_name: "i",
      image_tag: "t",
    },
  },
  {
    spec: tagDockerImageSpec,
    type: "PROMOTE_IMAGE",
    table: "PROMOTE_IMAGE",
    every: fx.tagInputs,
    minimal: {
      type: "PROMOTE_IMAGE",
      name: "T",
      src: { docker_registry: "DOCKER_HUB", image: "a" },
      dest: { docker_registry: "DOCKER_HUB", image: "b" },
    },
  },
  {
    spec: pipelineActionSpec,
    type: "NOT_IN_CATALOG",
    table: "common",
    every: { ...fx.genericInputs, type: "NOT_IN_CATALOG" },
    minimal: { type: "NOT_IN_CATALOG", name: "N" },
  },
];

/** The spec's fields sent to Buddy under their own wire name (not the generic resource's `type` and `fields`). */
function sentFields(spec: ActionSpec): Array<[string, FieldDef, string]> {
  return wireFields(spec)
    .filter(([key, def]) => def.kind !== "bag" && key !== "type")
    .map(([key, def]) => [key, def, wireNameOf(key, def)]);
}

function specFieldByWire(spec: ActionSpec, wire: string): [string, FieldDef] | undefined {
  const found = sentFields(spec).find(([, , w]) => w === wire);
  return found && [found[0], found[1]];
}

const isScalar = (v: unknown): boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** The emulator's own edit of `existing` with a PATCH `body`; a refusal fails the test with Buddy's messages. */
function emulatorEdit(existing: JsonObject, body: Parameters<typeof prepareActionEdit>[1]): JsonObject {
  try {
    return prepareActionEdit(existing, body);
  } catch (err) {
    const messages = err instanceof ApiError ? err.messages : [String(err)];
    throw new assert.AssertionError({
      message: `the emulator refused ${JSON.stringify(body)}: ${messages.join("; ")}`,
    });
  }
}

describe("defaults: the provider's specs and the emulator agree", () => {
  for (const c of cases) {
    describe(c.spec.resourceType, () => {
      it("every spec default is the emulator's default for that wire field; no default means null or []", () => {
        for (const [key, def, wire] of sentFields(c.spec)) {
          const emulated = defaultFor(c.type, wire);
          if (def.default !== null) {
            assert.deepStrictEqual(emulated, def.default, `${key} (${wire})`);
          } else if (def.kind === "array") {
            assert.ok(
              emulated === null || (Array.isArray(emulated) && emulated.length === 0),
              `${key}: ${JSON.stringify(emulated)}`,
            );
          } else {
            assert.strictEqual(
              emulated,
              null,
              `${key} (${wire}): the emulator has a default the spec does not declare`,
            );
          }
        }
      });

      it("every entry of the emulator's table is a spec field: scalars are its default, lists are [] fill-ins", () => {
        const tables =
          c.table === "common" ? [ACTION_DEFAULTS.common] : [ACTION_DEFAULTS.common, ACTION_DEFAULTS[c.table]];
        for (const table of tables) {
          for (const [wire, value] of Object.entries(table)) {
            const field = specFieldByWire(c.spec, wire);
            assert.ok(field, `the emulator's default for ${wire} has no field in ${c.spec.resourceType}`);
            const [key, def] = field;
            if (Array.isArray(value)) {
              assert.deepStrictEqual(value, [], wire);
              assert.strictEqual(def.kind, "array", `${key}: a list fill-in for a field that is not a list`);
              assert.strictEqual(def.default, null, `${key}: a list default belongs in one place (LIST_FILL_INS)`);
            } else {
              assert.deepStrictEqual(def.default, value, `${key} (${wire})`);
            }
          }
        }
      });

      it("every scalar the emulator fills in on create is a spec default (Buddy's documented default)", () => {
        const created = prepareNewAction(c.minimal);
        const filled = Object.entries(created).filter(([wire, v]) => !(wire in c.minimal) && isScalar(v));
        assert.ok(filled.length > 0);
        for (const [wire, value] of filled) {
          const field = specFieldByWire(c.spec, wire);
          assert.ok(field, `${wire}: filled in by the emulator, unknown to the spec`);
          assert.deepStrictEqual(
            field[1].default,
            value,
            `${field[0]}: the emulator fills in ${JSON.stringify(value)}, the spec restores ${JSON.stringify(field[1].default)}`,
          );
        }
      });
    });
  }

  it("the table is Buddy's documented defaults, written out by hand (issues 3 and 4, buddy-api.md)", () => {
    // Derived tables cannot catch a default dropped from a spec (both sides would forget it): this one can.
    const { common, KUBERNETES_SET_IMAGE, PROMOTE_IMAGE } = ACTION_DEFAULTS;
    assert.deepStrictEqual(
      { common, KUBERNETES_SET_IMAGE, PROMOTE_IMAGE },
      {
        common: {
          trigger_time: "ON_EVERY_EXECUTION",
          run_next: "WAIT_ON_SUCCESS",
          disabled: false,
          timeout: 0,
          ignore_errors: false,
          retry_count: 0,
          retry_interval: 0,
          trigger_conditions: [],
          variables: [],
          loop: [],
        },
        KUBERNETES_SET_IMAGE: {
          kubectl_version: "latest",
          execute_every_command: false,
          record_arg: "NOT_SET",
          setup_commands: [],
          targets: [],
        },
        PROMOTE_IMAGE: { same_location: false, insecure_registry: false },
      },
    );
  });

  it("list fill-ins are only lists, and never shadow a spec's scalar default", () => {
    for (const table of Object.values(LIST_FILL_INS)) {
      for (const [wire, value] of Object.entries(table)) assert.deepStrictEqual(value, [], wire);
    }
  });
});

/** A value other than the field's default, for the fields whose fixture value is the default. */
const NON_DEFAULT: Inputs = {
  recordArg: "TRUE",
  kubectlVersion: "1.29",
  runNext: "IN_HARD_PARALLEL",
  triggerTime: "ON_SUCCESS",
};

function nonDefault(key: string, def: FieldDef): unknown {
  if (typeof def.default === "boolean") return !def.default;
  if (typeof def.default === "number") return def.default + 7;
  assert.ok(key in NON_DEFAULT, `add a non-default value for ${key} to NON_DEFAULT`);
  return NON_DEFAULT[key];
}

/** Inputs removed together: runOnlyOnFirstFailure is "restricted to and required if the trigger_time is ON_FAILURE". */
function removedWith(key: string): string[] {
  return key === "triggerTime" || key === "runOnlyOnFirstFailure" ? ["triggerTime", "runOnlyOnFirstFailure"] : [key];
}

describe("defaults: removing an input puts Buddy's default back (PATCH applied by the emulator's own validation)", () => {
  const server = { actionId: 7, url: "u", htmlUrl: "h", lastExecutionStatus: "INITIAL" };
  for (const c of cases) {
    describe(c.spec.resourceType, () => {
      // Every field set, every defaulted one to a value other than its default (so removing it changes something).
      const base: Inputs = { ...c.every };
      for (const [key, def] of sentFields(c.spec)) {
        if (def.default !== null && (base[key] === undefined || base[key] === def.default))
          base[key] = nonDefault(key, def);
      }

      it("the starting inputs are valid and set every defaulted field to something else", () => {
        assert.deepStrictEqual(checkInputs(c.spec, base), []);
        for (const [key, def] of sentFields(c.spec)) {
          if (def.default !== null) assert.notDeepStrictEqual(base[key], def.default, key);
        }
      });

      // runOnlyOnFirstFailure is removed with triggerTime (removedWith)
      const removable = sentFields(c.spec).filter(
        ([key, def]) => !def.required && !def.writeOnly && base[key] !== undefined && key !== "runOnlyOnFirstFailure",
      );
      for (const [key] of removable) {
        const group = removedWith(key);
        it(`${group.join(" + ")} removed: the action is as if it had never been set`, () => {
          const existing = prepareNewAction(createBody(c.spec, base));
          const news: Inputs = { ...base };
          for (const k of group) delete news[k];
          const olds = { ...base, ...server };
          const body = patchBody(c.spec, olds, news, planChanges(c.spec, olds, news));
          const edited = emulatorEdit(existing, body);
          const fresh = prepareNewAction(createBody(c.spec, news));
          for (const k of group) {
            const def = c.spec.fields[k];
            const wire = wireNameOf(k, def);
            assert.deepStrictEqual(
              edited[wire],
              fresh[wire],
              `${k}: after removal ${JSON.stringify(edited[wire])}, never set ${JSON.stringify(fresh[wire])}`,
            );
            if (def.default !== null) {
              assert.deepStrictEqual(body[wire], def.default, `${k}: the PATCH sends the default`);
              assert.deepStrictEqual(edited[wire], def.default, `${k}: Buddy's default is back`);
            }
          }
        });
      }
    });
  }
});

describe("defaults: removing a member of a PipelineAction's `fields` puts the typed spec's default back", () => {
  const server = { actionId: 7, url: "u", htmlUrl: "h", lastExecutionStatus: "INITIAL" };
  const G = pipelineActionSpec;
  for (const c of cases.filter((c) => c.spec.actionType !== undefined)) {
    describe(`PipelineAction of type ${c.type}`, () => {
      it(`${c.type}'s spec is found by its action type`, () => assert.strictEqual(typedSpecFor(c.type), c.spec));

      // The typed resource's inputs, every defaulted field set to something else, as a PipelineAction: common
      // fields as inputs, the type's own fields (wire names) in `fields`.
      const typed: Inputs = { ...c.every };
      for (const [key, def] of sentFields(c.spec)) {
        if (def.default !== null && (typed[key] === undefined || typed[key] === def.default))
          typed[key] = nonDefault(key, def);
      }
      const own = sentFields(c.spec).filter(([key]) => !(key in G.fields));
      const wireBody = createBody(c.spec, typed);
      const fields: Inputs = Object.fromEntries(
        own.filter(([, , wire]) => wireBody[wire] !== undefined).map(([, , wire]) => [wire, wireBody[wire]]),
      );
      const base: Inputs = { type: c.type, fields };
      for (const key of Object.keys(G.fields))
        if (key !== "type" && key !== "fields" && typed[key] !== undefined) base[key] = typed[key];

      it("the starting inputs are valid and set every defaulted member to something else", () => {
        assert.deepStrictEqual(checkInputs(G, base), []);
        for (const [key, def, wire] of own)
          if (def.default !== null) assert.notDeepStrictEqual(fields[wire], def.default, key);
      });

      const removable = own.filter(([, def, wire]) => !def.required && !def.writeOnly && fields[wire] !== undefined);
      it("every member with a default is removable here", () => {
        for (const [key, def] of own)
          if (def.default !== null)
            assert.ok(
              removable.some(([k]) => k === key),
              key,
            );
      });
      for (const [, def, wire] of removable) {
        it(`fields.${wire} removed: the action is as if it had never been set`, () => {
          const existing = prepareNewAction(createBody(G, base));
          const after: Inputs = { ...fields };
          delete after[wire];
          const news: Inputs = { ...base, fields: after };
          const olds = { ...base, ...server };
          const body = patchBody(G, olds, news, planChanges(G, olds, news));
          assert.deepStrictEqual(
            body[wire],
            def.default,
            `${wire}: the PATCH sends ${def.default === null ? "null" : "the default"}`,
          );
          const edited = emulatorEdit(existing, body);
          const fresh = prepareNewAction(createBody(G, news));
          assert.deepStrictEqual(
            edited[wire],
            fresh[wire],
            `${wire}: after removal ${JSON.stringify(edited[wire])}, never set ${JSON.stringify(fresh[wire])}`,
          );
          if (def.default !== null)
            assert.deepStrictEqual(edited[wire], def.default, `${wire}: Buddy's default is back`);
        });
      }
    });
  }

  it("a type no spec covers has no spec (its removed members go back to null)", () => {
    assert.strictEqual(typedSpecFor("NO_SUCH_TYPE"), undefined);
    assert.strictEqual(typedSpecFor(undefined), undefined);
  });
});

describe("PROMOTE_IMAGE dest: the provider's check and the emulator's validation apply one rule", () => {
  // [what, same_location (undefined: not sent), dest (wire names), accepted]
  const rows: Array<[string, boolean | undefined, JsonObject, boolean]> = [
    ["sameLocation true, dest {tag}", true, { tag: "prod" }, true],
    ["sameLocation true, dest {image, tag}", true, { image: "web", tag: "prod" }, true],
    ["sameLocation true, full dest with tag", true, { docker_registry: "DOCKER_HUB", image: "web", tag: "prod" }, true],
    // The 2026 page names the new tag inside dest.image (catalog group on dest: at least one of tag and image).
    ["sameLocation true, dest without tag", true, { docker_registry: "DOCKER_HUB", image: "web:prod" }, true],
    ["sameLocation true, dest OTHER without registry", true, { docker_registry: "OTHER", tag: "prod" }, false],
    ["sameLocation false, dest {tag}", false, { tag: "prod" }, false],
    ["sameLocation unset, dest {tag}", undefined, { tag: "prod" }, false],
    ["sameLocation unset, dest without image", undefined, { docker_registry: "DOCKER_HUB" }, false],
    ["sameLocation false, full dest", false, { docker_registry: "DOCKER_HUB", image: "web" }, true],
    ["sameLocation false, ECR dest without region", false, { docker_registry: "AMAZON_ECR", image: "web" }, false],
  ];
  const toInputs = (o: JsonObject): Inputs =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [toInputName(k), v]));
  /** The wire paths a provider failure names: dest.dockerRegistry → dest.docker_registry. */
  const wirePath = (p: string): string => p.split(".").map(toWireName).join(".");

  for (const [what, same, dest, accepted] of rows) {
    it(`${what}: ${accepted ? "accepted" : "refused"} by both, naming the same fields`, () => {
      const inputs: Inputs = {
        ...fx.location,
        name: "Tag",
        src: { dockerRegistry: "DOCKER_HUB", image: "web" },
        dest: toInputs(dest),
      };
      const body: JsonObject = {
        type: "PROMOTE_IMAGE",
        name: "Tag",
        src: { docker_registry: "DOCKER_HUB", image: "web" },
        dest,
      };
      if (same !== undefined) {
        inputs.sameLocation = same;
        body.same_location = same;
      }
      const providerPaths = checkInputs(tagDockerImageSpec, inputs)
        .map((f) => wirePath(f.property))
        .sort();
      let emulatorPaths: string[] = [];
      try {
        prepareNewAction(body);
      } catch (err) {
        assert.ok(err instanceof ApiError && err.status === 400, String(err));
        emulatorPaths = err.messages.map((m) => /^Field "([^"]+)"/.exec(m)?.[1] ?? m).sort();
      }
      assert.strictEqual(providerPaths.length === 0, accepted, `provider: ${providerPaths.join(", ")}`);
      assert.strictEqual(emulatorPaths.length === 0, accepted, `emulator: ${emulatorPaths.join(", ")}`);
      assert.deepStrictEqual(providerPaths, emulatorPaths);
    });
  }
});
