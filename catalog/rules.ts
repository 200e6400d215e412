/**
 * The one interpreter of the catalog's facts about a value (catalog/model.ts): kinds, enums, bounds, required,
 * the cross-field rules (requiredWhen, allowedOnlyWhen), the group rules (exactly one of, at least one of) and
 * secretWhen. The provider's `check` runs it over input-named values (provider/engine/validate.ts), the emulator's
 * validation over wire-named ones (emulator/validation.ts): the facts carry whichever names the values use, so a
 * rule means the same on both sides. Pure functions, no imports but the model's types: the emulator, which is its
 * own package, may import it without importing provider code.
 */
import type { Condition, FieldKind, GroupRule, Rule } from "./model";

export type { Condition, GroupRule, Rule };
export type Scalar = string | number | boolean;

/** The facts read about one value, its members named as the values to check name them. */
export interface Facts {
  readonly kind: FieldKind;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly allowEmpty?: boolean;
  readonly required?: boolean;
  readonly secret?: boolean;
  readonly secretWhen?: Condition;
  readonly rules?: readonly Rule[];
  readonly groups?: readonly GroupRule[];
  readonly item?: Facts;
  readonly fields?: Readonly<Record<string, Facts>>;
}

/** One broken fact: where (`src.registry`, `steps[2].port`), what the rule says, and the value given. */
export interface Violation {
  readonly path: string;
  /** The rule, as a predicate of the path: "must be one of A, B", "is required when mode is TCP". */
  readonly problem: string;
  /** The value given (undefined when none was). */
  readonly value: unknown;
  /** The value is a credential: never show it. */
  readonly secret: boolean;
  /** A close known value, when the value given looks like a misspelling of one. */
  readonly suggestion?: string;
}

export interface Reading {
  /** A value not known yet (Pulumi's preview): it, and every rule reading it, is skipped. */
  readonly isUnknown?: (value: unknown) => boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether a value counts as given, for `required`, the rules and the groups alike: not absent, not null, not blank
 * text, not an empty list. (A required list with no element is as missing as no list: `tags: []` selects no
 * sandbox.)
 */
export function isGiven(v: unknown): boolean {
  return (
    v !== undefined &&
    v !== null &&
    !(typeof v === "string" && v.trim() === "") &&
    !(Array.isArray(v) && v.length === 0)
  );
}

/**
 * Whether a member counts as given, by its facts: as `isGiven`, except that text whose facts say "" is a value
 * (`allowEmpty`: a list of patterns, a description) is given even when blank. Buddy's own request examples send
 * `excludes: ""` for a required member.
 */
function isGivenAs(f: Facts | undefined, v: unknown): boolean {
  if (f?.allowEmpty && typeof v === "string") return true;
  return isGiven(v);
}

/** Whether `c` holds for the other field's value. */
export function holds(c: Condition, value: unknown): boolean {
  if (c.notEquals !== undefined) return value !== c.notEquals;
  if (c.equals !== undefined) return value === c.equals;
  if (c.in !== undefined) return c.in.includes(value as Scalar);
  return isGiven(value);
}

/** The condition in words: "mode is TCP", "kind is GAR or OTHER", "region is set". */
export function describeCondition(c: Condition): string {
  if (c.notEquals !== undefined) return `${c.field} is not ${String(c.notEquals)}`;
  if (c.equals !== undefined) return `${c.field} is ${String(c.equals)}`;
  if (c.in !== undefined) return `${c.field} is ${c.in.map(String).join(" or ")}`;
  return `${c.field} is set`;
}

/** A group rule's members and its words; `atMost`: none is fine, two are not. */
export function groupOf(g: GroupRule): {
  members: readonly string[];
  exactly: boolean;
  atMost: boolean;
  words: string;
} {
  if ("atMostOneOf" in g)
    return {
      members: g.atMostOneOf,
      exactly: false,
      atMost: true,
      words: `at most one of ${g.atMostOneOf.join(", ")}`,
    };
  const exactly = "exactlyOneOf" in g;
  const members = exactly ? g.exactlyOneOf : g.atLeastOneOf;
  return {
    members,
    exactly,
    atMost: false,
    words: `${exactly ? "exactly one" : "at least one"} of ${members.join(", ")}`,
  };
}

/** The same group over other member names. */
export function mapGroup(g: GroupRule, to: (member: string) => string): GroupRule {
  if ("atMostOneOf" in g) return { atMostOneOf: g.atMostOneOf.map(to) };
  return "exactlyOneOf" in g ? { exactlyOneOf: g.exactlyOneOf.map(to) } : { atLeastOneOf: g.atLeastOneOf.map(to) };
}

/** How a value given is shown in a message: quoted JSON, shortened, never a secret. */
export function shown(value: unknown, secret: boolean): string {
  if (secret) return "[secret]";
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The known name `given` most likely means: the same letters in another case, or within a small edit distance
 * (1 for short names, 2 from 6 letters on, ignoring case, "_" and "-"). Undefined when none is close.
 */
export function closest(given: string, known: Iterable<string>): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[_-]/g, "");
  const g = norm(given);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(g, norm(k));
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  const allowed = g.length >= 6 ? 2 : g.length >= 3 ? 1 : 0;
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

const kindProblem: Record<FieldKind, string> = {
  string: "must be a string",
  enum: "must be a string",
  boolean: "must be a boolean (true or false)",
  integer: "must be an integer",
  number: "must be a number",
  list: "must be a list",
  object: "must be an object",
  open: "must be an object",
};

/** The bounds of a number in words, or undefined when it has none. */
function bounds(f: Facts): { problem: string; min: number; max: number } | undefined {
  const min = f.min ?? (f.kind === "integer" ? 0 : -Infinity);
  const max = f.max ?? Infinity;
  const what = f.kind === "integer" ? "an integer" : "a number";
  if (min === -Infinity && max === Infinity) return undefined;
  const problem =
    max === Infinity
      ? `must be ${what} ≥ ${min}`
      : min === -Infinity
        ? `must be ${what} ≤ ${max}`
        : `must be ${what} from ${min} to ${max}`;
  return { problem, min, max };
}

class Walk {
  readonly out: Violation[] = [];
  constructor(
    private readonly reading: Reading,
    private readonly root: Record<string, unknown>,
  ) {}

