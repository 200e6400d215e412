/**
 * The provider of TagDockerImageAction. This object IS this module's `module.exports`, so Pulumi stores it in state as one
 * `require("pulumi-buddy-actions/dist/provider/providers/tag-docker-image.js")` line instead of a copy of its code.
 */
import { actionProvider } from "../engine/provider";
import { tagDockerImageSpec } from "../specs/tag-docker-image";

export = actionProvider(tagDockerImageSpec);
