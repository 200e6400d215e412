// Programs made from the catalog, for the tests generated over every action type: a valid value for each field
// kind, the smallest valid program of a type (its required fields, then whatever the type's rules require), and
// paths into programs by input name ("src.registry", "steps[0].name").
import type { CatalogField, CatalogType, CatalogValue } from "../../catalog/model";
import { checkInputs } from "../../provider/engine/validate";
import { ActionSpec } from "../../provider/specs/spec";
import { loadSpec } from "../../provider/specs/registry";
import { loadCatalog, specKeyOf } from "../../tools/catalog/generate";

export type Inputs = Record<string, unknown>;

export const catalog = loadCatalog();
export const location = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };

export function specOf(t: CatalogType): ActionSpec {
  return loadSpec(specKeyOf(t));
}

/** A valid value of `v` (`tag` makes strings recognisable: "v-<tag>"); objects carry their required members. */
export function sample(v: CatalogValue, tag: string): unknown {
  switch (v.kind) {
    case "string":
      return `v-${tag}`;
    case "enum":
      return (v.values ?? [])[0];
    case "boolean":
      return true;
    case "integer":
      return Math.min((v.min ?? 0) + 1, v.max ?? Number.MAX_SAFE_INTEGER);
    case "number": {
      const low = v.min ?? 0;
      return (low + (v.max ?? low + 3)) / 2;
    }
    case "list":
      return v.item ? [sample(v.item, `${tag}-0`)] : [];
    case "object":
      return Object.fromEntries(
        Object.entries(v.fields ?? {})
          .filter(([, f]) => f.required)
          .map(([name, f]) => [name, sample(f, `${tag}-${name}`)]),
      );
    case "open":
      return {};
  }
}

/** The catalog value at an input path ("dest.tag", "targets[0].name"), or undefined. */
export function fieldAt(t: CatalogType, path: string): CatalogValue | undefined {
  let fields: Record<string, CatalogField> | undefined = t.fields;
  let value: CatalogValue | undefined;
  for (const segment of path.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(segment);
    if (!m || !fields) return undefined;
    value = fields[m[1]];
    for (let depth = (m[2].match(/\[/g) ?? []).length; depth > 0 && value; depth--) value = value.item;
    fields = value?.fields;
  }
  return value;
}

/** Sets `value` at an input path, creating objects (and one-element lists) on the way. */
export function setAt(inputs: Inputs, path: string, value: unknown): void {
  const segments = path.split(".");
  let holder: Record<string, unknown> = inputs;
  segments.forEach((segment, i) => {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(segment);
    if (!m) throw new Error(`bad path ${path}`);
    const last = i === segments.length - 1;
    const indices = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    if (indices.length === 0) {
      if (last) holder[m[1]] = value;
      else holder = (holder[m[1]] ??= {}) as Record<string, unknown>;
      return;
    }
    let list = (holder[m[1]] ??= []) as unknown[];
    for (const [j, index] of indices.entries()) {
      if (j === indices.length - 1) {
        if (last) list[index] = value;
        else holder = (list[index] ??= {}) as Record<string, unknown>;
      } else list = (list[index] ??= []) as unknown[];
    }
  });
}

/**
 * Sets `value` at an input path and removes the other members of every "exactly one of" group the path goes
 * through (a program that sets one of them sets only that one).
 */
export function setAlone(t: CatalogType, inputs: Inputs, path: string, value: unknown): void {
  const segments = path.split(".");
  segments.forEach((segment, i) => {
    const parent = segments.slice(0, i).join(".");
    const name = segment.replace(/(\[\d+\])+$/, "");
    const groups = parent === "" ? t.groups : fieldAt(t, parent)?.groups;
    for (const g of groups ?? [])
      if (
        "exactlyOneOf" in g &&
        g.exactlyOneOf.includes(name) &&
        (parent === "" || getAt(inputs, parent) !== undefined)
      )
        for (const other of g.exactlyOneOf)
          if (other !== name) deleteAt(inputs, parent === "" ? other : `${parent}.${other}`);
  });
  setAt(inputs, path, value);
}

/** Deletes the value at an input path. */
export function deleteAt(inputs: Inputs, path: string): void {
  const dot = path.lastIndexOf(".");
  const parent = dot < 0 ? inputs : (getAt(inputs, path.slice(0, dot)) as Record<string, unknown>);
  delete parent[path.slice(dot + 1)];
}

export function getAt(inputs: Inputs, path: string): unknown {
  let v: unknown = inputs;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) v = (v as Record<string, unknown>)?.[m[1] ?? Number(m[2])];
  return v;
}

