/**
 * Which spec a resource uses, from the hidden `__spec` input it records. Keys: every typed action's Buddy type
 * ("SLACK"), the values the first releases recorded, which stacks still hold ("kubernetes-set-image",
 * "tag-docker-image": a catalog entry's `specKey`), and "pipeline-action". A type's spec is built from its catalog
 * entry on first use (from-catalog.ts), so the provider process reads only the types it serves, and no file name is
 * ever part of a stack's state: a key is read as a file name only when spelled as a Buddy type name.
 */
import { catalogType, catalogTypes, specOf } from "./from-catalog";
import { pipelineActionSpec } from "./pipeline-action";
import { ActionSpec, SPEC_KEY } from "./spec";

/** Specs built so far, by every key that names them (their `file`, their Buddy type). */
const built = new Map<string, ActionSpec>([[pipelineActionSpec.file, pipelineActionSpec]]);
/** Keys that are no catalog type's name (the first releases'), read from the whole catalog once. */
let otherKeys: Map<string, string> | undefined;

function keep(spec: ActionSpec): ActionSpec {
  const had = built.get(spec.file);
  if (had) return had;
  built.set(spec.file, spec);
  if (spec.actionType !== undefined) built.set(spec.actionType, spec);
  return spec;
}

/** The spec of a key, undefined when it names none. */
function find(key: string): ActionSpec | undefined {
  const made = built.get(key);
  if (made) return made;
  const entry = catalogType(key);
  if (entry) return keep(specOf(entry));
  // A first release's key is usually its type in kebab case ("kubernetes-set-image"): try that entry before
  // reading the whole catalog (each provider process of a stack of such resources would pay for it).
  const guess = catalogType(key.toUpperCase().replace(/-/g, "_"));
  if (guess?.specKey === key) return keep(specOf(guess));
  otherKeys ??= new Map(catalogTypes().flatMap((t) => (t.specKey ? [[t.specKey, t.type] as [string, string]] : [])));
  const type = otherKeys.get(key);
  return type === undefined ? undefined : find(type);
}

/** The spec a resource's `__spec` names. Throws a clear error for anything else. */
export function loadSpec(key: unknown): ActionSpec {
  if (typeof key !== "string" || key === "") {
    throw new Error(
      `Invalid ${SPEC_KEY} ${JSON.stringify(key)}: every pulumi-buddy-actions resource records which action type it is; ` +
        `was this resource created by its resource class?`,
    );
  }
  const spec = find(key);
  if (spec === undefined) {
    throw new Error(
      `Unknown action spec ${JSON.stringify(key)} (${SPEC_KEY}): this version of pulumi-buddy-actions has no such action type`,
    );
  }
  return spec;
}

/** The spec `__spec` names, or undefined when it names none. */
export function findSpec(key: unknown): ActionSpec | undefined {
  return typeof key === "string" && key !== "" ? find(key) : undefined;
}

/** The typed spec of Buddy's `type` (PROMOTE_IMAGE → TagDockerImageAction's), undefined when none is typed. */
export function specForType(actionType: unknown): ActionSpec | undefined {
  if (typeof actionType !== "string") return undefined;
  const spec = find(actionType);
  return spec?.actionType === actionType ? spec : undefined;
}
