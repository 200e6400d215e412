/**
 * check: every documented rule, before any API call. Each failure names the camelCase property path
 * (`imageTag`, `src.dockerRegistry`, `triggerConditions[0].triggerCondition`) and the rule. Values that are
 * unknown during preview (at any depth) are skipped: they are checked again when known, at `pulumi up`.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { closest, Facts, GroupRule, renamed, renamedGroup, shown, Violation, violations } from "../../catalog/rules";
import { FieldDef, Fields, fieldsFacts } from "../specs/field";
import { ActionSpec, SPEC_KEY } from "../specs/spec";
import { isPlainObject, isUnknown } from "../wire/values";
import { toWire, typedSpecFor, wireFields, wireNameOf } from "./wire";
import { CIPHERTEXTS_KEY } from "./ciphertexts";
import { CHECK_RECORD_KEY } from "./check-record";
import { CLAIM_KEY } from "./claims";

/**
 * Keys added to every resource's inputs by the engine (`__provider`) and by the resource class (`__spec`, which
 * the provider itself puts back into the outputs), the provider's own hidden output (`__ciphertexts`) and what check
 * records for recovery (`__sameNamedAtCheck`, `__createClaim`, inputs only); never user input, never sent to Buddy.
 */
export const ENGINE_KEYS: readonly string[] = ["__provider", SPEC_KEY, CIPHERTEXTS_KEY, CHECK_RECORD_KEY, CLAIM_KEY];

function joinPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/** A member name that says it holds a credential: its value is never shown, even where no fact says so. */
const CREDENTIAL_NAME =
  /pas+(w(or)?d|phrase)?|pwd|secret|token|private|(^|_|[a-z])key($|_|[A-Z])|kubeconfig|credential/i;

/**
 * One failure on one line: the rule, the value given (quoted; "[secret]" for a credential) and, when the value
 * looks like a misspelling of an allowed one, the likely meant one. The property path is the failure's own.
 */
export function reasonOf(v: Pick<Violation, "problem" | "value" | "secret" | "suggestion">): string {
  const given = v.value === undefined || v.value === null ? "" : `; got ${shown(v.value, v.secret)}`;
  const hint = v.suggestion === undefined ? "" : ` (did you mean ${JSON.stringify(v.suggestion)}?)`;
  return `${v.problem}${given}${hint}`;
}

/** Members no field documents, at any depth of the documented objects: a typo or a field of another type. */
function unknownMembers(
  fields: Fields,
  value: Record<string, unknown>,
  path: string,
  hint: string,
  skip: readonly string[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (key in fields) {
      if (!isUnknown(member)) failures.push(...unknownWithin(fields[key], member, joinPath(path, key)));
      continue;
    }
    if (skip.includes(key)) continue;
    const at = joinPath(path, key);
    const meant = closest(key, Object.keys(fields));
    // Shown only when neither the name nor the member it is a misspelling of says credential.
    const secret = CREDENTIAL_NAME.test(key) || (meant !== undefined && fields[meant].secret !== false);
    const given = member === undefined ? "" : `; got ${shown(member, secret)}`;
    failures.push({
      property: at,
      reason: `unknown property ${at} (${hint})${given}${meant === undefined ? "" : `; did you mean ${joinPath(path, meant)}?`}`,
    });
  }
  return failures;
}

const NESTED_HINT = "not a documented member";

function unknownWithin(def: FieldDef, value: unknown, path: string): CheckFailure[] {
  if (def.kind === "object" && isPlainObject(value)) return unknownMembers(def.fields, value, path, NESTED_HINT);
  if (def.kind === "array" && Array.isArray(value))
    return value.flatMap((item, i) => (isUnknown(item) ? [] : unknownWithin(def.item, item, `${path}[${i}]`)));
  if (def.kind === "bag" && isPlainObject(value))
    return Object.keys(value)
      .filter((k) => k.trim() === "")
      .map(() => ({ property: path, reason: "must not have an empty field name" }));
  return [];
}

/** Spelling rules of the provider's own (a PipelineAction's `type`), on top-level leaves. */
function patternFailures(fields: Fields, inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, def] of Object.entries(fields)) {
    const v = inputs[key];
    // Blank text is the interpreter's to report ("must not be empty").
    if (def.kind !== "leaf" || !def.pattern || typeof v !== "string" || isUnknown(v) || v.trim() === "") continue;
    if (!def.pattern.regex.test(v)) {
      const meant = v.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
      failures.push({
        property: key,
        reason: reasonOf({ problem: def.pattern.problem, value: v, secret: false, suggestion: meant }),
      });
    }
  }
  return failures;
}

