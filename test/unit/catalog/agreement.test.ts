// Preview and the emulator read the catalog alike: every field, every bound, every enum and every rule of every
// action type is tried through the provider's check (of the typed resource, and of a PipelineAction of the same
// type whose `fields` hold the type's own fields by Buddy's names) and through the emulator's validation, and the
// verdicts (accepted or refused) must be the same. The cases are generated from the catalog: the smallest valid program of
// the type, then one change each — a value of the wrong kind, an enum value that is not one, a bound crossed, a
// required member removed, a rule's condition made to hold without its field (or with an empty list), a field set
// where a rule does not allow it, a group with none (or, for "exactly one of", two) of its members.
import * as assert from "assert";
import type { CatalogField, CatalogType, CatalogValue, Condition, GroupRule } from "../../../catalog/model";
import { groupOf } from "../../../catalog/rules";
import { ApiError } from "../../../emulator/errors";
import { prepareNewPipeline } from "../../../emulator/pipelines";
import { checkPipelineInputs, settingsBody } from "../../../provider/pipelines/engine";
import { prepareNewAction } from "../../../emulator/validation";
import type { JsonObject } from "../../../emulator/types";
import { checkInputs } from "../../../provider/engine/validate";
import { createBody, wireNameOf } from "../../../provider/engine/wire";
import { loadSpec } from "../../../provider/specs/registry";
import { catalog, deleteAt, Inputs, minimalInputs, sample, setAt, specOf } from "../../helpers/catalog";

interface Case {
  what: string;
  inputs: Inputs;
}

const copy = (i: Inputs): Inputs => JSON.parse(JSON.stringify(i)) as Inputs;

/** A value of the wrong kind for `v`. */
function wrongKind(v: CatalogValue): unknown {
  switch (v.kind) {
    case "string":
    case "enum":
      return 42;
    case "boolean":
      return "yes";
    case "integer":
      return 1.5;
    case "number":
      return "1";
    case "list":
    case "object":
    case "open":
      return "x";
  }
}

/** A value of the condition's field that makes it hold, or one that makes it fail (undefined: none found). */
function conditionValue(c: Condition, field: CatalogValue | undefined, hold: boolean): unknown {
  const candidates: unknown[] = [
    ...(field?.values ?? []),
    ...(field?.kind === "boolean" ? [true, false] : []),
    ...(c.equals !== undefined ? [c.equals] : []),
    ...(c.in ?? []),
    ...(c.notEquals !== undefined ? [c.notEquals] : []),
  ];
  const holds = (x: unknown): boolean =>
    c.notEquals !== undefined
      ? x !== c.notEquals
      : c.equals !== undefined
        ? x === c.equals
        : c.in !== undefined
          ? c.in.includes(x as string)
          : x !== undefined;
  return candidates.find((x) => holds(x) === hold);
}

