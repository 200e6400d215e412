/**
 * The provider of KubernetesSetImageAction. This object IS this module's `module.exports`, so Pulumi stores it in state as one
 * `require("pulumi-buddy-actions/dist/provider/providers/kubernetes-set-image.js")` line instead of a copy of its code.
 */
import { actionProvider } from "../engine/provider";
import { kubernetesSetImageSpec } from "../specs/kubernetes-set-image";

export = actionProvider(kubernetesSetImageSpec);
