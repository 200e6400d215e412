/**
 * PROMOTE_IMAGE, "Tag Docker Image" (Buddy's API reference), with the `src`/`dest` image locations described in
 * Buddy's YAML reference.
 */
import { RuleFailure, enumOf, flag, object, text } from "./field";
import { commonFields, locationFields, onFailureRule } from "./common";
import { defineSpec } from "./spec";
import { DOCKER_REGISTRIES } from "./enums";
import { isPlainObject, isUnknown } from "../wire/values";

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

/** The members every image location has besides `dockerRegistry` and `image` (whose requiredness differs). */
const locationMembers = {
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
};

/** `src`: always names its registry and image. */
const srcLocation = object(
  {
    /** The registry: DOCKER_HUB, AMAZON_ECR, GOOGLE_ARTIFACT_REGISTRY, GITHUB_CONTAINER_REGISTRY or OTHER. */
    dockerRegistry: enumOf(DOCKER_REGISTRIES, { required: true }),
    /** The image's name (repository), e.g. "nginx" or "my-org/web". */
    image: text({ required: true }),
    ...locationMembers,
  },
  { required: true, rules: locationRules },
);

/**
 * `dest`: with `sameLocation` true the image is retagged inside `src`'s registry, so only `tag` is needed (Buddy's
 * docs: "`tag` (in `dest`, required when `same_location` is true)"); otherwise `dockerRegistry` and `image` are
 * required as in `src`. Both rules are spec rules (destRule below) because they depend on `sameLocation`.
 */
const destLocation = object(
  {
    /**
     * The registry: DOCKER_HUB, AMAZON_ECR, GOOGLE_ARTIFACT_REGISTRY, GITHUB_CONTAINER_REGISTRY or OTHER. Required
     * unless `sameLocation` is true.
     */
    dockerRegistry: enumOf(DOCKER_REGISTRIES),
    /** The image's name (repository), e.g. "nginx" or "my-org/web". Required unless `sameLocation` is true. */
    image: text(),
    ...locationMembers,
  },
  { required: true, rules: locationRules },
);

export const tagDockerImageFields = {
  ...locationFields,
  ...commonFields,
  /**
   * If set to true, promotes the image within the same registry (only the tag changes). If false, promotes
   * between different registries. Buddy's default: false.
   */
  sameLocation: flag({ default: false }),
  /** The source Docker image location. */
  src: srcLocation,
  /**
   * The destination Docker image location. With `sameLocation` true only `tag` is required (the image stays in
   * `src`'s registry); otherwise `dockerRegistry` and `image` are required.
   */
  dest: destLocation,
  /** If set to true, allows connection to insecure Docker registries. Buddy's default: false. */
  insecureRegistry: flag({ default: false }),
};

/**
 * What `dest` needs, by `sameLocation` (buddy-api.md; the emulator's checkLocation applies the same rule):
 * - true: `tag` ("required when same_location is true"); `dockerRegistry` and `image` may be left out;
 * - false or unset (Buddy's default false): `dockerRegistry` and `image`, as in `src`.
 * Skipped while `sameLocation` or `dest` is unknown (preview): checked again at `pulumi up`.
 */
function destRule(inputs: Record<string, unknown>): RuleFailure[] {
  const dest = inputs.dest;
  if (isUnknown(inputs.sameLocation) || !isPlainObject(dest)) return [];
  const missing = (member: string): boolean => dest[member] === undefined || dest[member] === null;
  if (inputs.sameLocation === true) {
    return missing("tag") ? [{ path: "dest.tag", reason: "is required when sameLocation is true" }] : [];
  }
  return ["dockerRegistry", "image"].filter(missing).map((member) => ({ path: `dest.${member}`, reason: "is required" }));
}

export const tagDockerImageSpec = defineSpec({
  file: "tag-docker-image",
  resourceType: "TagDockerImageAction",
  actionType: "PROMOTE_IMAGE",
  fields: tagDockerImageFields,
  rules: [onFailureRule, destRule],
  unknownInputHint: "typed resources accept only their documented fields; use PipelineAction for others",
});