/** Every case of one type (or of the pipeline's settings): the valid program, then each single change to it. */
export function casesOf(t: Pick<CatalogType, "fields" | "groups">, minimal: Inputs): Case[] {
  const cases: Case[] = [{ what: "the smallest valid program", inputs: minimal }];
  const change = (what: string, edit: (i: Inputs) => void): void => {
    const inputs = copy(minimal);
    edit(inputs);
    cases.push({ what, inputs });
  };
  const groups = (list: GroupRule[] | undefined, fields: Record<string, CatalogField>, at: string): void => {
    for (const g of list ?? []) {
      const { members } = groupOf(g);
      const pathOf = (m: string): string => (at === "" ? m : `${at}.${m}`);
      const holder = (i: Inputs): void => {
        if (at !== "") setAt(i, at, JSON.parse(JSON.stringify(minimalAt(minimal, at) ?? {})));
      };
      change(`${members.join(" / ")}: none given`, (i) => {
        holder(i);
        for (const m of members) deleteAt(i, pathOf(m));
      });
      change(`${members.join(" / ")}: all given`, (i) => {
        holder(i);
        for (const m of members) setAt(i, pathOf(m), sample(fields[m], m));
      });
    }
  };
  groups(t.groups, t.fields, "");
  const walk = (fields: Record<string, CatalogField>, at: string, siblingsAt: string): void => {
    const pathOf = (name: string, c?: Condition): string =>
      c?.root ? name : siblingsAt === "" ? name : `${siblingsAt}.${name}`;
    const holderOf = (c: Condition): Record<string, CatalogField> => (c.root ? t.fields : fields);
    const ensureHolder = (i: Inputs): void => {
      if (at !== "") setAt(i, at, JSON.parse(JSON.stringify(minimalAt(minimal, at) ?? {})));
    };
    for (const [name, f] of Object.entries(fields)) {
      const path = pathOf(name);
      const value = (v: unknown) => (i: Inputs) => {
        ensureHolder(i);
        setAt(i, path, v);
      };
      change(`${path}: a value of the wrong kind`, value(wrongKind(f)));
      if (f.kind === "enum") change(`${path}: not one of its values`, value("NOT_A_VALUE"));
      if (f.kind === "string") {
        change(`${path}: ""`, value(""));
        change(`${path}: only spaces`, value("  "));
      }
      if (f.kind === "integer" || f.kind === "number") {
        const min = f.min ?? (f.kind === "integer" ? 0 : undefined);
        if (min !== undefined) change(`${path}: below its minimum ${min}`, value(min - 1));
        if (f.max !== undefined) change(`${path}: above its maximum ${f.max}`, value(f.max + 1));
      }
      if (f.kind === "list" && f.item) {
        change(`${path}[0]: a value of the wrong kind`, value([wrongKind(f.item)]));
        if (f.item.kind === "enum") change(`${path}[0]: not one of its values`, value(["NOT_A_VALUE"]));
        if (f.item.kind === "integer" && f.item.max !== undefined)
          change(`${path}[0]: above its maximum`, value([f.item.max + 1]));
      }
      if (f.required)
        change(`${path}: removed`, (i) => {
          ensureHolder(i);
          deleteAt(i, path);
        });
      for (const rule of f.rules ?? []) {
        if ("requiredWhen" in rule) {
          const c = rule.requiredWhen;
          const on = conditionValue(c, holderOf(c)[c.field], true);
          if (on === undefined) continue;
          const unset = (i: Inputs): void => {
            ensureHolder(i);
            setAt(i, pathOf(c.field, c), on);
            deleteAt(i, path);
          };
          change(`${path}: missing while required when ${c.field} is ${String(on)}`, unset);
          if (f.kind === "list")
            change(`${path}: [] while required when ${c.field} is ${String(on)}`, (i) => {
              unset(i);
              setAt(i, path, []);
            });
        } else {
          const c = rule.allowedOnlyWhen;
          const off = conditionValue(c, holderOf(c)[c.field], false);
          change(`${path}: set while ${c.field} is ${String(off)}`, (i) => {
            ensureHolder(i);
            if (off === undefined) deleteAt(i, pathOf(c.field, c));
            else setAt(i, pathOf(c.field, c), off);
            setAt(i, path, sample(f, path));
          });
        }
      }
      if (f.kind === "object" && f.fields) {
        walk(f.fields, path, path);
        groups(f.groups, f.fields, path);
      }
      if (f.kind === "list" && f.item?.kind === "object" && f.item.fields)
        walk(f.item.fields, `${path}[0]`, `${path}[0]`);
    }
  };
  walk(t.fields, "", "");
  return cases;
}

/** What the smallest program holds at `at`, or a sample holder when it holds nothing there. */
function minimalAt(minimal: Inputs, at: string): unknown {
  let v: unknown = minimal;
  for (const m of at.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) v = (v as Record<string, unknown>)?.[m[1] ?? Number(m[2])];
  return v;
}