const toFailure =
  (at: string) =>
  (v: Violation): CheckFailure => ({ property: joinPath(at, v.path), reason: reasonOf(v) });

const factsCache = new WeakMap<ActionSpec, Record<string, Facts>>();

/** A spec's facts, by input names (location, common and own fields alike). */
function specFacts(spec: ActionSpec): Record<string, Facts> {
  let f = factsCache.get(spec);
  if (f === undefined) {
    f = fieldsFacts(spec.fields);
    factsCache.set(spec, f);
  }
  return f;
}

/** Each member's wire name, by its facts (the objects `renamed` hands back), at every depth. */
function wireNamesOf(
  fields: Fields,
  facts: Readonly<Record<string, Facts>>,
  out = new Map<Facts, string>(),
): Map<Facts, string> {
  for (const [key, def] of Object.entries(fields)) {
    let f: Facts | undefined = facts[key];
    out.set(f, wireNameOf(key, def));
    let d: FieldDef = def;
    while (d.kind === "array" && f?.item) [d, f] = [d.item, f.item];
    if (d.kind === "object" && f?.fields) wireNamesOf(d.fields, f.fields, out);
  }
  return out;
}

type WireFacts = { fields: Record<string, Facts>; groups: GroupRule[] };
const wireCache = new WeakMap<ActionSpec, WireFacts>();

/** A typed spec's own fields' facts (not the common ones, typed inputs already), by wire names. */
function ownWireFacts(typed: ActionSpec, generic: ActionSpec): WireFacts {
  let w = wireCache.get(typed);
  if (w === undefined) {
    const own = Object.fromEntries(
      wireFields(typed).filter(([key, def]) => !(key in generic.fields) && def.kind !== "bag"),
    ) as Fields;
    const facts = fieldsFacts(own);
    const byFacts = wireNamesOf(own, facts);
    const top = new Map(Object.entries(typed.fields).map(([key, def]) => [key, wireNameOf(key, def)]));
    w = {
      fields: renamed(facts, (key, f) => byFacts.get(f) ?? key, top),
      groups: (typed.groups ?? []).map((g) => renamedGroup(g, top)),
    };
    wireCache.set(typed, w);
  }
  return w;
}

/**
 * A generic resource's free-form `fields` (a bag) whose `type` has a typed spec: its members are checked by that
 * spec's facts, by their wire names (the common fields are typed inputs already). Without this, `PipelineAction` of
 * type KUBERNETES_SET_IMAGE without `image_tag` passed preview and failed at up.
 */
function typedBagFailures(spec: ActionSpec, news: Record<string, unknown>): CheckFailure[] {
  const typed = typedSpecFor(news.type);
  if (typed === undefined) return [];
  const failures: CheckFailure[] = [];
  for (const [bagKey, bagDef] of Object.entries(spec.fields)) {
    const bag = news[bagKey];
    if (bagDef.kind !== "bag" || isUnknown(bag) || (bag !== undefined && !isPlainObject(bag))) continue;
    // Root conditions may name a common field (trigger_time): the action as Buddy would see it.
    const action: Record<string, unknown> = { ...(bag ?? {}) };
    for (const [key, def] of wireFields(spec))
      if (def.kind !== "bag" && news[key] !== undefined) action[wireNameOf(key, def)] = toWire(def, news[key]);
    const { fields, groups } = ownWireFacts(typed, spec);
    const forType = (v: Violation): Violation =>
      v.problem === "is required" ? { ...v, problem: `is required for type ${String(news.type)}` } : v;
    failures.push(...violations(fields, groups, action, { isUnknown }).map(forType).map(toFailure(bagKey)));
  }
  return failures;
}

/** check's failures for a resource's new inputs. Inputs are never modified (no defaults are added). */
export function checkInputs(spec: ActionSpec, news: Record<string, unknown>): CheckFailure[] {
  const failures = unknownMembers(spec.fields, news, "", spec.unknownInputHint, ENGINE_KEYS);
  failures.push(...violations(specFacts(spec), spec.groups ?? [], news, { isUnknown }).map(toFailure("")));
  failures.push(...patternFailures(spec.fields, news));
  for (const rule of spec.rules ?? []) {
    for (const f of rule(news)) failures.push({ property: f.path, reason: f.reason });
  }
  failures.push(...typedBagFailures(spec, news));
  return failures;
}
