/**
 * An action type's spec: everything the generic engine needs to check, diff, create, read, update and delete
 * it. The typed ones are built from the catalog's data when first used (specs/from-catalog.ts); the fields below
 * are the provider's own (where an action lives, `adopt`, PipelineAction's `type`), not Buddy's facts.
 */
import type { GroupRule } from "../../catalog/rules";
import { Fields, RuleFailure, actionTypeName, flag, id, text } from "./field";

export interface ActionSpec {
  /**
   * This spec's key in the registry (specs/registry.ts): Buddy's type for the catalog's types ("SLACK"); the
   * first releases' names for the three older ones ("kubernetes-set-image", "tag-docker-image", "pipeline-action").
   * Resources record it as the hidden input `__spec`, and the one provider finds the spec by it. Never a file name.
   */
  readonly file: string;
  /** Resource type name; the Pulumi type token is `pulumi-nodejs:dynamic/buddy:<resourceType>`. */
  readonly resourceType: string;
  /** Buddy's `type`; undefined for the generic resource, whose `type` is an input. */
  readonly actionType?: string;
  /** Every input: location, common and the type's own fields. */
  readonly fields: Fields;
  /**
   * The provider's own rules across fields (beyond the catalog's, which the fields carry as facts), run by check
   * after the catalog's.
   */
  readonly rules?: ReadonlyArray<(inputs: Record<string, unknown>) => RuleFailure[]>;
  /** The catalog's rules over several of the type's fields (exactly one of, at least one of), by input names. */
  readonly groups?: readonly GroupRule[];
  /** Why an unknown input is refused (differs between typed resources and the generic one). */
  readonly unknownInputHint: string;
}

/**
 * The hidden input (and output) naming a resource's spec by its `file`. The Pulumi CLI hides keys that start with
 * `__` from previews and diffs, like `__provider`.
 */
export const SPEC_KEY = "__spec";

/** Pulumi type tokens live in this module: pulumi-nodejs:dynamic/<TYPE_MODULE>:<resourceType>. */
export const TYPE_MODULE = "buddy";

/** The outputs every action resource has on top of its inputs. */
export interface ServerOutputs {
  /** The ID of the action in Buddy (pass it to another action's `afterActionId` to order actions). */
  actionId: number;
  /** API endpoint to GET this action. */
  url: string;
  /** Web URL to view this action in Buddy.works. */
  htmlUrl: string;
  /** The status of the last run of the action (INITIAL, SUCCESSFUL, FAILED, ...). */
  lastExecutionStatus: string;
}

/**
 * How each server output is read: the wire name is derived (wire/names.ts) unless given (Buddy's `id` is
 * `actionId`). Typed against ServerOutputs so the two cannot disagree.
 */
export const serverOutputs: { readonly [K in keyof ServerOutputs]: { readonly wire?: string } } = {
  actionId: { wire: "id" },
  url: {},
  htmlUrl: {},
  lastExecutionStatus: {},
};

/** Read-only, server-set wire fields (buddy-api.md): never sent in a request body, never an input. */
export const READ_ONLY_WIRE_FIELDS: readonly string[] = [
  "url",
  "html_url",
  "id",
  "current_revision",
  "last_execution_status",
  "pipeline",
];

/** Buddy's `type` as an input (PipelineAction): a change is a replace ("You can't change the type of an existing action"). */
export const typeField = {
  /**
   * The type of the action, e.g. "SLACK", "BUILD", "KUBERNETES_SET_IMAGE": any upper-case type name is accepted.
   * Changing it replaces the action: Buddy cannot change the type of an existing action.
   */
  type: actionTypeName({ required: true, replace: true }),
};

/** Where the action lives, plus `adopt`. A location change means a different action: replace. */
export const locationFields = {
  /** The human-readable ID of the workspace, e.g. "my-company". */
  workspace: text({ required: true, placement: "location", replace: true }),
  /** The human-readable ID of the project, e.g. "my-project". */
  projectName: text({ required: true, placement: "location", replace: true }),
  /** The ID of the pipeline, e.g. 123. */
  pipelineId: id({ required: true, placement: "location", replace: true }),
  /**
   * On create, take over the one existing action of the same name and type in the pipeline instead of adding a
   * new one (it is updated to the declared state and managed from then on). Several such actions are an error.
   * Default false. Pulumi's `import` does not work for dynamic resources; this and `get` are the ways in.
   */
  adopt: flag({ placement: "local" }),
  /**
   * On create, take over the existing action with this ID in the pipeline (it must be of this resource's type) instead
   * of adding a new one; the way to pick one when several actions share a name. Like `adopt`, it is updated to the
   * declared state and managed from then on; it is only read when the resource is created.
   */
  adoptActionId: id({ placement: "local" }),
};