  unknown(v: unknown): boolean {
    return this.reading.isUnknown?.(v) ?? false;
  }

  fail(path: string, problem: string, value: unknown, secret: boolean, suggestion?: string): void {
    this.out.push({ path, problem, value, secret, ...(suggestion !== undefined ? { suggestion } : {}) });
  }

  /** A value that is present (not undefined, not null) against its facts. */
  value(f: Facts, v: unknown, path: string, secret: boolean): void {
    if (this.unknown(v)) return;
    const wrongKind = (): void => this.fail(path, kindProblem[f.kind], v, secret);
    switch (f.kind) {
      case "string":
      case "enum":
        if (typeof v !== "string") return wrongKind();
        if (f.kind === "enum" && f.values && !f.values.includes(v))
          return this.fail(path, `must be one of ${f.values.join(", ")}`, v, secret, closest(v, f.values));
        if (!f.allowEmpty && v.trim() === "") return this.fail(path, "must not be empty or only spaces", v, secret);
        return;
      case "boolean":
        if (typeof v !== "boolean") wrongKind();
        return;
      case "integer":
      case "number": {
        const b = bounds(f);
        if (typeof v !== "number" || !Number.isFinite(v) || (f.kind === "integer" && !Number.isInteger(v)))
          return this.fail(path, b?.problem ?? kindProblem[f.kind], v, secret);
        if (b && (v < b.min || v > b.max)) this.fail(path, b.problem, v, secret);
        return;
      }
      case "list":
        if (!Array.isArray(v)) return wrongKind();
        v.forEach((item, i) => {
          const at = `${path}[${i}]`;
          if (item === undefined || item === null) this.fail(at, "must not be null", item, secret);
          else if (f.item) this.value(f.item, item, at, secret);
        });
        return;
      case "object":
      case "open":
        if (!isPlainObject(v)) return wrongKind();
        if (f.kind === "object") this.members(f.fields ?? {}, f.groups ?? [], v, path, secret);
        return;
    }
  }