const genericSpec = loadSpec("pipeline-action");

/** The same program as a PipelineAction: the common fields as its typed inputs, the type's own in `fields`. */
function asPipelineAction(inputs: Inputs, body: JsonObject): Inputs {
  const generic: Inputs = { type: body.type, fields: {} };
  const own = generic.fields as Inputs;
  const commonWire = new Set<string>();
  for (const [key, def] of Object.entries(genericSpec.fields)) {
    if (key === "fields") continue;
    commonWire.add(wireNameOf(key, def));
    if (inputs[key] !== undefined) generic[key] = inputs[key];
  }
  for (const [wire, value] of Object.entries(body)) if (!commonWire.has(wire)) own[wire] = value;
  return generic;
}

function emulatorRefuses(body: JsonObject): string[] {
  try {
    prepareNewAction(body);
    return [];
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return err.messages;
    throw err;
  }
}

describe("preview and the emulator agree on every field and rule of the catalog", function () {
  this.timeout(300_000);
  let compared = 0;
  const disagreements: string[] = [];
  for (const t of catalog.types) {
    it(t.type, () => {
      const spec = specOf(t);
      const mine: string[] = [];
      for (const c of casesOf(t, minimalInputs(t))) {
        const provider = checkInputs(spec, c.inputs);
        let body: JsonObject;
        try {
          body = createBody(spec, c.inputs) as JsonObject;
        } catch {
          continue;
        }
        const emulator = emulatorRefuses(body);
        const generic = checkInputs(genericSpec, asPipelineAction(c.inputs, body));
        compared++;
        const verdict = (failures: unknown[]): string => (failures.length > 0 ? "refuses" : "accepts");
        if (verdict(provider) !== verdict(emulator) || verdict(generic) !== verdict(emulator)) {
          const list = (f: Array<{ property: string; reason: string }>): string =>
            f.length > 0 ? ` (${f.map((x) => `${x.property} ${x.reason}`).join("; ")})` : "";
          mine.push(
            `${t.type} ${c.what}: preview ${verdict(provider)}${list(provider)}, ` +
              `PipelineAction ${verdict(generic)}${list(generic)}, ` +
              `emulator ${verdict(emulator)}${emulator.length > 0 ? ` (${emulator.join(" ")})` : ""}`,
          );
        }
      }
      disagreements.push(...mine);
      assert.deepStrictEqual(mine, []);
    });
  }
  after(() => {
    console.log(`      ${compared} cases compared, ${disagreements.length} disagreements`);
  });
});

describe("preview and the emulator agree on every pipeline setting and rule (catalog/pipeline.json)", () => {
  it("every case: the Pipeline's check (input names) and the emulator's create (wire names) give one verdict", () => {
    const minimal: Inputs = { workspace: "my-company", projectName: "my-project", name: "Release" };
    const cases = casesOf(catalog.pipeline, minimal);
    const disagreements: string[] = [];
    let refused = 0;
    for (const c of cases) {
      const provider = checkPipelineInputs(c.inputs);
      let emulator: string[] = [];
      try {
        prepareNewPipeline(settingsBody(c.inputs));
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 400)) throw err;
        emulator = err.messages;
      }
      if (provider.length > 0) refused++;
      if (provider.length > 0 !== emulator.length > 0)
        disagreements.push(
          `${c.what}: preview ${provider.map((f) => `${f.property} ${f.reason}`).join("; ") || "accepts"}, ` +
            `emulator ${emulator.join(" ") || "accepts"}`,
        );
    }
    assert.deepStrictEqual(disagreements, []);
    // Not a test that cannot fail: most cases are mistakes, which both sides must refuse.
    assert.ok(cases.length > 150 && refused > cases.length / 2, `${cases.length} cases, ${refused} refused`);
    console.log(`      ${cases.length} pipeline cases compared, ${refused} refused by both`);
  });
});
