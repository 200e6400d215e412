/**
 * Any Buddy action type. `type` is an input (any upper-case type name: Buddy's type names differ between doc
 * versions, so an unknown type is never refused); the common fields are typed and checked; the type's own fields go
 * in `fields` with Buddy's own (snake_case) names and are sent as they are. When `type` has a typed spec
 * (KUBERNETES_SET_IMAGE...), check validates `fields` against that spec (engine/validate.ts).
 */
import { RuleFailure, bag } from "./field";
import { commonFields } from "./from-catalog";
import { ActionSpec, READ_ONLY_WIRE_FIELDS, locationFields, typeField } from "./spec";
import { toWireName } from "../wire/names";
import { isPlainObject } from "../wire/values";

export const pipelineActionFields = {
  ...locationFields,
  ...typeField,
  ...commonFields(),
  /**
   * The action type's own fields, with Buddy's names (e.g. `{ channel_name: "#deploys", content: "Done" }`), sent as
   * they are. The whole `fields` object is secret in state when it holds a member the typed resource of `type` keeps
   * secret (a `KUBERNETES_SET_IMAGE` `content`), a member whose name says credential (`password`, `api_token`, ...)
   * or a value wrapped in `pulumi.secret(...)`.
   */
  fields: bag(),
};

/** Typed inputs have one spelling: a `fields` key naming one of them (either spelling) is a mistake. */
const RESERVED: ReadonlyMap<string, string> = new Map(
  [...Object.keys(typeField), ...Object.keys(commonFields())].flatMap((name): Array<[string, string]> => [
    [name, name],
    [toWireName(name), name],
  ]),
);

function fieldsCollisionRule(inputs: Record<string, unknown>): RuleFailure[] {
  const fields = inputs.fields;
  if (!isPlainObject(fields)) return [];
  const failures: RuleFailure[] = [];
  for (const key of Object.keys(fields)) {
    const input = RESERVED.get(key);
    if (input !== undefined) {
      failures.push({
        path: `fields.${key}`,
        reason: `collides with the common field ${input}: set it as the ${input} input`,
      });
    } else if (READ_ONLY_WIRE_FIELDS.includes(key)) {
      failures.push({ path: `fields.${key}`, reason: "is a read-only field set by Buddy and cannot be sent" });
    }
  }
  return failures;
}

export const pipelineActionSpec: ActionSpec = {
  file: "pipeline-action",
  resourceType: "PipelineAction",
  fields: pipelineActionFields,
  rules: [fieldsCollisionRule],
  unknownInputHint: "put the action type's own fields in `fields`, with Buddy's names",
};