  /** The documented members of `holder`, then their cross-field rules, then the holder's groups. */
  members(
    fields: Readonly<Record<string, Facts>>,
    groups: readonly GroupRule[],
    holder: Record<string, unknown>,
    at: string,
    secretAbove: boolean,
  ): void {
    const pathOf = (name: string): string => (at === "" ? name : `${at}.${name}`);
    const other = (c: Condition): unknown => (c.root ? this.root : holder)[c.field];
    for (const [name, f] of Object.entries(fields)) {
      const v = holder[name];
      if (this.unknown(v)) continue;
      const path = pathOf(name);
      const secretWhen = f.secretWhen !== undefined && holds(f.secretWhen, other(f.secretWhen));
      const secret = secretAbove || f.secret === true || secretWhen;
      if (v === undefined || v === null) {
        if (f.required) this.fail(path, "is required", undefined, secret);
      } else if (f.required && Array.isArray(v) && v.length === 0) {
        this.fail(path, "is required and must not be empty", v, secret);
      } else this.value(f, v, path, secret);
      for (const rule of f.rules ?? []) {
        const c = "requiredWhen" in rule ? rule.requiredWhen : rule.allowedOnlyWhen;
        const o = other(c);
        if (this.unknown(o)) continue;
        if ("requiredWhen" in rule) {
          // "Required unless ..." (notEquals) reads as plain "is required": the condition is the usual case.
          if (holds(c, o) && !isGivenAs(f, v))
            this.fail(
              path,
              c.notEquals !== undefined ? "is required" : `is required when ${describeCondition(c)}`,
              v,
              secret,
            );
        } else if (!holds(c, o) && isGivenAs(f, v)) {
          this.fail(path, `is only allowed when ${describeCondition(c)}`, v, secret);
        }
      }
    }
    for (const g of groups) {
      const { members, exactly, atMost, words } = groupOf(g);
      const values = members.map((m) => holder[m]);
      if (values.some((v) => this.unknown(v))) continue;
      const given = members.filter((m, i) => isGivenAs(fields[m], values[i]));
      if (given.length === 0 && !atMost) this.fail(pathOf(members[0]), `is required: set ${words}`, undefined, false);
      else if ((exactly || atMost) && given.length > 1)
        this.fail(
          pathOf(given[1]),
          `is not allowed with ${given[0]}: set ${words}`,
          holder[given[1]],
          secretAbove || fields[given[1]]?.secret === true,
        );
    }
  }
}

/**
 * Every violation of the facts by an action (or any object): `fields` and `groups` describe its members; `root`
 * conditions look at `action` itself. Undefined and null members are absent. Unknown values are skipped.
 */
export function violations(
  fields: Readonly<Record<string, Facts>>,
  groups: readonly GroupRule[],
  action: Record<string, unknown>,
  reading: Reading = {},
): Violation[] {
  const walk = new Walk(reading, action);
  walk.members(fields, groups, action, "", false);
  return walk.out;
}

/**
 * The same facts under other names (input names → wire names): `rename(name, facts)` gives a member's new name.
 * Conditions and groups are renamed with the members they name (root conditions with the action's names).
 */
export function renamed(
  fields: Readonly<Record<string, Facts>>,
  rename: (name: string, f: Facts) => string,
  rootNames?: ReadonlyMap<string, string>,
): Record<string, Facts> {
  const names = new Map(Object.entries(fields).map(([n, f]) => [n, rename(n, f)]));
  const top = rootNames ?? names;
  return Object.fromEntries(
    Object.entries(fields).map(([n, f]) => [names.get(n) as string, renamedValue(f, rename, names, top)]),
  );
}

/** A group with its members renamed. */
export function renamedGroup(g: GroupRule, names: ReadonlyMap<string, string>): GroupRule {
  return mapGroup(g, (m) => names.get(m) ?? m);
}

function renamedValue(
  f: Facts,
  rename: (name: string, f: Facts) => string,
  siblings: ReadonlyMap<string, string>,
  top: ReadonlyMap<string, string>,
): Facts {
  const cond = (c: Condition): Condition => ({ ...c, field: (c.root ? top : siblings).get(c.field) ?? c.field });
  const out: { -readonly [K in keyof Facts]: Facts[K] } = { ...f };
  if (f.secretWhen) out.secretWhen = cond(f.secretWhen);
  if (f.rules)
    out.rules = f.rules.map((r) =>
      "requiredWhen" in r ? { requiredWhen: cond(r.requiredWhen) } : { allowedOnlyWhen: cond(r.allowedOnlyWhen) },
    );
  if (f.item) out.item = renamedValue(f.item, rename, new Map(), top);
  if (f.fields) {
    const inner = new Map(Object.entries(f.fields).map(([n, m]) => [n, rename(n, m)]));
    out.fields = renamed(f.fields, rename, top);
    if (f.groups) out.groups = f.groups.map((g) => renamedGroup(g, inner));
  }
  return out;
}
