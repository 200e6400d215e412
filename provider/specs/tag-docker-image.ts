/**
 * PROMOTE_IMAGE, "Tag Docker Image" (seed 002), with the `src`/`dest` image locations described in
 * ../shared/reference/buddy-api.md (Buddy's YAML reference).
 */
import { RuleFailure, enumOf, flag, object, text } from "./field";
import { commonFields, locationFields, onFailureRule } from "./common";
import { defineSpec } from "./spec";
import { DOCKER_REGISTRIES } from "./enums";
import { isPlainObject } from "../wire/values";

/** Which registries need which member (buddy-api.md): `registry` for GAR and OTHER, `region` for ECR. */
const NEEDS: ReadonlyArray<{ member: string; registries: readonly string[] }> = [
  { member: "registry", registries: ["GOOGLE_ARTIFACT_REGISTRY", "OTHER"] },
  { member: "region", registries: ["AMAZON_ECR"] },
];

function locationRules(location: Record<string, unknown>): RuleFailure[] {
  const registry = location.dockerRegistry;
  if (typeof registry !== "string") return []; // missing or unknown: reported (or skipped) by the member's own check
  return NEEDS.filter((n) => n.registries.includes(registry) && location[n.member] === undefined).map((n) => ({
    path: n.member,
    reason: `is required when dockerRegistry is ${n.registries.join(" or ")}`,
  }));
}

const imageLocation = object(
  {
    /** The registry: DOCKER_HUB, AMAZON_ECR, GOOGLE_ARTIFACT_REGISTRY, GITHUB_CONTAINER_REGISTRY or OTHER. */
    dockerRegistry: enumOf(DOCKER_REGISTRIES, { required: true }),
    /** The image's name (repository), e.g. "nginx" or "my-org/web". */
    image: text({ required: true }),
    /** The registry's host. Required for GOOGLE_ARTIFACT_REGISTRY and OTHER. */
    registry: text(),
    /** The AWS region. Required for AMAZON_ECR. */
    region: text(),
    /** The ID of the integration holding the registry's credentials (named registries). */
    integration: text(),
    /** The user name (OTHER without an integration). */
    username: text(),
    /** The password (OTHER without an integration). A location with a password is secret in state. */
    password: text({ secret: true }),
    /** The image tag. In `dest`, required when `sameLocation` is true. */
    tag: text(),
  },
  { required: true, rules: locationRules },
);

export const tagDockerImageFields = {
  ...locationFields,
  ...commonFields,
  /**
   * If set to true, promotes the image within the same registry (only the tag changes). If false, promotes
   * between different registries.
   */
  sameLocation: flag(),
  /** The source Docker image location. */
  src: imageLocation,
  /** The destination Docker image location. */
  dest: imageLocation,
  /** If set to true, allows connection to insecure Docker registries. */
  insecureRegistry: flag(),
};

/** "dest.tag is required when same_location is true" (buddy-api.md). */
function destTagRule(inputs: Record<string, unknown>): RuleFailure[] {
  const dest = inputs.dest;
  if (inputs.sameLocation !== true || !isPlainObject(dest) || dest.tag !== undefined) return [];
  return [{ path: "dest.tag", reason: "is required when sameLocation is true" }];
}

export const tagDockerImageSpec = defineSpec({
  file: "tag-docker-image",
  resourceType: "TagDockerImageAction",
  actionType: "PROMOTE_IMAGE",
  fields: tagDockerImageFields,
  rules: [onFailureRule, destTagRule],
  unknownInputHint: "typed resources accept only their documented fields; use PipelineAction for others",
});
