/**
 * Which spec a resource uses, from the hidden `__spec` input it records: a static table (spec-index.ts, generated
 * from the catalog) from key to a loader, so a spec module is loaded only when a resource of its type is used
 * (the provider process stays fast with 130+ types) and no file name is ever part of a stack's state.
 * Keys: every typed action's Buddy type ("SLACK"), and the values the first releases recorded, which stacks
 * still hold: "kubernetes-set-image", "tag-docker-image", "pipeline-action".
 */
import { ActionSpec, SPEC_KEY } from "./spec";
import { SPEC_KEY_BY_TYPE, SPEC_MODULES } from "./spec-index";

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The spec a resource's `__spec` names. Throws a clear error for anything else. */
export function loadSpec(key: unknown): ActionSpec {
  if (typeof key !== "string" || key === "") {
    throw new Error(
      `Invalid ${SPEC_KEY} ${JSON.stringify(key)}: every pulumi-buddy-actions resource records which action type it is; ` +
        `was this resource created by its resource class?`,
    );
  }
  if (!has(SPEC_MODULES, key)) {
    throw new Error(
      `Unknown action spec ${JSON.stringify(key)} (${SPEC_KEY}): this version of pulumi-buddy-actions has no such action type`,
    );
  }
  return SPEC_MODULES[key]();
}

/** The spec `__spec` names, or undefined when it names none. */
export function findSpec(key: unknown): ActionSpec | undefined {
  return typeof key === "string" && has(SPEC_MODULES, key) ? SPEC_MODULES[key]() : undefined;
}

/** The typed spec of Buddy's `type` (PROMOTE_IMAGE → TagDockerImageAction's), undefined when none is typed. */
export function specForType(actionType: unknown): ActionSpec | undefined {
  return typeof actionType === "string" && has(SPEC_KEY_BY_TYPE, actionType)
    ? loadSpec(SPEC_KEY_BY_TYPE[actionType])
    : undefined;
}