/**
 * The smallest valid program of a type: location, name, every required field; then, while check says a field is
 * "required when ..." (a rule of the type's), that field too.
 */
export function minimalInputs(t: CatalogType): Inputs {
  const inputs: Inputs = { ...location, name: `${t.type} action` };
  for (const [name, f] of Object.entries(t.fields)) if (f.required) inputs[name] = sample(f, name);
  const spec = specOf(t);
  for (let round = 0; round < 5; round++) {
    const missing = checkInputs(spec, inputs).filter((f) => /^is required/.test(f.reason));
    if (missing.length === 0) break;
    for (const m of missing) {
      const def = fieldAt(t, m.property);
      if (!def) throw new Error(`${t.type}: check requires ${m.property}, which the catalog does not describe`);
      setAt(inputs, m.property, sample(def, m.property));
    }
  }
  return inputs;
}

/** Every [path, value] of a program's required members that are present, at any depth (lists: their first element). */
export function requiredPaths(t: CatalogType, inputs: Inputs): string[] {
  const out: string[] = [];
  const walk = (fields: Record<string, CatalogField>, holder: Record<string, unknown>, at: string): void => {
    for (const [name, f] of Object.entries(fields)) {
      const path = at === "" ? name : `${at}.${name}`;
      const value = holder[name];
      if (f.required) out.push(path);
      if (value === undefined) continue;
      if (f.kind === "object" && f.fields) walk(f.fields, value as Record<string, unknown>, path);
      if (f.kind === "list" && f.item?.kind === "object" && f.item.fields && Array.isArray(value) && value.length > 0) {
        walk(f.item.fields, value[0] as Record<string, unknown>, `${path}[0]`);
      }
    }
  };
  walk(t.fields, inputs, "");
  return out;
}

/** Every enum field's path in a program (top level, and inside the objects and first list elements it holds). */
export function enumPaths(t: CatalogType, inputs: Inputs): string[] {
  const out: string[] = [];
  const walk = (
    fields: Record<string, CatalogField>,
    holder: Record<string, unknown> | undefined,
    at: string,
  ): void => {
    for (const [name, f] of Object.entries(fields)) {
      const path = at === "" ? name : `${at}.${name}`;
      if (f.kind === "enum") out.push(path);
      const value = holder?.[name];
      if (f.kind === "object" && f.fields && value !== undefined)
        walk(f.fields, value as Record<string, unknown>, path);
      if (f.kind === "list" && f.item?.kind === "enum") out.push(`${path}[0]`);
    }
  };
  walk(t.fields, inputs, "");
  return out;
}

/** Every secret member's path (lists: the first element), and the top-level field holding it. */
export function secretPaths(t: CatalogType): Array<{ path: string; top: string }> {
  const out: Array<{ path: string; top: string }> = [];
  const walk = (fields: Record<string, CatalogField>, at: string, top: string | undefined): void => {
    for (const [name, f] of Object.entries(fields)) {
      const path = at === "" ? name : `${at}.${name}`;
      const root = top ?? name;
      if (f.secret) out.push({ path, top: root });
      if (f.fields && f.kind === "object") walk(f.fields, path, root);
      if (f.kind === "list" && f.item?.fields && f.item.kind === "object") walk(f.item.fields, `${path}[0]`, root);
    }
  };
  walk(t.fields, "", undefined);
  return out;
}
