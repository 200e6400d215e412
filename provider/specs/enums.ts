/**
 * The enum values of the fields every action has (Buddy's API reference pages for actions), for common.ts. The
 * emulator reads the same facts from catalog/common.json, and test/unit/catalog/common.test.ts keeps the two
 * equal. Each action type's own enums are in its catalog entry (catalog/types/).
 */

export const TRIGGER_TIMES = [
  "ON_EVERY_EXECUTION",
  "ON_SUCCESS", // dropped from the newest docs, still accepted (older pages and existing actions use it)
  "ON_FAILURE",
  "ON_BACK_TO_SUCCESS",
  "ON_WARNING",
  "ON_WAIT_FOR_APPROVE",
  "ON_TERMINATE",
] as const;

export const RUN_NEXT = ["WAIT_ON_SUCCESS", "IN_SOFT_PARALLEL", "IN_HARD_PARALLEL"] as const;

export const TRIGGER_CONDITIONS = [
  "ON_CHANGE",
  "ON_CHANGE_AT_PATH",
  "VAR_IS",
  "VAR_IS_NOT",
  "VAR_CONTAINS",
  "VAR_NOT_CONTAINS",
  "DATETIME",
  "SUCCESS_PIPELINE",
  "TRIGGERING_USER_IS",
  "TRIGGERING_USER_IS_NOT",
  "TRIGGERING_USER_IS_IN_GROUP",
  "TRIGGERING_USER_IS_NOT_IN_GROUP",
] as const;

/** The older pages' single `trigger_condition` (before `trigger_conditions`): ALWAYS, or one condition's kind. */
export const LEGACY_TRIGGER_CONDITIONS = [
  "ALWAYS",
  "ON_CHANGE",
  "ON_CHANGE_AT_PATH",
  "VAR_IS",
  "VAR_IS_NOT",
  "VAR_CONTAINS",
  "VAR_NOT_CONTAINS",
] as const;

export const VARIABLE_TYPES = ["VAR", "SSH_KEY"] as const;

export const ACCESS_LEVELS = ["DEFAULT", "DENIED", "READ_ONLY", "RUN_ONLY", "READ_WRITE"] as const;
