/**
 * What every action resource has: its location in Buddy, the `adopt` switch, and the fields common to every
 * action type (the request and response bodies of Buddy's API reference pages for actions).
 */
import { anyText, count, enumOf, flag, id, intRange, list, object, text } from "./field";
import {
  ACCESS_LEVELS,
  LEGACY_TRIGGER_CONDITIONS,
  RUN_NEXT,
  TRIGGER_CONDITIONS,
  TRIGGER_TIMES,
  VARIABLE_TYPES,
} from "./enums";

export { ACCESS_LEVELS, LEGACY_TRIGGER_CONDITIONS, RUN_NEXT, TRIGGER_CONDITIONS, TRIGGER_TIMES, VARIABLE_TYPES };

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
};

const triggerCondition = object({
  /** The kind of condition. */
  triggerCondition: enumOf(TRIGGER_CONDITIONS, { required: true }),
  /** Paths whose change triggers the action (ON_CHANGE_AT_PATH). */
  triggerConditionPaths: list(text()),
  /** The variable's key (VAR_IS, VAR_IS_NOT, VAR_CONTAINS, VAR_NOT_CONTAINS). */
  triggerVariableKey: text(),
  /** The variable's value to compare with. */
  triggerVariableValue: anyText(),
  /** Hours of the day (0-23) the action may run (DATETIME). */
  triggerHours: list(intRange(0, 23)),
  /** Days of the week (1 = Monday ... 7 = Sunday) the action may run (DATETIME). */
  triggerDays: list(intRange(1, 7)),
  /** The timezone of triggerHours/triggerDays, e.g. "UTC". */
  timezone: text(),
  /** The project of the pipeline that must have succeeded (SUCCESS_PIPELINE). */
  triggerProjectName: text(),
  /** The pipeline that must have succeeded (SUCCESS_PIPELINE). */
  triggerPipelineName: text(),
  /** The user (email) who must or must not have triggered the run (TRIGGERING_USER_IS[_NOT]). */
  triggerUser: text(),
  /** The group the triggering user must or must not be in (TRIGGERING_USER_IS[_NOT]_IN_GROUP). */
  triggerGroup: text(),
});

const variable = object({
  /** The name of the variable. */
  key: text({ required: true }),
  /** The value of the variable. Secret when `encrypted` is true. */
  value: anyText({ secretWhen: { field: "encrypted", equals: true } }),
  /** The type of the variable: VAR or SSH_KEY. */
  type: enumOf(VARIABLE_TYPES),
  /** If true, the value is stored encrypted (and kept secret in state). */
  encrypted: flag(),
  /** If true, the value may be changed when a run is started. */
  settable: flag(),
  /** A description of the variable. */
  description: anyText(),
  /** SSH_KEY: where the key file is placed (e.g. CONTAINER, NONE). */
  filePlace: text(),
  /** SSH_KEY: the file's name. */
  fileName: text(),
  /** SSH_KEY: the file's path. */
  filePath: text(),
  /** SSH_KEY: the file's permissions, e.g. "600". */
  fileChmod: text(),
  /** SET_VARIABLES / WAIT_FOR_VARIABLES: a file in the pipeline's filesystem whose lines are the value's choices. */
  initPath: text(),
  /** SET_VARIABLES / WAIT_FOR_VARIABLES: the value's choices, one per line. */
  defaults: anyText(),
});

const grant = object({
  /** The ID of the user or group. */
  id: id({ required: true }),
  /** The access level: DEFAULT, DENIED, READ_ONLY, RUN_ONLY or READ_WRITE. */
  accessLevel: enumOf(ACCESS_LEVELS, { required: true }),
});

/** The fields every action type has (`type` is set by each resource; PipelineAction takes it as an input). */
export const commonFields = {
  /** The name of the action. */
  name: text({ required: true }),
  /** Specifies when the action should be executed. Buddy's default: ON_EVERY_EXECUTION. */
  triggerTime: enumOf(TRIGGER_TIMES, { default: "ON_EVERY_EXECUTION" }),
  /** The list of trigger conditions to meet so that the action can be triggered. */
  triggerConditions: list(triggerCondition),
  /**
   * The single condition of the older API pages, sent by accounts created then: ALWAYS, ON_CHANGE,
   * ON_CHANGE_AT_PATH, VAR_IS, VAR_IS_NOT, VAR_CONTAINS or VAR_NOT_CONTAINS. Newer pages use triggerConditions.
   */
  triggerCondition: enumOf(LEGACY_TRIGGER_CONDITIONS),
  /** Defines whether the action should run in parallel with the next one. Buddy's default: WAIT_ON_SUCCESS. */
  runNext: enumOf(RUN_NEXT, { default: "WAIT_ON_SUCCESS" }),
  /**
   * Defines whether the action should be executed on each failure. Restricted to and required if the
   * triggerTime is ON_FAILURE.
   */
  runOnlyOnFirstFailure: flag({
    rules: [
      { requiredWhen: { field: "triggerTime", equals: "ON_FAILURE" } },
      { allowedOnlyWhen: { field: "triggerTime", equals: "ON_FAILURE" } },
    ],
  }),
  /** The list of variables you can use in the action. An encrypted variable makes the list secret in state. */
  variables: list(variable),
  /** When set to true the action is disabled. By default it is set to false. */
  disabled: flag({ default: false }),
  /** The timeout in seconds. Buddy's default: 0 (no timeout of the action's own). */
  timeout: count({ default: 0 }),
  /**
   * If set to true the execution will proceed, mark action as a warning and jump to the next action. Doesn't
   * apply to deployment actions. Buddy's default: false.
   */
  ignoreErrors: flag({ default: false }),
  /** Number of retries if the action fails. Buddy's default: 0. */
  retryCount: count({ default: 0 }),
  /** Delay time between auto retries in seconds. Buddy's default: 0. */
  retryInterval: count({ default: 0 }),
  /** The list of commands that will be executed in a loop. */
  loop: list(text()),
  /**
   * The numerical ID of the action, after which this action should be added (pass another action's
   * `actionId` to order actions). Buddy does not report it back, so it is not checked for drift.
   */
  afterActionId: id({ writeOnly: true }),
  /** Access permissions configuration. */
  permissions: object({
    /** Access level of everyone not listed. */
    others: enumOf(ACCESS_LEVELS),
    /** Per-user access levels. */
    users: list(grant),
    /** Per-group access levels. */
    groups: list(grant),
  }),
};
