/**
 * The catalog's cross-field rules (catalog/model.ts: requiredWhen, allowedOnlyWhen, secretWhen), as check rules.
 * Generated spec modules list their rules as data (`catalogRules([...])`); this module is the one interpreter.
 * Paths are input names: "dest.tag", "steps[].name" (`[]`: every element of a list).
 */
import { RuleFailure } from "./field";
import { isPlainObject, isUnknown } from "../wire/values";

type Scalar = string | number | boolean;

/** Another field's value that a rule depends on. */
export interface Condition {
  /** The other field: a member of the object holding the ruled field, or of the action itself with `root`. */
  readonly field: string;
  readonly root?: boolean;
  readonly equals?: Scalar;
  readonly in?: readonly Scalar[];
  /** Holds when the other field is anything but this value (unset included). */
  readonly notEquals?: Scalar;
}

export interface CatalogRule {
  /** The ruled field's path from the action, by input names. */
  readonly path: string;
  readonly requiredWhen?: Condition;
  readonly allowedOnlyWhen?: Condition;
}

/** Whether `c` holds for `value`; undefined while the value is unknown (preview). */
export function holds(c: Condition, value: unknown): boolean | undefined {
  if (isUnknown(value)) return undefined;
  if (c.notEquals !== undefined) return value !== c.notEquals;
  if (c.equals !== undefined) return value === c.equals;
  if (c.in !== undefined) return c.in.includes(value as Scalar);
  return value !== undefined && value !== null;
}

function describe(c: Condition): string {
  if (c.equals !== undefined) return `${c.field} is ${String(c.equals)}`;
  if (c.in !== undefined) return `${c.field} is ${c.in.map(String).join(" or ")}`;
  return `${c.field} is set`;
}

/** Every object holding the ruled field, with the concrete path to it ("src", "steps[2]"). */
function holders(
  root: Record<string, unknown>,
  segments: readonly string[],
  at = "",
): Array<[string, Record<string, unknown>]> {
  if (segments.length === 0) return [[at, root]];
  const [head, ...rest] = segments;
  const list = head.endsWith("[]");
  const key = list ? head.slice(0, -2) : head;
  const value = root[key];
  const here = at === "" ? key : `${at}.${key}`;
  if (list) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((v, i) => (isPlainObject(v) ? holders(v, rest, `${here}[${i}]`) : []));
  }
  return isPlainObject(value) ? holders(value, rest, here) : [];
}

/**
 * One spec rule running every catalog rule of a type. A rule whose condition (or holder) is unknown during preview
 * is skipped: it is checked again at `pulumi up`. "Required unless ..." rules (notEquals) say only "is required":
 * the condition is the usual case.
 */
export function catalogRules(rules: readonly CatalogRule[]): (inputs: Record<string, unknown>) => RuleFailure[] {
  return (inputs) => {
    const failures: RuleFailure[] = [];
    for (const rule of rules) {
      const segments = rule.path.split(".");
      const member = segments.pop() as string;
      for (const [at, holder] of holders(inputs, segments)) {
        const value = holder[member];
        if (isUnknown(value)) continue;
        const path = at === "" ? member : `${at}.${member}`;
        const set = value !== undefined && value !== null;
        const req = rule.requiredWhen;
        if (req) {
          const on = holds(req, (req.root ? inputs : holder)[req.field]);
          if (on === true && !set)
            failures.push({
              path,
              reason: req.notEquals !== undefined ? "is required" : `is required when ${describe(req)}`,
            });
        }
        const allowed = rule.allowedOnlyWhen;
        if (allowed) {
          const on = holds(allowed, (allowed.root ? inputs : holder)[allowed.field]);
          if (on === false && set) failures.push({ path, reason: `is only allowed when ${describe(allowed)}` });
        }
      }
    }
    return failures;
  };
}

/** `secret` of a field that is a credential only when a sibling says so (an encrypted variable's value). */
export function secretWhen(field: string, equals: Scalar): (holder: Record<string, unknown>) => boolean {
  return (holder) => holder[field] === equals;
}
