/**
 * The enum values Buddy documents for action fields (its API reference pages for actions).
 * One list per fact: the provider's specs validate inputs against them and the emulator validates request bodies
 * against the same lists, so the two can never disagree about what Buddy accepts.
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

export const VARIABLE_TYPES = ["VAR", "SSH_KEY"] as const;

export const ACCESS_LEVELS = ["DEFAULT", "DENIED", "READ_ONLY", "RUN_ONLY", "READ_WRITE"] as const;

/** KUBERNETES_SET_IMAGE `record_arg`. */
export const RECORD_ARGS = ["TRUE", "FALSE", "NOT_SET"] as const;

/** KUBERNETES_SET_IMAGE's older request model: `auth_type`. */
export const KUBERNETES_AUTH_TYPES = ["BASIC", "TOKEN", "CERTS"] as const;

/** PROMOTE_IMAGE `src`/`dest` `docker_registry`. */
export const DOCKER_REGISTRIES = [
  "DOCKER_HUB",
  "AMAZON_ECR",
  "GOOGLE_ARTIFACT_REGISTRY",
  "GITHUB_CONTAINER_REGISTRY",
  "OTHER",
] as const;
